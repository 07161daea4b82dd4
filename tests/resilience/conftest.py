"""The API tests' cast (a freelancer with a published service, a client) serves here too."""

from tests.api.conftest import (  # noqa: F401
    api,
    articles,
    as_user,
    freelancer,
    hiring_client,
    news_writing,
    profile,
    service,
)
