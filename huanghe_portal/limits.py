"""What input the portal accepts at all (issue 13 point 4, issue 12 point 8): years, control
characters, integers that fit their column, string lengths. Every form, serializer, filter and
middleware takes its bounds from here, so a bad value is a 400 naming the field, never a 500."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

YEAR_MIN, YEAR_MAX = 2000, 2100

# Free text: a note or reason, a summary, a body (a document, a hearing record).
NOTE_MAX = 2000
SUMMARY_MAX = 5000
BODY_MAX = 20000
# A one-line heading: the topic of a reception day.
TOPIC_MAX = 200
# Any single value of a query string (search terms, filters).
QUERY_VALUE_MAX = 500

# C0 controls except tab, line feed and carriage return, plus DEL. PostgreSQL refuses NUL in
# text outright; the others are never typed by a person and break exports and PDFs.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CONTROL_CHARACTER_MESSAGE = gettext_lazy("含有不允许的控制字符。")


def year_message() -> str:
    return _("年度应为%(min)s至%(max)s之间的整数。") % {"min": YEAR_MIN, "max": YEAR_MAX}


def parse_year(value: object, *, field: str = "year") -> int | None:
    """A year from a query parameter or form: None when empty, else an int in YEAR_MIN..YEAR_MAX;
    anything else raises ValidationError naming `field`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise ValidationError({field: [year_message()]})
    return int(text)


def column_max(model: type[models.Model], field_name: str) -> int:
    """The largest value the database column of an integer field holds (serializer max_value)."""
    field = model._meta.get_field(field_name)
    return connection.ops.integer_field_range(field.get_internal_type())[1]


def length_message(limit: int) -> str:
    return _("不能超过%(limit)s个字符。") % {"limit": limit}


def _strings(data: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, MultiValueDict):  # a query string or form: name the parameter
        for key, values in data.lists():
            yield key, str(key)
            for value in values:
                yield from _strings(value, str(key))
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield path, str(key)
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from _strings(value, f"{path}.{index}" if path else str(index))


def string_errors(data: object, *, max_length: int = BODY_MAX) -> dict[str, list[str]]:
    """{field path: [message]} for the first string in `data` (nested dicts and lists) that
    holds a control character or is longer than `max_length`; {} when all are acceptable."""
    for path, text in _strings(data, ""):
        if CONTROL_CHARACTERS.search(text):
            return {path or "non_field_errors": [str(CONTROL_CHARACTER_MESSAGE)]}
        if len(text) > max_length:
            return {path or "non_field_errors": [length_message(max_length)]}
    return {}
