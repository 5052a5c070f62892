"""The contract between the areas and the annual reports (DESIGN: reports/ imports no area's
models). Each area app offers, in `<app>/report.py`, what `AreaReport` names: its figures,
its default narrative as `Paragraph`s written with those figures, and (disclosure only) its
statutory tables, laid out, as `Table`s. `collect(year)` gathers the figures through the app
registry. The types here are the only shapes that travel: a report's snapshot stores their
`as_dict()` and reads them back with `from_dict()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

from django.conf import settings

Number = int | float | Decimal


def _number(value: Number | str) -> Number:
    """A stored value back as a number: a Decimal stored as text stays a Decimal."""
    if isinstance(value, str):
        return Decimal(value)
    return value


@dataclass
class Figure:
    key: str  # "disputes.succeeded": "<app>.<name>", the keys of API.md at least
    label: str  # Chinese label, e.g. "成功调处矛盾纠纷"
    value: Number
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figure:
        """A figure of a snapshot (or a hand-entered one); keys it does not know are ignored."""
        return cls(
            key=data["key"],
            label=data.get("label", ""),
            value=_number(data["value"] if data["value"] is not None else 0),
            unit=data.get("unit", ""),
            definition=data.get("definition", ""),
            records_url=data.get("records_url", ""),
            manual=bool(data.get("manual", False)),
            breakdown=data.get("breakdown") or {},
        )

    @property
    def text(self) -> str:
        """The figure as written in a report: rates rounded to whole percent (99.2 → 99%),
        other numbers without trailing zeros (100.00 元 → 100元, 150.50 元 → 150.5元)."""
        if self.unit == "%":
            return f"{round(float(self.value))}%"
        return f"{number_text(self.value)}{self.unit}"


def number_text(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


# --- Narrative ------------------------------------------------------------------------------

Segment = str | Figure
_FIELD = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class Paragraph:
    """A stretch of narrative: text and the figures it states, each figure kept as itself so
    that the report links every number to its figure. `topic` says which part of an outline
    it belongs to ("<app>" or "<app>.<topic>"; see reports/outlines.py `feeds`)."""

    segments: tuple[Segment, ...] = ()
    topic: str = ""

    @property
    def text(self) -> str:
        return "".join(s.text if isinstance(s, Figure) else s for s in self.segments)

    def __add__(self, other: Paragraph | str) -> Paragraph:
        more = other.segments if isinstance(other, Paragraph) else (other,)
        return Paragraph((*self.segments, *more), self.topic)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    def about(self, topic: str) -> Paragraph:
        return Paragraph(self.segments, topic)


def written(template: str, **values: Figure | str | int | None) -> Paragraph:
    """`template` (a translated string with %(name)s fields) filled in: figures stay figures,
    a figure the area was not given (None) reads "0".

    written(_("成功调处矛盾纠纷事件%(n)s"), n=figures.get("disputes.succeeded"))
    """
    segments: list[Segment] = []
    pos = 0
    for match in _FIELD.finditer(template):
        segments.append(template[pos : match.start()].replace("%%", "%"))
        value = values[match.group(1)]
        segments.append(
            value if isinstance(value, Figure) else "0" if value is None else str(value)
        )
        pos = match.end()
    segments.append(template[pos:].replace("%%", "%"))
    return Paragraph(tuple(s for s in segments if not (isinstance(s, str) and not s)))


def plain(paragraphs: Iterable[Paragraph]) -> str:
    """Paragraphs as the text a reader sees, one per line."""
    return "\n".join(p.text for p in paragraphs if p)


# --- Tables ---------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    left: bool = False  # a row label, aligned left
    # A number no record gives, entered by hand on the report as the manual figure of this key;
    # the cell shows "—" until then.
    manual_key: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "rowspan": self.rowspan, "colspan": self.colspan}
        data["left"] = self.left
        if self.manual_key:
            data["manual_key"] = self.manual_key
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cell:
        return cls(
            text=str(data.get("text", "")),
            rowspan=int(data.get("rowspan", 1)),
            colspan=int(data.get("colspan", 1)),
            left=bool(data.get("left", False)),
            manual_key=data.get("manual_key", ""),
        )


@dataclass
class Table:
    """A table as printed: header rows and body rows of cells with their spans. `section`
    names the outline part it is shown under (reports/outlines.py `Part.table`)."""

    section: str
    caption: str = ""
    header: list[list[Cell]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "caption": self.caption,
            "header": [[c.as_dict() for c in row] for row in self.header],
            "rows": [[c.as_dict() for c in row] for row in self.rows],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Table:
        return cls(
            section=data["section"],
            caption=data.get("caption", ""),
            header=[[Cell.from_dict(c) for c in row] for row in data.get("header", [])],
            rows=[[Cell.from_dict(c) for c in row] for row in data.get("rows", [])],
        )

    def cells(self) -> Iterable[Cell]:
        for row in self.rows:
            yield from row


@dataclass
class StatutoryTables:
    """An area's statutory tables of a year with the failures of its own checks (Chinese)."""

    tables: list[Table] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"tables": [t.as_dict() for t in self.tables], "failures": list(self.failures)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StatutoryTables:
        return cls(
            tables=[Table.from_dict(t) for t in data.get("tables", [])],
            failures=[str(f) for f in data.get("failures", [])],
        )


# --- The protocol ---------------------------------------------------------------------------


@runtime_checkable
class AreaReport(Protocol):
    """What `<app>/report.py` offers (module-level names). `statutory_tables(year) ->
    StatutoryTables` is optional (the disclosure report's tables)."""

    SECTION: str  # heading of its part, e.g. "矛盾纠纷排查调处"

    def figures(self, year: int) -> list[Figure]: ...  # computed in the database

    def paragraphs(self, year: int, figures: dict[str, Figure]) -> list[Paragraph]: ...


def report_modules() -> dict[str, ModuleType]:
    modules = {}
    for app in settings.AREA_APPS:
        if app != "reports" and find_spec(f"{app}.report") is not None:
            modules[app] = import_module(f"{app}.report")
    return modules


def collect(year: int) -> dict[str, list[Figure]]:
    """Every area's figures for `year`, keyed by app label."""
    return {app: module.figures(year) for app, module in report_modules().items()}
