from allauth.usersessions.models import UserSession
from rest_framework import serializers

from accounts.devices import describe_device
from accounts.models import ApiToken
from marketplace.api.form_serializers import StrictSerializer

DEFAULT_TOKEN_NAME = "API token"


class TokenRequestSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    name = serializers.CharField(
        max_length=80,
        required=False,
        default=DEFAULT_TOKEN_NAME,
        help_text="What will use the token, to tell your tokens apart (default: “API token”).",
    )
    code = serializers.CharField(
        max_length=64,
        required=False,
        help_text="Required when the account has two-factor sign-in: a code from the "
        "authenticator app, or an unused recovery code.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True,
        help_text="Send it as `Authorization: Token <token>`. Shown this once: only a digest "
        "is stored.",
    )
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at"]
        extra_kwargs = {"prefix": {"help_text": "The key's first characters."}}


class SessionSerializer(serializers.ModelSerializer):
    device = serializers.SerializerMethodField(
        help_text="Browser and system, e.g. “Chrome 120 on Windows”."
    )
    place = serializers.SerializerMethodField(
        help_text="Country code a proxy reported at sign-in, or empty when unknown."
    )
    current = serializers.SerializerMethodField(help_text="Whether this request uses it.")

    class Meta:
        model = UserSession
        fields = [
            "id",
            "device",
            "user_agent",
            "ip",
            "place",
            "created_at",
            "last_seen_at",
            "current",
        ]

    def get_device(self, session: UserSession) -> str:
        return describe_device(session.user_agent)

    def get_place(self, session: UserSession) -> str:
        return session.data.get("country", "")

    def get_current(self, session: UserSession) -> bool:
        request = self.context["request"]
        return session.session_key == request.session.session_key
