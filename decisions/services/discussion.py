"""Collective discussion and the leader's sign-off (决策条例 Art 29-31)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import public_cache, timeline
from huanghe_portal.exceptions import PrerequisiteMissing
from huanghe_portal.roles import Role
from huanghe_portal.workflow import begin_step

from .. import selectors
from ..models import LegalityReview, Matter, Meeting, MeetingView
from ._common import _invalid, _not_before_opening, _not_future


def _validate_attendees(attendees: list[dict]) -> None:
    if len(attendees) < 2:
        _invalid("attendees", _("集体讨论至少应记录两名参会人员的意见。"))
    for i, a in enumerate(attendees, start=1):
        if not (a.get("name") or "").strip() or not (a.get("opinion") or "").strip():
            _invalid("attendees", _("第%(i)s位发言人的姓名和意见不能为空。") % {"i": i})
        if a.get("stance") not in MeetingView.Stance.values:
            _invalid("attendees", _("第%(i)s位发言人的表态应为同意、不同意或弃权。") % {"i": i})


def departs_from_majority(attendees: list[dict], result: str) -> bool:
    """决策条例 Art 30: a decision against the majority needs the principal's reasons."""
    agree = sum(1 for a in attendees if a["stance"] == MeetingView.Stance.AGREE)
    majority_agrees = agree * 2 > len(attendees)
    if result == Meeting.Result.ADOPTED:
        return not majority_agrees
    if result == Meeting.Result.REJECTED:
        return majority_agrees
    return False


@transaction.atomic
def discuss_matter(
    matter: Matter,
    *,
    actor: auth.User,
    meeting_kind: str,
    held_on: dt.date,
    attendees: list[dict],
    result: str,
    absentees: Iterable[str] = (),
    agenda: str = "",
    principal_reason: str = "",
) -> Meeting:
    """集体讨论决定 (决策条例 Art 29–30), leaders only. 应审必审: no meeting without a concluded
    review for the kinds that require one: lawful, or for an exploratory reform the legal risk
    stated (Art 27), which puts the risk statement before the meeting and into the minutes.
    No review, or 不合法, always blocks."""
    matter = begin_step(matter, actor, Role.LEADER, to=Matter.Status.DISCUSSED)
    review = selectors.passing_review(matter)
    if matter.review_required and review is None:
        raise PrerequisiteMissing(selectors.discussion_blockers(matter)[0])
    stated = review is not None and review.result == LegalityReview.Result.RISK_STATED
    if meeting_kind not in Meeting.MeetingKind.values:
        _invalid("meeting_kind", _("会议类型不是可选项。"))
    if result not in Meeting.Result.values:
        _invalid("result", _("会议结果不是可选项。"))
    _not_future("held_on", held_on)
    _not_before_opening(matter, "held_on", held_on)
    if blockers := selectors.discussion_blockers(matter, on=held_on):
        raise PrerequisiteMissing(" ".join(blockers))
    _validate_attendees(attendees)
    if departs_from_majority(attendees, result) and not principal_reason.strip():
        _invalid(
            "principal_reason",
            _("会议决定与多数人意见不一致，主要负责人应当说明理由（决策条例第三十条）。"),
        )
    meeting = Meeting.objects.create(
        matter=matter,
        meeting_kind=meeting_kind,
        held_on=held_on,
        result=result,
        absentees=[a.strip() for a in absentees if a.strip()],
        agenda=agenda or matter.title,
        principal_reason=principal_reason,
        legal_risk_statement=matter.legal_risk_statement if stated else "",
        recorded_by=actor,
    )
    last = len(attendees)
    MeetingView.objects.bulk_create(
        [
            MeetingView(
                meeting=meeting,
                position=i,
                name=a["name"].strip(),
                opinion=a["opinion"],
                stance=a["stance"],
                is_principal=(i == last),
            )
            for i, a in enumerate(attendees, start=1)
        ]
    )
    matter.status = Matter.Status.DISCUSSED
    matter.decided_on = held_on if result == Meeting.Result.ADOPTED else None
    matter.save(update_fields=["status", "decided_on", "updated_at"])
    timeline.record(
        matter,
        actor=actor,
        action="discussed",
        note=f"{meeting.get_meeting_kind_display()} {held_on}：{meeting.get_result_display()}",
    )
    public_cache.changed("decisions")
    return meeting


@transaction.atomic
def sign_off_matter(
    matter: Matter, *, actor: auth.User, signed_on: dt.date | None = None, note: str = ""
) -> Matter:
    """已集体讨论 → 已签发: a leader signs the adopted decision."""
    matter = begin_step(matter, actor, Role.LEADER, to=Matter.Status.SIGNED_OFF)
    if blockers := selectors.signoff_blockers(matter):
        raise PrerequisiteMissing(" ".join(blockers))
    meeting = matter.meetings.order_by("-held_on", "-pk").first()
    assert meeting is not None, "signoff_blockers refuses a matter without a meeting"
    signed_on = signed_on or timezone.localdate()
    _not_future("signed_on", signed_on)
    if signed_on < meeting.held_on:
        _invalid("signed_on", _("签发日期不能早于会议日期。"))
    matter.status = Matter.Status.SIGNED_OFF
    matter.signed_off_by = actor
    matter.signed_off_on = signed_on
    matter.sign_off_note = note
    matter.save(
        update_fields=["status", "signed_off_by", "signed_off_on", "sign_off_note", "updated_at"]
    )
    timeline.record(matter, actor=actor, action="signed_off", note=note)
    public_cache.changed("decisions")
    return matter
