"""The staff areas, in one place: navigation, dashboard cards and their read permissions."""

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, TypedDict

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import Role, User, has_role

if TYPE_CHECKING:  # disclosure.models imports this module: no import of the ORM at run time
    from .charts import Chart


@dataclass(frozen=True)
class Area:
    app: str
    label: str | Promise
    icon: str
    roles: tuple[Role, ...]

    @property
    def url(self) -> str:
        try:
            return reverse(f"{self.app}:index")
        except NoReverseMatch:
            return "#"


ALL_STAFF = tuple(Role)
AREAS = [
    Area(
        "disputes", _("矛盾纠纷调处"), "bi-people", (Role.MEDIATOR, Role.LEADER, Role.REPORT_OFFICE)
    ),
    Area(
        "petitions",
        _("信访与领导接访"),
        "bi-envelope-paper",
        (Role.PETITION_CLERK, Role.LEADER, Role.REPORT_OFFICE),
    ),
    Area("decisions", _("依法决策"), "bi-bank", ALL_STAFF),
    Area(
        "disclosure",
        _("政府信息公开"),
        "bi-journal-text",
        (Role.DISCLOSURE_OFFICER, Role.LEADER, Role.REPORT_OFFICE),
    ),
    Area("legal_education", _("普法宣传"), "bi-megaphone", ALL_STAFF),
    Area("reports", _("年度报告"), "bi-file-earmark-bar-graph", ALL_STAFF),
]


def areas_for(user: User) -> list[Area]:
    return [a for a in AREAS if has_role(user, *a.roles)]


def dashboard_cards(user: User) -> list[dict[str, Any]]:
    """One card per area the user may read; an area adds lines through `<app>/dashboard.py`."""
    cards = []
    for area in areas_for(user):
        lines = []
        if find_spec(f"{area.app}.dashboard") is not None:
            lines = import_module(f"{area.app}.dashboard").card_lines(user)
        cards.append({"area": area, "lines": lines})
    return cards


class ChartSection(TypedDict):
    area: Area
    charts: "list[Chart]"


def dashboard_charts(user: User, year: int) -> list[ChartSection]:
    """The charts of each area the user may read (`charts(user, year)` in `<app>/dashboard.py`)."""
    sections: list[ChartSection] = []
    for area in areas_for(user):
        if find_spec(f"{area.app}.dashboard") is not None:
            module = import_module(f"{area.app}.dashboard")
            if hasattr(module, "charts"):
                sections.append({"area": area, "charts": module.charts(user, year)})
    return sections


@dataclass(frozen=True)
class PublicLink:
    url_name: str
    label: str | Promise
    icon: str


# The public site's sections; an area makes its link appear by defining the URL name.
PUBLIC_LINKS = [
    PublicLink("disclosure:public-catalogue", _("政府信息公开"), "bi-journal-text"),
    PublicLink("disclosure:public-apply", _("依申请公开"), "bi-pencil-square"),
    PublicLink("petitions:public-reception-days", _("领导接访安排"), "bi-calendar-check"),
    PublicLink("petitions:public-submit", _("网上信访"), "bi-chat-left-text"),
    PublicLink("decisions:public-drafts", _("决策草案征求意见"), "bi-bank"),
    PublicLink("legal_education:public-events", _("普法活动"), "bi-megaphone"),
    PublicLink("reports:public-list", _("年度报告"), "bi-file-earmark-bar-graph"),
]


def public_links() -> list[dict[str, Any]]:
    return [dict(link) for link in _public_links(get_urlconf(), get_script_prefix())]


@lru_cache(maxsize=8)
def _public_links(urlconf: Any, prefix: str) -> tuple[Any, ...]:
    # Reversed once per process: the links are on every public page, twice on the home page.
    links = []
    for link in PUBLIC_LINKS:
        try:
            links.append({"url": reverse(link.url_name), "label": link.label, "icon": link.icon})
        except NoReverseMatch:
            continue
    return tuple(links)


PK_SENTINEL = 2147483641


def pk_url(url_name: str, pk: int) -> str:
    """`reverse(url_name, args=[pk])` for a URL whose only argument is a primary key, reversed
    once per process: a list links each of its rows without one reversal per row."""
    return _pk_url_pattern(url_name, get_urlconf(), get_script_prefix()).replace(
        str(PK_SENTINEL), str(pk)
    )


@lru_cache(maxsize=64)
def _pk_url_pattern(url_name: str, urlconf: Any, prefix: str) -> str:
    return reverse(url_name, args=[PK_SENTINEL])
