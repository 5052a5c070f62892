"""人民调解登记台账: export and import as .xlsx, all or nothing (docs/ledgers.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.ledgers import (
    Column,
    LedgerError,
    LedgerImportError,
    choice,
    date,
    export_xlsx,
    label_of,
    money,
    read_table,
    text,
)
from huanghe_portal.models import PersonalDataAccess, Village
from huanghe_portal.personal_data import mask, validate_credit_code, validate_id_number
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
        return [
            Column(label, f"{key}_names", text(300), width=18),
            Column(
                _("%(side)s证件号码") % {"side": label},
                f"{key}_ids",
                text(400),
                required=False,
                width=24,
            ),
            Column(
                _("%(side)s电话") % {"side": label},
                f"{key}_phones",
                text(200),
                required=False,
                width=16,
            ),
            Column(
                _("%(side)s住址") % {"side": label},
                f"{key}_addresses",
                text(600),
                required=False,
                width=20,
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


def export(user: auth.User, queryset: QuerySet[Dispute]) -> bytes:
    """The ledger of `queryset`; ID numbers and phones masked unless the user is a mediator."""
    unmasked = has_role(user, Role.MEDIATOR)
    disputes = list(
        queryset.select_related("village", "agreement")
        .prefetch_related(None)
        .prefetch_related("parties", selectors.mediators_prefetch())
    )
    if unmasked:
        # One audit row per party whose personal data leaves the system in the file.
        party_type = ContentType.objects.get_for_model(Party)
        PersonalDataAccess.objects.bulk_create(
            [
                PersonalDataAccess(
                    user=user,
                    content_type=party_type,
                    object_id=p.pk,
                    field="id_number,phone",
                    purpose="export",
                )
                for d in disputes
                for p in d.parties.all()
            ],
            batch_size=5000,
        )
    return export_xlsx(columns(), (_row(d, unmasked) for d in disputes), title=TITLE)


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
        "mediators": "、".join(selectors.user_label(u) for u in dispute.mediators.all()),
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


def import_ledger(upload, *, actor: auth.User) -> dict[str, int]:
    """Create every new row's case through the services, or none at all.

    A row whose 案号 already exists is the same record (an export re-imported) and is skipped.
    """
    rows = read_table(upload, columns())
    errors: list[LedgerError] = []
    created = skipped = 0
    with transaction.atomic():
        for row in rows:
            if row["number"] and Dispute.objects.filter(number=row["number"]).exists():
                skipped += 1
                continue
            try:
                _import_row(row, actor)
                created += 1
            except ValidationError as exc:
                errors.extend(_row_errors(row["_row"], exc))
            except TransitionNotAllowed as exc:
                errors.append(LedgerError(row["_row"], "状态", str(exc)))
        if errors:
            raise LedgerImportError(errors)
    return {"created": created, "skipped": skipped}


def _row_errors(number: int, exc: ValidationError) -> Iterable[LedgerError]:
    if not hasattr(exc, "error_dict"):
        return [LedgerError(number, "", m) for m in exc.messages]
    return [
        LedgerError(number, FIELD_HEADERS.get(field, field), message)
        for field, messages in exc.message_dict.items()
        for message in messages
    ]


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
