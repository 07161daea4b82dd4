"""The whole demo (`load_demo`), loaded once per module that asks for it: loading takes
seconds, and most demo tests only read it."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.support.module_data import copy_files, rolled_back_after_the_module


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, demo_files):
    """The demo, loaded once for the module (see rolled_back_after_the_module), with no
    Stripe at all whatever a developer's .env names: the demo's money moves without it."""
    with (
        rolled_back_after_the_module(django_db_blocker, demo_files),
        override_settings(STRIPE_SECRET_KEY="", STRIPE_API_BASE=""),
    ):
        call_command("load_demo", verbosity=0)
        yield


@pytest.fixture
def demo(loaded_demo, demo_files, settings):
    """The demo's rows, a copy of its pictures in the test's own media folder, and no
    Stripe for what the test does with them either."""
    copy_files(demo_files, settings)
    settings.STRIPE_SECRET_KEY = settings.STRIPE_API_BASE = ""
