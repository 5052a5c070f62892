"""The 普法 section of the annual report: figures computed in the database from records not
voided, each counted by its own date (API.md figures table), and a default paragraph."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from huanghe_portal import figure_records
from huanghe_portal.reporting import Figure, Paragraph, written

from . import selectors
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


def _events(year: int):
    return Event.objects.filter(status=RECORDED, held_on__year=year)


def _sessions(year: int):
    return StudySession.objects.filter(status=RECORDED, held_on__year=year)


def _tests(year: int):
    return KnowledgeTest.objects.filter(status=RECORDED, held_on__year=year)


def _attendance_rate(sessions) -> float:
    present = StudySession.attendees.through.objects.filter(studysession__in=sessions).count()
    absent = StudySession.absentees.through.objects.filter(studysession__in=sessions).count()
    return _rate(present, present + absent)


def _scores(tests):
    return TestScore.objects.filter(test__in=tests).aggregate(
        n=Count("pk"), passed=Count("pk", filter=Q(score__gte=F("test__pass_mark")))
    )


def _pass_rate(tests) -> float:
    scores = _scores(tests)
    return _rate(scores["passed"], scores["n"])


def _records(rows, visible, date: str, basis: StrOrPromise = "", measure=None):
    extra = {"measure": measure, "basis": basis} if measure else {}
    return figure_records.Records(rows, visible, date, **extra)


# The records each figure is computed from, shared by the figure and its drill-down page.
RECORDS = {
    "legal_education.events": _records(_events, selectors.events_visible_to, "held_on"),
    "legal_education.participants": _records(
        _events,
        selectors.events_visible_to,
        "held_on",
        gettext_lazy("数字为下列活动登记的参与人数之和。"),
        figure_records.total("participants"),
    ),
    "legal_education.materials": _records(
        _events,
        selectors.events_visible_to,
        "held_on",
        gettext_lazy("数字为下列活动登记的发放资料份数之和。"),
        figure_records.total("materials"),
    ),
    "legal_education.consultations": _records(
        lambda year: Consultation.objects.filter(status=RECORDED, consulted_on__year=year),
        selectors.consultations_visible_to,
        "consulted_on",
    ),
    "legal_education.study_sessions": _records(
        _sessions, selectors.study_sessions_visible_to, "held_on"
    ),
    "legal_education.study_attendance_rate": _records(
        _sessions,
        selectors.study_sessions_visible_to,
        "held_on",
        gettext_lazy("比率按下列各次学法的实到和缺席人次计算。"),
        _attendance_rate,
    ),
    "legal_education.tests": _records(_tests, selectors.tests_visible_to, "held_on"),
    "legal_education.test_participants": _records(
        _tests,
        selectors.tests_visible_to,
        "held_on",
        gettext_lazy("数字为下列各次测试登记成绩的人次之和。"),
        lambda tests: _scores(tests)["n"],
    ),
    "legal_education.test_pass_rate": _records(
        _tests,
        selectors.tests_visible_to,
        "held_on",
        gettext_lazy("比率按下列各次测试登记的成绩计算。"),
        _pass_rate,
    ),
    "legal_education.liaisons_trained": _records(
        lambda year: LegalLiaison.objects.filter(
            status=RECORDED, pk__in=LegalLiaison.objects.filter(trainings__trained_on__year=year)
        ),
        selectors.liaisons_visible_to,
        "appointed_on",
    ),
}


def figures(year: int) -> list[Figure]:
    value, url = figure_records.bound(RECORDS, year)

    events = _events(year)
    consultations = RECORDS["legal_education.consultations"].rows(year)
    return [
        Figure(
            "legal_education.events",
            _("开展法治宣传活动"),
            value("legal_education.events"),
            "次",
            _("未作废的普法活动，按活动日期计入年度。"),
            url("legal_education.events"),
            breakdown={
                "kind": _by(events, "kind", Event.Kind.choices),
                "village": _by(events, "village__name", None),
            },
        ),
        Figure(
            "legal_education.participants",
            _("普法活动参与群众"),
            value("legal_education.participants"),
            "人次",
            _("未作废普法活动登记的参与人数之和，按活动日期计入年度。"),
            url("legal_education.participants"),
            breakdown={"kind": _by(events, "kind", Event.Kind.choices, Sum("participants"))},
        ),
        Figure(
            "legal_education.materials",
            _("发放普法宣传资料"),
            value("legal_education.materials"),
            "份",
            _("未作废普法活动登记的发放资料份数之和，按活动日期计入年度。"),
            url("legal_education.materials"),
        ),
        Figure(
            "legal_education.consultations",
            _("提供法治咨询服务"),
            value("legal_education.consultations"),
            "人次",
            _("法治咨询登记（一人次一条，未作废），按咨询日期计入年度。"),
            url("legal_education.consultations"),
            breakdown={
                "outcome": _by(consultations, "outcome", Consultation.Outcome.choices),
                "topic": _by(consultations, "topic", Consultation.Topic.choices),
            },
        ),
        Figure(
            "legal_education.study_sessions",
            _("组织干部学法"),
            value("legal_education.study_sessions"),
            "次",
            _("未作废的干部学法记录（中心组学法、专题讲座、旁听庭审、述法），按学习日期计入年度。"),
            url("legal_education.study_sessions"),
            breakdown={"kind": _by(_sessions(year), "kind", StudySession.Kind.choices)},
        ),
        Figure(
            "legal_education.study_attendance_rate",
            _("干部学法参学率"),
            value("legal_education.study_attendance_rate"),
            "%",
            _("各次学法实到人次 ÷ 应到人次（实到 + 缺席）× 100。"),
            url("legal_education.study_attendance_rate"),
        ),
        Figure(
            "legal_education.tests",
            _("开展法律知识测试"),
            value("legal_education.tests"),
            "次",
            _("未作废的法律知识测试，按测试日期计入年度。"),
            url("legal_education.tests"),
        ),
        Figure(
            "legal_education.test_participants",
            _("参加法律知识测试"),
            value("legal_education.test_participants"),
            "人次",
            _("各次测试登记成绩的人次之和。"),
            url("legal_education.test_participants"),
        ),
        Figure(
            "legal_education.test_pass_rate",
            _("法律知识测试及格率"),
            value("legal_education.test_pass_rate"),
            "%",
            _("成绩不低于该次测试及格分的人次 ÷ 参加人次 × 100。"),
            url("legal_education.test_pass_rate"),
        ),
        Figure(
            "legal_education.liaisons_trained",
            _("培训法律明白人"),
            value("legal_education.liaisons_trained"),
            "名",
            _("名册内（未移出）当年参加过培训的法律明白人人数，按培训日期计入年度。"),
            url("legal_education.liaisons_trained"),
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


def paragraphs(year: int, figures: dict[str, Figure]) -> list[Paragraph]:
    """The seed's wording first ("开展法治宣传活动23次、提供法治咨询服务29人次"), then what else
    the year's records hold."""
    given = {key: figures.get(key) or figures.get(key.partition(".")[2]) for key in _KEYS}
    f = {k: v for k, v in given.items() if v is not None}
    if len(f) < len(given):
        # Given only some figures (or other keys): fill in from the records.
        f = {
            **{fig.key: fig for fig in _compute(year)},
            **{k: v for k, v in f.items() if v is not None},
        }
    text = written(
        _("开展法治宣传活动%(events)s、提供法治咨询服务%(consultations)s"),
        events=f["legal_education.events"],
        consultations=f["legal_education.consultations"],
    )
    more = []
    if f["legal_education.participants"].value:
        more.append(written(_("参与群众%(n)s"), n=f["legal_education.participants"]))
    if f["legal_education.materials"].value:
        more.append(written(_("发放宣传资料%(n)s"), n=f["legal_education.materials"]))
    for i, clause in enumerate(more):
        text += "，" if i == 0 else "、"
        text += clause
    if f["legal_education.study_sessions"].value:
        text += written(
            _("；组织干部学法%(n)s，参学率%(rate)s"),
            n=f["legal_education.study_sessions"],
            rate=f["legal_education.study_attendance_rate"],
        )
    if f["legal_education.tests"].value:
        text += written(
            _("；开展法律知识测试%(n)s，参测%(people)s，及格率%(rate)s"),
            n=f["legal_education.tests"],
            people=f["legal_education.test_participants"],
            rate=f["legal_education.test_pass_rate"],
        )
    if f["legal_education.liaisons_trained"].value:
        text += written(_("；培训法律明白人%(n)s"), n=f["legal_education.liaisons_trained"])
    return [text + "。"]
