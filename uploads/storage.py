"""Where resumes are kept: `STORAGES["private"]`, never reachable by a public URL.

Locally that is PRIVATE_MEDIA_ROOT on disk; with S3 it is a private bucket or prefix (see
settings). Either way the resume download view is the only way in, with its own rules.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateMediaStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (resumes): no public URL, served only by a view.

    The location is read from settings on every use, so tests and deployments can move it.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


class _PrivateStorage(LazyObject):
    # Resolved on first use, not when the model is defined: STORAGES may change (tests).
    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    """The storage of `Profile.resume` (a callable, so migrations do not record the backend)."""
    return _private
