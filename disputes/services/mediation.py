"""Accepting or rejecting a case and recording mediation sessions (调解法 Art 17-27)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import jobs, timeline
from huanghe_portal.roles import Role, has_role
from huanghe_portal.workdays import add_months
from huanghe_portal.workflow import begin_step, require_status

from ..models import (
    Dispute,
    Session,
)
from ._common import (
    _clean_mediators,
    _require_text,
    _write_guided_ending,
    check_date,
)
from .intake import _set_mediators
from .reminders import _tasks


@transaction.atomic
def accept_dispute(
    dispute: Dispute,
    *,
    actor: auth.User,
    accepted_on: dt.date,
    mediators: Iterable | None = None,
    note: str = "",
) -> Dispute:
    """登记 → 受理. Mediators only; starts the one-month clock (司法部令第75号 Art 33)."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR, to=Dispute.Status.ACCEPTED)
    check_date(
        "accepted_on", accepted_on, not_before=dispute.received_on, not_before_label=_("登记日期")
    )
    mediators = _clean_mediators(mediators)

    dispute.status = Dispute.Status.ACCEPTED
    dispute.accepted_on = accepted_on
    dispute.mediation_due = add_months(accepted_on, 1)
    dispute.save(update_fields=["status", "accepted_on", "mediation_due", "updated_at"])
    if mediators:
        _set_mediators(dispute, mediators)
    elif not dispute.mediators.exists() and has_role(actor, Role.MEDIATOR):
        _set_mediators(dispute, [actor])
    # Cheap and safe twice: with the broker down the mediators are told from this process.
    jobs.enqueue(_tasks().notify_assigned_mediators_task, dispute.pk, run_inline_on_failure=True)
    timeline.record(
        dispute,
        actor=actor,
        action="accepted",
        note=note,
        data={"mediators": [u.pk for u in dispute.mediators.all()]},
    )
    return dispute


@transaction.atomic
def reject_dispute(
    dispute: Dispute,
    *,
    actor: auth.User,
    reason: str,
    guided_to: str,
    closed_on: dt.date | None = None,
) -> Dispute:
    """登记 → 不予受理, naming where the party was guided (调解法 Art 18, 26). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR, to=Dispute.Status.REJECTED)
    closed_on = closed_on or timezone.localdate()
    check_date(
        "closed_on", closed_on, not_before=dispute.received_on, not_before_label=_("登记日期")
    )
    return _write_guided_ending(
        dispute,
        Dispute.Status.REJECTED,
        actor=actor,
        closed_on=closed_on,
        reason=reason,
        guided_to=guided_to,
        reason_missing=_("请填写不予受理的理由。"),
    )


@transaction.atomic
def add_session(
    dispute: Dispute,
    *,
    actor: auth.User,
    held_on: dt.date,
    place: str,
    record: str,
    attendees: str = "",
) -> Session:
    """Record a mediation session of an accepted case (调解法 Art 27). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    require_status(dispute, Dispute.Status.ACCEPTED, action=_("记录调解"))
    check_date("held_on", held_on, not_before=dispute.accepted_on, not_before_label=_("受理日期"))
    _require_text("place", place, _("请填写调解地点。"))
    _require_text("record", record, _("请填写调解记录。"))
    session = Session.objects.create(
        dispute=dispute,
        held_on=held_on,
        place=place.strip(),
        record=record.strip(),
        attendees=attendees.strip(),
        recorded_by=actor,
    )
    dispute.save(update_fields=["updated_at"])
    timeline.record(
        dispute, actor=actor, action="session_added", note=f"{held_on:%Y-%m-%d} {place.strip()}"
    )
    return session
