"""Every write of the mediation area: registration with its case number, one function per
workflow step (lock, authorise, check state, write, log), committees and screening rounds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import attachments, due_dates, jobs, sequences, timeline
from huanghe_portal.dates import check_step_date
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Township, Village
from huanghe_portal.personal_data import (
    normalize_id_number,
    normalize_phone,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.services import notify
from huanghe_portal.versioning import check_version, save_with_version
from huanghe_portal.workdays import add_months, citizen_period_end
from huanghe_portal.workflow import require_status, require_transition

from . import selectors
from .models import (
    Agreement,
    AgreementSubject,
    Committee,
    CommitteeMember,
    Dispute,
    FollowUp,
    GuidedTo,
    JudicialConfirmation,
    Party,
    ScreeningRound,
    Session,
    Source,
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
    legacy = False
    if id_number:
        try:
            legacy = validate_id_number(id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if credit_code:
        try:
            validate_credit_code(credit_code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
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


# --- Case numbers ---------------------------------------------------------------------------


def format_number(year: int, sequence: int) -> str:
    """黄鹤调〔2024〕7号: the township's 代字, 调, the year in 〔〕, no padding zeros."""
    return f"{Township.current().doc_prefix}调〔{year}〕{sequence}号"


def _next_sequence(year: int) -> int:
    return sequences.next_number(sequences.DISPUTE, year)


def _claim_number(number: str, received_on: dt.date) -> tuple[int, int]:
    """An existing paper-ledger number (import): keep it and move the counter past it."""
    match = NUMBER_RE.search(number or "")
    if (
        not match
        or int(match.group(1)) != received_on.year
        or number != format_number(received_on.year, int(match.group(2)))
    ):
        raise ValidationError(
            {
                "number": [
                    _("案号格式应为“%(example)s”（本镇代字，年份与登记日期一致，序号不补零）。")
                    % {"example": format_number(received_on.year, 1)}
                ]
            }
        )
    year, sequence = int(match.group(1)), int(match.group(2))
    sequences.claim_number(sequences.DISPUTE, year, sequence)
    if Dispute.objects.filter(year=year, sequence=sequence).exists():
        raise ValidationError({"number": [_("案号 %(n)s 已存在。") % {"n": number}]})
    return year, sequence


# --- Registration ---------------------------------------------------------------------------


def _party_names(dispute: Dispute) -> str:
    return "、".join(dispute.parties.values_list("name", flat=True))[:500]


