import logging

from celery import shared_task

from reviews import publishing
from reviews.drift import find_drift, fix_drift

logger = logging.getLogger(__name__)


@shared_task
def recompute_reputation() -> int:
    """The nightly check that stored reputation matches the reviews; fixes and logs any drift."""
    drift = find_drift()
    for item in drift:
        logger.warning("Reputation drift: %s", item)
    if drift:
        fix_drift(drift)
    return len(drift)


@shared_task
def publish_closed_review_windows() -> int:
    """Publish the pending reviews whose review window has closed (double-blind's deadline)."""
    return publishing.publish_closed_review_windows()
