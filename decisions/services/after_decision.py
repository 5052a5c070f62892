"""After the decision: normative documents and evaluations."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.workflow import begin_step, require_status

from ..models import Evaluation, Kind, Matter, NormativeDocument
from ._common import OFFICE_ROLES, _invalid, _not_future


@transaction.atomic
def register_document(
    matter: Matter,
    *,
    actor: auth.User,
    document_number: str,
    issued_on: dt.date,
    effective_on: dt.date,
    registration_number: str = "",
    expires_on: dt.date | None = None,
) -> NormativeDocument:
    """统一登记、统一编号 of a signed-off normative document."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    if matter.kind != Kind.NORMATIVE_DOCUMENT:
        _invalid("kind", _("只有行政规范性文件需要登记文号。"))
    require_status(
        matter, Matter.Status.SIGNED_OFF, Matter.Status.PUBLISHED, action=_("登记规范性文件")
    )
    if NormativeDocument.objects.filter(matter=matter).exists():
        raise TransitionNotAllowed(_("该规范性文件已登记。"))
    _not_future("issued_on", issued_on)
    if effective_on < issued_on:
        _invalid("effective_on", _("施行日期不能早于印发日期。"))
    if expires_on is not None and expires_on <= effective_on:
        _invalid("expires_on", _("有效期截止日期应晚于施行日期。"))
    document = NormativeDocument.objects.create(
        matter=matter,
        document_number=document_number,
        registration_number=registration_number,
        issued_on=issued_on,
        effective_on=effective_on,
        expires_on=expires_on,
    )
    timeline.record(matter, actor=actor, action="document_registered", note=document_number)
    return document


@transaction.atomic
def repeal_document(
    matter: Matter, *, actor: auth.User, repealed_on: dt.date, reason: str
) -> NormativeDocument:
    """废止 a registered normative document."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    document = NormativeDocument.objects.select_for_update().filter(matter=matter).first()
    if document is None:
        raise TransitionNotAllowed(_("该事项没有登记的规范性文件。"))
    if document.repealed_on is not None:
        raise TransitionNotAllowed(_("该规范性文件已于%(d)s废止。") % {"d": document.repealed_on})
    _not_future("repealed_on", repealed_on)
    if repealed_on < document.issued_on:
        _invalid("repealed_on", _("废止日期不能早于印发日期。"))
    document.repealed_on = repealed_on
    document.repeal_reason = reason
    document.save(update_fields=["repealed_on", "repeal_reason", "updated_at"])
    timeline.record(matter, actor=actor, action="document_repealed", note=reason)
    return document


@transaction.atomic
def record_evaluation(
    matter: Matter, *, actor: auth.User, evaluated_on: dt.date, evaluator: str, findings: str
) -> Evaluation:
    """决策后评估 (决策条例 Art 35) of a decision in force."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    require_status(
        matter, Matter.Status.SIGNED_OFF, Matter.Status.PUBLISHED, action=_("记录决策后评估")
    )
    _not_future("evaluated_on", evaluated_on)
    if matter.signed_off_on and evaluated_on < matter.signed_off_on:
        _invalid("evaluated_on", _("评估日期不能早于签发日期。"))
    evaluation = Evaluation.objects.create(
        matter=matter, evaluated_on=evaluated_on, evaluator=evaluator, findings=findings
    )
    timeline.record(matter, actor=actor, action="evaluated", note=evaluator)
    return evaluation