@transaction.atomic
def create_dispute(
    *,
    actor: auth.User,
    received_on: dt.date,
    source: str,
    category: str,
    summary: str,
    parties: list[dict],
    village: Village | None = None,
    committee: Committee | None = None,
    amount_involved: Decimal | None = None,
    is_public: bool = False,
    mediators: Iterable | None = None,
    number: str = "",
    note: str = "",
) -> Dispute:
    """登记: a new case with its parties and the next number of the year. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    check_date("received_on", received_on)
    _clean_choice("source", source, Source.choices, _("来源"))
    _clean_choice("category", category, Dispute._meta.get_field("category").choices, _("纠纷类别"))
    if not (summary or "").strip():
        raise ValidationError({"summary": [_("请填写纠纷简要情况。")]})
    _clean_amount(amount_involved)
    cleaned = clean_parties(parties)
    mediators = _clean_mediators(mediators)
    if number:
        year, sequence = _claim_number(number, received_on)
    else:
        year, sequence = received_on.year, _next_sequence(received_on.year)
    dispute = Dispute.objects.create(
        number=format_number(year, sequence),
        year=year,
        sequence=sequence,
        received_on=received_on,
        source=source,
        category=category,
        village=village,
        committee=committee,
        summary=summary.strip(),
        amount_involved=amount_involved,
        is_public=is_public,
        registered_by=actor if actor.is_authenticated else None,
    )
    for party in cleaned:
        Party.objects.create(dispute=dispute, **party)
    dispute.party_names = "、".join(p["name"] for p in cleaned)[:500]
    dispute.save(update_fields=["party_names"])
    if mediators:
        _set_mediators(dispute, mediators)
    timeline.record(
        dispute, actor=actor, action="registered", note=note, data={"number": dispute.number}
    )
    return dispute


@transaction.atomic
def create_dispute_from_handover(
    *,
    actor: auth.User,
    source: models.Model,
    received_on: dt.date,
    source_code: str,
    summary: str,
    parties: list[dict],
    village: Village | None = None,
) -> Dispute:
    """A case handed over by another area (信访转办, a legal consultation); registered as usual.

    The giving area's user needs no mediator role: the hand-over is the giving step itself.
    A respondent not yet known is registered as “待补充”, to be completed by the mediator.
    """
    _clean_choice("source", source_code, Source.choices, _("来源"))
    check_date("received_on", received_on)
    parties = list(parties)
    if not any(p.get("role") == Party.Role.RESPONDENT for p in parties):
        parties.append(
            {"role": Party.Role.RESPONDENT, "kind": Party.Kind.PERSON, "name": UNKNOWN_PARTY}
        )
    cleaned = clean_parties(parties)
    sequence = _next_sequence(received_on.year)
    dispute = Dispute.objects.create(
        number=format_number(received_on.year, sequence),
        year=received_on.year,
        sequence=sequence,
        received_on=received_on,
        source=source_code,
        category="15",
        village=village,
        summary=(summary or "").strip() or _("（待补充）"),
        registered_by=actor if actor.is_authenticated else None,
    )
    for party in cleaned:
        Party.objects.create(dispute=dispute, **party)
    dispute.party_names = _party_names(dispute)
    dispute.save(update_fields=["party_names"])
    timeline.record(
        dispute,
        actor=actor,
        action="handed_over_in",
        note=_("由%(kind)s“%(source)s”转来")
        % {"kind": source._meta.verbose_name, "source": source},
        data={"number": dispute.number},
    )
    return dispute


def _locked(dispute: Dispute) -> Dispute:
    return Dispute.objects.select_for_update().get(pk=dispute.pk)


EDITABLE = ("source", "category", "village", "committee", "summary", "amount_involved", "is_public")


@transaction.atomic
def update_dispute(
    dispute: Dispute, *, actor: auth.User, version: int | None = None, **fields
) -> Dispute:
    """Correct a case's basic data while it is open (e.g. the category of a handed-over case),
    from the `version` the editor read; only the fields that changed are written."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.REGISTERED, Dispute.Status.ACCEPTED, action=_("修改案件信息")
    )
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: [_("此项不能在这里修改。")] for name in sorted(unknown)})
    if "source" in fields:
        _clean_choice("source", fields["source"], Source.choices, _("来源"))
    if "category" in fields:
        _clean_choice(
            "category",
            fields["category"],
            Dispute._meta.get_field("category").choices,
            _("纠纷类别"),
        )
    if "summary" in fields:
        _require_text("summary", fields["summary"], _("请填写纠纷简要情况。"))
        fields["summary"] = fields["summary"].strip()
    _clean_amount(fields.get("amount_involved"))
    changed = save_with_version(dispute, version, fields)
    if not changed:
        return dispute
    labels = "、".join(str(Dispute._meta.get_field(name).verbose_name) for name in changed)
    timeline.record(
        dispute, actor=actor, action="updated", note=_("修改了：%(fields)s") % {"fields": labels}
    )
    return dispute


