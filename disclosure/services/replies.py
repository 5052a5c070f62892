"""Answering an application: consultation, extension, reply, fees, voiding (条例 Art 31-42)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import notify_applicant, timeline, tracking
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.people import display_name
from huanghe_portal.roles import Role, member_of
from huanghe_portal.workflow import begin_step, require_status

from .. import clock
from ..models import Application, Consultation
from ._common import _not_before, _not_future, _set_due


@transaction.atomic
def start_consultation(
    app: Application, *, actor: auth.User, sent_on: dt.date, party: str
) -> Application:
    """→ 征求意见中: the days of consultation are not counted (条例 Art 32–34)."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.CONSULTING)
    _not_future(sent_on, "sent_on")
    _not_before(sent_on, app.clock_start, "sent_on", _("收到申请的日期"))
    if not (party or "").strip():
        raise ValidationError({"party": _("请填写征求意见的第三方或机关。")})
    app.status = Application.Status.CONSULTING
    Consultation.objects.create(application=app, sent_on=sent_on, party=party.strip())
    return _set_due(
        app,
        actor=actor,
        action="consultation_sent",
        note=_("向%(party)s征求意见；在收到回复前暂按15个工作日扣除。") % {"party": party.strip()},
    )


@transaction.atomic
def register_consultation_reply(
    app: Application, *, actor: auth.User, replied_on: dt.date
) -> Application:
    """征求意见中 → 办理中: the pause ends with the reply or the 15th working day."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.IN_PROGRESS)
    consultation = app.consultations.filter(replied_on__isnull=True).last()
    if consultation is None:
        raise TransitionNotAllowed(_("没有待回复的征求意见。"))
    _not_future(replied_on, "replied_on")
    _not_before(replied_on, consultation.sent_on, "replied_on", _("发送征求意见的日期"))
    consultation.replied_on = replied_on
    consultation.save()
    app.status = Application.Status.IN_PROGRESS
    return _set_due(
        app,
        actor=actor,
        action="consultation_replied",
        note=_("%(party)s于%(date)s回复。")
        % {"party": consultation.party, "date": replied_on.isoformat()},
    )


def _begin_before_reply(app: Application, actor: auth.User, *, action: str) -> Application:
    """The officer's step on an application not yet replied to (nor waiting for a correction)."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER)
    require_status(
        app,
        Application.Status.RECEIVED,
        Application.Status.IN_PROGRESS,
        Application.Status.CONSULTING,
        action=action,
    )
    return app


@transaction.atomic
def extend_application(
    app: Application, *, actor: auth.User, approved_by, notice_on: dt.date, days: int
) -> Application:
    """Once, up to 20 working days, approved and notified by the due date (条例 Art 33 ¶2)."""
    app = _begin_before_reply(app, actor, action=_("延期答复"))
    if app.extension_days:
        raise TransitionNotAllowed(_("答复期限只能延长一次（条例第三十三条）。"))
    errors = {}
    if not 1 <= int(days) <= clock.MAX_EXTENSION_DAYS:
        errors["days"] = _("延长期限为1至20个工作日。")
    try:
        approver = member_of(approved_by, Role.LEADER, field="approved_by")
    except ValidationError:
        errors["approved_by"] = _(
            "延期须经政府信息公开工作机构负责人同意，批准人须为在职的“领导”用户。"
        )
    if notice_on > app.reply_due:
        errors["notice_on"] = _("延期告知须在答复期限（%(date)s）届满前发出。") % {
            "date": app.reply_due.isoformat()
        }
    if errors:
        raise ValidationError(errors)
    _not_future(notice_on, "notice_on")
    _not_before(notice_on, app.received_on, "notice_on", _("收到申请的日期"))
    app.extension_days = int(days)
    app.extension_approver = approver
    app.extension_approved_by = display_name(approver)[:50]
    app.extension_notice_on = notice_on
    app = _set_due(
        app,
        actor=actor,
        action="extended",
        note=_("经%(who)s批准延期%(n)s个工作日。")
        % {"who": app.extension_approved_by, "n": app.extension_days},
    )
    notify_applicant.notify(app, "extended")
    return app


