"""Every write on a report: compile, recompile, edit, manual figures, the workflow steps
(draft → submitted → approved → published) and the PDF render jobs."""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.conf import settings
from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import handover, jobs, public_cache, sequences, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Township
from huanghe_portal.personal_data import check_publication
from huanghe_portal.roles import Role, require_role
from huanghe_portal.versioning import check_version, same_value, save_with_version
from huanghe_portal.workflow import begin_step, lock, require_status

from . import compose, selectors
from .models import ManualFigure, RenderJob, Report
from .outlines import DEFAULT_OUTLINE, OUTLINES_FOR_KIND, title_for

logger = logging.getLogger(__name__)
MANUAL_KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def _check_year(year: int) -> None:
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("不能编制未来年度的报告。")})
    if year < 2000:
        raise ValidationError({"year": _("年度应不早于2000年。")})


@transaction.atomic
def create_report(*, actor: auth.User, year: int, kind: str, outline: str = "") -> Report:
    """Compile a new report for (year, kind) from the records. 综治办 only; a correction of a
    published report is a new version."""
    require_role(actor, Role.REPORT_OFFICE)
    _check_year(year)
    if kind not in Report.Kind.values:
        raise ValidationError({"kind": _("报告类型无效。")})
    outline = outline or DEFAULT_OUTLINE[kind]
    if outline not in OUTLINES_FOR_KIND[kind]:
        raise ValidationError({"outline": _("该报告类型没有这个提纲模板。")})
    # The (year, kind) counter row serialises concurrent creations: the second one waits here,
    # then finds the first one's draft and is refused instead of hitting the unique constraint.
    existing = Report.objects.filter(year=year, kind=kind)
    version = sequences.next_number(
        sequences.report_version_key(kind),
        year,
        after=existing.aggregate(v=Max("edition"))["v"] or 0,
    )
    if existing.exclude(status=Report.Status.PUBLISHED).exists():
        raise TransitionNotAllowed(_("该年度已有未发布的报告，请在原报告上修改或重新编制。"))
    compiled = compose.compile_year(year, kind)
    report = Report.objects.create(
        year=year,
        kind=kind,
        edition=version,
        outline=outline,
        title=title_for(kind, year, Township.current().government_name),
        figures=compiled.figures,
        tables=compiled.tables,
        notices=compiled.notices,
        sections=compose.default_sections(outline, compiled, year),
        compiled_at=timezone.now(),
        compiled_by=actor,
        signed_on=min(timezone.localdate(), dt.date(year + 1, 1, 5)),
    )
    timeline.record(
        report, actor=actor, action="compiled", note=_("编制第%(version)s版") % {"version": version}
    )
    return report


def _figure_diff(old: list[dict], new: list[dict]) -> list[dict]:
    """What changed figure by figure between two snapshots."""
    before = {f["key"]: f for f in old}
    after = {f["key"]: f for f in new}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        a, b = before.get(key), after.get(key)
        old_value = a["value"] if a else None
        new_value = b["value"] if b else None
        shown = b or a  # the key came from one of the two snapshots
        if str(old_value) != str(new_value) and shown is not None:
            changes.append(
                {
                    "key": key,
                    "label": shown["label"],
                    "unit": shown["unit"],
                    "old": old_value,
                    "new": new_value,
                }
            )
    return changes


@transaction.atomic
def recompile_report(report: Report, *, actor: auth.User) -> Report:
    """Take a new snapshot of the figures (drafts only); the narrative is kept."""
    report = begin_step(report, actor, Role.REPORT_OFFICE)
    require_status(report, Report.Status.DRAFT, action=_("重新编制"))
    compiled = compose.compile_year(report.year, report.kind)
    diff = _figure_diff(report.figures, compiled.figures)
    report.figures, report.tables = compiled.figures, compiled.tables
    report.notices, report.last_diff = compiled.notices, diff
    report.compiled_at, report.compiled_by = timezone.now(), actor
    report.save(
        update_fields=[
            "figures",
            "tables",
            "notices",
            "last_diff",
            "compiled_at",
            "compiled_by",
            "updated_at",
        ]
    )
    timeline.record(
        report,
        actor=actor,
        action="recompiled",
        note=_("%(count)s项数据有变化") % {"count": len(diff)},
        data={"diff": diff},
    )
    return report


