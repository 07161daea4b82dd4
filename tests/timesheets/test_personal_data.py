"""Hourly work in the data export, and an account with unsettled weeks kept until settled."""

import pytest

from marketplace.personal_data import BLOCKERS, EXPORTERS
from tests.timesheets.conftest import log

pytestmark = pytest.mark.django_db


def test_the_export_has_the_contract_weeks_and_entries(carded, freelancer):
    log(carded, freelancer, "2", description="Interviews")
    records = EXPORTERS["hourly"](freelancer).records
    assert records["contracts"][0]["time_zone"] == "Europe/Berlin"
    assert records["time_entries"][0]["description"] == "Interviews"


def test_logged_time_not_yet_charged_blocks_erasure(carded, freelancer, hiring_client):
    assert BLOCKERS["hourly"](hiring_client) is None
    log(carded, freelancer, "2")
    for user in (freelancer, hiring_client):
        assert "not settled yet" in BLOCKERS["hourly"](user)
