"""Deputies' suggestions (代表法 Art 51)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import (
    timeline,
)
from huanghe_portal.roles import require_role
from huanghe_portal.workdays import add_months
from huanghe_portal.workflow import begin_step, require_status

from ..models import DeputySuggestion
from ._common import (
    CLERK,
    COMPLEX_SUGGESTION_MONTHS,
    SUGGESTION_MONTHS,
    _check_date,
    _save_public,
    _void,
)


def _suggestion_due(assigned_on: dt.date, complex_: bool) -> dt.date:
    """Reply due 3 calendar months after assignment, 6 when complex (代表法 Art 51)."""
    return add_months(assigned_on, COMPLEX_SUGGESTION_MONTHS if complex_ else SUGGESTION_MONTHS)


@transaction.atomic
def create_suggestion(
    *, actor: auth.User, deputy_name: str, assigned_on: dt.date, complex: bool, summary: str
) -> DeputySuggestion:  # noqa: A002
    """Register a deputy's suggestion; reply due in 3 months, 6 if complex (代表法 Art 51)."""
    require_role(actor, *CLERK)
    _check_date(assigned_on, "assigned_on")
    suggestion = DeputySuggestion.objects.create(
        deputy_name=deputy_name,
        assigned_on=assigned_on,
        complex=complex,
        summary=summary,
        reply_due=_suggestion_due(assigned_on, complex),
        registered_by=actor,
    )
    timeline.record(
        suggestion,
        actor=actor,
        action="assigned",
        data={"reply_due": suggestion.reply_due.isoformat()},
    )
    return suggestion


@transaction.atomic
def reply_suggestion(
    suggestion: DeputySuggestion, *, actor: auth.User, replied_on: dt.date, reply: str
) -> DeputySuggestion:
    """已交办 → 已答复."""
    suggestion = begin_step(suggestion, actor, *CLERK, to=DeputySuggestion.Status.REPLIED)
    _check_date(
        replied_on, "replied_on", not_before=suggestion.assigned_on, before_label=_("交办日期")
    )
    suggestion.status = DeputySuggestion.Status.REPLIED
    suggestion.replied_on, suggestion.reply = replied_on, reply
    _save_public(suggestion, actor=actor, action="replied", note=reply)
    return suggestion


@transaction.atomic
def record_suggestion_feedback(
    suggestion: DeputySuggestion,
    *,
    actor: auth.User,
    satisfaction: str = "",
    published: bool | None = None,
) -> DeputySuggestion:
    """The deputy's satisfaction and the publication of the handling (代表法 Art 51)."""
    suggestion = begin_step(suggestion, actor, *CLERK)
    require_status(suggestion, DeputySuggestion.Status.REPLIED, action=_("登记代表反馈"))
    if satisfaction:
        suggestion.satisfaction = satisfaction
    if published is not None:
        suggestion.published = published
    _save_public(
        suggestion,
        actor=actor,
        action="feedback",
        data={"satisfaction": satisfaction, "published": published},
    )
    return suggestion


@transaction.atomic
def void_suggestion(
    suggestion: DeputySuggestion, *, actor: auth.User, reason: str
) -> DeputySuggestion:
    """Void a suggestion entered by mistake (no deletion); left out of every figure."""
    suggestion = _void(suggestion, actor=actor, reason=reason)
    _save_public(suggestion, actor=actor, action="voided", note=reason)
    return suggestion
