"""`LOG_FORMAT=json`: one JSON object per line, for log collectors.

Each line has the time (UTC, ISO 8601), level, logger, message and request id, the
exception's traceback as one string when there is one, and any `extra={...}` fields given
to the logging call.
"""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has: not "extra" fields of a particular call.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        for name, value in vars(record).items():
            if name not in STANDARD_ATTRIBUTES and name not in entry:
                entry[name] = value
        return json.dumps(entry, default=str)
