"""`make run` without a Stripe key: a local test-mode Stripe, so the whole flow works offline."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

DEFAULT_PORT = 8420
# The webhook secret the local server signs with when none is configured.
LOCAL_WEBHOOK_SECRET = "whsec_local_test_mode"


class Command(BaseCommand):
    help = (
        "Without STRIPE_SECRET_KEY: start localstripe (a local test-mode Stripe) on --port "
        "unless something answers there, register the site's webhook with it, and print the "
        "settings that point the site at it (STRIPE_API_BASE=... STRIPE_WEBHOOK_SECRET=...). "
        "With a key configured, print nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=DEFAULT_PORT)
        parser.add_argument(
            "--webhook-url",
            default="http://127.0.0.1:8000/payments/stripe/webhook/",
            help="Where the local server sends its signed events.",
        )

    def handle(self, *args, port, webhook_url, **options):
        if settings.STRIPE_SECRET_KEY and not settings.STRIPE_API_BASE:
            return  # real Stripe
        base = settings.STRIPE_API_BASE or f"http://127.0.0.1:{port}"
        parts = urlsplit(base)
        if parts.hostname not in ("127.0.0.1", "localhost"):
            self.stdout.write(f"STRIPE_API_BASE={base}")
            return
        if not _answers(parts.hostname, parts.port or port):
            program = shutil.which("localstripe", path=str(Path(sys.executable).parent))
            if program is None:
                self.stderr.write(
                    "localstripe is not installed (it is in the dev extra): card payments are "
                    "off. Set STRIPE_SECRET_KEY to use Stripe."
                )
                return
            log = open(Path(settings.BASE_DIR) / "localstripe.log", "ab")  # noqa: SIM115
            subprocess.Popen(
                [program, "--port", str(parts.port or port), "--from-scratch"],
                stdout=log,
                stderr=log,
                start_new_session=True,  # outlives this command, like a service
            )
            _wait(parts.hostname, parts.port or port)
            self.stderr.write(f"Started a local test-mode Stripe at {base} (localstripe.log).")
        secret = settings.STRIPE_WEBHOOK_SECRET or LOCAL_WEBHOOK_SECRET
        body = urllib.parse.urlencode({"url": webhook_url, "secret": secret}).encode()
        urllib.request.urlopen(f"{base}/_config/webhooks/site", data=body, timeout=5)
        self.stdout.write(f"STRIPE_API_BASE={base} STRIPE_WEBHOOK_SECRET={secret}")


def _answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _wait(host: str, port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not _answers(host, port):
        if time.monotonic() > deadline:
            raise TimeoutError(f"localstripe did not start on port {port}")
        time.sleep(0.1)
