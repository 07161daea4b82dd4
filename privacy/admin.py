"""Deleting accounts and profiles in the admin goes through the workflows that keep the
categories' counts and the caches true (their admins are registered by lower apps)."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from accounts.admin import UserAdmin
from privacy.deletion import delete_account, delete_profile
from profiles.admin import ProfileAdmin
from profiles.models import Profile

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Profile)


@admin.register(User)
class MemberAdmin(UserAdmin):
    def delete_model(self, request, obj):
        delete_account(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            delete_account(user=user)


@admin.register(Profile)
class DeletableProfileAdmin(ProfileAdmin):
    def delete_model(self, request, obj):
        delete_profile(profile=obj)

    def delete_queryset(self, request, queryset):
        for profile in queryset:
            delete_profile(profile=profile)
