"""人民调解登记台账: export and import as .xlsx, all or nothing (docs/ledgers.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huanghe_portal.ledgers import (
    Column,
    Ledger,
    choice,
    date,
    export_xlsx,
    label_of,
    money,
    text,
)
from huanghe_portal.models import Village
from huanghe_portal.people import display_name
from huanghe_portal.personal_data import (
    mask,
    record_access,
    validate_credit_code,
    validate_id_number,
)
from huanghe_portal.roles import Role, has_role

from . import selectors, services
from .models import CATEGORY_CHOICES, Dispute, GuidedTo, Party, Source

TITLE = "人民调解登记台账"
SEP = "；"
STATUS_CHOICES = Dispute.Status.choices
FORM_CHOICES = Dispute.AgreementForm.choices


def _village(value: Any) -> Village:
    name = str(value).strip()
    village = Village.objects.filter(name=name).first()
    if village is None:
        raise ValidationError(_("“%(name)s”不是本镇的村（社区）。") % {"name": name})
    return village


def columns() -> list[Column]:
    def side(label: str, key: str) -> list[Column]:
        details = [
            ("证件号码", "ids", 400, 24),
            ("电话", "phones", 200, 16),
            ("住址", "addresses", 600, 20),
        ]
        return [
            Column(label, f"{key}_names", text(300), width=18),
            *(
                Column(
                    f"{label}{what}", f"{key}_{suffix}", text(length), required=False, width=width
                )
                for what, suffix, length, width in details
            ),
        ]

    return [
        Column("案号", "number", text(40), required=False, width=20),
        Column("登记日期", "received_on", date, width=12),
        Column("来源", "source", choice(Source.choices), fmt=label_of(Source.choices)),
        Column(
            "纠纷类别",
            "category",
            choice(CATEGORY_CHOICES),
            fmt=label_of(CATEGORY_CHOICES),
            width=16,
        ),
        Column("村（社区）", "village", _village, required=False, fmt=lambda v: v or ""),
        *side("申请人", "applicant"),
        *side("被申请人", "respondent"),
        Column("纠纷简要情况", "summary", text(), width=40),
        Column("涉及金额（元）", "amount_involved", money, required=False),
        Column(
            "状态", "status", choice(STATUS_CHOICES), required=False, fmt=label_of(STATUS_CHOICES)
        ),
        Column("受理日期", "accepted_on", date, required=False, width=12),
        Column("调解员", "mediators", text(), required=False),
        Column("结案日期", "closed_on", date, required=False, width=12),
        Column(
            "协议形式",
            "agreement_form",
            choice(FORM_CHOICES),
            required=False,
            fmt=label_of(FORM_CHOICES),
        ),
        Column("协议内容", "terms", text(), required=False, width=40),
        Column("履行期限", "performance_due", date, required=False, width=12),
        Column(
            "引导途径",
            "guided_to",
            choice(GuidedTo.choices),
            required=False,
            fmt=label_of(GuidedTo.choices),
        ),
        Column("结案说明", "close_reason", text(), required=False, width=30),
        Column("归档日期", "archived_on", date, required=False, width=12),
        Column("作废原因", "void_reason", text(), required=False, width=20),
    ]


FIELD_HEADERS = {
    "number": "案号",
    "received_on": "登记日期",
    "source": "来源",
    "category": "纠纷类别",
    "parties": "申请人",
    "summary": "纠纷简要情况",
    "amount_involved": "涉及金额（元）",
    "accepted_on": "受理日期",
    "closed_on": "结案日期",
    "agreement_form": "协议形式",
    "terms": "协议内容",
    "performance_due": "履行期限",
    "guided_to": "引导途径",
    "reason": "结案说明",
    "archived_on": "归档日期",
}


# --- Export ---------------------------------------------------------------------------------


def export_rows(
    user: auth.User, queryset: QuerySet[Dispute], *, reason: str = ""
) -> Iterator[dict]:
    """The ledger rows of `queryset`, read in chunks; ID numbers and phones masked unless the
    user is a mediator, whose export is audited (one row per party, with the reason given)."""
    unmasked = has_role(user, Role.MEDIATOR)
    disputes = (
        queryset.select_related("village", "agreement")
        .prefetch_related(None)
        .prefetch_related("parties", selectors.mediators_prefetch())
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    shown: list[Party] = []
    for dispute in disputes:
        if unmasked:
            shown.extend(dispute.parties.all())
            if len(shown) >= EXPORT_CHUNK:
                record_access(user, shown, "id_number,phone", purpose="export", reason=reason)
                shown = []
        yield _row(dispute, unmasked)
    if shown:
        record_access(user, shown, "id_number,phone", purpose="export", reason=reason)


def identities_in(queryset: QuerySet[Dispute]) -> int:
    """How many parties' full ID numbers or phones an unmasked export of `queryset` holds."""
    return (
        Party.objects.filter(dispute__in=queryset.values("pk"))
        .exclude(id_number="", phone="")
        .count()
    )


def export(user: auth.User, queryset: QuerySet[Dispute], *, reason: str = "") -> bytes:
    return export_xlsx(columns(), export_rows(user, queryset, reason=reason), title=TITLE)


