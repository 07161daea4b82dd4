"""Storing, replacing and removing a profile's avatar, banner and resume.

Files and the row change together: new files are written first and the row is updated in a
transaction; if anything fails, the new files are deleted and the row is untouched. Old files
are deleted only once the new row is committed, so a page never points at a missing file.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction

from profiles.forms import AvatarForm, BannerForm, ResumeForm
from profiles.images import EncodedImage
from profiles.models import Profile


def _delete_files(files: list[tuple]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


def _replace(profile: Profile, new_files: dict[str, tuple[str, bytes]]) -> Profile:
    """Point `profile`'s file fields at new content: {field: (file name, bytes)}."""
    fields = list(new_files)
    old_names = {field: getattr(profile, field).name for field in fields}
    written: list[tuple] = []
    try:
        with transaction.atomic():
            for field, (name, content) in new_files.items():
                field_file = getattr(profile, field)
                field_file.save(name, ContentFile(content), save=False)
                written.append((field_file.storage, field_file.name))
            profile.save(update_fields=[*fields, "updated_at"])
            old_files = [(getattr(profile, f).storage, old_names[f]) for f in fields]
            transaction.on_commit(lambda: _delete_files(old_files))
    except BaseException:
        _delete_files(written)
        for field, name in old_names.items():
            getattr(profile, field).name = name
        raise
    return profile


def _remove(profile: Profile, fields: list[str]) -> Profile:
    old_files = [(getattr(profile, f).storage, getattr(profile, f).name) for f in fields]
    with transaction.atomic():
        for field in fields:
            setattr(profile, field, "")
        profile.save(update_fields=[*fields, "updated_at"])
        transaction.on_commit(lambda: _delete_files(old_files))
    return profile


def _file_stem(profile: Profile) -> str:
    # A fresh name per upload, so that browsers and proxies never show a cached old picture.
    return f"{profile.slug}-{secrets.token_hex(4)}"


def replace_avatar(*, profile: Profile, avatar: EncodedImage, thumbnail: EncodedImage) -> Profile:
    stem = _file_stem(profile)
    return _replace(
        profile,
        {
            "avatar": (f"{stem}.{avatar.extension}", avatar.content),
            "avatar_thumbnail": (f"{stem}-64.{thumbnail.extension}", thumbnail.content),
        },
    )


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


def _replace_avatar_with(profile: Profile, versions: tuple[EncodedImage, EncodedImage]) -> Profile:
    avatar, thumbnail = versions
    return replace_avatar(profile=profile, avatar=avatar, thumbnail=thumbnail)


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
    "avatar": ProfileFile(AvatarForm, _replace_avatar_with, remove_avatar),
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