@transaction.atomic
def update_report(
    report: Report,
    *,
    actor: auth.User,
    texts: dict[str, str] | None = None,
    title: str | None = None,
    document_number: str | None = None,
    signed_on: dt.date | None = None,
    version: int | None = None,
    signer: str | None = None,
    addressee: str | None = None,
) -> Report:
    """Edit the narrative (plain text, one paragraph per line) and the heading data, from the
    `version` the editor read; drafts only. Only what changed is written."""
    report = begin_step(report, actor, Role.REPORT_OFFICE)
    require_status(report, Report.Status.DRAFT, action=_("修改"))
    check_version(report, version)
    keys = {s["key"] for s in report.sections}
    unknown = [k for k in (texts or {}) if k not in keys]
    if unknown:
        raise ValidationError(
            {"sections": _("没有这些部分：%(keys)s") % {"keys": "、".join(unknown)}}
        )
    if signed_on and signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("成文日期不能晚于今天。")})
    changed = []
    sections = [dict(section) for section in report.sections]
    for section in sections:
        new = (texts or {}).get(section["key"])
        if new is not None and not same_value(section["text"], new):
            section["text"] = new.replace("\r\n", "\n").strip()
            changed.append(section["heading"])
    heading = {
        "title": title,
        "document_number": document_number,
        "signed_on": signed_on,
        "signer": signer,
        "addressee": addressee,
    }
    heading = {name: value for name, value in heading.items() if value is not None}
    written = save_with_version(
        report, version, {**heading, "sections": sections} if changed else heading
    )
    changed += timeline.field_labels(report, [name for name in written if name != "sections"])
    if changed:
        timeline.record(report, actor=actor, action="edited", note="、".join(changed))
    return report


@transaction.atomic
def set_manual_figure(
    report: Report, *, actor: auth.User, key: str, label: str, value, unit: str = ""
) -> ManualFigure:
    """Enter (or correct) a figure no record can give; drafts only, who entered it is kept."""
    report = begin_step(report, actor, Role.REPORT_OFFICE)
    require_status(report, Report.Status.DRAFT, action=_("录入手工数据"))
    if not MANUAL_KEY.match(key or ""):
        raise ValidationError({"key": _("引用名只能由小写字母、数字和下划线组成，并以字母开头。")})
    if value is None or float(value) < 0:
        raise ValidationError({"value": _("数值不能为负数。")})
    manual, _created = ManualFigure.objects.update_or_create(
        report=report,
        key=key,
        defaults={"label": label, "value": value, "unit": unit, "entered_by": actor},
    )
    timeline.record(report, actor=actor, action="manual_figure", note=f"{label}：{value}{unit}")
    return manual


@transaction.atomic
def submit_report(report: Report, *, actor: auth.User) -> Report:
    """草稿 → 已提交 (综治办). Missing parts are shown as a warning; the leader's approval is
    what they block."""
    report = begin_step(report, actor, Role.REPORT_OFFICE, to=Report.Status.SUBMITTED)
    report.status = Report.Status.SUBMITTED
    report.save(update_fields=["status", "updated_at"])
    timeline.record(report, actor=actor, action="submitted")
    return report


@transaction.atomic
def return_report(report: Report, *, actor: auth.User, note: str = "") -> Report:
    """已提交/已审批 → 草稿: back to the office for changes (leader or office)."""
    report = begin_step(report, actor, Role.LEADER, Role.REPORT_OFFICE, to=Report.Status.DRAFT)
    report.status = Report.Status.DRAFT
    report.approved_by, report.approved_at = None, None
    report.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    timeline.record(report, actor=actor, action="returned", note=note)
    return report


