"""Handling an accepted petition: extension, reply, review, satisfaction, and its record."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import (
    due_dates,
    notify_applicant,
    timeline,
    tracking,
)
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.people import display_name
from huanghe_portal.roles import Role, has_role, member_of
from huanghe_portal.workdays import add_calendar_days, citizen_period_end
from huanghe_portal.workflow import begin_step, require_status

from ..models import Petition
from ._common import (
    CLERK,
    MAX_EXTENSION_DAYS,
    REEXAMINATION_REQUEST_DAYS,
    REVIEW_DAYS,
    REVIEW_REQUEST_DAYS,
    _check_date,
    _today,
    _void,
)


@transaction.atomic
def extend_petition_deadline(
    petition: Petition,
    *,
    actor: auth.User,
    days: int,
    reason: str,
    approved_by,
    approved_on: dt.date | None = None,
) -> Petition:
    """Extend the handling period once by 1–30 days, approved by the agency's head while the
    period still runs (Art 34); the approval and its date are recorded."""
    petition = begin_step(petition, actor, *CLERK)
    require_status(petition, Petition.Status.ACCEPTED, action=_("延期"))
    if petition.extension_days:
        assert petition.extended_on is not None  # recorded with the extension
        raise ValidationError(
            {
                "days": _("办理期限只能延长一次，本件已于%(d)s延期。")
                % {"d": petition.extended_on.isoformat()}
            }
        )
    old_due = petition.handling_due
    assert old_due is not None  # set on acceptance
    approved_on = approved_on or _today()
    _check_date(
        approved_on, "approved_on", not_before=petition.accepted_on, before_label=_("受理日期")
    )
    if approved_on > old_due:
        raise TransitionNotAllowed(
            _("办理期限已于%(d)s届满，不能再延期（《信访工作条例》第三十四条）。")
            % {"d": old_due.isoformat()}
        )
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError({"days": _("延期天数应为1至30日（《信访工作条例》第三十四条）。")})
    if not reason.strip():
        raise ValidationError({"reason": _("请填写延期理由。")})
    approver = member_of(approved_by, Role.LEADER, field="approved_by")
    petition.extension_days = days
    petition.extension_reason = reason
    petition.extension_approved_by = approver
    petition.extended_on = approved_on
    handling_due = add_calendar_days(old_due, days)
    petition.handling_due = handling_due
    petition.save()
    timeline.record(
        petition,
        actor=actor,
        action="extended",
        note=reason,
        data={
            "days": days,
            "from": old_due.isoformat(),
            "handling_due": handling_due.isoformat(),
            "approved_by": approver.pk,
            "approved_on": approved_on.isoformat(),
        },
    )
    notify_applicant.notify(petition, "extended")
    return petition


@transaction.atomic
def reply_petition(
    petition: Petition,
    *,
    actor: auth.User,
    replied_on: dt.date,
    outcome: str,
    opinion: str,
    delivered_on: dt.date | None = None,
) -> Petition:
    """受理 → 答复: the 信访处理意见书 (Art 32) with its outcome."""
    petition = begin_step(petition, actor, *CLERK, to=Petition.Status.REPLIED)
    _check_date(
        replied_on, "replied_on", not_before=petition.accepted_on, before_label=_("受理日期")
    )
    delivered_on = delivered_on or replied_on
    _check_date(delivered_on, "delivered_on", not_before=replied_on, before_label=_("答复日期"))
    petition.status = Petition.Status.REPLIED
    petition.replied_on, petition.delivered_on = replied_on, delivered_on
    petition.review_request_due = citizen_period_end(delivered_on, REVIEW_REQUEST_DAYS)
    petition.outcome, petition.opinion = outcome, opinion
    petition.save()
    timeline.record(
        petition,
        actor=actor,
        action="replied",
        note=opinion,
        data={"outcome": outcome, "replied_on": replied_on.isoformat()},
    )
    notify_applicant.notify(petition, "replied")
    return petition


@transaction.atomic
def request_review(petition: Petition, *, actor: auth.User, requested_on: dt.date) -> Petition:
    """答复 → 复查中: within 30 days of delivery; decided within 30 days (Art 35)."""
    petition = begin_step(petition, actor, *CLERK, to=Petition.Status.UNDER_REVIEW)
    _check_date(
        requested_on, "requested_on", not_before=petition.delivered_on, before_label=_("送达日期")
    )
    last_day = petition.review_request_due
    if not last_day:
        assert petition.delivered_on is not None  # a reply under review was delivered
        last_day = citizen_period_end(petition.delivered_on, REVIEW_REQUEST_DAYS)
    if requested_on > last_day:
        raise ValidationError(
            {
                "requested_on": _(
                    "复查申请应在收到书面答复之日起30日内提出（截至%(d)s），已超过期限。"
                )
                % {"d": last_day.isoformat()}
            }
        )
    petition.status = Petition.Status.UNDER_REVIEW
    petition.review_requested_on = requested_on
    petition.review_due = add_calendar_days(requested_on, REVIEW_DAYS)
    petition.save()
    timeline.record(
        petition,
        actor=actor,
        action="review_requested",
        data={"review_due": petition.review_due.isoformat()},
    )
    return petition


@transaction.atomic
def record_review_result(
    petition: Petition, *, actor: auth.User, decided_on: dt.date, result: str
) -> Petition:
    """复查中 → 办结 with the review body's result (Art 35)."""
    petition = begin_step(petition, actor, *CLERK, to=Petition.Status.CLOSED)
    require_status(petition, Petition.Status.UNDER_REVIEW, action=_("登记复查结果"))
    _check_date(
        decided_on,
        "decided_on",
        not_before=petition.review_requested_on,
        before_label=_("复查申请日期"),
    )
    petition.status = Petition.Status.CLOSED
    petition.review_decided_on, petition.review_result = decided_on, result
    petition.reexamination_request_due = citizen_period_end(decided_on, REEXAMINATION_REQUEST_DAYS)
    petition.closed_on = decided_on
    petition.save()
    timeline.record(petition, actor=actor, action="review_decided", data={"result": result})
    return petition


