"""The jobs cast: Sam's open job in Elena's category, and Elena's proposal on it."""

import pytest

from tests.factories import JobPostFactory, ProposalFactory


@pytest.fixture
def job(hiring_client, articles, news_writing):
    """Sam's open, public job for news articles."""
    return JobPostFactory(
        client=hiring_client,
        title="Five articles on local elections",
        category=articles,
        skills=[news_writing],
    )


@pytest.fixture
def proposal(job, service):
    """Elena's proposal on Sam's job."""
    return ProposalFactory(job=job, service=service)
