"""Shared by the mediation services: validation of input, the row lock, and writing an ending."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from huanghe_portal import timeline
from huanghe_portal.dates import check_step_date
from huanghe_portal.personal_data import (
    collect_identity_errors,
    normalize_id_number,
    normalize_phone,
)
from huanghe_portal.roles import Role, has_role

from ..models import (
    Dispute,
    GuidedTo,
    Party,
)

User = get_user_model()
NUMBER_RE = re.compile(r"〔(\d{4})〕(\d+)号$")
UNKNOWN_PARTY = "待补充"
# 民事诉讼法 Art 205: apply within 30 days of the agreement taking effect; a period that binds the
# parties, so a last day on a 法定休假日 or weekend rolls forward (Art 85; DOMAIN §0).
CONFIRMATION_DAYS = 30


# --- Validation helpers ---------------------------------------------------------------------


def check_date(
    field: str,
    value: dt.date | None,
    *,
    not_before: dt.date | None = None,
    not_before_label: str = "",
) -> None:
    """A step's date: never in the future, never before the record's own earlier date."""
    if value is None:
        raise ValidationError({field: _("请填写日期。")})
    check_step_date(field, value, not_before=not_before, not_before_label=not_before_label)


def clean_party(data: dict) -> dict:
    """Validate one party dict (API.md shape); return it normalised or raise field errors."""
    errors: dict[str, list[str]] = {}
    role = data.get("role")
    kind = data.get("kind") or Party.Kind.PERSON
    name = (data.get("name") or "").strip()
    id_number = normalize_id_number(data.get("id_number") or "")
    credit_code = normalize_id_number(data.get("credit_code") or "")
    phone = normalize_phone(data.get("phone") or "")
    if role not in Party.Role.values:
        errors["role"] = [_("当事人类型应为申请人或被申请人。")]
    if kind not in Party.Kind.values:
        errors["kind"] = [_("类别应为自然人或单位。")]
    if not name:
        errors["name"] = [_("请填写当事人姓名（名称）。")]
    legacy = collect_identity_errors(
        errors, id_number=id_number, credit_code=credit_code, phone=phone
    )
    if errors:
        raise ValidationError(errors)
    return {
        "role": role,
        "kind": kind,
        "name": name[:100],
        "id_number": id_number,
        "id_legacy": legacy,
        "credit_code": credit_code,
        "phone": phone,
        "address": (data.get("address") or "").strip()[:200],
    }


def clean_parties(parties: Iterable[dict]) -> list[dict]:
    """Every party valid, and at least one applicant and one respondent (调解 needs two sides)."""
    cleaned = []
    for index, party in enumerate(parties, start=1):
        try:
            cleaned.append(clean_party(party))
        except ValidationError as exc:
            raise ValidationError(
                {
                    "parties": [
                        _("第%(n)s位当事人：%(message)s") % {"n": index, "message": m}
                        for m in exc.messages
                    ]
                }
            ) from None
    roles = {p["role"] for p in cleaned}
    if Party.Role.APPLICANT not in roles:
        raise ValidationError({"parties": [_("至少需要一名申请人。")]})
    if Party.Role.RESPONDENT not in roles:
        raise ValidationError({"parties": [_("至少需要一名被申请人。")]})
    return cleaned


def _clean_amount(amount: Decimal | None) -> Decimal | None:
    if amount is not None and Decimal(amount) < 0:
        raise ValidationError({"amount_involved": [_("涉及金额不能为负数。")]})
    return amount


def _clean_choice(field: str, value: str, choices: Iterable, label: str) -> str:
    if value not in {c[0] if isinstance(c, tuple) else c for c in choices}:
        raise ValidationError(
            {field: [_("“%(value)s”不是有效的%(label)s。") % {"value": value, "label": label}]}
        )
    return value


def _clean_mediators(users: Iterable | None) -> list:
    users = list(users or [])
    for user in users:
        if not has_role(user, Role.MEDIATOR):
            raise ValidationError({"mediators": [_("%(user)s 不是调解员。") % {"user": user}]})
    return users


def _write_ending(
    dispute: Dispute,
    outcome: str,
    *,
    actor: auth.User,
    closed_on: dt.date,
    reason: str,
    guided_to: str = "",
) -> Dispute:
    """Write an ending without an agreement (不予受理, 调解不成, 撤回); the outcome is kept
    when the case is archived later, for the figures."""
    dispute.status = dispute.outcome = outcome
    dispute.closed_on = closed_on
    dispute.close_reason = reason.strip()
    dispute.guided_to = guided_to
    dispute.save(
        update_fields=["status", "outcome", "closed_on", "close_reason", "guided_to", "updated_at"]
    )
    data = {"guided_to": guided_to} if guided_to else {}
    timeline.record(dispute, actor=actor, action=outcome, note=reason.strip(), data=data)
    return dispute


def _write_guided_ending(
    dispute: Dispute,
    outcome: str,
    *,
    actor: auth.User,
    closed_on: dt.date,
    reason: str,
    guided_to: str,
    reason_missing: str,
) -> Dispute:
    """An ending that points the parties to another route (不予受理, 调解不成): the reason
    (`reason_missing` when empty) and the route checked, then written."""
    _require_text("reason", reason, reason_missing)
    _clean_choice("guided_to", guided_to, GuidedTo.choices, _("引导途径"))
    return _write_ending(
        dispute, outcome, actor=actor, closed_on=closed_on, reason=reason, guided_to=guided_to
    )


def _require_text(field: str, value: str, message: str) -> None:
    if not (value or "").strip():
        raise ValidationError({field: [message]})
