"""Every write in the petitions area: one function per step (STYLE §3.3)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import (
    due_dates,
    handover,
    notify_applicant,
    public_cache,
    sequences,
    timeline,
    tracking,
)
from huanghe_portal.dates import check_step_date
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Notification, Township
from huanghe_portal.personal_data import (
    blind_index,
    normalize_id_number,
    normalize_phone,
    validate_id_number,
    validate_phone,
)
from huanghe_portal.roles import Role, has_role, member_of, require_role
from huanghe_portal.workdays import add_calendar_days, add_months, citizen_period_end
from huanghe_portal.workflow import require_status, require_transition

from . import selectors
from .models import (
    MAX_REPRESENTATIVES,
    DeputySuggestion,
    Petition,
    ReceptionDay,
    ReceptionRecord,
)

ACCEPTANCE_DAYS = 15  # 信访工作条例 Art 23: written notice within 15 days of receipt
HANDLING_DAYS = 60  # Art 34: handled within 60 days of acceptance
MAX_EXTENSION_DAYS = 30  # Art 34: one extension of up to 30 days
REVIEW_REQUEST_DAYS = 30  # Art 35: review asked within 30 days of the written reply
REVIEW_DAYS = 30  # Art 35: review decided within 30 days
REEXAMINATION_REQUEST_DAYS = 30  # Art 36: 复核 asked within 30 days of the review opinion
SUGGESTION_MONTHS, COMPLEX_SUGGESTION_MONTHS = 3, 6  # 代表法 Art 51

CLERK = (Role.PETITION_CLERK,)


def _today() -> dt.date:
    return timezone.localdate()


def _check_date(
    value: dt.date, field: str, *, not_before: dt.date | None = None, before_label: str = ""
) -> None:
    """A step's date may not be in the future nor before the record's earlier date."""
    check_step_date(field, value, not_before=not_before, not_before_label=before_label)


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


def petition_number(year: int, seq: int) -> str:
    """The document number, e.g. 黄鹤信〔2024〕7号 (the township's prefix, 信 for 信访)."""
    prefix = Township.current().doc_prefix
    return f"{prefix}信〔{year}〕{seq}号"


def find_earlier(*, id_number: str = "", phone: str = "", exclude_pk: int | None = None):
    """The latest earlier petition by the keyed hash of the ID number or the phone."""
    hashes = Q()
    if id_number:
        hashes |= Q(id_number_hash=blind_index(id_number))
    if phone:
        hashes |= Q(phone_hash=blind_index(normalize_phone(phone)))
    if not hashes:
        return None
    qs = Petition.objects.filter(hashes).exclude(status=Petition.Status.VOIDED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-received_on", "-pk").first()


def _clean_person(
    *, id_number: str, phone: str, persons_count: int, representatives: list[str]
) -> tuple[str, bool, str]:
    errors = {}
    legacy = False
    id_number = normalize_id_number(id_number)
    phone = normalize_phone(phone)
    if id_number:
        try:
            legacy = validate_id_number(id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if persons_count < 1:
        errors["persons_count"] = [_("人数至少为1。")]
    if len(representatives) > MAX_REPRESENTATIVES:
        errors["representatives"] = [
            _("多人采用走访形式的，应推选代表，代表人数不超过5人（《信访工作条例》第二十条）。")
        ]
    if errors:
        raise ValidationError(errors)
    return id_number, legacy, phone


@transaction.atomic
def register_petition(
    *,
    actor: auth.User | None,
    received_on: dt.date,
    channel: str,
    category: str,
    petitioner_name: str,
    summary: str,
    source: str = Petition.Source.DIRECT,
    id_number: str = "",
    phone: str = "",
    address: str = "",
    village=None,
    persons_count: int = 1,
    representatives: list[str] | None = None,
    hotline_ticket_no: str = "",
    xinfang_system_no: str = "",
    is_skip_level: bool = False,
    reception_day: ReceptionDay | None = None,
    number: str = "",
    tracking_code: str | None = None,
    public: bool = False,
) -> Petition:
    """Register a petition (登记); petition clerks, or the public online. 信访工作条例 Art 21–23."""
    if not public:
        require_role(actor, *CLERK)
    _check_date(received_on, "received_on")
    representatives = [r.strip() for r in (representatives or []) if r and r.strip()]
    id_number, legacy, phone = _clean_person(
        id_number=id_number,
        phone=phone,
        persons_count=persons_count,
        representatives=representatives,
    )
    year = received_on.year
    seq = sequences.next_number(sequences.PETITION, year)
    if number:
        if Petition.objects.filter(number=number).exists():
            raise ValidationError({"number": _("编号“%(n)s”已存在。") % {"n": number}})
    else:
        number = petition_number(year, seq)
    earlier = find_earlier(id_number=id_number, phone=phone)
    petition = Petition.objects.create(
        number=number,
        year=year,
        seq=seq,
        received_on=received_on,
        channel=channel,
        source=source,
        category=category,
        petitioner_name=petitioner_name.strip(),
        id_number=id_number,
        id_legacy=legacy,
        phone=phone,
        address=address,
        village=village,
        persons_count=persons_count,
        representatives=representatives,
        summary=summary,
        hotline_ticket_no=hotline_ticket_no,
        xinfang_system_no=xinfang_system_no,
        is_repeat=earlier is not None,
        earlier=earlier,
        is_skip_level=is_skip_level,
        reception_day=reception_day,
        registered_by=None if public else actor,
        tracking_code=tracking_code,
        acceptance_due=add_calendar_days(received_on, ACCEPTANCE_DAYS),
    )
    # The earlier petition is kept as a reference, never as text: the page names it only to
    # those who may see it (it may be a sealed accusation).
    data = {"acceptance_due": petition.acceptance_due.isoformat()}
    if earlier:
        data["earlier"] = earlier.pk
    timeline.record(petition, actor=actor, action="registered", data=data)
    return petition


def submit_online_petition(
    *, petitioner_name: str, phone: str, summary: str, village=None, email: str = "",
    notify_opt_out: bool = False,
) -> Petition:
    """The public's online submission (网上信访): a petition with channel online and a code.
    `email` (optional) and `phone` receive the notices of later steps unless `notify_opt_out`."""
    if not phone:
        raise ValidationError({"phone": _("请填写联系电话，查询进度时需要核对后四位。")})
    petition = register_petition(
        actor=None,
        public=True,
        received_on=_today(),
        channel=Petition.Channel.ONLINE,
        category=Petition.Category.APPEAL,
        petitioner_name=petitioner_name,
        phone=phone,
        summary=summary,
        village=village,
        tracking_code=tracking.new_code(),
    )
    petition.email, petition.notify_opt_out = email.strip(), notify_opt_out
    petition.save(update_fields=["email", "notify_opt_out"])
    return petition


@transaction.atomic
def accept_petition(
    petition: Petition, *, actor: auth.User, accepted_on: dt.date
) -> Petition:
    """登记 → 受理; petition clerks. Starts the 60-day handling clock (Art 34)."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_transition(petition, Petition.Status.ACCEPTED)
    _check_date(
        accepted_on, "accepted_on", not_before=petition.received_on, before_label=_("收到日期")
    )
    petition.status = Petition.Status.ACCEPTED
    petition.accepted_on = accepted_on
    petition.handling_due = add_calendar_days(accepted_on, HANDLING_DAYS)
    petition.save()
    timeline.record(
        petition,
        actor=actor,
        action="accepted",
        data={
            "accepted_on": accepted_on.isoformat(),
            "handling_due": petition.handling_due.isoformat(),
        },
    )
    notify_applicant.notify(petition, "accepted")
    return petition


@transaction.atomic
def not_accept_petition(
    petition: Petition,
    *,
    actor: auth.User,
    reason: str,
    guided_to: str,
    not_accepted_on: dt.date | None = None,
) -> Petition:
    """登记 → 不予受理, recording where the person was guided (诉访分离, Art 23, 31)."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_transition(petition, Petition.Status.NOT_ACCEPTED)
    not_accepted_on = not_accepted_on or _today()
    _check_date(
        not_accepted_on,
        "not_accepted_on",
        not_before=petition.received_on,
        before_label=_("收到日期"),
    )
    petition.status = Petition.Status.NOT_ACCEPTED
    petition.not_accepted_on = not_accepted_on
    petition.not_accept_reason = reason
    petition.guided_to = guided_to
    petition.save()
    timeline.record(
        petition, actor=actor, action="not_accepted", note=reason, data={"guided_to": guided_to}
    )
    return petition


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
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_status(petition, Petition.Status.ACCEPTED, action=_("延期"))
    if petition.extension_days:
        raise ValidationError(
            {
                "days": _("办理期限只能延长一次，本件已于%(d)s延期。")
                % {"d": petition.extended_on.isoformat()}
            }
        )
    approved_on = approved_on or _today()
    _check_date(
        approved_on, "approved_on", not_before=petition.accepted_on, before_label=_("受理日期")
    )
    if approved_on > petition.handling_due:
        raise TransitionNotAllowed(
            _("办理期限已于%(d)s届满，不能再延期（《信访工作条例》第三十四条）。")
            % {"d": petition.handling_due.isoformat()}
        )
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError({"days": _("延期天数应为1至30日（《信访工作条例》第三十四条）。")})
    if not reason.strip():
        raise ValidationError({"reason": _("请填写延期理由。")})
    approver = member_of(approved_by, Role.LEADER, field="approved_by")
    old_due = petition.handling_due
    petition.extension_days = days
    petition.extension_reason = reason
    petition.extension_approved_by = approver
    petition.extended_on = approved_on
    petition.handling_due = add_calendar_days(old_due, days)
    petition.save()
    timeline.record(
        petition,
        actor=actor,
        action="extended",
        note=reason,
        data={
            "days": days,
            "from": old_due.isoformat(),
            "handling_due": petition.handling_due.isoformat(),
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
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_transition(petition, Petition.Status.REPLIED)
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
def request_review(
    petition: Petition, *, actor: auth.User, requested_on: dt.date
) -> Petition:
    """答复 → 复查中: within 30 days of delivery; decided within 30 days (Art 35)."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_transition(petition, Petition.Status.UNDER_REVIEW)
    _check_date(
        requested_on, "requested_on", not_before=petition.delivered_on, before_label=_("送达日期")
    )
    last_day = petition.review_request_due or citizen_period_end(
        petition.delivered_on, REVIEW_REQUEST_DAYS
    )
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
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_transition(petition, Petition.Status.CLOSED)
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
def record_satisfaction(
    petition: Petition, *, actor: auth.User, satisfied: bool
) -> Petition:
    """The petitioner's satisfaction with the reply; a replied petition is then closed."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
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
        ("review_request_due", "delivered_on", REVIEW_REQUEST_DAYS, Petition.Status.REPLIED,
         _("复查申请期限")),
        ("reexamination_request_due", "review_decided_on", REEXAMINATION_REQUEST_DAYS,
         Petition.Status.CLOSED, _("复核申请期限")),
    )
    for field, start_field, days, status, label in fields:
        candidates = Petition.objects.select_for_update().filter(
            status=status, **{f"{start_field}__lt": hi, f"{field}__gte": floor}
        )
        for petition in candidates.order_by("pk"):
            start = getattr(petition, start_field)
            moved += due_dates.move(
                petition, field, citizen_period_end(start, days),
                start=start, dates=dates, label=label, reason=reason,
            )
    return moved


@transaction.atomic
def void_petition(petition: Petition, *, actor: auth.User, reason: str) -> Petition:
    """Void a petition entered by mistake (no deletion); left out of every figure."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_transition(petition, Petition.Status.VOIDED)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    petition.status = Petition.Status.VOIDED
    petition.void_reason = reason
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
    petition = _locked(petition)
    require_role(actor, *CLERK)
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
    petition = _locked(petition)
    require_role(actor, Role.PETITION_CLERK, Role.LEADER)
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
        note=leader.get_full_name() or leader.get_username(),
    )
    return petition


@transaction.atomic
def reissue_tracking_code(petition: Petition, *, actor: auth.User) -> Petition:
    """A new tracking code for a lost receipt; the old one stops working."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_status(
        petition, *(set(Petition.Status) - {Petition.Status.VOIDED}), action=_("补发查询码")
    )
    if not petition.phone:
        raise ValidationError({"phone": _("本件未留联系电话，无法凭查询码查询。")})
    petition.tracking_code = tracking.new_code()
    petition.save(update_fields=["tracking_code", "updated_at"])
    timeline.record(petition, actor=actor, action="tracking_code_reissued")
    return petition


def referral_refusal(petition: Petition) -> str:
    """Why the petition may not go to mediation, or "" (the step list hides it then too).

    An accusation (检举控告) must not reach the accused (信访工作条例 Art 30 ¶3, Art 46(5)): a
    mediation case would show the accuser's name, ID and phone to every mediator, with the
    accused, often a village cadre, as the respondent."""
    if petition.category == Petition.Category.ACCUSATION:
        return _("检举控告类信访件不得转人民调解：检举人的信息须保密，不得转给被检举人或其他无关人员"
                 "（《信访工作条例》第三十条、第四十六条）。")
    return ""


@transaction.atomic
def refer_to_mediation(
    petition: Petition, *, actor: auth.User, respondent_name: str = "", note: str = ""
):
    """Hand a matter for mediation to the disputes area (Art 33; 诉访分离) as a new case."""
    petition = _locked(petition)
    require_role(actor, *CLERK)
    require_status(
        petition, Petition.Status.REGISTERED, Petition.Status.ACCEPTED, action=_("转人民调解")
    )
    if refusal := referral_refusal(petition):
        raise TransitionNotAllowed(refusal)
    applicant = {"role": "applicant", "kind": "person", "name": petition.petitioner_name}
    if petition.id_number:
        applicant["id_number"] = petition.id_number
    if petition.phone:
        applicant["phone"] = petition.phone
    if petition.address:
        applicant["address"] = petition.address
    parties = [
        applicant,
        {"role": "respondent", "kind": "person", "name": respondent_name.strip() or "待补充"},
    ]
    return handover.create(
        "dispute",
        source=petition,
        actor=actor,
        received_on=_today(),
        source_code="petition_referral",
        summary=note or petition.summary,
        parties=parties,
        village=petition.village,
    )


# --- Reception days -------------------------------------------------------------------------


@transaction.atomic
def create_reception_day(
    *,
    actor: auth.User,
    date: dt.date,
    leader_name: str,
    place: str,
    kind: str = ReceptionDay.Kind.RECEPTION,
    leader=None,
    note: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    topic: str = "",
) -> ReceptionDay:
    """Publish a leader's reception day (Art 18 ¶1) with its hours; petition clerks and leaders."""
    require_role(actor, Role.PETITION_CLERK, Role.LEADER)
    _check_hours(start_time, end_time)
    day = ReceptionDay.objects.create(
        date=date,
        start_time=start_time,
        end_time=end_time,
        leader=leader,
        leader_name=leader_name,
        place=place,
        topic=topic,
        kind=kind,
        note=note,
        created_by=actor,
    )
    timeline.record(day, actor=actor, action="scheduled")
    public_cache.changed("petitions")
    return day


def _check_hours(start_time: dt.time | None, end_time: dt.time | None) -> None:
    """Both hours or neither; the end after the start."""
    if (start_time is None) != (end_time is None):
        missing = "end_time" if end_time is None else "start_time"
        raise ValidationError({missing: _("请同时填写开始时间和结束时间。")})
    if start_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": _("结束时间应晚于开始时间。")})


@transaction.atomic
def void_reception_day(day: ReceptionDay, *, actor: auth.User, reason: str) -> ReceptionDay:
    """Void a reception day entered by mistake or cancelled; clerks and leaders."""
    require_role(actor, Role.PETITION_CLERK, Role.LEADER)
    day = ReceptionDay.objects.select_for_update().get(pk=day.pk)
    if day.voided:
        raise ValidationError({"reason": _("该接访日已作废。")})
    day.voided, day.void_reason = True, reason
    day.save()
    timeline.record(day, actor=actor, action="voided", note=reason)
    public_cache.changed("petitions")
    return day


@transaction.atomic
def add_reception_record(
    day: ReceptionDay,
    *,
    actor: auth.User,
    petitioner_names: str,
    persons_count: int,
    request: str,
    decision: str,
    petition: Petition | None = None,
    also_register: bool = False,
) -> ReceptionRecord:
    """Record one reception: who came, what was asked, what the leader decided. With
    `also_register` the matter also enters the register (source 领导接访; clerks only)."""
    require_role(actor, Role.PETITION_CLERK, Role.LEADER)
    day = ReceptionDay.objects.select_for_update().get(pk=day.pk)
    if day.voided:
        raise ValidationError({"reception_day": _("该接访日已作废，不能登记接访记录。")})
    if day.date > _today():
        raise ValidationError({"reception_day": _("接访日尚未到来，不能登记接访记录。")})
    if persons_count < 1:
        raise ValidationError({"persons_count": _("人数至少为1。")})
    if also_register and petition is None:
        petition = register_petition(
            actor=actor,
            received_on=day.date,
            channel=Petition.Channel.VISIT,
            source=Petition.Source.LEADER_RECEPTION,
            category=Petition.Category.APPEAL,
            petitioner_name=petitioner_names,
            persons_count=persons_count,
            summary=request,
            reception_day=day,
        )
    record = ReceptionRecord.objects.create(
        reception_day=day,
        petitioner_names=petitioner_names,
        persons_count=persons_count,
        request=request,
        decision=decision,
        petition=petition,
        created_by=actor,
    )
    timeline.record(day, actor=actor, action="reception_recorded", note=petitioner_names)
    public_cache.changed("petitions")
    return record


# --- Deputies' suggestions ------------------------------------------------------------------


def suggestion_due(assigned_on: dt.date, complex_: bool) -> dt.date:
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
        reply_due=suggestion_due(assigned_on, complex),
        registered_by=actor,
    )
    timeline.record(
        suggestion,
        actor=actor,
        action="assigned",
        data={"reply_due": suggestion.reply_due.isoformat()},
    )
    return suggestion


def _locked_suggestion(suggestion: DeputySuggestion) -> DeputySuggestion:
    return DeputySuggestion.objects.select_for_update().get(pk=suggestion.pk)


@transaction.atomic
def reply_suggestion(
    suggestion: DeputySuggestion, *, actor: auth.User, replied_on: dt.date, reply: str
) -> DeputySuggestion:
    """已交办 → 已答复."""
    suggestion = _locked_suggestion(suggestion)
    require_role(actor, *CLERK)
    require_transition(suggestion, DeputySuggestion.Status.REPLIED)
    _check_date(
        replied_on, "replied_on", not_before=suggestion.assigned_on, before_label=_("交办日期")
    )
    suggestion.status = DeputySuggestion.Status.REPLIED
    suggestion.replied_on, suggestion.reply = replied_on, reply
    suggestion.save()
    timeline.record(suggestion, actor=actor, action="replied", note=reply)
    public_cache.changed("petitions")
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
    suggestion = _locked_suggestion(suggestion)
    require_role(actor, *CLERK)
    require_status(suggestion, DeputySuggestion.Status.REPLIED, action=_("登记代表反馈"))
    if satisfaction:
        suggestion.satisfaction = satisfaction
    if published is not None:
        suggestion.published = published
    suggestion.save()
    timeline.record(
        suggestion,
        actor=actor,
        action="feedback",
        data={"satisfaction": satisfaction, "published": published},
    )
    public_cache.changed("petitions")
    return suggestion


@transaction.atomic
def void_suggestion(
    suggestion: DeputySuggestion, *, actor: auth.User, reason: str
) -> DeputySuggestion:
    """Void a suggestion entered by mistake (no deletion); left out of every figure."""
    suggestion = _locked_suggestion(suggestion)
    require_role(actor, *CLERK)
    require_transition(suggestion, DeputySuggestion.Status.VOIDED)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    suggestion.status = DeputySuggestion.Status.VOIDED
    suggestion.void_reason = reason
    suggestion.save()
    timeline.record(suggestion, actor=actor, action="voided", note=reason)
    public_cache.changed("petitions")
    return suggestion


# --- Reminders ------------------------------------------------------------------------------

REMINDER_DAYS = 3


def send_due_reminders(today: dt.date | None = None) -> int:
    """Notify the registering clerk and the leader in charge of every open petition or deputy's
    suggestion due within three days or overdue. Set-based: one query per kind, one bulk upsert
    (the notification's uniqueness keeps one per user, record and kind)."""
    today = today or _today()
    now = timezone.now()
    clerks = list(
        get_user_model()
        .objects.filter(groups__name=Role.PETITION_CLERK.value, is_active=True)
        .values_list("pk", flat=True)
    )
    rows: list[Notification] = []

    def add(users, ct, pk, kind, message, url):
        for user_id in {u for u in users if u}:
            rows.append(
                Notification(
                    user_id=user_id,
                    content_type=ct,
                    object_id=pk,
                    kind=kind,
                    message=message[:300],
                    url=url,
                    created_at=now,
                )
            )

    petition_ct = ContentType.objects.get_for_model(Petition)
    for pk, number, clerk_id, leader_id, due in selectors.petitions_due_within(
        today, REMINDER_DAYS
    ).values_list("pk", "number", "registered_by_id", "leader_in_charge_id", "due"):
        overdue = due < today
        message = (
            _("信访件%(n)s已超期（期限%(d)s）。") if overdue else _("信访件%(n)s将于%(d)s到期。")
        ) % {"n": number, "d": due.isoformat()}
        add(
            [clerk_id, leader_id] if clerk_id else [*clerks, leader_id],
            petition_ct,
            pk,
            "petition_overdue" if overdue else "petition_due",
            message,
            reverse("petitions:petition-detail", args=[pk]),
        )
    suggestion_ct = ContentType.objects.get_for_model(DeputySuggestion)
    for pk, deputy, clerk_id, due in selectors.suggestions_due_within(
        today, REMINDER_DAYS
    ).values_list("pk", "deputy_name", "registered_by_id", "reply_due"):
        overdue = due < today
        message = (
            _("%(n)s代表的建议已超过答复期限（%(d)s）。")
            if overdue
            else _("%(n)s代表的建议将于%(d)s到答复期限。")
        ) % {"n": deputy, "d": due.isoformat()}
        add(
            [clerk_id] if clerk_id else clerks,
            suggestion_ct,
            pk,
            "suggestion_overdue" if overdue else "suggestion_due",
            message,
            reverse("petitions:suggestion-detail", args=[pk]),
        )
    Notification.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["user", "content_type", "object_id", "kind"],
        update_fields=["message", "url", "created_at", "read_at"],
    )
    _email_digests(rows)
    return len(rows)


def _email_digests(rows: list[Notification]) -> None:
    """One e-mail a day per user with an address, when real mail is configured (EMAIL_URL)."""
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend") or not rows:
        return
    by_user: dict[int, list[str]] = {}
    for row in rows:
        by_user.setdefault(row.user_id, []).append(row.message)
    users = get_user_model().objects.filter(pk__in=by_user, is_active=True).exclude(email="")
    subject = _("信访工作到期提醒")
    send_mass_mail(
        [
            (subject, "\n".join(by_user[u.pk]), settings.DEFAULT_FROM_EMAIL, [u.email])
            for u in users
        ],
        fail_silently=True,
    )
