"""The decisions area's figures for the annual reports (huanghe_portal.reporting contract)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

from django.db.models import Count, Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huanghe_portal import figure_records, roles
from huanghe_portal.reporting import Figure, Paragraph, written

from . import selectors
from .models import (
    REVIEW_REQUIRED_KINDS,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    NormativeDocument,
    PublicComment,
)

SECTION = "推进行政决策科学化民主化法治化"


def _breakdown(rows, field: str, choices) -> dict[str, int]:
    labels = dict(choices)
    return {str(labels.get(r[field], r[field])): r["n"] for r in rows}


def normative_documents(year: int) -> dict[str, figure_records.Number]:
    """The disclosure report's 第二十条第（一）项 row for 规范性文件: 制发, 废止, 现行有效 (at year end)."""
    return {
        name: RECORDS[f"decisions.normative_{name}"].value(year)
        for name in ("issued", "repealed", "in_force")
    }


def _live():
    return Matter.objects.exclude(status=Matter.Status.VOIDED)


def _reviews(year: int):
    return LegalityReview.objects.filter(concluded_on__year=year, matter__in=_live())


def _comments(year: int):
    return PublicComment.objects.filter(submitted_on__year=year, window__matter__in=_live())


def _required_discussed(year: int):
    """应审必审: the matters of a kind requiring review discussed this year."""
    discussed = Meeting.objects.filter(held_on__year=year).values("matter")
    return _live().filter(kind__in=REVIEW_REQUIRED_KINDS, pk__in=discussed)


# Discussed after a concluded review that let it go to discussion (lawful, or for an
# exploratory reform the legal risk stated).
_reviewed = Q(
    pk__in=LegalityReview.objects.filter(
        result__in=[*LegalityReview.PASSING, LegalityReview.Result.RISK_STATED],
        concluded_on__isnull=False,
    ).values("matter")
)


def _documents():
    return NormativeDocument.objects.exclude(matter__status=Matter.Status.VOIDED)


def _in_force(year: int):
    end = dt.date(year, 12, 31)
    return _documents().filter(
        Q(effective_on__lte=end)
        & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=end))
    )


def _of_visible_matters(model: type[Model]) -> Callable[[roles.User], QuerySet]:
    return lambda user: model._default_manager.filter(matter__in=selectors.matters_visible_to(user))


def _matter_link(record) -> str:
    return record.matter.get_absolute_url()


def _comment_link(comment: Model) -> str:
    assert isinstance(comment, PublicComment)
    return comment.window.matter.get_absolute_url()


# Lazy, so that the page shows it in the viewer's language; `Records.basis` is typed str.
_REVIEW_RATE_BASIS = cast(str, gettext_lazy("下列为当年集体讨论的须审核事项（比率的分母）。"))


def _record(rows, visible, date: str, **kw) -> figure_records.Records:
    return figure_records.Records(rows, visible, date, link=_matter_link, **kw)


_documents_visible = _of_visible_matters(NormativeDocument)


def _comments_visible(user: roles.User) -> QuerySet[PublicComment]:
    return PublicComment.objects.filter(window__matter__in=selectors.matters_visible_to(user))


# The records each figure is computed from, shared by the figure and its drill-down page.
RECORDS = {
    "decisions.matters": figure_records.Records(
        lambda year: _live().filter(opened_on__year=year),
        selectors.matters_visible_to,
        "opened_on",
    ),
    "decisions.legality_reviews": _record(_reviews, selectors.reviews_visible_to, "concluded_on"),
    "decisions.review_rate": figure_records.Records(
        _required_discussed,
        selectors.matters_visible_to,
        "opened_on",
        measure=figure_records.rate(_reviewed, empty=100.0),
        basis=_REVIEW_RATE_BASIS,
    ),
    "decisions.collective_decisions": figure_records.Records(
        lambda year: Meeting.objects.filter(held_on__year=year, matter__in=_live()),
        selectors.meetings_visible_to,
        "held_on",
    ),
    "decisions.hearings": _record(
        lambda year: Hearing.objects.filter(held_on__year=year, matter__in=_live()),
        _of_visible_matters(Hearing),
        "held_on",
    ),
    "decisions.public_comments": figure_records.Records(
        _comments,
        _comments_visible,
        "submitted_on",
        link=_comment_link,
    ),
    "decisions.public_comments_adopted": figure_records.Records(
        lambda year: _comments(year).filter(adopted=True),
        _comments_visible,
        "submitted_on",
        link=_comment_link,
    ),
    "decisions.legal_advisers": figure_records.Records(
        lambda year: selectors.advisers_in_year(LegalAdviser.objects.all(), year),
        selectors.advisers_visible_to,
        "term_start",
        link=lambda adviser: reverse("decisions:adviser-edit", args=[adviser.pk]),
    ),
    "decisions.adviser_opinions": _record(
        lambda year: _reviews(year).filter(adviser__isnull=False),
        selectors.reviews_visible_to,
        "concluded_on",
    ),
    "decisions.normative_issued": _record(
        lambda year: _documents().filter(issued_on__year=year), _documents_visible, "issued_on"
    ),
    "decisions.normative_repealed": _record(
        lambda year: _documents().filter(repealed_on__year=year),
        _documents_visible,
        "repealed_on",
    ),
    "decisions.normative_in_force": _record(_in_force, _documents_visible, "effective_on"),
}


