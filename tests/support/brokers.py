"""The project's Celery app on a real broker, for tests that run a worker."""

import contextlib
import uuid
from collections.abc import Iterator

import kombu.pools
import redis
from celery import Celery

from marketplace.celery import app


@contextlib.contextmanager
def project_app_on(broker_url: str) -> Iterator[Celery]:
    """The project's Celery app on `broker_url`, with a queue of this test's own."""
    queue = f"test-outbox-{uuid.uuid4().hex}"
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue", "broker_heartbeat")
    }
    app.conf.update(
        broker_url=broker_url,
        task_always_eager=False,
        task_default_queue=queue,
        # RabbitMQ's heartbeat, checked every half second, also wakes the worker's event loop,
        # which would otherwise notice that the test is over only after 10 s of polling.
        broker_heartbeat=1,
    )
    _forget_connections()
    try:
        yield app
    finally:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
        if broker_url.startswith("redis://"):
            # kombu keeps the queue's bindings in keys of their own.
            client = redis.Redis.from_url(broker_url)
            client.delete(*client.keys(f"*{queue}*"), "__never_empty__")
        app.conf.update(saved)
        _forget_connections()


def _forget_connections():
    # The app (and kombu, per broker) cache queues, routes and connection pools.
    kombu.pools.reset()
    app._pool = None
    app.__dict__.pop("amqp", None)
