"""Shared by the decisions services: roles, statutory periods, and the private checks."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from huanghe_portal.dates import check_not_future
from huanghe_portal.roles import Role

from ..models import Matter

User = get_user_model()
OFFICE_ROLES = (Role.LEADER, Role.REPORT_OFFICE)
REVIEWER_ROLES = (Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER)
MIN_COMMENT_DAYS = 30  # 决策条例 Art 15: "一般不少于30日"
HEARING_NOTICE_DAYS = 7  # 决策条例 Art 16: materials "至少提前7日" delivered
PROCEDURE_STATUSES = Matter.OPEN_STATUSES


def _invalid(field: str, message: str) -> NoReturn:
    """Bad input: 400 in the API, the message on the form's field in the HTML."""
    raise ValidationError({field: [message]})


def _not_future(field: str, value: dt.date) -> None:
    check_not_future(field, value)


def _not_before_opening(matter: Matter, field: str, value: dt.date) -> None:
    if value < matter.opened_on:
        _invalid(field, _("日期不能早于事项启动日期（%(d)s）。") % {"d": matter.opened_on})
