from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from huanghe_portal.versioning import VersionedSerializerMixin, VersionInputMixin

from .. import selectors
from ..models import RenderJob, Report


class ReportCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    outline = serializers.ChoiceField(
        choices=["statutory", "seed2022", "disclosure"], required=False, default=""
    )

    def validate_year(self, value: int) -> int:
        if value > timezone.localdate().year:
            raise serializers.ValidationError(_("不能编制未来年度的报告。"))
        return value


class ReportUpdateSerializer(VersionInputMixin, serializers.Serializer):
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False), required=False
    )
    title = serializers.CharField(max_length=200, required=False)
    document_number = serializers.CharField(max_length=50, required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False)
    signer = serializers.CharField(max_length=50, required=False, allow_blank=True)
    addressee = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ManualFigureSerializer(serializers.Serializer):
    key = serializers.RegexField(
        r"^[a-z][a-z0-9_]{0,59}$",
        error_messages={"invalid": _("引用名只能由小写字母、数字和下划线组成，并以字母开头。")},
    )
    label = serializers.CharField(max_length=100)  # type: ignore[assignment]  # a declared field
    value = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    unit = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")


def job_data(job: RenderJob | None, request=None) -> dict | None:
    if job is None:
        return None
    url = None
    if job.status == RenderJob.Status.DONE:
        url = reverse("reports:report-pdf", args=[job.report_id])
        if request is not None:
            url = request.build_absolute_uri(url)
    return {
        "id": job.pk,
        "status": job.status,
        "status_display": job.get_status_display(),
        "progress": job.progress,
        "url": url,
        "error": job.error or None,
    }


class ReportSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    figures = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    tables = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "year",
            "kind",
            "kind_display",
            "edition",
            "version",
            "outline",
            "status",
            "status_display",
            "title",
            "document_number",
            "signed_on",
            "signer",
            "addressee",
            "figures",
            "sections",
            "tables",
            "notices",
            "last_diff",
            "problems",
            "compiled_at",
            "approved_at",
            "published_at",
            "pdf",
        ]

    def get_figures(self, report: Report) -> list[dict]:
        return [
            {
                "key": f["key"],
                "label": f["label"],
                "value": f["value"],
                "unit": f["unit"],
                "definition": f.get("definition", ""),
                "manual": f.get("manual", False),
                "records_url": f.get("records_url", ""),
                **({"entered_by": f["entered_by"]} if f.get("manual") else {}),
            }
            for f in selectors.report_figures(report)
        ]

    def get_sections(self, report: Report) -> list[dict]:
        return [
            {
                "key": s["key"],
                "heading": s["heading"],
                "level": s["level"],
                "text": s["text"],
                "table": s.get("table", ""),
            }
            for s in report.sections
        ]

    def get_tables(self, report: Report) -> list[dict] | None:
        if not report.tables:
            return None
        # API.md's shape: the cells as printed (the manual figure keys stay internal).
        tables = [t.as_dict() for t in selectors.report_tables(report)]
        for table in tables:
            for row in table["header"] + table["rows"]:
                for cell in row:
                    cell.pop("manual_key", None)
        return tables

    def get_problems(self, report: Report) -> dict:
        return selectors.report_problems(report)

    def get_pdf(self, report: Report) -> dict | None:
        return job_data(selectors.latest_render_job(report), self.context.get("request"))