@transaction.atomic
def add_party(dispute: Dispute, *, actor: auth.User, **data) -> Dispute:
    """Add a party to an open case (e.g. a respondent handed over as “待补充”). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.REGISTERED, Dispute.Status.ACCEPTED, action=_("补充当事人")
    )
    party = Party.objects.create(dispute=dispute, **clean_party(data))
    dispute.party_names = _party_names(dispute)
    dispute.save(update_fields=["party_names", "updated_at"])
    timeline.record(dispute, actor=actor, action="party_added", note=str(party))
    return dispute


@transaction.atomic
def update_party(
    party: Party, *, actor: auth.User, version: int | None = None, **data
) -> Party:
    """Correct a party of an open case (complete a “待补充” respondent), from the `version` of
    the party the editor read. Mediators only."""
    dispute = _locked(party.dispute)
    require_role(actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.REGISTERED, Dispute.Status.ACCEPTED, action=_("修改当事人")
    )
    party = Party.objects.select_for_update().get(pk=party.pk, dispute=dispute)
    check_version(party, version)
    current = {
        name: getattr(party, name)
        for name in ("role", "kind", "name", "id_number", "credit_code", "phone", "address")
    }
    cleaned = clean_party({**current, **data})
    others = set(dispute.parties.exclude(pk=party.pk).values_list("role", flat=True))
    if not {Party.Role.APPLICANT, Party.Role.RESPONDENT} <= others | {cleaned["role"]}:
        raise ValidationError({"role": [_("案件至少需要一名申请人和一名被申请人。")]})
    if not save_with_version(party, version, cleaned):
        return party
    dispute.party_names = _party_names(dispute)
    dispute.save(update_fields=["party_names", "updated_at"])
    timeline.record(dispute, actor=actor, action="party_updated", note=str(party))
    return party


def _set_mediators(dispute: Dispute, mediators: list) -> None:
    # Names kept beside the relation so that lists and the detail page need no extra query.
    dispute.mediators.set(mediators)
    dispute.mediator_names = "、".join(selectors.user_label(u) for u in mediators)[:200]
    dispute.save(update_fields=["mediator_names"])


# --- Workflow steps -------------------------------------------------------------------------


@transaction.atomic
def accept_dispute(
    dispute: Dispute,
    *,
    actor: auth.User,
    accepted_on: dt.date,
    mediators: Iterable | None = None,
    note: str = "",
) -> Dispute:
    """登记 → 受理. Mediators only; starts the one-month clock (司法部令第75号 Art 33)."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_transition(dispute, Dispute.Status.ACCEPTED)
    check_date(
        "accepted_on", accepted_on, not_before=dispute.received_on, not_before_label=_("登记日期")
    )
    mediators = _clean_mediators(mediators)

    dispute.status = Dispute.Status.ACCEPTED
    dispute.accepted_on = accepted_on
    dispute.mediation_due = add_months(accepted_on, 1)
    dispute.save(update_fields=["status", "accepted_on", "mediation_due", "updated_at"])
    if mediators:
        _set_mediators(dispute, mediators)
    elif not dispute.mediators.exists() and has_role(actor, Role.MEDIATOR):
        _set_mediators(dispute, [actor])
    # Cheap and safe twice: with the broker down the mediators are told from this process.
    jobs.enqueue(_tasks().notify_assigned_mediators_task, dispute.pk, run_inline_on_failure=True)
    timeline.record(
        dispute,
        actor=actor,
        action="accepted",
        note=note,
        data={"mediators": [u.pk for u in dispute.mediators.all()]},
    )
    return dispute


