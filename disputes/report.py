"""The figures of people's mediation for the annual reports, the dashboard and the API: the one
place they are computed (API.md figures table; voided records are left out everywhere)."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from huanghe_portal.models import Village
from huanghe_portal.reporting import Figure, Paragraph, written

from .models import CATEGORY_CHOICES, Dispute, JudicialConfirmation, ScreeningRound, Source

SECTION = "矛盾纠纷排查调处"


def _cases() -> QuerySet[Dispute]:
    return Dispute.objects.exclude(status=Dispute.Status.VOIDED)


def _url(**params) -> str:
    return f"{reverse('disputes:index')}?{urlencode(params)}"


def _breakdown(queryset: QuerySet[Dispute], date_field: str) -> dict[str, dict[str, int]]:
    """Counts by category, village, month and source, labelled in Chinese."""
    categories = dict(CATEGORY_CHOICES)
    sources = dict(Source.choices)
    villages = dict(Village.objects.values_list("pk", "name"))

    def counts(expression, labels=None):
        rows = queryset.values(key=expression).annotate(n=Count("pk")).order_by("key")
        return {
            str(labels.get(r["key"], r["key"]) if labels else r["key"]): r["n"]
            for r in rows
            if r["key"] is not None
        }

    by_village = queryset.values("village").annotate(n=Count("pk")).order_by("village")
    return {
        "category": counts(F("category"), categories),
        "village": {villages.get(r["village"], _("未填")): r["n"] for r in by_village},
        "month": counts(ExtractMonth(date_field)),
        "source": counts(F("source"), sources),
    }


def figures(year: int, *, breakdowns: bool = True) -> list[Figure]:
    """Every figure of `year`; the dashboard skips the breakdowns (four queries each)."""

    def bd(queryset: QuerySet[Dispute], date_field: str) -> dict:
        return _breakdown(queryset, date_field) if breakdowns else {}

    cases = _cases()
    received = cases.filter(received_on__year=year)
    accepted = cases.filter(accepted_on__year=year)
    closed = cases.filter(closed_on__year=year)
    outcome = closed.aggregate(
        succeeded=Count("pk", filter=Q(outcome=Dispute.Status.SUCCEEDED)),
        failed=Count("pk", filter=Q(outcome=Dispute.Status.FAILED)),
        withdrawn=Count("pk", filter=Q(outcome=Dispute.Status.WITHDRAWN)),
        written=Count("pk", filter=Q(outcome=Dispute.Status.SUCCEEDED, agreement_form="written")),
        oral=Count("pk", filter=Q(outcome=Dispute.Status.SUCCEEDED, agreement_form="oral")),
        amount=Sum("amount_involved", filter=Q(outcome=Dispute.Status.SUCCEEDED)),
    )
    decided = outcome["succeeded"] + outcome["failed"]
    rate = round(outcome["succeeded"] * 100 / decided, 1) if decided else 0.0
    rounds = ScreeningRound.objects.filter(voided=False, held_on__year=year).aggregate(
        n=Count("pk"), found=Sum("disputes_found"), prevented=Sum("disputes_prevented")
    )
    confirmations = (
        JudicialConfirmation.objects.filter(applied_on__year=year)
        .exclude(dispute__status=Dispute.Status.VOIDED)
        .count()
    )

    def by_outcome(name: str) -> QuerySet[Dispute]:
        return closed.filter(outcome=name)

    closed_url = {"year": year, "by": "closed"}
    return [
        Figure(
            "disputes.received",
            _("登记矛盾纠纷"),
            received.count(),
            "起",
            _("登记日期在本年度的纠纷案件数（不含作废）。"),
            _url(year=year),
            breakdown=bd(received, "received_on"),
        ),
        Figure(
            "disputes.accepted",
            _("受理矛盾纠纷"),
            accepted.count(),
            "起",
            _("受理日期在本年度的纠纷案件数（不含作废）。"),
            _url(year=year, by="accepted"),
            breakdown=bd(accepted, "accepted_on"),
        ),
        Figure(
            "disputes.succeeded",
            _("成功调处矛盾纠纷"),
            outcome["succeeded"],
            "起",
            _("结案日期在本年度、调解成功的案件数（含已归档，不含作废）。"),
            _url(**closed_url, outcome="succeeded"),
            breakdown=bd(by_outcome("succeeded"), "closed_on"),
        ),
        Figure(
            "disputes.failed",
            _("调解不成"),
            outcome["failed"],
            "起",
            _("结案日期在本年度、调解不成终止调解的案件数。"),
            _url(**closed_url, outcome="failed"),
            breakdown=bd(by_outcome("failed"), "closed_on"),
        ),
        Figure(
            "disputes.withdrawn",
            _("当事人撤回"),
            outcome["withdrawn"],
            "起",
            _("结案日期在本年度、当事人撤回的案件数（不计入调解成功率）。"),
            _url(**closed_url, outcome="withdrawn"),
        ),
        Figure(
            "disputes.success_rate",
            _("调解成功率"),
            rate,
            "%",
            _("调解成功数 ÷（调解成功数 + 调解不成数）× 100，按结案日期，撤回不计。"),
            _url(**closed_url),
        ),
        Figure(
            "disputes.amount_involved",
            _("调解协议涉及金额"),
            outcome["amount"] or Decimal("0.00"),
            "元",
            _("结案日期在本年度、调解成功案件的涉及金额合计。"),
            _url(**closed_url, outcome="succeeded"),
        ),
        Figure(
            "disputes.written_agreements",
            _("书面调解协议"),
            outcome["written"],
            "份",
            _("本年度调解成功案件中达成书面协议的数量。"),
            _url(**closed_url, outcome="succeeded"),
        ),
        Figure(
            "disputes.oral_agreements",
            _("口头调解协议"),
            outcome["oral"],
            "份",
            _("本年度调解成功案件中达成口头协议的数量。"),
            _url(**closed_url, outcome="succeeded"),
        ),
        Figure(
            "disputes.judicial_confirmations",
            _("申请司法确认"),
            confirmations,
            "件",
            _("申请日期在本年度的司法确认申请数。"),
            _url(**closed_url, outcome="succeeded"),
        ),
        Figure(
            "disputes.screening_rounds",
            _("开展矛盾纠纷排查"),
            rounds["n"],
            "次",
            _("排查日期在本年度的排查次数（不含作废）。"),
            f"{reverse('disputes:screening-list')}?year={year}",
        ),
        Figure(
            "disputes.screening_found",
            _("排查发现矛盾纠纷"),
            rounds["found"] or 0,
            "起",
            _("本年度各次排查发现的纠纷数之和。"),
            f"{reverse('disputes:screening-list')}?year={year}",
        ),
        Figure(
            "disputes.screening_prevented",
            _("预防矛盾纠纷"),
            rounds["prevented"] or 0,
            "起",
            _("本年度各次排查预防的纠纷数之和。"),
            f"{reverse('disputes:screening-list')}?year={year}",
        ),
    ]


def paragraphs(year: int, figures: dict[str, Figure]) -> list[Paragraph]:
    """The default narrative of the annual report, e.g. “成功调处矛盾纠纷事件128起，调解成功率达99%”."""
    f = figures
    text = written(
        _(
            "%(year)s年，全镇共登记矛盾纠纷%(received)s，成功调处矛盾纠纷事件%(succeeded)s，"
            "调解成功率达%(rate)s"
        ),
        year=year,
        received=f["disputes.received"],
        succeeded=f["disputes.succeeded"],
        rate=f["disputes.success_rate"],
    )
    if "disputes.written_agreements" in f:
        text += written(
            _("，其中达成书面协议%(written)s、口头协议%(oral)s"),
            written=f["disputes.written_agreements"],
            oral=f["disputes.oral_agreements"],
        )
    text += "。"
    if f.get("disputes.screening_rounds") and f["disputes.screening_rounds"].value:
        text += written(
            _("开展矛盾纠纷排查%(rounds)s，发现矛盾纠纷%(found)s。"),
            rounds=f["disputes.screening_rounds"],
            found=f["disputes.screening_found"],
        )
    return [text]
