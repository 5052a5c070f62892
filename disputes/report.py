"""The figures of people's mediation for the annual reports, the dashboard and the API: the one
place they are computed (API.md figures table; voided records are left out everywhere)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Model, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huanghe_portal import figure_records
from huanghe_portal.models import Village
from huanghe_portal.reporting import Figure, Paragraph, written

from . import selectors
from .models import CATEGORY_CHOICES, Dispute, JudicialConfirmation, ScreeningRound, Source

SECTION = "矛盾纠纷排查调处"


def _cases() -> QuerySet[Dispute]:
    return Dispute.objects.exclude(status=Dispute.Status.VOIDED)


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


def _closed(year: int) -> QuerySet[Dispute]:
    return _cases().filter(closed_on__year=year)


def _rounds(year: int) -> QuerySet[ScreeningRound]:
    return ScreeningRound.objects.filter(voided=False, held_on__year=year)


_succeeded = Q(outcome=Dispute.Status.SUCCEEDED)
_visible = selectors.disputes_visible_to


def _confirmation_link(confirmation: Model) -> str:
    assert isinstance(confirmation, JudicialConfirmation)
    return confirmation.dispute.get_absolute_url()


def _outcome(name: str, **extra) -> figure_records.Records:
    return figure_records.Records(
        lambda year: _closed(year).filter(outcome=name, **extra), _visible, "closed_on"
    )


# The records each figure is computed from, shared by the figure and its drill-down page.
# A lazy `basis` (typed str) is shown in the language of the page's viewer.
RECORDS = {
    "disputes.received": figure_records.Records(
        lambda year: _cases().filter(received_on__year=year), _visible, "received_on"
    ),
    "disputes.accepted": figure_records.Records(
        lambda year: _cases().filter(accepted_on__year=year), _visible, "accepted_on"
    ),
    "disputes.succeeded": _outcome(Dispute.Status.SUCCEEDED),
    "disputes.failed": _outcome(Dispute.Status.FAILED),
    "disputes.withdrawn": _outcome(Dispute.Status.WITHDRAWN),
    "disputes.success_rate": figure_records.Records(
        lambda year: _closed(year).filter(
            outcome__in=[Dispute.Status.SUCCEEDED, Dispute.Status.FAILED]
        ),
        _visible,
        "closed_on",
        measure=figure_records.rate(_succeeded),
        basis=gettext_lazy("下列为调解成功和调解不成的案件（比率的分母）。"),
    ),
    "disputes.amount_involved": figure_records.Records(
        lambda year: _closed(year).filter(_succeeded),
        _visible,
        "closed_on",
        measure=lambda rows: rows.aggregate(n=Sum("amount_involved"))["n"] or Decimal("0.00"),
        basis=gettext_lazy("数字为下列调解成功案件的涉及金额之和。"),
    ),
    "disputes.written_agreements": _outcome(Dispute.Status.SUCCEEDED, agreement_form="written"),
    "disputes.oral_agreements": _outcome(Dispute.Status.SUCCEEDED, agreement_form="oral"),
    "disputes.judicial_confirmations": figure_records.Records(
        lambda year: JudicialConfirmation.objects.filter(applied_on__year=year).exclude(
            dispute__status=Dispute.Status.VOIDED
        ),
        lambda user: JudicialConfirmation.objects.filter(dispute__in=_visible(user)),
        "applied_on",
        link=_confirmation_link,
    ),
    "disputes.screening_rounds": figure_records.Records(
        _rounds, selectors.screening_rounds_visible_to, "held_on"
    ),
    "disputes.screening_found": figure_records.Records(
        _rounds,
        selectors.screening_rounds_visible_to,
        "held_on",
        measure=figure_records.total("disputes_found"),
        basis=gettext_lazy("数字为下列各次排查发现的纠纷数之和。"),
    ),
    "disputes.screening_prevented": figure_records.Records(
        _rounds,
        selectors.screening_rounds_visible_to,
        "held_on",
        measure=figure_records.total("disputes_prevented"),
        basis=gettext_lazy("数字为下列各次排查预防的纠纷数之和。"),
    ),
}


def figures(year: int, *, breakdowns: bool = True) -> list[Figure]:
    """Every figure of `year`; the dashboard skips the breakdowns (four queries each)."""

    def bd(key: str, date_field: str) -> dict:
        return _breakdown(RECORDS[key].rows(year), date_field) if breakdowns else {}

    value, url = figure_records.bound(RECORDS, year)

    return [
        Figure(
            "disputes.received",
            _("登记矛盾纠纷"),
            value("disputes.received"),
            "起",
            _("登记日期在本年度的纠纷案件数（不含作废）。"),
            url("disputes.received"),
            breakdown=bd("disputes.received", "received_on"),
        ),
        Figure(
            "disputes.accepted",
            _("受理矛盾纠纷"),
            value("disputes.accepted"),
            "起",
            _("受理日期在本年度的纠纷案件数（不含作废）。"),
            url("disputes.accepted"),
            breakdown=bd("disputes.accepted", "accepted_on"),
        ),
        Figure(
            "disputes.succeeded",
            _("成功调处矛盾纠纷"),
            value("disputes.succeeded"),
            "起",
            _("结案日期在本年度、调解成功的案件数（含已归档，不含作废）。"),
            url("disputes.succeeded"),
            breakdown=bd("disputes.succeeded", "closed_on"),
        ),
        Figure(
            "disputes.failed",
            _("调解不成"),
            value("disputes.failed"),
            "起",
            _("结案日期在本年度、调解不成终止调解的案件数。"),
            url("disputes.failed"),
            breakdown=bd("disputes.failed", "closed_on"),
        ),
        Figure(
            "disputes.withdrawn",
            _("当事人撤回"),
            value("disputes.withdrawn"),
            "起",
            _("结案日期在本年度、当事人撤回的案件数（不计入调解成功率）。"),
            url("disputes.withdrawn"),
        ),
        Figure(
            "disputes.success_rate",
            _("调解成功率"),
            value("disputes.success_rate"),
            "%",
            _("调解成功数 ÷（调解成功数 + 调解不成数）× 100，按结案日期，撤回不计。"),
            url("disputes.success_rate"),
        ),
        Figure(
            "disputes.amount_involved",
            _("调解协议涉及金额"),
            value("disputes.amount_involved"),
            "元",
            _("结案日期在本年度、调解成功案件的涉及金额合计。"),
            url("disputes.amount_involved"),
        ),
        Figure(
            "disputes.written_agreements",
            _("书面调解协议"),
            value("disputes.written_agreements"),
            "份",
            _("本年度调解成功案件中达成书面协议的数量。"),
            url("disputes.written_agreements"),
        ),
        Figure(
            "disputes.oral_agreements",
            _("口头调解协议"),
            value("disputes.oral_agreements"),
            "份",
            _("本年度调解成功案件中达成口头协议的数量。"),
            url("disputes.oral_agreements"),
        ),
        Figure(
            "disputes.judicial_confirmations",
            _("申请司法确认"),
            value("disputes.judicial_confirmations"),
            "件",
            _("申请日期在本年度的司法确认申请数。"),
            url("disputes.judicial_confirmations"),
        ),
        Figure(
            "disputes.screening_rounds",
            _("开展矛盾纠纷排查"),
            value("disputes.screening_rounds"),
            "次",
            _("排查日期在本年度的排查次数（不含作废）。"),
            url("disputes.screening_rounds"),
        ),
        Figure(
            "disputes.screening_found",
            _("排查发现矛盾纠纷"),
            value("disputes.screening_found"),
            "起",
            _("本年度各次排查发现的纠纷数之和。"),
            url("disputes.screening_found"),
        ),
        Figure(
            "disputes.screening_prevented",
            _("预防矛盾纠纷"),
            value("disputes.screening_prevented"),
            "起",
            _("本年度各次排查预防的纠纷数之和。"),
            url("disputes.screening_prevented"),
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