def _problems_message(problems: dict[str, list[str]]) -> str:
    lines = []
    if problems["missing_parts"]:
        lines.append(_("缺少必备内容：%(parts)s") % {"parts": "；".join(problems["missing_parts"])})
    if problems["empty_parts"]:
        lines.append(
            _("以下部分内容为空：%(parts)s") % {"parts": "；".join(problems["empty_parts"])}
        )
    if problems["unknown_references"]:
        lines.append(
            _("正文引用了不存在的数据：%(refs)s")
            % {"refs": "、".join(problems["unknown_references"])}
        )
    if problems["table_failures"]:
        lines.append(
            _("统计表校验未通过：%(items)s") % {"items": "；".join(problems["table_failures"])}
        )
    return "。".join(lines)


@transaction.atomic
def approve_report(report: Report, *, actor: auth.User) -> Report:
    """已提交 → 已审批 (领导). Refused while a required part is missing or empty, a figure
    reference is unknown, or a statutory table fails its checks (规定 Art 23; 条例 Art 50)."""
    report = begin_step(report, actor, Role.LEADER, to=Report.Status.APPROVED)
    problems = selectors.report_problems(report)
    if any(problems.values()):
        raise TransitionNotAllowed(_("报告不完整，不能审批。") + _problems_message(problems))
    report.status = Report.Status.APPROVED
    report.approved_by, report.approved_at = actor, timezone.now()
    report.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    timeline.record(report, actor=actor, action="approved")
    return report


@transaction.atomic
def publish_report(report: Report, *, actor: auth.User, acknowledge: str = "") -> Report:
    """已审批 → 已发布 (综治办): on the public site and, through the hand-over, in the disclosure
    catalogue (年度报告). From here the report is immutable; its PDF is kept. The personal-data
    gate runs on every character the PDF shows: a full ID number is refused (409), a mobile
    number or a party's name needs `acknowledge`, the reason, which is recorded."""
    from . import rendering

    report = begin_step(report, actor, Role.REPORT_OFFICE, to=Report.Status.PUBLISHED)
    check = check_publication(
        [(_("报告全文"), rendering.plain_text(report))], acknowledge=acknowledge
    )
    report.status = Report.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save(update_fields=["status", "published_at", "updated_at"])
    timeline.record(
        report,
        actor=actor,
        action="published",
        note=check.note() if check.findings else "",
        data={"personal_data_check": check.record()},
    )
    if handover.is_registered("disclosure_item"):
        handover.create(
            "disclosure_item",
            source=report,
            actor=actor,
            title=report.title,
            summary=_("%(year)s年%(kind)s")
            % {"year": report.year, "kind": report.get_kind_display()},
            body=rendering.plain_text(report),
            category_code="annual_reports",
            document_number=report.document_number,
            generated_on=timezone.localdate(),
            acknowledge=acknowledge,
        )
    if selectors.latest_done_job(report) is None:
        _queue_job(RenderJob.objects.create(report=report, requested_by=actor))
    public_cache.changed("reports")
    return report


# --- PDF render jobs -----------------------------------------------------------------------


def _queue_job(job: RenderJob) -> None:
    """Queue after commit; a broker that is down fails the job with a message, nothing else."""
    from . import tasks

    def failed(exc: Exception) -> None:
        RenderJob.objects.filter(pk=job.pk, status=RenderJob.Status.PENDING).update(
            status=RenderJob.Status.FAILED,
            finished_at=timezone.now(),
            error=_("后台任务服务不可用，PDF 未能排队生成。请稍后重试。"),
        )

    jobs.enqueue(tasks.render_report_pdf_task, job.pk, on_failure=failed)


