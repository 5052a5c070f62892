"""Ending a case: agreement, failure, withdrawal, follow-up, 司法确认, archive, void."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import due_dates, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.roles import Role
from huanghe_portal.workdays import citizen_period_end
from huanghe_portal.workflow import begin_step, require_status, require_transition

from ..models import (
    Agreement,
    AgreementSubject,
    Dispute,
    FollowUp,
    JudicialConfirmation,
)
from ._common import (
    CONFIRMATION_DAYS,
    _clean_choice,
    _require_text,
    _write_ending,
    _write_guided_ending,
    check_date,
)


def _check_closing(dispute: Dispute, target: str, closed_on: dt.date) -> None:
    require_transition(dispute, target)
    check_date(
        "closed_on",
        closed_on,
        not_before=dispute.accepted_on or dispute.received_on,
        not_before_label=_("受理日期") if dispute.accepted_on else _("登记日期"),
    )


@transaction.atomic
def succeed_dispute(
    dispute: Dispute,
    *,
    actor: auth.User,
    closed_on: dt.date,
    agreement_form: str,
    terms: str,
    agreement_subject: str = AgreementSubject.RIGHTS,
    performance_due: dt.date | None = None,
    facts: str = "",
    responsibilities: str = "",
    performance_method: str = "",
    copies: int | None = None,
) -> Dispute:
    """受理 → 调解成功 with a written or oral agreement (调解法 Art 28–29). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    _check_closing(dispute, Dispute.Status.SUCCEEDED, closed_on)
    _clean_choice("agreement_form", agreement_form, Dispute.AgreementForm.choices, _("协议形式"))
    _clean_choice("agreement_subject", agreement_subject, AgreementSubject.choices, _("协议事项"))
    _require_text("terms", terms, _("请填写协议内容。"))
    if performance_due is not None and performance_due < closed_on:
        raise ValidationError({"performance_due": [_("履行期限不能早于结案日期。")]})
    parties = dispute.parties.count()
    if copies is not None and copies < parties + 1:
        raise ValidationError(
            {
                "copies": [
                    _("协议书应当事人各执一份、调委会留存一份，至少%(n)s份。") % {"n": parties + 1}
                ]
            }
        )

    dispute.status = Dispute.Status.SUCCEEDED
    dispute.outcome = Dispute.Status.SUCCEEDED
    dispute.closed_on = closed_on
    dispute.agreement_form = agreement_form
    dispute.agreement_subject = agreement_subject
    dispute.confirmation_due = citizen_period_end(closed_on, CONFIRMATION_DAYS)
    dispute.save(
        update_fields=[
            "status",
            "outcome",
            "closed_on",
            "agreement_form",
            "agreement_subject",
            "confirmation_due",
            "updated_at",
        ]
    )
    Agreement.objects.create(
        dispute=dispute,
        form=agreement_form,
        facts=facts.strip() or dispute.summary,
        responsibilities=responsibilities.strip(),
        terms=terms.strip(),
        performance_method=performance_method.strip(),
        performance_due=performance_due,
        copies=copies or parties + 1,
        concluded_on=closed_on,
    )
    timeline.record(
        dispute, actor=actor, action="succeeded", note=dispute.get_agreement_form_display()
    )
    return dispute


@transaction.atomic
def fail_dispute(
    dispute: Dispute, *, actor: auth.User, closed_on: dt.date, reason: str, guided_to: str
) -> Dispute:
    """受理 → 调解不成、终止调解; the parties are told of other routes (调解法 Art 26)."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    _check_closing(dispute, Dispute.Status.FAILED, closed_on)
    return _write_guided_ending(
        dispute,
        Dispute.Status.FAILED,
        actor=actor,
        closed_on=closed_on,
        reason=reason,
        guided_to=guided_to,
        reason_missing=_("请填写终止调解的理由。"),
    )


@transaction.atomic
def withdraw_dispute(
    dispute: Dispute, *, actor: auth.User, closed_on: dt.date, reason: str
) -> Dispute:
    """受理 → 撤回: a party ends the mediation (调解法 Art 23). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    _check_closing(dispute, Dispute.Status.WITHDRAWN, closed_on)
    _require_text("reason", reason, _("请填写撤回的原因。"))

    return _write_ending(
        dispute, Dispute.Status.WITHDRAWN, actor=actor, closed_on=closed_on, reason=reason
    )


