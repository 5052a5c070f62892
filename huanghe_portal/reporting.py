"""The contract between the areas and the annual reports (DESIGN: reports/ imports no area's
models). Each area app offers, in `<app>/report.py`:

    SECTION: str                                  # heading of its part, e.g. "矛盾纠纷排查调处"
    def figures(year: int) -> list[Figure]        # computed in the database
    def paragraph(year: int, figures: dict[str, Figure]) -> str   # default narrative (Chinese)

and `collect(year)` gathers them through the app registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.conf import settings


@dataclass
class Figure:
    key: str  # "disputes.succeeded": "<app>.<name>", the keys of API.md at least
    label: str  # Chinese label, e.g. "成功调处矛盾纠纷"
    value: int | float | Decimal
    unit: str  # "起", "次", "人次", "%", "条", "名"
    definition: str  # one line: what is counted, by which date
    records_url: str = ""  # staff URL listing the records behind the figure
    manual: bool = False
    breakdown: Mapping[str, Mapping[str, int | float]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if isinstance(self.value, Decimal):
            data["value"] = str(self.value)
        return data

    @property
    def text(self) -> str:
        """The figure as written in a report: rates rounded to whole percent (99.2 → 99%)."""
        if self.unit == "%":
            return f"{round(float(self.value))}%"
        return f"{self.value}{self.unit}"


def report_modules() -> dict[str, ModuleType]:
    modules = {}
    for app in settings.AREA_APPS:
        if app != "reports" and find_spec(f"{app}.report") is not None:
            modules[app] = import_module(f"{app}.report")
    return modules


def collect(year: int) -> dict[str, list[Figure]]:
    """Every area's figures for `year`, keyed by app label."""
    return {app: module.figures(year) for app, module in report_modules().items()}
