"""The annual reports: a compiled, frozen snapshot of every area's figures plus the narrative
the office writes, approved by a leader and published; PDFs come from background render jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from huanghe_portal.models import TimeStampedModel
from huanghe_portal.versioning import Versioned


class Report(Versioned, TimeStampedModel):
    class Kind(models.TextChoices):
        RULE_OF_LAW = "rule_of_law", _("法治政府建设年度报告")
        DISCLOSURE = "disclosure", _("政府信息公开工作年度报告")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        APPROVED = "approved", _("已审批")
        PUBLISHED = "published", _("已发布")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.DRAFT},
        Status.APPROVED: {Status.PUBLISHED, Status.DRAFT},
        Status.PUBLISHED: set(),
    }
    EDITABLE = (Status.DRAFT,)

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("报告类型"), max_length=20, choices=Kind.choices)
    # The edition (第N版): a correction of a published report is a new edition. Not `version`,
    # which every edited record carries for optimistic locking (Versioned).
    edition = models.PositiveSmallIntegerField(_("版次"), default=1)
    outline = models.CharField(_("提纲模板"), max_length=20, default="statutory")
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("标题"), max_length=200)
    document_number = models.CharField(_("发文字号"), max_length=50, blank=True)
    signed_on = models.DateField(_("成文日期"), null=True, blank=True)
    # The 报送版 (上行文, GB/T 9704 7.2.6, 7.3.2): who signed it off and to whom it goes.
    signer = models.CharField(_("签发人"), max_length=50, blank=True)
    addressee = models.CharField(
        _("主送机关"),
        max_length=100,
        blank=True,
        help_text=_("留空则为系统设置的上级机关（默认石柱土家族自治县人民政府）。"),
    )
    # The frozen snapshot: figures as dicts (Figure.as_dict), tables, notices at compile time.
    figures = models.JSONField(_("数据快照"), default=list)
    tables = models.JSONField(_("统计表"), default=dict, blank=True)
    notices = models.JSONField(_("编制提示"), default=list, blank=True)
    sections = models.JSONField(_("正文"), default=list)
    last_diff = models.JSONField(_("最近一次重新编制的变化"), default=list, blank=True)
    compiled_at = models.DateTimeField(_("编制时间"), null=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("编制人"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "kind", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "edition"], name="reports_unique_year_kind_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.edition}版）"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class ManualFigure(TimeStampedModel):
    """A figure no record can give, entered by hand on one report (who entered it is kept)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="manual_figures")
    key = models.CharField(
        _("引用名"),
        max_length=60,
        help_text=_("正文中以 {{ manual.引用名 }} 引用，只用小写字母、数字和下划线。"),
    )
    label = models.CharField(_("名称"), max_length=100)
    value = models.DecimalField(_("数值"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("录入人"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("手工数据")
        verbose_name_plural = _("手工数据")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="reports_unique_manual_key"),
        ]

    def __str__(self) -> str:
        return f"{self.label}：{self.value}{self.unit}"


class RenderJob(TimeStampedModel):
    """One PDF rendering of a report in the background (STYLE §3.7's PdfJob)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    TRANSITIONS = {
        Status.PENDING: {Status.RUNNING, Status.FAILED},
        Status.RUNNING: {Status.DONE, Status.FAILED},
        Status.FAILED: {Status.PENDING},
        Status.DONE: set(),
    }

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="render_jobs")
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    error = models.TextField(_("错误信息"), blank=True)
    file = models.FileField(_("PDF 文件"), upload_to="reports/pdf/%Y/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("申请人"),
    )
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PDF 生成任务")
        verbose_name_plural = _("PDF 生成任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_status_display()}"
