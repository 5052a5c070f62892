"""Which reports a user may see, the published ones, and the figures of one report."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huanghe_portal.people import display_name
from huanghe_portal.reporting import StatutoryTables, Table, number_text
from huanghe_portal.roles import STAFF_ROLES, User, has_role

from . import refs
from .models import ManualFigure, RenderJob, Report
from .outlines import PLACEHOLDER, REQUIRED, REQUIRED_FIGURES


def reports_visible_to(user: User) -> QuerySet[Report]:
    """Every staff role reads the reports (API.md: "all staff roles; public once published")."""
    if has_role(user, *STAFF_ROLES):
        return Report.objects.select_related("compiled_by", "approved_by")
    return reports_published()


def reports_published() -> QuerySet[Report]:
    return Report.objects.filter(status=Report.Status.PUBLISHED)


def manual_figure_dict(manual: ManualFigure) -> dict:
    number = float(manual.value)
    return {
        "key": f"manual.{manual.key}",
        "label": manual.label,
        "value": int(number) if number == int(number) else number,
        "unit": manual.unit,
        "definition": _("手工录入"),
        "records_url": "",
        "manual": True,
        "breakdown": {},
        "entered_by": display_name(manual.entered_by),
        "entered_at": manual.updated_at.isoformat() if manual.updated_at else None,
    }


def report_figures(report: Report) -> list[dict]:
    """The frozen snapshot followed by the figures entered by hand on the report."""
    manual = report.manual_figures.select_related("entered_by__portal_profile")
    return list(report.figures) + [manual_figure_dict(m) for m in manual]


def figures_by_key(report: Report) -> dict[str, dict]:
    return {f["key"]: f for f in report_figures(report)}


def _statutory(report: Report) -> StatutoryTables:
    return StatutoryTables.from_dict(report.tables or {})


def report_tables(report: Report) -> list[Table]:
    """The snapshot's tables as printed, the hand-entered cells filled in from the report's
    manual figures ("—" until entered)."""
    tables = _statutory(report).tables
    manual = {m.key: m.value for m in report.manual_figures.all()} if tables else {}
    for table in tables:
        for cell in table.cells():
            if cell.manual_key:
                value = manual.get(cell.manual_key)
                cell.text = "—" if value is None else number_text(value)
    return tables


def table_problems(report: Report) -> list[str]:
    """The area's own check failures stored with the tables, and every hand-entered cell still
    empty, named by its row and column label."""
    problems = list(_statutory(report).failures)
    for table in report_tables(report):
        columns = table.header[-1] if table.header else []
        for row in table.rows:
            for index, cell in enumerate(row):
                if cell.manual_key and cell.text == "—":
                    column = columns[index].text if index < len(columns) else ""
                    problems.append(
                        _("需手工录入：%(row)s“%(col)s”。") % {"row": row[0].text, "col": column}
                    )
    return problems


def _unstated_figures(section: dict, kind: str, known: dict[str, dict]) -> list[str]:
    """The figures the section's required content must state and its text does not."""
    stated = set(refs.references_in(section.get("text", "")))
    missing = []
    for key, when_nonzero in REQUIRED_FIGURES.get(kind, {}).get(section.get("requires", ""), ()):
        figure = known.get(key)
        value = float(figure["value"] or 0) if figure else 0.0
        if key not in stated and (value or not when_nonzero):
            missing.append(f"{figure['label']}{refs.figure_text(figure)}" if figure else key)
    return missing


def report_problems(report: Report) -> dict[str, list[str]]:
    """What stands between the report and approval: missing or empty required parts (a part
    still holding the 待填写 mark, or not stating the figures its content requires, does not
    cover it), unknown figure references (by name), failing table validations."""
    required = REQUIRED[report.kind]
    known = figures_by_key(report)
    covered, empty, unstated = set(), [], {}
    sections = report.sections
    for index, section in enumerate(sections):
        text = (section.get("text") or "").strip()
        children = []
        if section.get("level", 1) == 1:
            for child in sections[index + 1 :]:
                if child.get("level", 1) == 1:
                    break
                children.append(child)
        has_content = bool(
            text or section.get("table") or any((c.get("text") or "").strip() for c in children)
        )
        unfinished = PLACEHOLDER in text
        missing_figures = _unstated_figures(section, report.kind, known)
        if section.get("requires") and has_content and not unfinished and not missing_figures:
            covered.add(section["requires"])
        if missing_figures:
            unstated[section["requires"]] = missing_figures
        if not has_content or unfinished:
            empty.append(section["heading"])
    missing = []
    for code, label in required.items():
        if code in covered:
            continue
        if code in unstated:
            missing.append(
                _("%(part)s（未写明记录中的%(figures)s）")
                % {"part": label, "figures": "、".join(unstated[code])}
            )
        else:
            missing.append(str(label))
    unknown = []
    for section in sections:
        for name in refs.unknown_references(section.get("text", ""), known):
            if name not in unknown:
                unknown.append(name)
    tables = table_problems(report)
    return {
        "missing_parts": missing,
        "empty_parts": empty,
        "unknown_references": unknown,
        "table_failures": tables,
    }


def latest_render_job(report: Report) -> RenderJob | None:
    return report.render_jobs.order_by("-created_at", "-pk").first()


def failed_render_job(report: Report) -> RenderJob | None:
    """The report's latest render, when it failed: what "重试" retries."""
    job = latest_render_job(report)
    return job if job is not None and job.status == RenderJob.Status.FAILED else None


def render_may_start(report: Report) -> bool:
    """No PDF yet, or the last one is done: a new one may be asked for (a failed one is
    retried, one under way is waited for)."""
    job = latest_render_job(report)
    return job is None or job.status == RenderJob.Status.DONE


def latest_done_job(report: Report) -> RenderJob | None:
    return (
        report.render_jobs.filter(status=RenderJob.Status.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
