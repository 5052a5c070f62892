"""python manage.py compile_report --year 2022 --kind rule_of_law --pdf out.pdf --json out.json"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from huanghe_portal.roles import Role
from reports import compose, rendering, selectors, services
from reports.api.serializers import ReportSerializer
from reports.models import Report


class Command(BaseCommand):
    help = "Compile the annual report of a year (and render it synchronously)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--kind", choices=Report.Kind.values, default="rule_of_law")
        parser.add_argument("--outline", default="")
        parser.add_argument("--user", default="", help="acting user (report_office)")
        parser.add_argument("--pdf", default="")
        parser.add_argument(
            "--edition",
            choices=rendering.EDITIONS,
            default="public",
            help="public: for the web, no 版头; submission: 报送版 with the 版头",
        )
        parser.add_argument("--docx", default="")
        parser.add_argument("--json", default="")

    def _actor(self, username: str):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            return users.get(username=username)
        actor = users.filter(Q(groups__name=Role.REPORT_OFFICE) | Q(is_superuser=True)).first()
        if actor is None:
            raise CommandError("no report_office user or superuser to act as (use --user)")
        return actor

    def handle(self, *args, year, kind, outline, user, pdf, edition, docx, json: str, **options):
        actor = self._actor(user)
        draft = (
            selectors.reports_visible_to(actor)
            .filter(year=year, kind=kind)
            .exclude(status=Report.Status.PUBLISHED)
            .order_by("-edition")
            .first()
        )
        try:
            report, said = self._compile(draft, actor=actor, year=year, kind=kind, outline=outline)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(said)
        for notice in report.notices:
            self.stdout.write(f"  ! {notice}")
        if pdf:
            Path(pdf).write_bytes(rendering.render_pdf_now(report, edition))
            self.stdout.write(f"PDF: {pdf}")
        if docx:
            Path(docx).write_bytes(rendering.render_to_docx(report))
            self.stdout.write(f"DOCX: {docx}")
        if json:
            data = ReportSerializer(report).data
            Path(json).write_text(_dumps(data), encoding="utf-8")
            self.stdout.write(f"JSON: {json}")

    def _compile(self, draft, *, actor, year: int, kind: str, outline: str) -> tuple[Report, str]:
        """The report to output and a sentence saying which one it is and what was done: a
        draft whose figures and tables have not changed is reused as it is (no new edition, no
        timeline entry), a changed one recompiled, a submitted or approved one left alone."""
        if draft is not None and draft.status == Report.Status.DRAFT:
            compiled = compose.compile_year(year, kind)
            if _values(compiled.figures) == _values(draft.figures) and (
                compiled.tables == draft.tables
            ):
                return draft, _("沿用数据未变化的草稿：%(report)s。") % {"report": _which(draft)}
            report = services.recompile_report(draft, actor=actor)
            return report, _("已重新编制草稿：%(report)s，%(count)s项数据有变化。") % {
                "report": _which(report),
                "count": len(report.last_diff),
            }
        if draft is not None:
            return draft, _("沿用%(status)s的报告（未重新编制）：%(report)s。") % {
                "status": draft.get_status_display(),
                "report": _which(draft),
            }
        report = services.create_report(actor=actor, year=year, kind=kind, outline=outline)
        return report, _("已新建报告：%(report)s。") % {"report": _which(report)}


def _values(figures: list[dict]) -> dict[str, str]:
    """Figure values as the recompile diff compares them (a snapshot holds them as JSON)."""
    return {f["key"]: str(f["value"]) for f in figures}


def _which(report: Report) -> str:
    return _("%(title)s（编号%(id)s，第%(edition)s版，%(status)s）") % {
        "title": report.title,
        "id": report.pk,
        "edition": report.edition,
        "status": report.get_status_display(),
    }


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
