"""The schema's pattern for hours accepts exactly what the pages' forms accept."""

import re
from decimal import Decimal

import pytest

from timesheets.api.serializers import hours_pattern
from timesheets.forms import TermsForm
from timesheets.models import MAX_ENTRY_HOURS, MAX_WEEKLY_LIMIT

FRACTIONS = ["", ".0", ".00", ".25", ".5", ".50", ".75", ".1", ".05", ".250"]
ODD = ["0", "00", "01", "1.", "-1", ".5", " 1", "1e1", "0.0"]


def written_hours(top: int) -> list[str]:
    return [f"{whole}{fraction}" for whole in range(top + 12) for fraction in FRACTIONS] + ODD


def form_accepts(hours: str) -> bool:
    form = TermsForm(data={"hourly_rate": "15", "weekly_limit": hours})
    return form.is_valid()


@pytest.mark.parametrize("maximum", [MAX_ENTRY_HOURS, MAX_WEEKLY_LIMIT])
def test_the_pattern_takes_quarter_hours_from_a_quarter_to_the_maximum(maximum):
    pattern = re.compile(hours_pattern(maximum))
    assert pattern.match("0.25") and pattern.match(str(maximum)) and pattern.match("7.5")
    for hours in written_hours(int(maximum)):
        value = Decimal(hours) if re.fullmatch(r"\d+(\.\d+)?", hours) else None
        expected = (
            value is not None
            and Decimal("0.25") <= value <= maximum
            and value % Decimal("0.25") == 0
            and not re.match(r"0\d|\d+\.\d{3}", hours)
        )
        assert bool(pattern.match(hours)) == expected, hours


def test_the_weekly_limit_pattern_agrees_with_the_terms_form():
    pattern = re.compile(hours_pattern(MAX_WEEKLY_LIMIT))
    disagreements = [
        hours
        for hours in written_hours(int(MAX_WEEKLY_LIMIT))
        if pattern.match(hours) and not form_accepts(hours)
    ]
    assert disagreements == []
