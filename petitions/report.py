"""The petitions section of the annual reports (huanghe_portal.reporting contract)."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huanghe_portal import figure_records
from huanghe_portal.reporting import Figure, Paragraph, written

from . import selectors
from .models import DeputySuggestion, Petition, ReceptionDay

SECTION = gettext_lazy("信访工作和领导接访")


_SEALED_REASON = selectors.SEALED_REASON


_petitions = selectors.petitions_visible_to
_hotline = Q(source=Petition.Source.HOTLINE_12345)


def _counted():
    return Petition.objects.exclude(status=Petition.Status.VOIDED)


def _live(date_field: str, *conditions: Q, hotline: bool = False) -> figure_records.Records:
    """信访件 (or, with `hotline`, 12345 tickets: a hotline of their own, 国办发〔2020〕53号,
    counted apart, never as 信访) dated in the year by `date_field`."""

    def rows(year: int):
        counted = _counted().filter(_hotline) if hotline else _counted().exclude(_hotline)
        return counted.filter(*conditions, **{f"{date_field}__year": year})

    return figure_records.Records(rows, _petitions, date_field, hidden_reason=_SEALED_REASON)


def _days(year: int):
    return ReceptionDay.objects.filter(
        voided=False, date__year=year, date__lte=timezone.localdate()
    )


def _suggestions():
    return DeputySuggestion.objects.exclude(status=DeputySuggestion.Status.VOIDED)


_late = Q(replied_on__gt=F("handling_due"))


def _on_time_rate(replied) -> float:
    """Answered within the handling period (extension included); a missing period is not late."""
    whole = replied.count()
    return round((whole - replied.filter(_late).count()) * 100 / whole, 1) if whole else 0.0


# The records each figure is computed from, shared by the figure and its drill-down page.
RECORDS = {
    "petitions.received": _live("received_on"),
    "petitions.accepted": _live("accepted_on"),
    "petitions.not_accepted": _live("not_accepted_on"),
    "petitions.replied": _live("replied_on"),
    "petitions.on_time_rate": figure_records.Records(
        _live("replied_on").rows,
        _petitions,
        "replied_on",
        measure=_on_time_rate,
        basis=gettext_lazy("下列为本年度答复的信访件（比率的分母）。"),
        hidden_reason=_SEALED_REASON,
    ),
    "petitions.overdue": _live("replied_on", _late),
    "petitions.extended": _live("extended_on"),
    "petitions.reviews": _live("review_requested_on"),
    "petitions.leader_receptions": figure_records.Records(
        _days, selectors.reception_days_visible_to, "date"
    ),
    "petitions.persons_received": figure_records.Records(
        _days,
        selectors.reception_days_visible_to,
        "date",
        measure=figure_records.total("records__persons_count"),
        basis=gettext_lazy("数字为下列接访日接访记录的来访人数之和。"),
    ),
    "petitions.hotline_received": _live("received_on", hotline=True),
    "petitions.hotline_handled": _live("replied_on", hotline=True),
    "petitions.deputy_suggestions": figure_records.Records(
        lambda year: _suggestions().filter(assigned_on__year=year),
        selectors.suggestions_visible_to,
        "assigned_on",
    ),
    "petitions.deputy_suggestions_answered": figure_records.Records(
        lambda year: _suggestions().filter(replied_on__year=year),
        selectors.suggestions_visible_to,
        "replied_on",
    ),
}


def figures(year: int) -> list[Figure]:
    """Counted in the database; voided records left out; dates as API.md's table says."""

    value, url = figure_records.bound(RECORDS, year)

    def breakdown(key: str, field: str, choices) -> dict[str, int]:
        labels = dict(choices)
        rows = RECORDS[key].rows(year).values(field).annotate(n=Count("pk")).order_by(field)
        return {str(labels.get(r[field], r[field])): r["n"] for r in rows if r[field]}

    return [
        Figure(
            "petitions.received",
            _("收到群众信访事项"),
            value("petitions.received"),
            "件",
            _(
                "收到日期在本年度的信访件（含领导接访、代表反映），"
                "不含12345热线工单，不含作废；收到不等于受理"
            ),
            url("petitions.received"),
            breakdown={
                "channel": breakdown("petitions.received", "channel", Petition.Channel.choices),
                "source": breakdown("petitions.received", "source", Petition.Source.choices),
            },
        ),
        Figure(
            "petitions.accepted",
            _("依法受理信访事项"),
            value("petitions.accepted"),
            "件",
            _("受理日期在本年度、经审查决定受理的信访件，不含12345热线工单"),
            url("petitions.accepted"),
        ),
        Figure(
            "petitions.not_accepted",
            _("不予受理并引导"),
            value("petitions.not_accepted"),
            "件",
            _("不予受理日期在本年度的信访件，已告知其他法定途径"),
            url("petitions.not_accepted"),
        ),
        Figure(
            "petitions.replied",
            _("办结答复"),
            value("petitions.replied"),
            "件",
            _("答复日期在本年度的信访件，按处理结果分列"),
            url("petitions.replied"),
            breakdown={
                "outcome": breakdown("petitions.replied", "outcome", Petition.Outcome.choices)
            },
        ),
        Figure(
            "petitions.on_time_rate",
            _("按期办结率"),
            value("petitions.on_time_rate"),
            "%",
            _("本年度答复的信访件中，在办理期限（含延期）内答复的比例"),
            url("petitions.on_time_rate"),
        ),
        Figure(
            "petitions.overdue",
            _("超期办结"),
            value("petitions.overdue"),
            "件",
            _("本年度答复、答复日期晚于办理期限的信访件"),
            url("petitions.overdue"),
        ),
        Figure(
            "petitions.extended",
            _("延期办理"),
            value("petitions.extended"),
            "件",
            _("延期日期在本年度的信访件"),
            url("petitions.extended"),
        ),
        Figure(
            "petitions.reviews",
            _("申请复查"),
            value("petitions.reviews"),
            "件",
            _("复查申请日期在本年度的信访件"),
            url("petitions.reviews"),
            breakdown={
                "result": breakdown(
                    "petitions.reviews", "review_result", Petition.ReviewResult.choices
                )
            },
        ),
        Figure(
            "petitions.leader_receptions",
            _("领导接访日"),
            value("petitions.leader_receptions"),
            "次",
            _("日期在本年度、已举行的领导接访（下访、约访）日，不含作废"),
            url("petitions.leader_receptions"),
        ),
        Figure(
            "petitions.persons_received",
            _("领导接待群众"),
            value("petitions.persons_received"),
            "人次",
            _("本年度领导接访日接访记录的来访人数之和"),
            url("petitions.persons_received"),
        ),
        Figure(
            "petitions.hotline_received",
            _("收到12345热线工单"),
            value("petitions.hotline_received"),
            "件",
            _("来源为12345热线、收到日期在本年度的工单，不计入信访件数"),
            url("petitions.hotline_received"),
        ),
        Figure(
            "petitions.hotline_handled",
            _("办结12345热线工单"),
            value("petitions.hotline_handled"),
            "件",
            _("来源为12345热线、答复日期在本年度的工单，不计入信访件数"),
            url("petitions.hotline_handled"),
        ),
        Figure(
            "petitions.deputy_suggestions",
            _("收集代表意见建议"),
            value("petitions.deputy_suggestions"),
            "条",
            _("交办日期在本年度的人大代表建议，不含作废"),
            url("petitions.deputy_suggestions"),
        ),
        Figure(
            "petitions.deputy_suggestions_answered",
            _("答复代表意见建议"),
            value("petitions.deputy_suggestions_answered"),
            "条",
            _("答复日期在本年度的人大代表建议"),
            url("petitions.deputy_suggestions_answered"),
        ),
    ]


