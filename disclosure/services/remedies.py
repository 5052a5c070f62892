"""Remedies against a reply: 行政复议 and 行政诉讼 recorded and concluded."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.db import transaction

from huanghe_portal import timeline
from huanghe_portal.roles import Role
from huanghe_portal.workflow import begin_step

from ..models import Application, Remedy
from ._common import _not_future


@transaction.atomic
def add_remedy(
    app: Application,
    *,
    actor: auth.User,
    kind: str,
    filed_on: dt.date,
    body: str = "",
    result: str = Remedy.Result.PENDING,
    concluded_on: dt.date | None = None,
    note: str = "",
) -> Remedy:
    """Record a 行政复议 or 行政诉讼 about the application (report section 四)."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER)
    _not_future(filed_on, "filed_on")
    if result != Remedy.Result.PENDING and concluded_on is None:
        concluded_on = filed_on
    remedy = Remedy.objects.create(
        application=app,
        kind=kind,
        filed_on=filed_on,
        body=body,
        result=result,
        concluded_on=concluded_on,
        note=note,
    )
    timeline.record(
        app,
        actor=actor,
        action="remedy_added",
        note=f"{remedy.get_kind_display()}：{remedy.get_result_display()}",
    )
    return remedy


@transaction.atomic
def conclude_remedy(
    remedy: Remedy, *, actor: auth.User, result: str, concluded_on: dt.date
) -> Remedy:
    """Record the result of a 复议 or 诉讼."""
    remedy = begin_step(remedy, actor, Role.DISCLOSURE_OFFICER)
    _not_future(concluded_on, "concluded_on")
    remedy.result, remedy.concluded_on = result, concluded_on
    remedy.save()
    timeline.record(
        remedy.application,
        actor=actor,
        action="remedy_concluded",
        note=f"{remedy.get_kind_display()}：{remedy.get_result_display()}",
    )
    return remedy