@transaction.atomic
def reply_application(
    app: Application,
    *,
    actor: auth.User,
    replied_on: dt.date,
    outcome: str,
    note: str = "",
    fee_amount: Decimal | None = None,
) -> Application:
    """→ 已答复 with one of the annual-report outcomes (条例 Art 36–39)."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.REPLIED)
    if outcome not in Application.Outcome.values:
        raise ValidationError({"outcome": _("办理结果须为年度报告所列情形之一。")})
    _not_future(replied_on, "replied_on")
    _not_before(replied_on, app.clock_start, "replied_on", _("收到申请的日期"))
    if fee_amount is not None and fee_amount < 0:
        raise ValidationError({"fee_amount": _("金额不能为负数。")})
    if outcome == Application.Outcome.OTHER_NO_FEE and not (
        app.fee_due and not app.fee_paid_on and replied_on > app.fee_due
    ):
        # The report row (六)2 counts only applications whose fee notice expired unpaid.
        raise ValidationError(
            {"outcome": _("只有收费通知的缴费期限届满仍未缴费的申请，才能按逾期未缴费办结。")}
        )
    open_consultation = app.consultations.filter(replied_on__isnull=True).last()
    if open_consultation:
        # Replying ends the consultation: the pause runs to the reply or the 15th working day.
        open_consultation.replied_on = min(
            replied_on, clock.add_workdays(open_consultation.sent_on, clock.CONSULTATION_DAYS).due
        )
        open_consultation.save()
        app = _set_due(
            app, actor=actor, action="consultation_closed", note=_("答复时结束征求意见。")
        )
    app.status = Application.Status.REPLIED
    app.replied_on = app.concluded_on = replied_on
    app.outcome, app.reply_note = outcome, note
    app.fee_amount = fee_amount
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="replied",
        note=app.get_outcome_display(),
        data={"outcome": outcome, "on_time": replied_on <= app.reply_due},
    )
    notify_applicant.notify(app, "replied")
    return app


@transaction.atomic
def send_fee_notice(
    app: Application, *, actor: auth.User, notice_on: dt.date, amount: Decimal
) -> Application:
    """A 收费通知 (国办函〔2020〕109号): the applicant pays within 20 working days from the day
    after it; a late payment lets the officer close the application as (六)2 other_no_fee."""
    app = _begin_before_reply(app, actor, action=_("发出收费通知"))
    if app.fee_notice_on:
        raise TransitionNotAllowed(_("本申请已发出收费通知。"))
    _not_future(notice_on, "notice_on")
    _not_before(notice_on, app.clock_start, "notice_on", _("收到申请的日期"))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("收费金额须大于零。")})
    app.fee_notice_on, app.fee_amount = notice_on, amount
    app.fee_due = clock.fee_due(notice_on)
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="fee_notice",
        note=_("收费%(amount)s元，缴费期限%(due)s。")
        % {"amount": amount, "due": app.fee_due.isoformat()},
        data={"fee_due": app.fee_due.isoformat()},
    )
    return app


@transaction.atomic
def register_fee_payment(app: Application, *, actor: auth.User, paid_on: dt.date) -> Application:
    """The applicant paid the 信息处理费."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER)
    if not app.fee_notice_on or app.fee_paid_on:
        raise TransitionNotAllowed(_("没有待缴的信息处理费。"))
    _not_future(paid_on, "paid_on")
    _not_before(paid_on, app.fee_notice_on, "paid_on", _("收费通知日期"))
    assert app.fee_due is not None  # set with the fee notice
    app.fee_paid_on = paid_on
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="fee_paid",
        note=paid_on.isoformat(),
        data={"late": paid_on > app.fee_due},
    )
    return app


@transaction.atomic
def void_application(app: Application, *, actor: auth.User, reason: str) -> Application:
    """→ 已作废: entered by mistake; left out of every figure."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER, to=Application.Status.VOIDED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    app.status = Application.Status.VOIDED
    app.void_reason = reason.strip()
    app.save()
    timeline.record(app, actor=actor, action="voided", note=app.void_reason)
    return app


@transaction.atomic
def reissue_tracking_code(app: Application, *, actor: auth.User) -> Application:
    """A lost receipt: a new code replaces the old one, which stops working."""
    app = begin_step(app, actor, Role.DISCLOSURE_OFFICER)
    app.tracking_code = tracking.new_code()
    app.save(update_fields=["tracking_code", "updated_at"])
    timeline.record(app, actor=actor, action="tracking_code_reissued")
    return app
