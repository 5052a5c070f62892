"""The petitions section of the annual reports (huanghe_portal.reporting contract)."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huanghe_portal.reporting import Figure, Paragraph, written

from .models import DeputySuggestion, Petition, ReceptionDay, ReceptionRecord

SECTION = gettext_lazy("信访工作和领导接访")


def _url(name: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse(name)}?{query}" if query else reverse(name)


def figures(year: int) -> list[Figure]:
    """Counted in the database; voided records left out; dates as API.md's table says."""
    counted = Petition.objects.exclude(status=Petition.Status.VOIDED)
    # 12345 tickets are a hotline of their own (国办发〔2020〕53号): counted apart, never as 信访.
    hotline_q = Q(source=Petition.Source.HOTLINE_12345)
    live = counted.exclude(hotline_q)
    replied_in_year = Q(replied_on__year=year)
    totals = live.aggregate(
        received=Count("pk", filter=Q(received_on__year=year)),
        accepted=Count("pk", filter=Q(accepted_on__year=year)),
        not_accepted=Count("pk", filter=Q(not_accepted_on__year=year)),
        replied=Count("pk", filter=replied_in_year),
        late=Count("pk", filter=replied_in_year & Q(replied_on__gt=F("handling_due"))),
        extended=Count("pk", filter=Q(extended_on__year=year)),
        reviews=Count("pk", filter=Q(review_requested_on__year=year)),
    )
    hotline = counted.filter(hotline_q).aggregate(
        received=Count("pk", filter=Q(received_on__year=year)),
        handled=Count("pk", filter=replied_in_year),
    )

    def breakdown(field: str, date_q: Q, choices) -> dict[str, int]:
        labels = dict(choices)
        rows = live.filter(date_q).values(field).annotate(n=Count("pk")).order_by(field)
        return {str(labels.get(r[field], r[field])): r["n"] for r in rows if r[field]}

    received_q = Q(received_on__year=year)
    on_time = totals["replied"] - totals["late"]
    rate = round(on_time * 100 / totals["replied"], 1) if totals["replied"] else 0.0
    days = ReceptionDay.objects.filter(
        voided=False, date__year=year, date__lte=timezone.localdate()
    )
    persons = (
        ReceptionRecord.objects.filter(reception_day__in=days).aggregate(n=Sum("persons_count"))[
            "n"
        ]
        or 0
    )
    suggestions = DeputySuggestion.objects.exclude(status=DeputySuggestion.Status.VOIDED)
    collected = suggestions.filter(assigned_on__year=year).count()
    answered = suggestions.filter(replied_on__year=year).count()
    index = "petitions:index"
    return [
        Figure(
            "petitions.received",
            _("收到群众信访事项"),
            totals["received"],
            "件",
            _(
                "收到日期在本年度的信访件（含领导接访、代表反映），"
                "不含12345热线工单，不含作废；收到不等于受理"
            ),
            _url(index, year=year, by="received", hotline=0),
            breakdown={
                "channel": breakdown("channel", received_q, Petition.Channel.choices),
                "source": breakdown("source", received_q, Petition.Source.choices),
            },
        ),
        Figure(
            "petitions.accepted",
            _("依法受理信访事项"),
            totals["accepted"],
            "件",
            _("受理日期在本年度、经审查决定受理的信访件，不含12345热线工单"),
            _url(index, year=year, by="accepted", hotline=0),
        ),
        Figure(
            "petitions.not_accepted",
            _("不予受理并引导"),
            totals["not_accepted"],
            "件",
            _("不予受理日期在本年度的信访件，已告知其他法定途径"),
            _url(index, year=year, by="not_accepted", hotline=0),
        ),
        Figure(
            "petitions.replied",
            _("办结答复"),
            totals["replied"],
            "件",
            _("答复日期在本年度的信访件，按处理结果分列"),
            _url(index, year=year, by="replied", hotline=0),
            breakdown={"outcome": breakdown("outcome", replied_in_year, Petition.Outcome.choices)},
        ),
        Figure(
            "petitions.on_time_rate",
            _("按期办结率"),
            rate,
            "%",
            _("本年度答复的信访件中，在办理期限（含延期）内答复的比例"),
            _url(index, year=year, by="replied", hotline=0),
        ),
        Figure(
            "petitions.overdue",
            _("超期办结"),
            totals["late"],
            "件",
            _("本年度答复、答复日期晚于办理期限的信访件"),
            _url(index, year=year, by="replied", late=1, hotline=0),
        ),
        Figure(
            "petitions.extended",
            _("延期办理"),
            totals["extended"],
            "件",
            _("延期日期在本年度的信访件"),
            _url(index, year=year, by="extended", hotline=0),
        ),
        Figure(
            "petitions.reviews",
            _("申请复查"),
            totals["reviews"],
            "件",
            _("复查申请日期在本年度的信访件"),
            _url(index, year=year, by="review", hotline=0),
            breakdown={
                "result": breakdown(
                    "review_result",
                    Q(review_requested_on__year=year),
                    Petition.ReviewResult.choices,
                )
            },
        ),
        Figure(
            "petitions.leader_receptions",
            _("领导接访日"),
            days.count(),
            "次",
            _("日期在本年度、已举行的领导接访（下访、约访）日，不含作废"),
            _url("petitions:reception-day-list", month=f"{year}-01"),
        ),
        Figure(
            "petitions.persons_received",
            _("领导接待群众"),
            persons,
            "人次",
            _("本年度领导接访日接访记录的来访人数之和"),
            _url("petitions:reception-day-list", month=f"{year}-01"),
        ),
        Figure(
            "petitions.hotline_received",
            _("收到12345热线工单"),
            hotline["received"],
            "件",
            _("来源为12345热线、收到日期在本年度的工单，不计入信访件数"),
            _url(index, year=year, by="received", hotline=1),
        ),
        Figure(
            "petitions.hotline_handled",
            _("办结12345热线工单"),
            hotline["handled"],
            "件",
            _("来源为12345热线、答复日期在本年度的工单，不计入信访件数"),
            _url(index, year=year, by="replied", hotline=1),
        ),
        Figure(
            "petitions.deputy_suggestions",
            _("收集代表意见建议"),
            collected,
            "条",
            _("交办日期在本年度的人大代表建议，不含作废"),
            _url("petitions:suggestion-list", year=year),
        ),
        Figure(
            "petitions.deputy_suggestions_answered",
            _("答复代表意见建议"),
            answered,
            "条",
            _("答复日期在本年度的人大代表建议"),
            _url("petitions:suggestion-list", year=year, by="replied"),
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
