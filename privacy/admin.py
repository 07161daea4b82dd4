"""Deleting accounts and profiles in the admin goes through the workflows that keep the
categories' counts and the caches true (their admins are registered by lower apps)."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from accounts.admin import UserAdmin
from accounts.erasure import delete_account
from marketplace.admin import WorkflowDeleteAdmin
from privacy.deletion import delete_profile
from profiles.admin import ProfileAdmin
from profiles.models import Profile

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Profile)


@admin.register(User)
class MemberAdmin(WorkflowDeleteAdmin, UserAdmin):
    """Deleting an account here erases it as the member's own deletion does: what others rely
    on (reviews, engagements) stays, signed "Former member"."""

    def delete_with_workflow(self, obj) -> None:
        delete_account(user=obj, request=None)


@admin.register(Profile)
class DeletableProfileAdmin(WorkflowDeleteAdmin, ProfileAdmin):
    def delete_with_workflow(self, obj) -> None:
        delete_profile(profile=obj)