@transaction.atomic
def record_satisfaction(petition: Petition, *, actor: auth.User, satisfied: bool) -> Petition:
    """The petitioner's satisfaction with the reply; a replied petition is then closed."""
    petition = begin_step(petition, actor, *CLERK)
    require_status(
        petition, Petition.Status.REPLIED, Petition.Status.CLOSED, action=_("登记满意度")
    )
    petition.satisfied = satisfied
    if petition.status == Petition.Status.REPLIED:
        petition.status = Petition.Status.CLOSED
        petition.closed_on = _today()
    petition.save()
    timeline.record(
        petition, actor=actor, action="satisfaction", note=_("满意") if satisfied else _("不满意")
    )
    return petition


def recompute_due_dates(dates: frozenset[dt.date], reason: str) -> int:
    """Registered with huanghe_portal.due_dates: the periods that bind the petitioner (复查 and
    复核 requests) are recomputed when a changed date lies in them. Returns how many moved."""
    lo, hi = min(dates), max(dates)
    floor = lo - dt.timedelta(days=31)
    moved = 0
    fields = (
        (
            "review_request_due",
            "delivered_on",
            REVIEW_REQUEST_DAYS,
            Petition.Status.REPLIED,
            _("复查申请期限"),
        ),
        (
            "reexamination_request_due",
            "review_decided_on",
            REEXAMINATION_REQUEST_DAYS,
            Petition.Status.CLOSED,
            _("复核申请期限"),
        ),
    )
    for field, start_field, days, status, label in fields:
        candidates = Petition.objects.select_for_update().filter(
            status=status, **{f"{start_field}__lt": hi, f"{field}__gte": floor}
        )
        for petition in candidates.order_by("pk"):
            start = getattr(petition, start_field)
            moved += due_dates.move(
                petition,
                field,
                citizen_period_end(start, days),
                start=start,
                dates=dates,
                label=label,
                reason=reason,
            )
    return moved


@transaction.atomic
def void_petition(petition: Petition, *, actor: auth.User, reason: str) -> Petition:
    """Void a petition entered by mistake (no deletion); left out of every figure."""
    petition = _void(petition, actor=actor, reason=reason)
    petition.save()
    timeline.record(petition, actor=actor, action="voided", note=reason)
    return petition


@transaction.atomic
def classify_petition(
    petition: Petition,
    *,
    actor: auth.User,
    category: str,
    source: str,
    village=None,
    xinfang_system_no: str = "",
    is_skip_level: bool = False,
) -> Petition:
    """Complete the registration of a petition not yet accepted, such as one submitted
    online: its category, source, village and 信访信息系统 number (Art 21). The clerk who does
    it becomes the registering clerk of an online submission."""
    petition = begin_step(petition, actor, *CLERK)
    require_status(petition, Petition.Status.REGISTERED, action=_("补充登记信息"))
    petition.category, petition.source, petition.village = category, source, village
    petition.xinfang_system_no, petition.is_skip_level = xinfang_system_no, is_skip_level
    if petition.registered_by_id is None:
        petition.registered_by = actor
    petition.save()
    timeline.record(
        petition, actor=actor, action="classified", data={"category": category, "source": source}
    )
    return petition


@transaction.atomic
def assign_leader(petition: Petition, *, actor: auth.User, leader) -> Petition:
    """A leader takes personal charge (包案, Art 18); clerks or the leader set it."""
    petition = begin_step(petition, actor, Role.PETITION_CLERK, Role.LEADER)
    require_status(
        petition, *Petition.OPEN_STATUSES, Petition.Status.REPLIED, action=_("指定包案领导")
    )
    if not has_role(leader, Role.LEADER):
        raise ValidationError({"leader": _("包案领导须为领导角色。")})
    petition.leader_in_charge = leader
    petition.save()
    timeline.record(
        petition,
        actor=actor,
        action="leader_assigned",
        note=display_name(leader),
    )
    return petition


@transaction.atomic
def reissue_tracking_code(petition: Petition, *, actor: auth.User) -> Petition:
    """A new tracking code for a lost receipt; the old one stops working."""
    petition = begin_step(petition, actor, *CLERK)
    require_status(
        petition, *(set(Petition.Status) - {Petition.Status.VOIDED}), action=_("补发查询码")
    )
    if not petition.phone:
        raise ValidationError({"phone": _("本件未留联系电话，无法凭查询码查询。")})
    petition.tracking_code = tracking.new_code()
    petition.save(update_fields=["tracking_code", "updated_at"])
    timeline.record(petition, actor=actor, action="tracking_code_reissued")
    return petition
