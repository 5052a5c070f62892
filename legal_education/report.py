"""The 普法 section of the annual report: figures computed in the database from records not
voided, each counted by its own date (API.md figures table), and a default paragraph."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from huanghe_portal.reporting import Figure

from .models import (
    Consultation,
    Event,
    KnowledgeTest,
    LegalLiaison,
    RecordStatus,
    StudySession,
    TestScore,
)

SECTION = "深化法治宣传教育（普法）"
RECORDED = RecordStatus.RECORDED


def _url(name: str, year: int) -> str:
    return f"{reverse(name)}?year={year}&status={RECORDED}"


def _rate(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


def _by(qs, field: str, choices, measure=None) -> dict[str, int]:
    labels = dict(choices) if choices else None
    rows = qs.values(field).annotate(n=measure or Count("pk")).order_by(field)
    return {
        str(labels.get(r[field], r[field]) if labels else r[field] or _("未指定村（社区）")): r["n"]
        or 0
        for r in rows
    }


def figures(year: int) -> list[Figure]:
    events = Event.objects.filter(status=RECORDED, held_on__year=year)
    totals = events.aggregate(
        n=Count("pk"),
        participants=Sum("participants"),
        materials=Sum("materials"),
        on_site=Sum("consultations_on_site"),
    )
    consultations = Consultation.objects.filter(status=RECORDED, consulted_on__year=year)
    sessions = StudySession.objects.filter(status=RECORDED, held_on__year=year)
    present = StudySession.attendees.through.objects.filter(studysession__in=sessions).count()
    absent = StudySession.absentees.through.objects.filter(studysession__in=sessions).count()
    tests = KnowledgeTest.objects.filter(status=RECORDED, held_on__year=year)
    scores = TestScore.objects.filter(test__in=tests).aggregate(
        n=Count("pk"), passed=Count("pk", filter=Q(score__gte=F("test__pass_mark")))
    )
    trained = LegalLiaison.objects.filter(
        status=RECORDED, trainings__trained_on__year=year
    ).distinct()

    events_url = _url("legal_education:event-list", year)
    return [
        Figure(
            "legal_education.events",
            _("开展法治宣传活动"),
            totals["n"],
            "次",
            _("未作废的普法活动，按活动日期计入年度。"),
            events_url,
            breakdown={
                "kind": _by(events, "kind", Event.Kind.choices),
                "village": _by(events, "village__name", None),
            },
        ),
        Figure(
            "legal_education.participants",
            _("普法活动参与群众"),
            totals["participants"] or 0,
            "人次",
            _("未作废普法活动登记的参与人数之和，按活动日期计入年度。"),
            events_url,
            breakdown={"kind": _by(events, "kind", Event.Kind.choices, Sum("participants"))},
        ),
        Figure(
            "legal_education.materials",
            _("发放普法宣传资料"),
            totals["materials"] or 0,
            "份",
            _("未作废普法活动登记的发放资料份数之和，按活动日期计入年度。"),
            events_url,
        ),
        Figure(
            "legal_education.consultations",
            _("提供法治咨询服务"),
            consultations.count(),
            "人次",
            _("法治咨询登记（一人次一条，未作废），按咨询日期计入年度。"),
            _url("legal_education:consultation-list", year),
            breakdown={
                "outcome": _by(consultations, "outcome", Consultation.Outcome.choices),
                "topic": _by(consultations, "topic", Consultation.Topic.choices),
            },
        ),
        Figure(
            "legal_education.study_sessions",
            _("组织干部学法"),
            sessions.count(),
            "次",
            _("未作废的干部学法记录（中心组学法、专题讲座、旁听庭审、述法），按学习日期计入年度。"),
            _url("legal_education:study-list", year),
            breakdown={"kind": _by(sessions, "kind", StudySession.Kind.choices)},
        ),
        Figure(
            "legal_education.study_attendance_rate",
            _("干部学法参学率"),
            _rate(present, present + absent),
            "%",
            _("各次学法实到人次 ÷ 应到人次（实到 + 缺席）× 100。"),
            _url("legal_education:study-list", year),
        ),
        Figure(
            "legal_education.tests",
            _("开展法律知识测试"),
            tests.count(),
            "次",
            _("未作废的法律知识测试，按测试日期计入年度。"),
            _url("legal_education:test-list", year),
        ),
        Figure(
            "legal_education.test_participants",
            _("参加法律知识测试"),
            scores["n"],
            "人次",
            _("各次测试登记成绩的人次之和。"),
            _url("legal_education:test-list", year),
        ),
        Figure(
            "legal_education.test_pass_rate",
            _("法律知识测试及格率"),
            _rate(scores["passed"], scores["n"]),
            "%",
            _("成绩不低于该次测试及格分的人次 ÷ 参加人次 × 100。"),
            _url("legal_education:test-list", year),
        ),
        Figure(
            "legal_education.liaisons_trained",
            _("培训法律明白人"),
            trained.count(),
            "名",
            _("名册内（未移出）当年参加过培训的法律明白人人数，按培训日期计入年度。"),
            _url("legal_education:liaison-list", year),
        ),
    ]


_compute = figures  # the parameter of `paragraph` below shadows the function's name

_KEYS = (
    "legal_education.events",
    "legal_education.participants",
    "legal_education.materials",
    "legal_education.consultations",
    "legal_education.study_sessions",
    "legal_education.study_attendance_rate",
    "legal_education.tests",
    "legal_education.test_participants",
    "legal_education.test_pass_rate",
    "legal_education.liaisons_trained",
)


def paragraph(year: int, figures: dict[str, Figure]) -> str:
    """The seed's wording first ("开展法治宣传活动23次、提供法治咨询服务29人次"), then what else
    the year's records hold."""
    given = {key: figures.get(key) or figures.get(key.partition(".")[2]) for key in _KEYS}
    f = {k: v for k, v in given.items() if v is not None}
    if len(f) < len(given):
        # Given only some figures (or other keys): fill in from the records.
        f = {**{fig.key: fig for fig in _compute(year)}, **f}
    text = _("开展法治宣传活动%(events)s、提供法治咨询服务%(consultations)s") % {
        "events": f["legal_education.events"].text,
        "consultations": f["legal_education.consultations"].text,
    }
    more = []
    if f["legal_education.participants"].value:
        more.append(_("参与群众%(n)s") % {"n": f["legal_education.participants"].text})
    if f["legal_education.materials"].value:
        more.append(_("发放宣传资料%(n)s") % {"n": f["legal_education.materials"].text})
    if more:
        text += "，" + "、".join(more)
    if f["legal_education.study_sessions"].value:
        text += _("；组织干部学法%(n)s，参学率%(rate)s") % {
            "n": f["legal_education.study_sessions"].text,
            "rate": f["legal_education.study_attendance_rate"].text,
        }
    if f["legal_education.tests"].value:
        text += _("；开展法律知识测试%(n)s，参测%(people)s，及格率%(rate)s") % {
            "n": f["legal_education.tests"].text,
            "people": f["legal_education.test_participants"].text,
            "rate": f["legal_education.test_pass_rate"].text,
        }
    if f["legal_education.liaisons_trained"].value:
        text += _("；培训法律明白人%(n)s") % {"n": f["legal_education.liaisons_trained"].text}
    return text + "。"
