"""Applications for disclosure: submission, correction, abandonment, reinstatement, due dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huanghe_portal import due_dates, notify_applicant, timeline, tracking
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.personal_data import (
    normalize_id_number,
    normalize_phone,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)
from huanghe_portal.roles import Role, has_role
from huanghe_portal.workflow import begin_step, lock, require_status, require_transition

from .. import clock
from ..models import Application, Item
from ._common import _not_before, _not_future, _set_due, _today


def _validate_applicant(data: dict) -> None:
    errors: dict[str, str | list[str]] = {}
    if not (data.get("description") or "").strip():
        errors["description"] = _("请描述所需政府信息的名称、文号或便于查询的特征。")
    if not (data.get("applicant_name") or "").strip():
        errors["applicant_name"] = _("请填写申请人姓名或名称。")
    kind = data.get("applicant_kind")
    if kind not in Application.ApplicantKind.values:
        errors["applicant_kind"] = _("申请人类型无效。")
    checks = (("phone", validate_phone), ("credit_code", validate_credit_code))
    for name, check in checks:
        if data.get(name):
            try:
                check(data[name])
            except ValidationError as exc:
                errors[name] = exc.messages
    if not data.get("phone"):
        errors["phone"] = _("请填写联系电话。")
    if data.get("id_number"):
        try:
            validate_id_number(data["id_number"])
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_application(
    *,
    actor: auth.User | None,
    applicant_kind: str,
    applicant_name: str,
    phone: str,
    description: str,
    delivery: str,
    id_number: str = "",
    credit_code: str = "",
    address: str = "",
    email: str = "",
    notify_opt_out: bool = False,
    received_on: dt.date | None = None,
    channel: str = Application.Channel.ONLINE,
) -> Application:
    """Receive an application (条例 Art 29, 31): online by the public, or registered by staff."""
    id_number, credit_code = normalize_id_number(id_number), normalize_id_number(credit_code)
    phone = normalize_phone(phone)
    data = {
        "applicant_kind": applicant_kind,
        "applicant_name": applicant_name,
        "phone": phone,
        "description": description,
        "id_number": id_number,
        "credit_code": credit_code,
    }
    _validate_applicant(data)
    staff = actor is not None and has_role(actor, Role.DISCLOSURE_OFFICER)
    if not staff:
        # Online: the day both sides confirm is the day of submission (Art 31).
        received_on, channel = _today(), Application.Channel.ONLINE
    received_on = received_on or _today()
    _not_future(received_on, "received_on")
    if delivery not in Application.Delivery.values:
        raise ValidationError({"delivery": _("获取方式无效。")})
    email = email.strip()
    if not staff and delivery == Application.Delivery.EMAIL and not email:
        # The applicant's own choice (staff registrations and ledger imports keep theirs).
        raise ValidationError({"email": _("选择以电子邮件获取信息时，请填写电子邮箱。")})
    app = Application(
        tracking_code=tracking.new_code(),
        channel=channel,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name.strip(),
        id_number=id_number,
        credit_code=credit_code,
        phone=phone,
        address=address,
        email=email,
        notify_opt_out=notify_opt_out,
        description=description.strip(),
        delivery=delivery,
        received_on=received_on,
        registered_by=actor if staff else None,
    )
    app.reply_due = clock.compute_reply_due(app).due
    app.save()
    app = _set_due(
        app, actor=actor if staff else None, action="received", note=app.get_channel_display()
    )
    notify_applicant.notify(app, "received")
    return app


@transaction.atomic
def request_correction(
    app: Application,
    *,
    actor: auth.User,
    notice_on: dt.date,
    items: str,
    deadline: dt.date | None = None,
) -> Application:
    """已收到 → 待补正: one notice, within 7 working days of receipt (条例 Art 30)."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER)
    if app.correction_notice_on:
        raise TransitionNotAllowed(_("补正通知只能发出一次（条例第三十条）。"))
    require_transition(app, Application.Status.CORRECTION_REQUESTED)
    _not_future(notice_on, "notice_on")
    _not_before(notice_on, app.received_on, "notice_on", _("收到申请的日期"))
    last_day = clock.correction_notice_due(app.received_on)
    if notice_on > last_day:
        raise ValidationError(
            {
                "notice_on": _("补正通知应在收到申请之日起7个工作日内发出（最迟%(date)s）。")
                % {"date": last_day.isoformat()}
            }
        )
    if not (items or "").strip():
        raise ValidationError({"items": _("请写明需要补正的事项。")})
    deadline = deadline or clock.add_workdays(notice_on, 10).due
    _not_before(deadline, notice_on, "deadline", _("补正通知日期"))
    app.status = Application.Status.CORRECTION_REQUESTED
    app.correction_notice_on, app.correction_items = notice_on, items.strip()
    app.correction_deadline = deadline
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="correction_requested",
        note=app.correction_items,
        data={"deadline": deadline.isoformat()},
    )
    notify_applicant.notify(app, "correction_requested")
    return app


