"""kombu's Redis transport, with the one failure that stopped workers answered as what it is.

When Redis goes away, the worker's consumer closes its broker connection and connects anew.
Closing detaches the old transport from its connection (`transport.client = None`) and the
channels from the transport. A channel of the old connection that then needed a Redis client
(to hand back its unacknowledged messages while closing, or to acknowledge a task that
finished meanwhile) read the detached client's host name and raised AttributeError:
"Unrecoverable error", and the worker exited (issue 27; seen in tests/process/
test_supervision.py). Here it is a ConnectionError, which kombu and Celery already handle:
that close or acknowledgement is given up, the worker reconnects, and the messages it held
go back to the queue after the visibility timeout (their tasks are idempotent).
"""

from kombu.transport import redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(redis.Channel):
    def _connparams(self, asynchronous=False):
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("The broker connection of this channel is closed.")
        return super()._connparams(asynchronous=asynchronous)


class Transport(redis.Transport):
    Channel = Channel
