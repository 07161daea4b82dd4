"""The file-based email backend, with a brake the process test pulls to kill a worker mid-send.

While a file named `hold` exists in $SLOW_EMAIL_MARKERS, a send first leaves a `started-<pid>`
file there and then sleeps, so the test can SIGKILL the worker in the middle of the task.
$SLOW_EMAIL_SECONDS (if set) is how long every send takes, as over a slow mail server, so that
a worker under load always has tasks in hand. Without either, it is Django's file-based
backend unchanged.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased

SECONDS = 30


class EmailBackend(filebased.EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("SLOW_EMAIL_SECONDS") or 0))
        markers = Path(os.environ.get("SLOW_EMAIL_MARKERS") or "/nonexistent")
        if (markers / "hold").exists():
            (markers / f"started-{os.getpid()}").touch()
            time.sleep(SECONDS)
        return super().send_messages(email_messages)
