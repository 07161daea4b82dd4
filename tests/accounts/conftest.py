import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call a function (a request, a workflow) and run what waits for its commit: the
    outbox's emails, allauth's signals after a second factor is added, queued tasks."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
