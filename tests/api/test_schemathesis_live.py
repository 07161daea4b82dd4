"""schemathesis's own command against a live server: every check, every phase, stateful too.

The in-process run (test_schemathesis.py) calls the WSGI application directly, with a few
checks. This one starts Django's development server (wsgiref, stricter about headers than
gunicorn) on a free port, and runs `schemathesis run` as a client would: all checks,
including positive and negative data acceptance, unsupported methods and authentication,
through the examples, coverage, fuzzing and stateful phases, once anonymous (the operations
open to anonymous clients) and once with a token (every operation). Few examples per operation
and a fixed seed keep it within a few minutes.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from demo.seed import load_demo
from tests.factories import CompletedEngagementFactory, ReviewFactory, ServiceFactory, UserFactory
from tests.support.operations import signed_in_only
from tests.support.tokens import token_key_for

# The in-process run (test_schemathesis.py) fuzzes the API on both databases; this one, minutes
# long, runs in CI's PostgreSQL pass only.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.once_in_ci]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
HOOKS = "tests.api.schemathesis_hooks"
# A client's environment, not the test process's: the settings load the project's .env into
# it (some seventy variables), and `requests` scans every variable for proxies on each request,
# which took a fifth of the client's time.
CLIENT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "DJANGO_SETTINGS_MODULE")


@pytest.fixture
def marketplace(live_server, settings):
    """The demo marketplace, with a client's completed engagement and a review, and no
    throttling (it has its own tests): returns the demo freelancer."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
    }
    seed = load_demo()
    elena = seed.owner.user
    CompletedEngagementFactory(service=ServiceFactory(), client=elena)
    ReviewFactory(service=seed, author=UserFactory())
    return elena


def start_schemathesis(live_server, report_dir: Path, *options: str) -> subprocess.Popen:
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{live_server.url}/api/schema/?format=json",
        "--url",
        live_server.url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        "3",
        "--seed",
        "20261130",
        "--generation-database",
        "none",
        "--suppress-health-check",
        "all",
        "--workers",
        "1",
        "--no-color",
        "--report-dir",
        str(report_dir),
    ]
    command += options
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**_client_environment(), "SCHEMATHESIS_HOOKS": HOOKS},
    )


def _client_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in CLIENT_VARIABLES if name in os.environ}


def test_schemathesis_finds_nothing_anonymous_or_with_a_token(live_server, marketplace, tmp_path):
    key = token_key_for(marketplace)
    clients = {
        # Thousands of generated bodies sent to the signed-in operations would each come back
        # 401 (the access matrices and the in-process run check that answer): the anonymous
        # run takes the operations open to it, the token run every one.
        "anonymous": [
            option
            for operation in signed_in_only()
            for option in ("--exclude-operation-id", operation)
        ],
        # Revoking its own token would leave the rest of the run anonymous: no run here calls
        # that operation (it is signed-in only); tests/api/test_auth.py revokes a token.
        "token": (
            "--header",
            f"Authorization: Token {key}",
            "--exclude-operation-id",
            "auth_token_revoke",
        ),
    }
    # Both runs at once (the server is threaded): half the wait on two cores.
    runs = {
        name: start_schemathesis(live_server, tmp_path / name, *options)
        for name, options in clients.items()
    }
    outputs = {name: run.communicate(timeout=900)[0] for name, run in runs.items()}
    for name, run in runs.items():
        output = outputs[name]
        failures = output[output.find("=== FAILURES") :] if "=== FAILURES" in output else output
        assert run.returncode == 0, f"{name}:\n{failures[-12_000:]}"
