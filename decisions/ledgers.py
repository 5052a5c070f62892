"""重大行政决策/合法性审核台账: one row per matter with its review and its collective discussion
(docs/ledgers.md). Import creates the records in their final state, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from huanghe_portal import timeline
from huanghe_portal.ledgers import (
    Column,
    LedgerError,
    LedgerImportError,
    choice,
    date,
    export_xlsx,
    fmt_yes_no,
    label_of,
    read_table,
    text,
    yes_no,
)
from huanghe_portal.roles import Role, require_role

from .models import Kind, LegalityReview, Matter, Meeting

User = get_user_model()
IMPORTABLE = [
    (Matter.Status.DRAFT, Matter.Status.DRAFT.label),
    (Matter.Status.REVIEWED, Matter.Status.REVIEWED.label),
    (Matter.Status.DISCUSSED, Matter.Status.DISCUSSED.label),
    (Matter.Status.SIGNED_OFF, Matter.Status.SIGNED_OFF.label),
]


def _iso(value):
    return value.isoformat() if value else ""


def _choice_column(header: str, key: str, choices, width: int = 14) -> Column:
    """An optional column of Chinese labels (the codes are accepted too)."""
    return Column(header, key, choice(choices), required=False, fmt=label_of(choices), width=width)


COLUMNS = [
    Column("事项名称", "title", text(200), width=36),
    Column("事项类型", "kind", choice(Kind.choices), fmt=label_of(Kind.choices), width=16),
    Column("承办单位", "sponsor_unit", text(100), width=18),
    Column("草案摘要", "summary", text(), width=40),
    Column("启动日期", "opened_on", date, fmt=_iso),
    Column("探索性改革", "exploratory_reform", yes_no, required=False, fmt=fmt_yes_no, width=10),
    Column("法律风险说明", "legal_risk_statement", text(), required=False, width=20),
    Column("状态", "status", choice(IMPORTABLE), fmt=label_of(Matter.Status.choices)),
    Column("审核人账号", "reviewer", text(150), required=False),
    Column("送审日期", "submitted_on", date, required=False, fmt=_iso),
    Column("审核完成日期", "concluded_on", date, required=False, fmt=_iso),
    _choice_column("审核结论", "result", LegalityReview.Result.choices),
    Column("审核意见", "opinion", text(), required=False, width=30),
    _choice_column("会议类型", "meeting_kind", Meeting.MeetingKind.choices, width=20),
    Column("会议日期", "held_on", date, required=False, fmt=_iso),
    _choice_column("会议结果", "meeting_result", Meeting.Result.choices),
    Column("签发日期", "signed_off_on", date, required=False, fmt=_iso),
]


def rows_of(matters: Iterable[Matter]) -> list[dict]:
    rows = []
    for matter in matters:
        reviews = sorted(matter.reviews.all(), key=lambda r: r.pk)
        meetings = sorted(matter.meetings.all(), key=lambda m: (m.held_on, m.pk))
        review = reviews[-1] if reviews else None
        meeting = meetings[-1] if meetings else None
        rows.append(
            {
                "title": matter.title,
                "kind": matter.kind,
                "sponsor_unit": matter.sponsor_unit,
                "summary": matter.summary,
                "opened_on": matter.opened_on,
                "exploratory_reform": matter.exploratory_reform,
                "legal_risk_statement": matter.legal_risk_statement,
                "status": matter.status,
                "reviewer": review.reviewer.get_username() if review else "",
                "submitted_on": review.submitted_on if review else None,
                "concluded_on": review.concluded_on if review else None,
                "result": review.result if review else "",
                "opinion": review.opinion if review else "",
                "meeting_kind": meeting.meeting_kind if meeting else "",
                "held_on": meeting.held_on if meeting else None,
                "meeting_result": meeting.result if meeting else "",
                "signed_off_on": matter.signed_off_on,
            }
        )
    return rows


def export(matters: Iterable[Matter]) -> bytes:
    """The ledger of `matters` (voided ones left out); reviews and meetings read in two queries."""
    if isinstance(matters, QuerySet):
        matters = matters.prefetch_related("reviews__reviewer", "meetings")
    matters = [m for m in matters if m.status != Matter.Status.VOIDED]
    return export_xlsx(COLUMNS, rows_of(matters), title="重大行政决策合法性审核台账")


def _check(row: dict, reviewers: dict[str, auth.User]) -> list[LedgerError]:
    errors = []
    n = row["_row"]

    def need(key: str, header: str) -> None:
        if not row.get(key):
            errors.append(LedgerError(n, header, _("该状态下不能为空。")))

    status = row["status"]
    if row.get("reviewer") and row["reviewer"] not in reviewers:
        errors.append(LedgerError(n, "审核人账号", _("不是法制审核员或法律顾问的账号。")))
    reviewed = status != Matter.Status.DRAFT
    required_review = row["kind"] in {
        Kind.MAJOR_DECISION,
        Kind.NORMATIVE_DOCUMENT,
        Kind.ENFORCEMENT_DECISION,
    }
    if reviewed and (required_review or row.get("reviewer")):
        for key, header in [
            ("reviewer", "审核人账号"),
            ("submitted_on", "送审日期"),
            ("concluded_on", "审核完成日期"),
            ("result", "审核结论"),
            ("opinion", "审核意见"),
        ]:
            need(key, header)
    if status in (Matter.Status.DISCUSSED, Matter.Status.SIGNED_OFF):
        for key, header in [
            ("meeting_kind", "会议类型"),
            ("held_on", "会议日期"),
            ("meeting_result", "会议结果"),
        ]:
            need(key, header)
        if required_review and row.get("result") == LegalityReview.Result.UNLAWFUL:
            errors.append(
                LedgerError(n, "审核结论", _("应审必审：审核不合法的事项不能提交集体讨论。"))
            )
    if row.get("result") == LegalityReview.Result.RISK_STATED and not row.get("exploratory_reform"):
        errors.append(
            LedgerError(n, "审核结论", _("只有探索性改革事项才能出具“明示法律风险”的结论。"))
        )
    if status == Matter.Status.SIGNED_OFF:
        need("signed_off_on", "签发日期")
        if row.get("meeting_result") and row["meeting_result"] != Meeting.Result.ADOPTED:
            errors.append(LedgerError(n, "会议结果", _("只有会议通过的事项才能签发。")))
    if row.get("exploratory_reform") and not row.get("legal_risk_statement"):
        errors.append(LedgerError(n, "法律风险说明", _("探索性改革事项须载明法律风险说明。")))
    if (
        row.get("concluded_on")
        and row.get("submitted_on")
        and row["concluded_on"] < row["submitted_on"]
    ):
        errors.append(LedgerError(n, "审核完成日期", _("不能早于送审日期。")))
    return errors


def import_ledger(upload, *, actor: auth.User) -> int:
    """Create one matter per row (with its review and meeting) or nothing at all."""
    require_role(actor, Role.LEADER, Role.REPORT_OFFICE)
    rows = read_table(upload, COLUMNS)
    reviewers = {
        u.get_username(): u
        for u in User.objects.filter(
            Q(groups__name=Role.LEGAL_REVIEWER) | Q(groups__name=Role.LEGAL_ADVISER)
        ).distinct()
    }
    errors = [e for row in rows for e in _check(row, reviewers)]
    if errors:
        raise LedgerImportError(errors)
    with transaction.atomic():
        for row in rows:
            _create(row, reviewers, actor)
    return len(rows)


def _create(row: dict, reviewers: dict, actor: auth.User) -> Matter:
    meeting_adopted = row.get("meeting_result") == Meeting.Result.ADOPTED
    matter = Matter.objects.create(
        kind=row["kind"],
        title=row["title"],
        summary=row["summary"],
        sponsor_unit=row["sponsor_unit"],
        opened_on=row["opened_on"],
        exploratory_reform=bool(row.get("exploratory_reform")),
        legal_risk_statement=row.get("legal_risk_statement") or "",
        status=row["status"],
        current_reviewer=reviewers.get(row.get("reviewer") or ""),
        last_result=row.get("result") or "",
        decided_on=row.get("held_on") if meeting_adopted else None,
        signed_off_on=row.get("signed_off_on"),
        signed_off_by=actor if row.get("signed_off_on") else None,
        created_by=actor,
    )
    if row.get("reviewer"):
        matter.reviews.create(
            reviewer=reviewers[row["reviewer"]],
            submitted_on=row["submitted_on"] or row["opened_on"],
            concluded_on=row.get("concluded_on"),
            result=row.get("result") or "",
            opinion=row.get("opinion") or "",
        )
    if row.get("meeting_kind"):
        matter.meetings.create(
            meeting_kind=row["meeting_kind"],
            held_on=row["held_on"],
            result=row["meeting_result"],
            agenda=matter.title,
            recorded_by=actor,
        )
    timeline.record(
        matter, actor=actor, action="imported", note=_("第%(n)s行") % {"n": row["_row"]}
    )
    return matter
