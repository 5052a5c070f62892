"""The date rule every workflow step shares (API.md Conventions): a step's date is never in the
future and never before the record's own earlier date (closing before receiving)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def check_not_future(field: str, value: dt.date | None) -> None:
    """Raise ValidationError on `field` (400 in the API, the form field's error on a page)."""
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


def check_not_before(
    field: str, value: dt.date | None, earlier: dt.date | None, earlier_label: str
) -> None:
    """Also for dates that may lie ahead, such as a deadline the office sets."""
    if value is not None and earlier is not None and value < earlier:
        raise ValidationError(
            {
                field: _("日期不能早于%(what)s（%(date)s）。")
                % {"what": earlier_label, "date": earlier.isoformat()}
            }
        )


def check_step_date(
    field: str,
    value: dt.date | None,
    *,
    not_before: dt.date | None = None,
    not_before_label: str = "",
) -> None:
    """A step's date: both rules."""
    check_not_future(field, value)
    check_not_before(field, value, not_before, not_before_label)