@transaction.atomic
def reject_dispute(
    dispute: Dispute,
    *,
    actor: auth.User,
    reason: str,
    guided_to: str,
    closed_on: dt.date | None = None,
) -> Dispute:
    """登记 → 不予受理, naming where the party was guided (调解法 Art 18, 26). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_transition(dispute, Dispute.Status.REJECTED)
    closed_on = closed_on or timezone.localdate()
    check_date(
        "closed_on", closed_on, not_before=dispute.received_on, not_before_label=_("登记日期")
    )
    _require_text("reason", reason, _("请填写不予受理的理由。"))
    _clean_choice("guided_to", guided_to, GuidedTo.choices, _("引导途径"))

    return _end(
        dispute,
        Dispute.Status.REJECTED,
        actor=actor,
        closed_on=closed_on,
        reason=reason,
        guided_to=guided_to,
    )


def _end(
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


def _require_text(field: str, value: str, message: str) -> None:
    if not (value or "").strip():
        raise ValidationError({field: [message]})


@transaction.atomic
def add_session(
    dispute: Dispute,
    *,
    actor: auth.User,
    held_on: dt.date,
    place: str,
    record: str,
    attendees: str = "",
) -> Session:
    """Record a mediation session of an accepted case (调解法 Art 27). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_status(dispute, Dispute.Status.ACCEPTED, action=_("记录调解"))
    check_date("held_on", held_on, not_before=dispute.accepted_on, not_before_label=_("受理日期"))
    _require_text("place", place, _("请填写调解地点。"))
    _require_text("record", record, _("请填写调解记录。"))
    session = Session.objects.create(
        dispute=dispute,
        held_on=held_on,
        place=place.strip(),
        record=record.strip(),
        attendees=attendees.strip(),
        recorded_by=actor,
    )
    dispute.save(update_fields=["updated_at"])
    timeline.record(
        dispute, actor=actor, action="session_added", note=f"{held_on:%Y-%m-%d} {place.strip()}"
    )
    return session


def _close(dispute: Dispute, target: str, closed_on: dt.date) -> None:
    require_transition(dispute, target)
    check_date(
        "closed_on",
        closed_on,
        not_before=dispute.accepted_on or dispute.received_on,
        not_before_label=_("受理日期") if dispute.accepted_on else _("登记日期"),
    )


@transaction.atomic
def succeed_dispute(
    dispute: Dispute,
    *,
    actor: auth.User,
    closed_on: dt.date,
    agreement_form: str,
    terms: str,
    agreement_subject: str = AgreementSubject.RIGHTS,
    performance_due: dt.date | None = None,
    facts: str = "",
    responsibilities: str = "",
    performance_method: str = "",
    copies: int | None = None,
) -> Dispute:
    """受理 → 调解成功 with a written or oral agreement (调解法 Art 28–29). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    _close(dispute, Dispute.Status.SUCCEEDED, closed_on)
    _clean_choice("agreement_form", agreement_form, Dispute.AgreementForm.choices, _("协议形式"))
    _clean_choice("agreement_subject", agreement_subject, AgreementSubject.choices, _("协议事项"))
    _require_text("terms", terms, _("请填写协议内容。"))
    if performance_due is not None and performance_due < closed_on:
        raise ValidationError({"performance_due": [_("履行期限不能早于结案日期。")]})
    parties = dispute.parties.count()
    if copies is not None and copies < parties + 1:
        raise ValidationError(
            {
                "copies": [
                    _("协议书应当事人各执一份、调委会留存一份，至少%(n)s份。") % {"n": parties + 1}
                ]
            }
        )

    dispute.status = Dispute.Status.SUCCEEDED
    dispute.outcome = Dispute.Status.SUCCEEDED
    dispute.closed_on = closed_on
    dispute.agreement_form = agreement_form
    dispute.agreement_subject = agreement_subject
    dispute.confirmation_due = citizen_period_end(closed_on, CONFIRMATION_DAYS)
    dispute.save(
        update_fields=[
            "status",
            "outcome",
            "closed_on",
            "agreement_form",
            "agreement_subject",
            "confirmation_due",
            "updated_at",
        ]
    )
    Agreement.objects.create(
        dispute=dispute,
        form=agreement_form,
        facts=facts.strip() or dispute.summary,
        responsibilities=responsibilities.strip(),
        terms=terms.strip(),
        performance_method=performance_method.strip(),
        performance_due=performance_due,
        copies=copies or parties + 1,
        concluded_on=closed_on,
    )
    timeline.record(
        dispute, actor=actor, action="succeeded", note=dispute.get_agreement_form_display()
    )
    return dispute


@transaction.atomic
def fail_dispute(
    dispute: Dispute, *, actor: auth.User, closed_on: dt.date, reason: str, guided_to: str
) -> Dispute:
    """受理 → 调解不成、终止调解; the parties are told of other routes (调解法 Art 26)."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    _close(dispute, Dispute.Status.FAILED, closed_on)
    _require_text("reason", reason, _("请填写终止调解的理由。"))
    _clean_choice("guided_to", guided_to, GuidedTo.choices, _("引导途径"))

    return _end(
        dispute,
        Dispute.Status.FAILED,
        actor=actor,
        closed_on=closed_on,
        reason=reason,
        guided_to=guided_to,
    )


