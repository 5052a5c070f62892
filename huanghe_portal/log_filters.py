"""Logging filters: no ID or phone number reaches a log line, and request lines carry the
client address of `client_ip` (the one axes and the throttles use).

A search by ID number or phone is a GET query string (`/disputes/?q=11010519491231002X`), so
runserver, Django's request log and gunicorn's access log would otherwise keep it. Every run of
seven or more digits (ASCII, full-width or any other Unicode digits, also percent-encoded) with
an optional final X is replaced by `[digits]`: ID numbers, mobile and landline numbers are
covered, record ids, years and dates are not touched.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.http import HttpRequest

# One "digit": a Unicode decimal digit, or the UTF-8 percent-encoding of a full-width
# (U+FF10–FF19) or Arabic-Indic (U+0660–0669) one as it appears in a query string.
_DIGIT = r"(?:\d|%EF%BC%9[0-9]|%D9%A[0-9])"
_NUMBER = re.compile(rf"{_DIGIT}{{7,}}(?:[Xx]|%EF%BC%B8|%EF%BD%98|Ｘ|ｘ)?", re.IGNORECASE)
MASK = "[digits]"


def mask_numbers(text: str) -> str:
    """`text` with every ID- or phone-like run of digits replaced by `[digits]`."""
    return _NUMBER.sub(MASK, text)


class MaskPersonalNumbers(logging.Filter):
    """Attach to a handler (or a logger): rewrites the rendered message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logging's problem, not ours
            return True
        masked = mask_numbers(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class ClientAddress(logging.Filter):
    """Sets `record.client_ip` from the request a Django log record carries ("-" otherwise)."""

    def filter(self, record: logging.LogRecord) -> bool:
        from .client_ip import client_ip

        request = getattr(record, "request", None)
        record.client_ip = client_ip(request) if isinstance(request, HttpRequest) else "-"
        return True


def gunicorn_logger_class() -> type[Any]:
    """gunicorn's Logger with the mask on its access and error logs (see deploy/gunicorn.conf.py)."""
    from gunicorn.glogging import Logger

    class MaskingLogger(Logger):
        def setup(self, cfg: Any) -> None:
            super().setup(cfg)
            for log in (self.access_log, self.error_log):
                log.addFilter(MaskPersonalNumbers())

        def atoms(
            self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any
        ) -> dict[str, Any]:
            """`%(h)s` is the client address of `client_ip`, not nginx's."""
            from .client_ip import client_ip

            atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
            request = HttpRequest()
            request.META = environ
            atoms["h"] = client_ip(request) or atoms["h"]
            return atoms

    return MaskingLogger
