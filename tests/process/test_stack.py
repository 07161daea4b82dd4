"""The deployed shape, with real processes: two gunicorn web nodes, Celery workers, Redis as
the broker, moto's S3 server for media and a PostgreSQL database of the test's own (a copy
of the migrated test database).

One test walks through it in order (each step needs the previous one): a session made on
node A carries on on node B; an avatar uploaded on A is fetched through B's page; a quote
request's email waits for a worker and is delivered by it; a worker SIGKILLed in the middle
of sending leaves the email to the next worker, which delivers it exactly once.
"""

import io
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import requests
from PIL import Image

from tests.process.databases import database_url
from tests.s3 import CREDENTIALS, REGION, s3_client
from tests.servers import BIN, free_port, kill, moto_server, port_open, start, wait_until
from tests.upload_files import jpeg_bytes

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
# A task held by a lost worker is handed out again after this long (see settings).
VISIBILITY_TIMEOUT = 2

SEED = """
from tests.factories import ServiceFactory, UserFactory
ServiceFactory(
    owner__slug="elena", owner__display_name="Elena Marsh",
    owner__user__username="elena", owner__user__email="elena@example.com",
    title="I will write your news", slug="i-will-write-your-news",
)
UserFactory(username="sam", email="sam@example.com", first_name="Sam")
"""


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    process = start(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        log=tmp_path / "redis.log",
    )
    try:
        wait_until(lambda: port_open(port), timeout=10, what="redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        kill(process)


class Stack:
    """The processes of one test run, each started with the same environment."""

    def __init__(self, tmp_path: Path, env: dict):
        self.tmp_path = tmp_path
        self.env = env
        self.processes = []

    def run(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=60,
            capture_output=True,
        )

    def start(self, name: str, args: list[str]):
        process = start(args, log=self.tmp_path / f"{name}.log", env=self.env)
        self.processes.append(process)
        return process

    def web_node(self, name: str) -> str:
        port = free_port()
        self.start(
            name,
            [
                str(BIN / "gunicorn"),
                "marketplace.wsgi",
                f"--chdir={ROOT}",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--threads=2",
            ],
        )
        return f"http://127.0.0.1:{port}"

    def worker(self, name: str):
        return self.start(
            name,
            [
                str(BIN / "celery"),
                f"--workdir={ROOT}",
                "-A",
                "marketplace",
                "worker",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                f"--hostname={name}@%h",
            ],
        )

    def stop_all(self):
        for process in self.processes:
            kill(process)


def csrf_token(session: requests.Session, url: str) -> str:
    response = session.get(url, timeout=10)
    assert response.status_code == 200, response.status_code
    return session.cookies["csrftoken"]


def sign_in(session: requests.Session, node: str, email: str) -> None:
    token = csrf_token(session, f"{node}/accounts/login/")
    response = session.post(
        f"{node}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]


def api_token(node: str, email: str) -> dict:
    response = requests.post(
        f"{node}/api/v1/auth/token/", json={"email": email, "password": PASSWORD}, timeout=10
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Token {response.json()['token']}"}


def emails_in(folder: Path) -> list[str]:
    return [path.read_text() for path in sorted(folder.iterdir())] if folder.exists() else []


def emails_about(folder: Path, words: str) -> list[str]:
    return [email for email in emails_in(folder) if words in email]


def test_two_web_nodes_and_workers_share_sessions_media_and_the_email_queue(
    tmp_path, database, redis_url
):
    mail_dir = tmp_path / "mail"
    markers = tmp_path / "markers"
    markers.mkdir()
    with moto_server(tmp_path) as s3_endpoint:
        s3_client(s3_endpoint).create_bucket(Bucket="media")
        stack = Stack(
            tmp_path,
            {
                **os.environ,
                # Static files are beside the point here (DEBUG=0 would need collectstatic);
                # everything else is configured as in production.
                "DEBUG": "1",
                "SECRET_KEY": "process-test-" + uuid.uuid4().hex,
                "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": database_url(database),
                "REDIS_URL": redis_url,
                "CELERY_BROKER_URL": redis_url,
                "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
                "AWS_STORAGE_BUCKET_NAME": "media",
                "AWS_S3_ENDPOINT_URL": s3_endpoint,
                "AWS_S3_REGION_NAME": REGION,
                "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
                "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
                # Django's file-based backend, with a brake (see slow_email.py).
                "EMAIL_BACKEND": "tests.process.slow_email.EmailBackend",
                "EMAIL_FILE_PATH": str(mail_dir),
                "SLOW_EMAIL_MARKERS": str(markers),
                "PYTHONPATH": str(ROOT),
            },
        )
        try:
            node_a, node_b = stack.web_node("web-a"), stack.web_node("web-b")
            stack.run("shell", "-c", SEED)
            for node in (node_a, node_b):
                wait_until(lambda n=node: _answers(n), timeout=30, what=f"gunicorn at {node}")

            # Signed in on A, still signed in on B: sessions live in the shared database.
            elena = requests.Session()
            sign_in(elena, node_a, "elena@example.com")
            page = elena.get(f"{node_b}/dashboard/", allow_redirects=False, timeout=10)
            assert page.status_code == 200 and 'href="/freelancers/elena/"' in page.text

            # An avatar uploaded on A is stored in the bucket and shown by B.
            response = elena.post(
                f"{node_a}/dashboard/profile/avatar/",
                data={"csrfmiddlewaretoken": elena.cookies["csrftoken"]},
                files={"avatar": ("me.jpg", jpeg_bytes(), "image/jpeg")},
                allow_redirects=False,
                timeout=10,
            )
            assert response.status_code == 302
            profile = requests.get(f"{node_b}/freelancers/elena/", timeout=10).text
            src = re.search(rf'src="({re.escape(s3_endpoint)}/media/avatars/[^"]+)"', profile)
            assert src, "node B's profile page shows no avatar from the bucket"
            image = requests.get(src.group(1), timeout=10)
            assert image.status_code == 200
            assert Image.open(io.BytesIO(image.content)).format in {"JPEG", "PNG"}

            # A quote request on A: saved at once, its email waits for a worker.
            sam = api_token(node_a, "sam@example.com")
            quote = requests.post(
                f"{node_a}/api/v1/engagements/",
                json={"service": "i-will-write-your-news", "what": "A piece on the budget."},
                headers=sam,
                timeout=10,
            )
            assert quote.status_code == 201, quote.text
            time.sleep(0.5)
            assert emails_in(mail_dir) == []
            first = stack.worker("worker-1")
            (email,) = wait_until(
                lambda: emails_about(mail_dir, "New quote request from Sam"),
                timeout=30,
                what="the quote request email",
            )
            assert "To: elena@example.com" in email

            # A message sent on B; the worker sending its email is killed in the middle, and
            # a second worker (started meanwhile) delivers it once the task is visible again.
            workers = {first.pid: first, (second := stack.worker("worker-2")).pid: second}
            (markers / "hold").touch()
            sent = requests.post(
                f"{node_b}/api/v1/engagements/{quote.json()['id']}/messages/",
                json={"body": "Could you add two charts?"},
                headers=sam,
                timeout=10,
            )
            assert sent.status_code == 201, sent.text
            (started,) = wait_until(
                lambda: list(markers.glob("started-*")), timeout=30, what="the send to start"
            )
            # The marker names the pool process; its process group is its worker's.
            busy = workers[os.getpgid(int(started.name.removeprefix("started-")))]
            kill(busy, signal.SIGKILL)
            (markers / "hold").unlink()
            assert emails_about(mail_dir, "New message from Sam") == []
            if busy is second:
                stack.worker("worker-3")
            wait_until(
                lambda: emails_about(mail_dir, "New message from Sam"),
                timeout=30,
                what="the message email after the killed worker",
            )
            # Time for a second delivery of the task, were there one, to show.
            time.sleep(VISIBILITY_TIMEOUT + 1)
            assert len(emails_about(mail_dir, "New message from Sam")) == 1
            with psycopg.connect(database_url(database)) as connection:
                rows = connection.execute(
                    "SELECT attempts, sent_at IS NOT NULL FROM outbox_outgoingemail "
                    "WHERE subject LIKE 'New message from Sam%%'"
                ).fetchall()
            assert rows == [(1, True)]
        finally:
            stack.stop_all()


def _answers(node: str) -> bool:
    try:
        return requests.get(f"{node}/", timeout=5).status_code == 200
    except requests.RequestException:
        return False