@transaction.atomic
def request_render(report: Report, *, actor: auth.User) -> RenderJob:
    """Queue a PDF of the report; anyone who may act on it (综治办, or the approving leader)."""
    report = begin_step(report, actor, Role.REPORT_OFFICE, Role.LEADER)
    active = report.render_jobs.filter(
        status__in=[RenderJob.Status.PENDING, RenderJob.Status.RUNNING]
    ).first()
    if active:
        return active
    job = RenderJob.objects.create(report=report, requested_by=actor)
    timeline.record(report, actor=actor, action="render_requested")
    _queue_job(job)
    return job


@transaction.atomic
def retry_render(job: RenderJob, *, actor: auth.User) -> RenderJob:
    """失败 → 排队中: try a failed render again."""
    job = begin_step(job, actor, Role.REPORT_OFFICE, Role.LEADER, to=RenderJob.Status.PENDING)
    job.status, job.progress, job.error = RenderJob.Status.PENDING, 0, ""
    job.started_at = job.finished_at = None
    job.save(
        update_fields=["status", "progress", "error", "started_at", "finished_at", "updated_at"]
    )
    timeline.record(job.report, actor=actor, action="render_retried")
    _queue_job(job)
    return job


@transaction.atomic
def retry_report_render(report: Report, *, actor: auth.User) -> RenderJob:
    """The report's "重试" button: retry its latest render when that failed, else queue one."""
    report = lock(report)
    job = selectors.failed_render_job(report)
    if job is not None:
        return retry_render(job, actor=actor)
    return request_render(report, actor=actor)


def _set_progress(job: RenderJob, progress: int) -> None:
    RenderJob.objects.filter(pk=job.pk).update(progress=progress, updated_at=timezone.now())


def render_job(job_id: int) -> RenderJob:
    """Run one render job (the task's body): running with percent, then done or failed."""
    from . import rendering

    with transaction.atomic():
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        if job.status != RenderJob.Status.PENDING:
            return job  # idempotent: done, failed or taken by another worker
        job.status, job.progress, job.started_at = RenderJob.Status.RUNNING, 5, timezone.now()
        job.save(update_fields=["status", "progress", "started_at", "updated_at"])
    try:
        html = rendering.pdf_html(job.report)
        _set_progress(job, 40)
        pdf = rendering.html_to_pdf(html)
        _set_progress(job, 90)
    except Exception as exc:
        logger.exception("render job %s failed", job.pk)
        return _finish(job, error=f"{type(exc).__name__}: {exc}")
    return _finish(job, pdf=pdf)


@transaction.atomic
def _finish(job: RenderJob, *, pdf: bytes | None = None, error: str = "") -> RenderJob:
    job = lock(job)
    if job.status != RenderJob.Status.RUNNING:
        return job  # marked failed by the stale-job sweep meanwhile
    if pdf is not None:
        job.file.save(f"report-{job.report_id}-{job.pk}.pdf", ContentFile(pdf), save=False)
        job.status, job.progress = RenderJob.Status.DONE, 100
    else:
        job.status, job.error = RenderJob.Status.FAILED, error
    job.finished_at = timezone.now()
    job.save()
    if job.status == RenderJob.Status.DONE and job.report.status == Report.Status.PUBLISHED:
        public_cache.changed("reports")  # the public page links the newest PDF
    return job


def fail_stale_render_jobs(*, now: dt.datetime | None = None) -> int:
    """Jobs pending or running longer than the timeout (a worker killed mid-render, a queue
    that lost the message) are marked failed so that they can be retried."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=getattr(settings, "REPORTS_RENDER_TIMEOUT", 600))
    stale = RenderJob.objects.filter(
        status__in=[RenderJob.Status.PENDING, RenderJob.Status.RUNNING], updated_at__lt=limit
    )
    return stale.update(
        status=RenderJob.Status.FAILED,
        finished_at=now,
        error=_("PDF 生成超时（后台任务可能已中断），请重试。"),
    )
