"""Log records as one JSON object a line, so errors can be searched and aggregated."""

import json
import logging
from datetime import UTC, datetime

STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["request"] = {"method": request.method, "path": request.get_full_path()}
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and key not in {"request", "status_code"}:
                entry[key] = value if isinstance(value, str | int | float | bool) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ClientChoiceFilter(logging.Filter):
    """On `django.request`: drop 501s. Ours answer a client's choice the site does not offer
    (oEmbed's `format=xml`, as the specification asks), a 4xx in all but number, and 4xx are
    not logged there; at ERROR they would page an operator for a client's request."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 501