@transaction.atomic
def withdraw_dispute(
    dispute: Dispute, *, actor: auth.User, closed_on: dt.date, reason: str
) -> Dispute:
    """受理 → 撤回: a party ends the mediation (调解法 Art 23). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    _close(dispute, Dispute.Status.WITHDRAWN, closed_on)
    _require_text("reason", reason, _("请填写撤回的原因。"))

    return _end(dispute, Dispute.Status.WITHDRAWN, actor=actor, closed_on=closed_on, reason=reason)


@transaction.atomic
def add_follow_up(
    dispute: Dispute,
    *,
    actor: auth.User,
    visited_on: dt.date,
    performed: bool,
    satisfied: bool,
    note: str = "",
) -> FollowUp:
    """A return visit on a succeeded case (调解法 Art 31: the committee supervises performance)."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_status(dispute, Dispute.Status.SUCCEEDED, Dispute.Status.ARCHIVED, action=_("回访"))
    if dispute.outcome != Dispute.Status.SUCCEEDED:
        raise TransitionNotAllowed(_("只有调解成功的案件才能回访。"))
    check_date(
        "visited_on", visited_on, not_before=dispute.closed_on, not_before_label=_("结案日期")
    )
    follow_up = FollowUp.objects.create(
        dispute=dispute,
        visited_on=visited_on,
        performed=performed,
        satisfied=satisfied,
        note=(note or "").strip(),
        visited_by=actor,
    )
    dispute.save(update_fields=["updated_at"])
    timeline.record(
        dispute,
        actor=actor,
        action="followed_up",
        note=_("已履行：%(p)s；满意：%(s)s")
        % {"p": _("是") if performed else _("否"), "s": _("是") if satisfied else _("否")},
        data={
            "visited_on": visited_on.isoformat(),
            "performed": performed,
            "satisfied": satisfied,
            "note": follow_up.note,
        },
    )
    return follow_up


