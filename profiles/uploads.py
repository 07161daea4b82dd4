"""Storing, replacing and removing a profile's avatar, banner and resume.

Files and the row change together: new files are written first and the row is updated in a
transaction; if anything fails, the new files are deleted and the row is untouched. Old files
are deleted only once the new row is committed, so a page never points at a missing file.
The old files are the ones the row names when it is locked for the update, not the ones the
request read earlier: of twenty replacements at once, each deletes exactly the file the one
before it stored, and no file is left that no row names.

An avatar's 64 px thumbnail is derived by a worker after the commit (pages show the avatar
itself until then).
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction

from marketplace.pagecache import catalogue_changed
from profiles.forms import AvatarForm, BannerForm, ResumeForm
from profiles.models import Profile
from uploads import images
from uploads.images import EncodedImage


def _delete_files(files: list[tuple]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


def _files_named_now(profile: Profile, fields: list[str]) -> list[tuple]:
    """(storage, name) of what the row names in `fields`, locking it until the commit."""
    names = Profile.objects.select_for_update().values(*fields).get(pk=profile.pk)
    return [(getattr(profile, field).storage, names[field]) for field in fields]


def _replace(
    profile: Profile, new_files: dict[str, tuple[str, bytes]], cleared: tuple[str, ...] = ()
) -> Profile:
    """Point `profile`'s file fields at new content: {field: (file name, bytes)}; empty the
    `cleared` fields (their files are deleted with the old ones)."""
    fields = [*new_files, *cleared]
    previous_names = {field: getattr(profile, field).name for field in fields}
    written: list[tuple] = []
    try:
        # Written before the lock is taken: storing in a bucket takes a while.
        for field, (name, content) in new_files.items():
            field_file = getattr(profile, field)
            field_file.save(name, ContentFile(content), save=False)
            written.append((field_file.storage, field_file.name))
        with transaction.atomic():
            old_files = _files_named_now(profile, fields)
            for field in cleared:
                setattr(profile, field, "")
            profile.save(update_fields=[*fields, "updated_at"])
            catalogue_changed()
            transaction.on_commit(lambda: _delete_files(old_files))
    except BaseException:
        _delete_files(written)
        for field, name in previous_names.items():
            getattr(profile, field).name = name
        raise
    return profile


def _remove(profile: Profile, fields: list[str]) -> Profile:
    with transaction.atomic():
        old_files = _files_named_now(profile, fields)
        for field in fields:
            setattr(profile, field, "")
        profile.save(update_fields=[*fields, "updated_at"])
        catalogue_changed()
        transaction.on_commit(lambda: _delete_files(old_files))
    return profile


def _file_stem(profile: Profile) -> str:
    # A fresh name per upload, so that browsers and proxies never show a cached old picture.
    return f"{profile.slug}-{secrets.token_hex(4)}"


def replace_avatar(*, profile: Profile, avatar: EncodedImage) -> Profile:
    from profiles.tasks import make_avatar_thumbnail  # the task module imports this one

    name = f"{_file_stem(profile)}.{avatar.extension}"
    _replace(profile, {"avatar": (name, avatar.content)}, cleared=("avatar_thumbnail",))
    stored = profile.avatar.name
    make_avatar_thumbnail.delay_on_commit(profile_id=profile.pk, avatar_name=stored)
    return profile


def add_avatar_thumbnail(*, profile_id: int, avatar_name: str) -> bool:
    """Store the thumbnail of the avatar `avatar_name`; True if this call stored it.

    Nothing happens when the avatar has changed since or already has its thumbnail, and the
    thumbnail's name follows from the avatar's, so a repeated or late run changes nothing.
    """
    profile = Profile.objects.filter(pk=profile_id, avatar=avatar_name).first()
    if profile is None or profile.avatar_thumbnail:
        return False
    try:
        with profile.avatar.open("rb") as stored:
            thumbnail = images.avatar_thumbnail(stored.read())
    except FileNotFoundError:
        return False  # replaced (and deleted) since the row was read
    stem = avatar_name.rsplit(".", 1)[0]
    name = f"{stem}-64.{thumbnail.extension}"
    storage = profile.avatar_thumbnail.storage
    if not storage.exists(name):  # else a run that died before the update below wrote it
        name = storage.save(name, ContentFile(thumbnail.content))
    updated = Profile.objects.filter(pk=profile_id, avatar=avatar_name, avatar_thumbnail="").update(
        avatar_thumbnail=name
    )
    if not updated and not Profile.objects.filter(pk=profile_id, avatar_thumbnail=name).exists():
        storage.delete(name)  # the avatar was replaced or removed meanwhile
    if updated:
        catalogue_changed()  # cards show the thumbnail
    return bool(updated)


def remove_avatar(*, profile: Profile) -> Profile:
    return _remove(profile, ["avatar", "avatar_thumbnail"])


def replace_banner(*, profile: Profile, banner: EncodedImage) -> Profile:
    return _replace(
        profile, {"banner": (f"{_file_stem(profile)}.{banner.extension}", banner.content)}
    )


def remove_banner(*, profile: Profile) -> Profile:
    return _remove(profile, ["banner"])


def replace_resume(*, profile: Profile, resume: bytes) -> Profile:
    return _replace(profile, {"resume": (f"{_file_stem(profile)}-resume.pdf", resume)})


def remove_resume(*, profile: Profile) -> Profile:
    return _remove(profile, ["resume"])


@dataclass(frozen=True)
class ProfileFile:
    """One of the profile's files, as the dashboard and the API handle it.

    The table's key names the file: the profile's field that holds it, and the one field of
    `form_class`; `replace` takes the profile and that form field's cleaned value.
    """

    form_class: type[forms.Form]
    replace: Callable[[Profile, object], Profile]
    remove: Callable[..., Profile]


PROFILE_FILES = {
    "avatar": ProfileFile(
        AvatarForm,
        lambda profile, avatar: replace_avatar(profile=profile, avatar=avatar),
        remove_avatar,
    ),
    "banner": ProfileFile(
        BannerForm,
        lambda profile, banner: replace_banner(profile=profile, banner=banner),
        remove_banner,
    ),
    "resume": ProfileFile(
        ResumeForm,
        lambda profile, resume: replace_resume(profile=profile, resume=resume),
        remove_resume,
    ),
}
