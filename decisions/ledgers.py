"""重大行政决策/合法性审核台账: one row per matter with its review and its collective discussion
(docs/ledgers.md). Import replays each row through the services, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from huanghe_portal.ledgers import (
    Column,
    Ledger,
    LedgerError,
    choice,
    date,
    export_xlsx,
    fmt_yes_no,
    label_of,
    text,
    yes_no,
)
from huanghe_portal.roles import Role

from . import services
from .models import Kind, LegalityReview, Matter, Meeting, MeetingView

User = get_user_model()
TITLE = "重大行政决策合法性审核台账"
IMPORTABLE = [
    (Matter.Status.DRAFT, Matter.Status.DRAFT.label),
    (Matter.Status.REVIEWED, Matter.Status.REVIEWED.label),
    (Matter.Status.DISCUSSED, Matter.Status.DISCUSSED.label),
    (Matter.Status.SIGNED_OFF, Matter.Status.SIGNED_OFF.label),
]


def _iso(value):
    return value.isoformat() if value else ""


STANCES = {str(label): code for code, label in MeetingView.Stance.choices}


def _attendees(value) -> list[dict]:
    """“委员甲：同意；书记：同意：意见” — in speaking order, the principal last; the opinion
    defaults to the stance."""
    attendees = []
    for entry in filter(None, (e.strip() for e in str(value).replace(";", "；").split("；"))):
        name, _sep, rest = entry.replace(":", "：").partition("：")
        stance, _sep, opinion = rest.partition("：")
        if stance.strip() not in STANCES:
            raise ValidationError(
                _("“%(entry)s”应写作“姓名：同意（不同意、弃权）”，多人以“；”分隔。")
                % {"entry": entry}
            )
        attendees.append(
            {
                "name": name.strip(),
                "stance": STANCES[stance.strip()],
                "opinion": opinion.strip() or stance.strip(),
            }
        )
    return attendees


def _fmt_attendees(views: Iterable[MeetingView]) -> str:
    labels = {value: str(label) for value, label in MeetingView.Stance.choices}
    return "；".join(
        f"{v.name}：{labels[v.stance]}"
        + ("" if v.opinion == labels[v.stance] else f"：{v.opinion}")
        for v in views
    )


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
    Column("所作修改", "changes", text(), required=False, width=20),
    _choice_column("会议类型", "meeting_kind", Meeting.MeetingKind.choices, width=20),
    Column("会议日期", "held_on", date, required=False, fmt=_iso),
    _choice_column("会议结果", "meeting_result", Meeting.Result.choices),
    Column(
        "参会人员意见", "attendees", _attendees, required=False, fmt=lambda v: v or "", width=30
    ),
    Column("主要负责人说明", "principal_reason", text(), required=False, width=20),
    Column("签发日期", "signed_off_on", date, required=False, fmt=_iso),
]


def rows_of(matters: Iterable[Matter]) -> Iterator[dict]:
    for matter in matters:
        reviews = sorted(matter.reviews.all(), key=lambda r: r.pk)
        meetings = sorted(matter.meetings.all(), key=lambda m: (m.held_on, m.pk))
        review = reviews[-1] if reviews else None
        meeting = meetings[-1] if meetings else None
        yield {
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
            "changes": review.changes if review else "",
            "meeting_kind": meeting.meeting_kind if meeting else "",
            "held_on": meeting.held_on if meeting else None,
            "meeting_result": meeting.result if meeting else "",
            "attendees": _fmt_attendees(meeting.views.all()) if meeting else [],
            "principal_reason": meeting.principal_reason if meeting else "",
            "signed_off_on": matter.signed_off_on,
        }


def _exported(matters: Iterable[Matter]) -> Iterable[Matter]:
    """Voided matters are left out; reviews and meetings are read in a few queries."""
    if isinstance(matters, QuerySet):
        matters = matters.prefetch_related("reviews__reviewer", "meetings__views")
        if not matters.query.is_sliced:
            return matters.exclude(status=Matter.Status.VOIDED).iterator(chunk_size=2000)
    return [m for m in matters if m.status != Matter.Status.VOIDED]


def export_rows(matters: Iterable[Matter]) -> Iterator[dict]:
    return rows_of(_exported(matters))


def export(matters: Iterable[Matter]) -> bytes:
    """The ledger of `matters` (voided ones left out)."""
    return export_xlsx(COLUMNS, export_rows(matters), title=TITLE)


# --- Import: every row through the same services as the pages (issue 15 point 3) -------------


def _reviewers() -> dict[str, auth.User]:
    return {
        u.get_username(): u
        for u in User.objects.filter(
            Q(groups__name=Role.LEGAL_REVIEWER) | Q(groups__name=Role.LEGAL_ADVISER)
        ).distinct()
    }


NEEDED = {
    # What a row of each status must say to be replayed through the services; whether the
    # law allows it (应审必审, who may sign, the procedure steps) is for the services to say.
    Matter.Status.REVIEWED: [
        ("reviewer", "审核人账号"),
        ("submitted_on", "送审日期"),
        ("concluded_on", "审核完成日期"),
        ("result", "审核结论"),
        ("opinion", "审核意见"),
    ],
    Matter.Status.DISCUSSED: [
        ("meeting_kind", "会议类型"),
        ("held_on", "会议日期"),
        ("meeting_result", "会议结果"),
        ("attendees", "参会人员意见"),
    ],
}
NEEDED[Matter.Status.SIGNED_OFF] = [*NEEDED[Matter.Status.DISCUSSED], ("signed_off_on", "签发日期")]


def check_rows(rows: list[dict]) -> list[LedgerError]:
    """Errors of the sheet itself (accounts, missing cells), found before anything is written."""
    reviewers = _reviewers()
    errors = []
    for row in rows:
        n, status = row["_row"], row["status"]
        if row.get("reviewer") and row["reviewer"] not in reviewers:
            errors.append(LedgerError(n, "审核人账号", _("不是法制审核员或法律顾问的账号。")))
        needed = list(NEEDED.get(status, []))
        if status in (Matter.Status.DISCUSSED, Matter.Status.SIGNED_OFF) and row.get("reviewer"):
            needed += NEEDED[Matter.Status.REVIEWED]
        for key, header in needed:
            if not row.get(key):
                errors.append(LedgerError(n, header, _("该状态下不能为空。")))
    return errors


def _create_row(row: dict, *, actor: auth.User) -> bool:
    """草案拟订, then each step the row records, by the same services as the pages. The review is
    concluded in the name of the reviewer the row names (the ledger is that reviewer's record);
    the meeting and the signature are the importer's, so only a leader imports those rows."""
    matter = services.create_matter(
        actor=actor,
        title=row["title"],
        kind=row["kind"],
        summary=row["summary"],
        sponsor_unit=row["sponsor_unit"],
        opened_on=row["opened_on"],
        exploratory_reform=bool(row.get("exploratory_reform")),
        legal_risk_statement=row.get("legal_risk_statement") or "",
    )
    if row["status"] == Matter.Status.DRAFT:
        return True
    if row.get("reviewer"):
        reviewer = _reviewers()[row["reviewer"]]
        services.submit_review(
            matter, actor=actor, reviewer=reviewer, submitted_on=row["submitted_on"]
        )
        services.conclude_review(
            matter,
            actor=reviewer,
            concluded_on=row["concluded_on"],
            result=row["result"],
            opinion=row["opinion"],
            changes=row.get("changes") or "",
        )
    if row["status"] == Matter.Status.REVIEWED:
        return True
    services.discuss_matter(
        matter,
        actor=actor,
        meeting_kind=row["meeting_kind"],
        held_on=row["held_on"],
        attendees=row["attendees"],
        result=row["meeting_result"],
        principal_reason=row.get("principal_reason") or "",
    )
    if row["status"] == Matter.Status.SIGNED_OFF:
        services.sign_off_matter(matter, actor=actor, signed_on=row["signed_off_on"])
    return True


LEDGER = Ledger(
    key="decisions",
    title=TITLE,
    columns=lambda: COLUMNS,
    create_row=_create_row,
    importers=(Role.LEADER, Role.REPORT_OFFICE),
    done_url="decisions:index",
    upload_url=("decisions:ledger-import", ()),
    check_rows=check_rows,
    field_headers={
        "result": "审核结论",
        "held_on": "会议日期",
        "signed_on": "签发日期",
        "principal_reason": "主要负责人说明",
        "reviewer": "审核人账号",
    },
    example={
        "title": "（示例，导入前请删除此行）某村集体土地流转方案",
        "kind": Kind.CONTRACT,
        "sponsor_unit": "党政办",
        "summary": "方案摘要",
        "opened_on": dt.date(2024, 3, 1),
        "status": Matter.Status.DRAFT,
    },
)
import_ledger = LEDGER.import_file