def paragraphs(year: int, figures: dict[str, Figure]) -> list[Paragraph]:
    """The default narrative (Chinese): petitions and receptions, and apart from them the
    deputies' suggestions, which an outline states where decisions hear the people."""
    f = figures  # a figure not given reads "0" (see `written`)
    return [
        written(
            _(
                "%(year)s年，全镇共收到群众信访事项%(received)s，经审查依法受理%(accepted)s、"
                "不予受理并引导%(not_accepted)s，办结答复%(replied)s，按期办结率%(rate)s；"
                "镇领导开展接访%(receptions)s，接待群众%(persons)s；"
                "另收到12345热线工单%(hotline_received)s，办结%(hotline)s（不计入信访件数）。"
            ),
            year=year,
            received=f.get("petitions.received"),
            accepted=f.get("petitions.accepted"),
            not_accepted=f.get("petitions.not_accepted"),
            replied=f.get("petitions.replied"),
            rate=f.get("petitions.on_time_rate"),
            receptions=f.get("petitions.leader_receptions"),
            persons=f.get("petitions.persons_received"),
            hotline_received=f.get("petitions.hotline_received"),
            hotline=f.get("petitions.hotline_handled"),
        ),
        written(
            _(
                "全力支持配合各级人大代表开展询问、视察、调研工作，累计收集代表意见建议"
                "%(suggestions)s，已答复%(answered)s。"
            ),
            suggestions=f.get("petitions.deputy_suggestions"),
            answered=f.get("petitions.deputy_suggestions_answered"),
        ).about("petitions.deputies"),
    ]