@transaction.atomic
def record_judicial_confirmation(
    dispute: Dispute,
    *,
    actor: auth.User,
    applied_on: dt.date,
    court: str,
    result: str = JudicialConfirmation.Result.PENDING,
    decided_on: dt.date | None = None,
) -> JudicialConfirmation:
    """司法确认 of a succeeded case's agreement (民事诉讼法 Art 205–206). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.SUCCEEDED, Dispute.Status.ARCHIVED, action=_("登记司法确认")
    )
    if dispute.outcome != Dispute.Status.SUCCEEDED:
        raise TransitionNotAllowed(_("只有调解成功的案件才能申请司法确认。"))
    check_date(
        "applied_on", applied_on, not_before=dispute.closed_on, not_before_label=_("结案日期")
    )
    if dispute.confirmation_due and applied_on > dispute.confirmation_due:
        raise ValidationError(
            {
                "applied_on": [
                    _("司法确认应自调解协议生效之日起三十日内申请，期限为%(due)s。")
                    % {"due": dispute.confirmation_due.isoformat()}
                ]
            }
        )
    _require_text("court", court, _("请填写受理法院。"))
    _clean_choice("result", result, JudicialConfirmation.Result.choices, _("结果"))
    if decided_on is not None:
        check_date("decided_on", decided_on, not_before=applied_on, not_before_label=_("申请日期"))
    confirmation, _created = JudicialConfirmation.objects.update_or_create(
        dispute=dispute,
        defaults={
            "applied_on": applied_on,
            "court": court.strip(),
            "result": result,
            "decided_on": decided_on,
        },
    )
    timeline.record(
        dispute,
        actor=actor,
        action="judicial_confirmation",
        note=f"{court.strip()} {confirmation.get_result_display()}",
    )
    return confirmation


def recompute_due_dates(dates: frozenset[dt.date], reason: str) -> int:
    """Registered with huanghe_portal.due_dates: the 司法确认 period of agreements not yet taken
    to court is recomputed when a changed date lies in it. Returns how many moved."""
    lo, hi = min(dates), max(dates)
    moved = 0
    candidates = Dispute.objects.select_for_update(of=("self",)).filter(
        outcome=Dispute.Status.SUCCEEDED,
        status__in=[Dispute.Status.SUCCEEDED, Dispute.Status.ARCHIVED],
        judicial_confirmation__isnull=True,
        closed_on__lt=hi,
        confirmation_due__gte=lo - dt.timedelta(days=31),
    )
    for dispute in candidates.order_by("pk"):
        moved += due_dates.move(
            dispute, "confirmation_due", citizen_period_end(dispute.closed_on, CONFIRMATION_DAYS),
            start=dispute.closed_on, dates=dates, label=_("司法确认申请期限"), reason=reason,
        )
    return moved


@transaction.atomic
def archive_dispute(
    dispute: Dispute, *, actor: auth.User, archived_on: dt.date | None = None
) -> Dispute:
    """结案 → 归档 (调解法 Art 27: 立卷归档). Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_transition(dispute, Dispute.Status.ARCHIVED)
    archived_on = archived_on or timezone.localdate()
    check_date(
        "archived_on", archived_on, not_before=dispute.closed_on, not_before_label=_("结案日期")
    )
    dispute.status = Dispute.Status.ARCHIVED
    dispute.archived_on = archived_on
    dispute.save(update_fields=["status", "archived_on", "updated_at"])
    timeline.record(dispute, actor=actor, action="archived")
    return dispute


@transaction.atomic
def void_dispute(dispute: Dispute, *, actor: auth.User, reason: str) -> Dispute:
    """Any state but archived → 作废, for a record entered by mistake. Mediators only."""
    dispute = _locked(dispute)
    require_role(actor, Role.MEDIATOR)
    require_transition(dispute, Dispute.Status.VOIDED)
    _require_text("reason", reason, _("请填写作废原因。"))
    previous = dispute.status
    dispute.status = Dispute.Status.VOIDED
    dispute.void_reason = reason.strip()
    dispute.save(update_fields=["status", "void_reason", "updated_at"])
    timeline.record(
        dispute,
        actor=actor,
        action="voided",
        note=reason.strip(),
        data={"previous_status": previous},
    )
    return dispute


# --- Notifications -------------------------------------------------------------------------


def _tasks():
    from . import tasks  # imported late: tasks import this module

    return tasks


def notify_assigned_mediators(dispute: Dispute) -> int:
    """An in-app notice to each mediator of an accepted case; returns how many were told."""
    if dispute.status != Dispute.Status.ACCEPTED:
        return 0
    mediators = list(dispute.mediators.all())
    for user in mediators:
        notify(
            user,
            kind="dispute_assigned",
            record=dispute,
            url=dispute.get_absolute_url(),
            message=_("纠纷 %(number)s 已受理，由您负责调解，期限 %(due)s。")
            % {"number": dispute.number, "due": dispute.mediation_due.isoformat()},
        )
    return len(mediators)


def send_overdue_reminders() -> int:
    """Remind the mediators of every overdue case (at most one notice per case and mediator)."""
    overdue = Dispute.objects.filter(
        status=Dispute.Status.ACCEPTED, mediation_due__lt=timezone.localdate()
    )
    count = 0
    for dispute in overdue.prefetch_related("mediators"):
        for user in dispute.mediators.all():
            notify(
                user,
                kind="dispute_overdue",
                record=dispute,
                url=dispute.get_absolute_url(),
                message=_("纠纷 %(number)s 受理已超过一个月（期限 %(due)s），尚未结案。")
                % {"number": dispute.number, "due": dispute.mediation_due.isoformat()},
            )
            count += 1
    return count


