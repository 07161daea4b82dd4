"""The same cast as the hiring tests: reviews follow engagements."""

from tests.engagements.conftest import (  # noqa: F401
    as_user,
    engagement,
    engagement_in,
    freelancer,
    hiring_client,
    outsider,
    service,
    staff,
)
