"""Registration with its case number, editing a case, its parties and attachments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from huanghe_portal import attachments, sequences, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Township, Village
from huanghe_portal.people import display_name
from huanghe_portal.roles import Role, require_role
from huanghe_portal.versioning import check_version, save_with_version
from huanghe_portal.workflow import begin_step, require_status

from ..models import (
    CATEGORY_CHOICES,
    Committee,
    Dispute,
    Party,
    Source,
)
from ._common import (
    NUMBER_RE,
    UNKNOWN_PARTY,
    _clean_amount,
    _clean_choice,
    _clean_mediators,
    _require_text,
    check_date,
    clean_parties,
    clean_party,
)


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
    _clean_choice("category", category, CATEGORY_CHOICES, _("纠纷类别"))
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


EDITABLE = ("source", "category", "village", "committee", "summary", "amount_involved", "is_public")


@transaction.atomic
def update_dispute(
    dispute: Dispute, *, actor: auth.User, version: int | None = None, **fields
) -> Dispute:
    """Correct a case's basic data while it is open (e.g. the category of a handed-over case),
    from the `version` the editor read; only the fields that changed are written."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.REGISTERED, Dispute.Status.ACCEPTED, action=_("修改案件信息")
    )
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: [_("此项不能在这里修改。")] for name in sorted(unknown)})
    if "source" in fields:
        _clean_choice("source", fields["source"], Source.choices, _("来源"))
    if "category" in fields:
        _clean_choice("category", fields["category"], CATEGORY_CHOICES, _("纠纷类别"))
    if "summary" in fields:
        _require_text("summary", fields["summary"], _("请填写纠纷简要情况。"))
        fields["summary"] = fields["summary"].strip()
    _clean_amount(fields.get("amount_involved"))
    changed = save_with_version(dispute, version, fields)
    if not changed:
        return dispute
    labels = "、".join(timeline.field_labels(dispute, changed))
    timeline.record(
        dispute, actor=actor, action="updated", note=_("修改了：%(fields)s") % {"fields": labels}
    )
    return dispute


@transaction.atomic
def add_party(dispute: Dispute, *, actor: auth.User, **data) -> Dispute:
    """Add a party to an open case (e.g. a respondent handed over as “待补充”). Mediators only."""
    dispute = begin_step(dispute, actor, Role.MEDIATOR)
    require_status(
        dispute, Dispute.Status.REGISTERED, Dispute.Status.ACCEPTED, action=_("补充当事人")
    )
    party = Party.objects.create(dispute=dispute, **clean_party(data))
    dispute.party_names = _party_names(dispute)
    dispute.save(update_fields=["party_names", "updated_at"])
    timeline.record(dispute, actor=actor, action="party_added", note=str(party))
    return dispute


@transaction.atomic
def update_party(party: Party, *, actor: auth.User, version: int | None = None, **data) -> Party:
    """Correct a party of an open case (complete a “待补充” respondent), from the `version` of
    the party the editor read. Mediators only."""
    dispute = begin_step(party.dispute, actor, Role.MEDIATOR)
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
    dispute.mediator_names = "、".join(display_name(u) for u in mediators)[:200]
    dispute.save(update_fields=["mediator_names"])


def add_dispute_attachment(dispute: Dispute, upload, *, actor: auth.User, description: str = ""):
    """Attach a scanned file (signed agreement, records) to a case. Mediators only."""
    require_role(actor, Role.MEDIATOR)
    if dispute.status == Dispute.Status.VOIDED:
        raise TransitionNotAllowed(_("已作废的案件不能上传附件。"))
    return attachments.add_attachment(
        dispute, upload, actor=actor, description=(description or "").strip()[:200]
    )