# --- Committees and screening rounds --------------------------------------------------------


@transaction.atomic
def save_committee(
    committee: Committee, *, actor: auth.User, version: int | None = None, **fields
) -> Committee:
    """Create or edit a 调委会 (调解法 Art 8–9, 34); an edit from the `version` read. Mediators
    only."""
    require_role(actor, Role.MEDIATOR)
    if committee.pk is not None:
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if fields.get("level") == Committee.Level.VILLAGE and not fields.get("village"):
        raise ValidationError({"village": [_("村（社区）调委会须选择所属村（社区）。")]})
    term_start, term_end = fields.get("term_start"), fields.get("term_end")
    if term_start and term_end and term_end < term_start:
        raise ValidationError({"term_end": [_("任期结束不能早于任期开始。")]})
    created = committee.pk is None
    if not save_with_version(committee, version, fields) and not created:
        return committee
    timeline.record(committee, actor=actor, action="created" if created else "updated")
    return committee


@transaction.atomic
def save_member(member: CommitteeMember, *, actor: auth.User, **fields) -> CommitteeMember:
    """Add or edit a committee member. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    term_start, term_end = fields.get("term_start"), fields.get("term_end")
    if term_start and term_end and term_end < term_start:
        raise ValidationError({"term_end": [_("任期结束不能早于任期开始。")]})
    created = member.pk is None
    for name, value in fields.items():
        setattr(member, name, value)
    member.save()
    timeline.record(
        member.committee,
        actor=actor,
        action="member_added" if created else "member_updated",
        note=str(member),
    )
    return member


@transaction.atomic
def create_screening_round(
    *,
    actor: auth.User,
    held_on: dt.date,
    villages: Iterable,
    disputes_found: int = 0,
    disputes_prevented: int = 0,
    note: str = "",
    committee: Committee | None = None,
) -> ScreeningRound:
    """Log a 矛盾纠纷排查 round. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    check_date("held_on", held_on)
    villages = list(villages)
    if not villages:
        raise ValidationError({"villages": [_("请选择排查范围。")]})
    if disputes_found < 0 or disputes_prevented < 0:
        raise ValidationError({"disputes_found": [_("不能为负数。")]})
    screening = ScreeningRound.objects.create(
        held_on=held_on,
        committee=committee,
        disputes_found=disputes_found,
        disputes_prevented=disputes_prevented,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    screening.villages.set(villages)
    timeline.record(screening, actor=actor, action="created")
    return screening


@transaction.atomic
def void_screening_round(
    screening: ScreeningRound, *, actor: auth.User, reason: str
) -> ScreeningRound:
    """A screening round entered by mistake is voided, never deleted. Mediators only."""
    screening = ScreeningRound.objects.select_for_update().get(pk=screening.pk)
    require_role(actor, Role.MEDIATOR)
    if screening.voided:
        raise TransitionNotAllowed(_("该排查记录已作废。"))
    _require_text("reason", reason, _("请填写作废原因。"))
    screening.voided = True
    screening.void_reason = reason.strip()
    screening.save(update_fields=["voided", "void_reason", "updated_at"])
    timeline.record(screening, actor=actor, action="voided", note=reason.strip())
    return screening


def add_dispute_attachment(
    dispute: Dispute, upload, *, actor: auth.User, description: str = ""
):
    """Attach a scanned file (signed agreement, records) to a case. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    if dispute.status == Dispute.Status.VOIDED:
        raise TransitionNotAllowed(_("已作废的案件不能上传附件。"))
    return attachments.add_attachment(
        dispute, upload, actor=actor, description=(description or "").strip()[:200]
    )
