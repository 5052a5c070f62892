"""The date rule every workflow step shares (API.md Conventions): a step's date is never in the
future and never before the record's own earlier date (closing before receiving)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def check_step_date(field: str, value: dt.date | None, *, not_before: dt.date | None = None,
                    not_before_label: str = "") -> None:
    """Raise ValidationError on `field` (400 in the API, the form field's error on a page)."""
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})
    if not_before is not None and value < not_before:
        raise ValidationError({field: _("日期不能早于%(what)s（%(date)s）。")
                               % {"what": not_before_label, "date": not_before.isoformat()}})
