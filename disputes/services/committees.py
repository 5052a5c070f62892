"""Mediation committees, their members, and screening rounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.roles import Role, require_role
from huanghe_portal.versioning import save_and_record
from huanghe_portal.workflow import begin_step, lock

from ..models import (
    Committee,
    CommitteeMember,
    ScreeningRound,
)
from ._common import _require_text, check_date


@transaction.atomic
def save_committee(
    committee: Committee, *, actor: auth.User, version: int | None = None, **fields
) -> Committee:
    """Create or edit a 调委会 (调解法 Art 8–9, 34); an edit from the `version` read. Mediators
    only."""
    require_role(actor, Role.MEDIATOR)
    if committee.pk is not None:
        committee = lock(committee)
    if fields.get("level") == Committee.Level.VILLAGE and not fields.get("village"):
        raise ValidationError({"village": [_("村（社区）调委会须选择所属村（社区）。")]})
    term_start, term_end = fields.get("term_start"), fields.get("term_end")
    if term_start and term_end and term_end < term_start:
        raise ValidationError({"term_end": [_("任期结束不能早于任期开始。")]})
    save_and_record(committee, version, fields, actor=actor)
    return committee


@transaction.atomic
def save_member(member: CommitteeMember, *, actor: auth.User, **fields) -> CommitteeMember:
    """Add or edit a committee member. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    term_start, term_end = fields.get("term_start"), fields.get("term_end")
    if term_start and term_end and term_end < term_start:
        raise ValidationError({"term_end": [_("任期结束不能早于任期开始。")]})
    created = member.pk is None
    for name, value in fields.items():
        setattr(member, name, value)
    member.save()
    timeline.record(
        member.committee,
        actor=actor,
        action="member_added" if created else "member_updated",
        note=str(member),
    )
    return member


@transaction.atomic
def create_screening_round(
    *,
    actor: auth.User,
    held_on: dt.date,
    villages: Iterable,
    disputes_found: int = 0,
    disputes_prevented: int = 0,
    note: str = "",
    committee: Committee | None = None,
) -> ScreeningRound:
    """Log a 矛盾纠纷排查 round. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    check_date("held_on", held_on)
    villages = list(villages)
    if not villages:
        raise ValidationError({"villages": [_("请选择排查范围。")]})
    if disputes_found < 0 or disputes_prevented < 0:
        raise ValidationError({"disputes_found": [_("不能为负数。")]})
    screening = ScreeningRound.objects.create(
        held_on=held_on,
        committee=committee,
        disputes_found=disputes_found,
        disputes_prevented=disputes_prevented,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    screening.villages.set(villages)
    timeline.record(screening, actor=actor, action="created")
    return screening


@transaction.atomic
def void_screening_round(
    screening: ScreeningRound, *, actor: auth.User, reason: str
) -> ScreeningRound:
    """A screening round entered by mistake is voided, never deleted. Mediators only."""
    screening = begin_step(screening, actor, Role.MEDIATOR)
    if screening.voided:
        raise TransitionNotAllowed(_("该排查记录已作废。"))
    _require_text("reason", reason, _("请填写作废原因。"))
    screening.voided = True
    screening.void_reason = reason.strip()
    screening.save(update_fields=["voided", "void_reason", "updated_at"])
    timeline.record(screening, actor=actor, action="voided", note=reason.strip())
    return screening
