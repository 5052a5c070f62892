"""The decisions area's figures for the annual reports (huanghe_portal.reporting contract)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _

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
LIST = "/decisions/"


def _url(year: int, by: str, **extra: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"year": year, "by": by, **extra}.items())
    return f"{LIST}?{query}"


def _breakdown(rows, field: str, choices) -> dict[str, int]:
    labels = dict(choices)
    return {str(labels.get(r[field], r[field])): r["n"] for r in rows}


def normative_documents(year: int) -> dict[str, int]:
    """The disclosure report's 第二十条第（一）项 row for 规范性文件: 制发, 废止, 现行有效 (at year end)."""
    end = dt.date(year, 12, 31)
    docs = NormativeDocument.objects.exclude(matter__status=Matter.Status.VOIDED)
    return docs.aggregate(
        issued=Count("pk", filter=Q(issued_on__year=year)),
        repealed=Count("pk", filter=Q(repealed_on__year=year)),
        in_force=Count(
            "pk",
            filter=Q(effective_on__lte=end)
            & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))
            & (Q(expires_on__isnull=True) | Q(expires_on__gte=end)),
        ),
    )


def figures(year: int) -> list[Figure]:
    live = Matter.objects.exclude(status=Matter.Status.VOIDED)
    opened = live.filter(opened_on__year=year)
    kinds = opened.values("kind").annotate(n=Count("pk")).order_by("kind")

    reviews = (
        LegalityReview.objects.filter(concluded_on__year=year, matter__in=live)
        .values("result")
        .annotate(n=Count("pk"))
        .order_by("result")
    )
    review_total = sum(r["n"] for r in reviews)
    adviser_opinions = LegalityReview.objects.filter(
        concluded_on__year=year, matter__in=live, adviser__isnull=False
    ).count()

    meetings = Meeting.objects.filter(held_on__year=year, matter__in=live)
    meeting_kinds = meetings.values("meeting_kind").annotate(n=Count("pk")).order_by("meeting_kind")
    meeting_total = sum(r["n"] for r in meeting_kinds)

    # 应审必审: of the matters of a kind requiring review discussed this year, how many had a
    # concluded review that let it go to discussion (lawful, or for an exploratory reform the
    # legal risk stated).
    required = live.filter(kind__in=REVIEW_REQUIRED_KINDS, meetings__held_on__year=year)
    rate = required.aggregate(
        total=Count("pk", distinct=True),
        reviewed=Count(
            "pk",
            distinct=True,
            filter=Q(
                reviews__result__in=[*LegalityReview.PASSING, LegalityReview.Result.RISK_STATED],
                reviews__concluded_on__isnull=False,
            ),
        ),
    )
    rate_value = round(rate["reviewed"] * 100 / rate["total"], 1) if rate["total"] else 100.0

    hearings = Hearing.objects.filter(held_on__year=year, matter__in=live).count()
    comments = PublicComment.objects.filter(
        submitted_on__year=year, window__matter__in=live
    ).aggregate(n=Count("pk"), adopted=Count("pk", filter=Q(adopted=True)))
    advisers = selectors.advisers_in_year(LegalAdviser.objects.all(), year).count()
    docs = normative_documents(year)

    return [
        Figure(
            "decisions.matters",
            _("决策事项"),
            opened.count(),
            "件",
            _("当年启动的决策事项（按启动日期）"),
            _url(year, "opened"),
            breakdown={"kind": _breakdown(kinds, "kind", Kind.choices)},
        ),
        Figure(
            "decisions.legality_reviews",
            _("开展合法性审核"),
            review_total,
            "件",
            _("当年出具审核结论的合法性审核（按审核完成日期）"),
            _url(year, "concluded"),
            breakdown={"result": _breakdown(reviews, "result", LegalityReview.Result.choices)},
        ),
        Figure(
            "decisions.review_rate",
            _("应审必审率"),
            rate_value,
            "%",
            _(
                "当年集体讨论的须审核事项中，经合法性审核且结论为合法或修改后合法的比例"
                "（按会议日期；无须审核事项时为100%）"
            ),
            _url(year, "discussed"),
        ),
        Figure(
            "decisions.collective_decisions",
            _("集体讨论决定"),
            meeting_total,
            "次",
            _("党委会议、镇政府常务会议、党政联席会议集体讨论决策事项（按会议日期）"),
            _url(year, "discussed"),
            breakdown={
                "meeting_kind": _breakdown(
                    meeting_kinds, "meeting_kind", Meeting.MeetingKind.choices
                )
            },
        ),
        Figure(
            "decisions.hearings",
            _("召开听证会"),
            hearings,
            "次",
            _("决策事项听证会（按听证日期）"),
            _url(year, "hearing"),
        ),
        Figure(
            "decisions.public_comments",
            _("收到公众意见"),
            comments["n"],
            "条",
            _("公开征求意见收到的意见（按提交日期）"),
            _url(year, "comment"),
        ),
        Figure(
            "decisions.public_comments_adopted",
            _("采纳公众意见"),
            comments["adopted"],
            "条",
            _("公开征求意见收到并采纳的意见（按提交日期）"),
            _url(year, "comment"),
        ),
        Figure(
            "decisions.legal_advisers",
            _("聘请法律顾问"),
            advisers,
            "名",
            _("聘期与当年有交叉的政府法律顾问"),
            f"{LIST}advisers/?year={year}",
        ),
        Figure(
            "decisions.adviser_opinions",
            _("法律顾问出具审核意见"),
            adviser_opinions,
            "件",
            _("由聘期内法律顾问出具结论的合法性审核（按审核完成日期）"),
            _url(year, "concluded"),
        ),
        Figure(
            "decisions.normative_issued",
            _("制发行政规范性文件"),
            docs["issued"],
            "件",
            _("当年印发的行政规范性文件（按印发日期）"),
            _url(year, "opened", kind="normative_document"),
        ),
        Figure(
            "decisions.normative_repealed",
            _("废止行政规范性文件"),
            docs["repealed"],
            "件",
            _("当年废止的行政规范性文件（按废止日期）"),
            _url(year, "opened", kind="normative_document"),
        ),
        Figure(
            "decisions.normative_in_force",
            _("现行有效行政规范性文件"),
            docs["in_force"],
            "件",
            _("年末现行有效的行政规范性文件"),
            f"{LIST}?kind=normative_document",
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