@transaction.atomic
def add_follow_up(
    dispute: Dispute,
    *,
    actor: auth.User,
    visited_on: dt.date,
    performed: bool,
    satisfied: bool,
    note: str = "",
) -> FollowUp:
    """A return visit on a succeeded case (调解法 Art 31: the committee supervises performance)."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    require_status(dispute, Dispute.Status.SUCCEEDED, Dispute.Status.ARCHIVED, action=_("回访"))
    if dispute.outcome != Dispute.Status.SUCCEEDED:
        raise TransitionNotAllowed(_("只有调解成功的案件才能回访。"))
    check_date(
        "visited_on", visited_on, not_before=dispute.closed_on, not_before_label=_("结案日期")
    )
    follow_up = FollowUp.objects.create(
        dispute=dispute,
        visited_on=visited_on,
        performed=performed,
        satisfied=satisfied,
        note=(note or "").strip(),
        visited_by=actor,
    )
    dispute.save(update_fields=["updated_at"])
    timeline.record(
        dispute,
        actor=actor,
        action="followed_up",
        note=_("已履行：%(p)s；满意：%(s)s")
        % {"p": _("是") if performed else _("否"), "s": _("是") if satisfied else _("否")},
        data={
            "visited_on": visited_on.isoformat(),
            "performed": performed,
            "satisfied": satisfied,
            "note": follow_up.note,
        },
    )
    return follow_up


@transaction.atomic
def record_judicial_confirmation(
    dispute: Dispute,
    *,
    actor: auth.User,
    applied_on: dt.date,
    court: str,
    result: str = JudicialConfirmation.Result.PENDING,
    decided_on: dt.date | None = None,
) -> JudicialConfirmation:
    """司法确认 of a succeeded case's agreement (民事诉讼法 Art 205–206). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.SUCCEEDED, Dispute.Status.ARCHIVED, action=_("登记司法确认")
    )
    if dispute.outcome != Dispute.Status.SUCCEEDED:
        raise TransitionNotAllowed(_("只有调解成功的案件才能申请司法确认。"))
    check_date(
        "applied_on", applied_on, not_before=dispute.closed_on, not_before_label=_("结案日期")
    )
    if dispute.confirmation_due and applied_on > dispute.confirmation_due:
        raise ValidationError(
            {
                "applied_on": [
                    _("司法确认应自调解协议生效之日起三十日内申请，期限为%(due)s。")
                    % {"due": dispute.confirmation_due.isoformat()}
                ]
            }
        )
    _require_text("court", court, _("请填写受理法院。"))
    _clean_choice("result", result, JudicialConfirmation.Result.choices, _("结果"))
    if decided_on is not None:
        check_date("decided_on", decided_on, not_before=applied_on, not_before_label=_("申请日期"))
    confirmation, _created = JudicialConfirmation.objects.update_or_create(
        dispute=dispute,
        defaults={
            "applied_on": applied_on,
            "court": court.strip(),
            "result": result,
            "decided_on": decided_on,
        },
    )
    timeline.record(
        dispute,
        actor=actor,
        action="judicial_confirmation",
        note=f"{court.strip()} {confirmation.get_result_display()}",
    )
    return confirmation


def recompute_due_dates(dates: frozenset[dt.date], reason: str) -> int:
    """Registered with huanghe_portal.due_dates: the 司法确认 period of agreements not yet taken
    to court is recomputed when a changed date lies in it. Returns how many moved."""
    lo, hi = min(dates), max(dates)
    moved = 0
    candidates = Dispute.objects.select_for_update(of=("self",)).filter(
        outcome=Dispute.Status.SUCCEEDED,
        status__in=[Dispute.Status.SUCCEEDED, Dispute.Status.ARCHIVED],
        judicial_confirmation__isnull=True,
        closed_on__lt=hi,
        confirmation_due__gte=lo - dt.timedelta(days=31),
    )
    for dispute in candidates.order_by("pk"):
        closed_on = dispute.closed_on
        assert closed_on is not None  # the filter above
        moved += due_dates.move(
            dispute,
            "confirmation_due",
            citizen_period_end(closed_on, CONFIRMATION_DAYS),
            start=closed_on,
            dates=dates,
            label=_("司法确认申请期限"),
            reason=reason,
        )
    return moved


@transaction.atomic
def archive_dispute(
    dispute: Dispute, *, actor: auth.User, archived_on: dt.date | None = None
) -> Dispute:
    """结案 → 归档 (调解法 Art 27: 立卷归档). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR, to=Dispute.Status.ARCHIVED)
    archived_on = archived_on or timezone.localdate()
    check_date(
        "archived_on", archived_on, not_before=dispute.closed_on, not_before_label=_("结案日期")
    )
    dispute.status = Dispute.Status.ARCHIVED
    dispute.archived_on = archived_on
    dispute.save(update_fields=["status", "archived_on", "updated_at"])
    timeline.record(dispute, actor=actor, action="archived")
    return dispute


@transaction.atomic
def void_dispute(dispute: Dispute, *, actor: auth.User, reason: str) -> Dispute:
    """Any state but archived → 作废, for a record entered by mistake. Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR, to=Dispute.Status.VOIDED)
    _require_text("reason", reason, _("请填写作废原因。"))
    previous = dispute.status
    dispute.status = Dispute.Status.VOIDED
    dispute.void_reason = reason.strip()
    dispute.save(update_fields=["status", "void_reason", "updated_at"])
    timeline.record(
        dispute,
        actor=actor,
        action="voided",
        note=reason.strip(),
        data={"previous_status": previous},
    )
    return dispute