def _row(dispute: Dispute, unmasked: bool) -> dict:
    row = {
        "number": dispute.number,
        "received_on": dispute.received_on,
        "source": dispute.source,
        "category": dispute.category,
        "village": dispute.village.name if dispute.village else "",
        "summary": dispute.summary,
        "amount_involved": dispute.amount_involved,
        "status": dispute.status,
        "accepted_on": dispute.accepted_on,
        "mediators": "、".join(display_name(u) for u in dispute.mediators.all()),
        "closed_on": dispute.closed_on,
        "agreement_form": dispute.agreement_form,
        "guided_to": dispute.guided_to,
        "close_reason": dispute.close_reason,
        "archived_on": dispute.archived_on,
        "void_reason": dispute.void_reason,
        "terms": "",
        "performance_due": None,
    }
    if dispute.agreement_form:
        row["terms"] = dispute.agreement.terms
        row["performance_due"] = dispute.agreement.performance_due
    for role, key in ((Party.Role.APPLICANT, "applicant"), (Party.Role.RESPONDENT, "respondent")):
        parties = [p for p in dispute.parties.all() if p.role == role]
        row[f"{key}_names"] = SEP.join(p.name for p in parties)
        row[f"{key}_ids"] = SEP.join(
            (p.credit_code or (p.id_number if unmasked else mask("id_number", p.id_number)))
            for p in parties
        ).strip(SEP)
        row[f"{key}_phones"] = SEP.join(
            (p.phone if unmasked else mask("phone", p.phone)) or "" for p in parties
        ).strip(SEP)
        row[f"{key}_addresses"] = SEP.join(p.address for p in parties).strip(SEP)
    return row


# --- Import ---------------------------------------------------------------------------------


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").replace(";", SEP).split(SEP)]


def _parties(row: dict, key: str, role: str) -> list[dict]:
    names = [n for n in _split(row[f"{key}_names"]) if n]
    ids, phones, addresses = (_split(row[f"{key}_{f}"]) for f in ("ids", "phones", "addresses"))
    parties = []
    for i, name in enumerate(names):
        number = ids[i] if i < len(ids) else ""
        party = {
            "role": role,
            "kind": Party.Kind.PERSON,
            "name": name,
            "id_number": number,
            "phone": phones[i] if i < len(phones) else "",
            "address": addresses[i] if i < len(addresses) else "",
        }
        if number and not _is_id_number(number):
            try:
                validate_credit_code(number)
            except ValidationError:
                pass  # neither: left as an ID number so that its own error is reported
            else:
                party.update(kind=Party.Kind.ORGANISATION, id_number="", credit_code=number)
        parties.append(party)
    return parties


def _is_id_number(value: str) -> bool:
    try:
        validate_id_number(value)
    except ValidationError:
        return False
    return True


def _create_row(row: dict, *, actor: auth.User) -> bool:
    """A row whose 案号 already exists is the same record (an export re-imported): skipped."""
    if row["number"] and Dispute.objects.filter(number=row["number"]).exists():
        return False
    _import_row(row, actor)
    return True


def _import_row(row: dict, actor: auth.User) -> None:
    status = row["status"] or Dispute.Status.REGISTERED
    dispute = services.create_dispute(
        actor=actor,
        number=row["number"] or "",
        received_on=row["received_on"],
        source=row["source"],
        category=row["category"],
        village=row["village"],
        summary=row["summary"],
        amount_involved=row["amount_involved"],
        parties=(
            _parties(row, "applicant", Party.Role.APPLICANT)
            + _parties(row, "respondent", Party.Role.RESPONDENT)
        ),
        note=_("台账导入"),
    )
    if status == Dispute.Status.VOIDED:
        services.void_dispute(dispute, actor=actor, reason=row["void_reason"] or _("台账导入"))
        return
    outcome = status
    if status == Dispute.Status.ARCHIVED:
        outcome = (
            Dispute.Status.REJECTED
            if not row["accepted_on"]
            else Dispute.Status.SUCCEEDED
            if row["agreement_form"]
            else Dispute.Status.FAILED
            if row["guided_to"]
            else Dispute.Status.WITHDRAWN
        )
    if outcome == Dispute.Status.REGISTERED:
        return
    closed_on = row["closed_on"]
    if outcome == Dispute.Status.REJECTED:
        dispute = services.reject_dispute(
            dispute,
            actor=actor,
            closed_on=closed_on,
            reason=row["close_reason"] or "",
            guided_to=row["guided_to"] or "",
        )
    else:
        dispute = services.accept_dispute(dispute, actor=actor, accepted_on=row["accepted_on"])
        if outcome == Dispute.Status.SUCCEEDED:
            dispute = services.succeed_dispute(
                dispute,
                actor=actor,
                closed_on=closed_on,
                agreement_form=row["agreement_form"] or "",
                terms=row["terms"] or "",
                performance_due=row["performance_due"],
            )
        elif outcome == Dispute.Status.FAILED:
            dispute = services.fail_dispute(
                dispute,
                actor=actor,
                closed_on=closed_on,
                reason=row["close_reason"] or "",
                guided_to=row["guided_to"] or "",
            )
        elif outcome == Dispute.Status.WITHDRAWN:
            dispute = services.withdraw_dispute(
                dispute, actor=actor, closed_on=closed_on, reason=row["close_reason"] or ""
            )
    if status == Dispute.Status.ARCHIVED:
        services.archive_dispute(dispute, actor=actor, archived_on=row["archived_on"])


EXPORT_CHUNK = 2000
LEDGER = Ledger(
    key="disputes",
    title=TITLE,
    columns=columns,
    create_row=_create_row,
    importers=(Role.MEDIATOR,),
    done_url="disputes:index",
    upload_url=("disputes:ledger-import", ()),
    field_headers={**FIELD_HEADERS, "status": "状态"},
    example={
        "received_on": dt.date(2024, 3, 5),
        "source": Source.choices[0][0],
        "category": CATEGORY_CHOICES[0][0],
        "applicant_names": "张某某",
        "applicant_phones": "13800000000",
        "respondent_names": "李某某",
        "summary": "（示例，导入前请删除此行）相邻两户因排水沟发生争执。",
        "status": Dispute.Status.REGISTERED,
    },
)
import_ledger = LEDGER.import_file
