from rest_framework import serializers

from marketplace.api.form_serializers import StrictSerializer


class TokenRequestSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True, help_text="Send it as `Authorization: Token <token>`."
    )