@transaction.atomic
def register_correction(app: Application, *, actor: auth.User, received_on: dt.date) -> Application:
    """待补正 → 办理中: the 20 working days restart from the corrected application (Art 30)."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.IN_PROGRESS)
    require_status(app, Application.Status.CORRECTION_REQUESTED, action=_("登记补正"))
    _not_future(received_on, "received_on")
    _not_before(received_on, app.correction_notice_on, "received_on", _("补正通知日期"))
    app.status = Application.Status.IN_PROGRESS
    app.correction_received_on = received_on
    return _set_due(
        app,
        actor=actor,
        action="correction_received",
        note=_("补正材料于%(date)s收到，答复期限重新计算。") % {"date": received_on.isoformat()},
    )


@transaction.atomic
def propose_abandonment(app: Application, *, on: dt.date) -> Application:
    """The daily task: the correction deadline passed; the officers are asked to decide whether
    the applicant had no good reason (Art 30). Nothing changes state."""
    app = lock(app)
    if app.status != Application.Status.CORRECTION_REQUESTED or app.abandon_proposed_on:
        return app
    assert app.correction_deadline is not None  # set with the correction notice
    app.abandon_proposed_on = on
    app.save(update_fields=["abandon_proposed_on", "updated_at"])
    timeline.record(
        app,
        actor=None,
        action="abandon_proposed",
        note=_("补正期限%(date)s已过，请承办人判断申请人是否有正当理由，再决定是否视为放弃申请。")
        % {"date": app.correction_deadline.isoformat()},
    )
    return app


@transaction.atomic
def abandon_application(
    app: Application, *, actor: auth.User, reason: str, on: dt.date | None = None
) -> Application:
    """待补正 → 视为放弃: the officer finds no correction by its deadline without good reason
    (条例 Art 30), and says why."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.ABANDONED)
    on = on or _today()
    _not_future(on, "on")
    assert app.correction_deadline is not None  # set with the correction notice
    if on <= app.correction_deadline:
        raise TransitionNotAllowed(
            _("补正期限（%(date)s）尚未届满，不能视为放弃申请。")
            % {"date": app.correction_deadline.isoformat()}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明认定申请人无正当理由逾期不补正的依据。")})
    app.status = Application.Status.ABANDONED
    app.outcome = Application.Outcome.OTHER_NO_CORRECTION
    app.concluded_on = on
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="abandoned",
        note=_("申请人无正当理由逾期未补正，视为放弃申请：%(reason)s") % {"reason": reason.strip()},
    )
    return app


@transaction.atomic
def reinstate_application(
    app: Application, *, actor: auth.User, reason: str, on: dt.date | None = None
) -> Application:
    """视为放弃 → 待补正: undone by the officer within the report year, with a reason (the
    applicant had a good reason after all); the correction is then registered as usual."""
    app = begin_step(
        app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.CORRECTION_REQUESTED
    )
    # The map lets a received application move to 待补正 too (a correction request): this
    # step undoes 视为放弃 only.
    require_status(app, Application.Status.ABANDONED, action=_("撤销视为放弃"))
    on = on or _today()
    _not_future(on, "on")
    assert app.concluded_on is not None  # set when the application was deemed abandoned
    if on.year != app.concluded_on.year:
        raise TransitionNotAllowed(
            _("视为放弃只能在同一年度内撤销（%(year)s年的年度报告已计入）。")
            % {"year": app.concluded_on.year}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明撤销视为放弃的理由。")})
    previous = app.concluded_on
    app.status = Application.Status.CORRECTION_REQUESTED
    app.outcome, app.concluded_on, app.abandon_proposed_on = "", None, None
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="abandon_undone",
        note=reason.strip(),
        data={"abandoned_on": previous.isoformat()},
    )
    return app


# --- The calendar changed ---------------------------------------------------------------------


def recompute_due_dates(dates: frozenset[dt.date], reason: str) -> int:
    """Registered with huanghe_portal.due_dates: open applications whose reply clock crosses a
    changed date get their reply_due recomputed, each change on the timeline. Returns how many
    moved."""
    lo, hi = min(dates), max(dates)
    moved = 0
    candidates = Application.objects.select_for_update().filter(
        status__in=Application.OPEN, received_on__lt=hi, reply_due__gte=lo - dt.timedelta(days=31)
    )
    for app in candidates.order_by("pk"):
        if not due_dates.crosses(app.clock_start, app.reply_due, dates):
            continue
        if clock.compute_reply_due(app).due != app.reply_due:
            _set_due(app, actor=None, action=due_dates.TIMELINE_ACTION, note=reason)
            moved += 1
    fees = Application.objects.select_for_update().filter(
        status__in=Application.OPEN,
        fee_paid_on__isnull=True,
        fee_notice_on__lt=hi,
        fee_due__gte=lo - dt.timedelta(days=31),
    )
    moved += _move_dues(
        fees, "fee_due", "fee_notice_on", clock.fee_due, _("缴费期限"), dates, reason
    )
    items = Item.objects.select_for_update().filter(
        status__in=[Item.Status.DRAFT, Item.Status.REVIEWED],
        generated_on__lt=hi,
        publication_due__gte=lo - dt.timedelta(days=31),
    )
    moved += _move_dues(
        items,
        "publication_due",
        "generated_on",
        clock.publication_due,
        _("公开期限"),
        dates,
        reason,
    )
    return moved


def _move_dues(
    rows: QuerySet,
    field: str,
    start_field: str,
    compute: Callable[[dt.date], dt.date],
    label: str,
    dates: frozenset[dt.date],
    reason: str,
) -> int:
    """Move the deadline `field` of each row, counted from its `start_field` (which the query
    has checked is set) by `compute`, where the changed dates cross it. Returns how many moved."""
    moved = 0
    for row in rows.order_by("pk"):
        start = getattr(row, start_field)
        moved += due_dates.move(
            row, field, compute(start), start=start, dates=dates, label=label, reason=reason
        )
    return moved
