"""Registering a petition (at the window or online) and deciding whether to accept it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import (
    notify_applicant,
    sequences,
    timeline,
    tracking,
)
from huanghe_portal.models import Township
from huanghe_portal.personal_data import (
    collect_identity_errors,
    normalize_id_number,
    normalize_phone,
)
from huanghe_portal.roles import require_role
from huanghe_portal.workdays import add_calendar_days
from huanghe_portal.workflow import begin_step

from .. import selectors
from ..models import MAX_REPRESENTATIVES, Petition, ReceptionDay
from ._common import ACCEPTANCE_DAYS, CLERK, HANDLING_DAYS, _check_date, _today


def _format_petition_number(year: int, seq: int) -> str:
    """The document number, e.g. 黄鹤信〔2024〕7号 (the township's prefix, 信 for 信访)."""
    prefix = Township.current().doc_prefix
    return f"{prefix}信〔{year}〕{seq}号"


def _clean_person(
    *, id_number: str, phone: str, persons_count: int, representatives: list[str]
) -> tuple[str, bool, str]:
    errors: dict[str, list[str]] = {}
    id_number = normalize_id_number(id_number)
    phone = normalize_phone(phone)
    legacy = collect_identity_errors(errors, id_number=id_number, phone=phone)
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
        require_role(actor or AnonymousUser(), *CLERK)  # no actor: refused like a visitor
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
        number = _format_petition_number(year, seq)
    earlier = selectors.find_earlier(id_number=id_number, phone=phone)
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
    *,
    petitioner_name: str,
    phone: str,
    summary: str,
    village=None,
    email: str = "",
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
def accept_petition(petition: Petition, *, actor: auth.User, accepted_on: dt.date) -> Petition:
    """登记 → 受理; petition clerks. Starts the 60-day handling clock (Art 34)."""
    petition = begin_step(petition, actor, *CLERK, to=Petition.Status.ACCEPTED)
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
    petition = begin_step(petition, actor, *CLERK, to=Petition.Status.NOT_ACCEPTED)
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