def figures(year: int) -> list[Figure]:
    value, url = figure_records.bound(RECORDS, year)

    kinds = (
        RECORDS["decisions.matters"]
        .rows(year)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    reviews = _reviews(year).values("result").annotate(n=Count("pk")).order_by("result")
    meeting_kinds = (
        RECORDS["decisions.collective_decisions"]
        .rows(year)
        .values("meeting_kind")
        .annotate(n=Count("pk"))
        .order_by("meeting_kind")
    )

    return [
        Figure(
            "decisions.matters",
            _("决策事项"),
            value("decisions.matters"),
            "件",
            _("当年启动的决策事项（按启动日期）"),
            url("decisions.matters"),
            breakdown={"kind": _breakdown(kinds, "kind", Kind.choices)},
        ),
        Figure(
            "decisions.legality_reviews",
            _("开展合法性审核"),
            value("decisions.legality_reviews"),
            "件",
            _("当年出具审核结论的合法性审核（按审核完成日期）"),
            url("decisions.legality_reviews"),
            breakdown={"result": _breakdown(reviews, "result", LegalityReview.Result.choices)},
        ),
        Figure(
            "decisions.review_rate",
            _("应审必审率"),
            value("decisions.review_rate"),
            "%",
            _(
                "当年集体讨论的须审核事项中，经合法性审核且结论为合法或修改后合法的比例"
                "（按会议日期；无须审核事项时为100%）"
            ),
            url("decisions.review_rate"),
        ),
        Figure(
            "decisions.collective_decisions",
            _("集体讨论决定"),
            value("decisions.collective_decisions"),
            "次",
            _("党委会议、镇政府常务会议、党政联席会议集体讨论决策事项（按会议日期）"),
            url("decisions.collective_decisions"),
            breakdown={
                "meeting_kind": _breakdown(
                    meeting_kinds, "meeting_kind", Meeting.MeetingKind.choices
                )
            },
        ),
        Figure(
            "decisions.hearings",
            _("召开听证会"),
            value("decisions.hearings"),
            "次",
            _("决策事项听证会（按听证日期）"),
            url("decisions.hearings"),
        ),
        Figure(
            "decisions.public_comments",
            _("收到公众意见"),
            value("decisions.public_comments"),
            "条",
            _("公开征求意见收到的意见（按提交日期）"),
            url("decisions.public_comments"),
        ),
        Figure(
            "decisions.public_comments_adopted",
            _("采纳公众意见"),
            value("decisions.public_comments_adopted"),
            "条",
            _("公开征求意见收到并采纳的意见（按提交日期）"),
            url("decisions.public_comments_adopted"),
        ),
        Figure(
            "decisions.legal_advisers",
            _("聘请法律顾问"),
            value("decisions.legal_advisers"),
            "名",
            _("聘期与当年有交叉的政府法律顾问"),
            url("decisions.legal_advisers"),
        ),
        Figure(
            "decisions.adviser_opinions",
            _("法律顾问出具审核意见"),
            value("decisions.adviser_opinions"),
            "件",
            _("由聘期内法律顾问出具结论的合法性审核（按审核完成日期）"),
            url("decisions.adviser_opinions"),
        ),
        Figure(
            "decisions.normative_issued",
            _("制发行政规范性文件"),
            value("decisions.normative_issued"),
            "件",
            _("当年印发的行政规范性文件（按印发日期）"),
            url("decisions.normative_issued"),
        ),
        Figure(
            "decisions.normative_repealed",
            _("废止行政规范性文件"),
            value("decisions.normative_repealed"),
            "件",
            _("当年废止的行政规范性文件（按废止日期）"),
            url("decisions.normative_repealed"),
        ),
        Figure(
            "decisions.normative_in_force",
            _("现行有效行政规范性文件"),
            value("decisions.normative_in_force"),
            "件",
            _("年末现行有效的行政规范性文件"),
            url("decisions.normative_in_force"),
        ),
    ]


def paragraphs(year: int, figures: dict[str, Figure]) -> list[Paragraph]:
    """The default narrative, in the seed report's words, with the records' numbers."""
    f = figures
    advisers = f["decisions.legal_advisers"]
    rate = f["decisions.review_rate"]
    text = written(
        _(
            "将推进依法科学民主决策作为法治政府建设的重中之重。一是规范决策工作程序。"
            "落实行政规范性文件合法性审核机制、重大行政执法决定法制审核制度，"
        )
    )
    if advisers.value:
        text += written(_("聘请%(n)s专业律师担任政府法律顾问，"), n=advisers)
    text += written(_("全年开展合法性审核%(n)s，"), n=f["decisions.legality_reviews"])
    if rate.value >= 100:
        text += written(_("做到“应审必审”。"))
    else:
        text += written(_("应审必审率为%(r)s。"), r=rate)
    text += written(
        _(
            "严格落实重大行政决策讨论决定制度，定期召开镇党委会，讨论提交会议具体决策事项，"
            "全年集体讨论决定%(n)s"
        ),
        n=f["decisions.collective_decisions"],
    )
    if f["decisions.hearings"].value:
        text += written(
            _("，涉及重大公共利益和群众切身利益的决策事项召开听证会%(n)s"),
            n=f["decisions.hearings"],
        )
    if f["decisions.public_comments"].value:
        text += written(
            _("，公开征求意见收到意见%(n)s、采纳%(a)s"),
            n=f["decisions.public_comments"],
            a=f["decisions.public_comments_adopted"],
        )
    return [text + "。"]
