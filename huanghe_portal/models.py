"""Records every area shares: the township, villages, the holiday table, the timeline,
attachments, personal-data access log, staff profiles and in-app notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .limits import SUMMARY_MAX
from .versioning import Versioned


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class Township(Versioned):
    """The one township this deployment serves; edited by the office, never hard-coded."""

    name = models.CharField(_("乡镇名称"), max_length=50)
    government_name = models.CharField(_("政府全称"), max_length=80)
    county = models.CharField(_("所属区县"), max_length=80)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    reception_phone = models.CharField(_("接待电话"), max_length=40, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    doc_prefix = models.CharField(
        _("文号代字"),
        max_length=10,
        help_text=_("用于文书编号，例如“黄鹤调〔2024〕7号”中的“黄鹤”。"),
    )
    introduction = models.TextField(_("简介"), blank=True, max_length=SUMMARY_MAX)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("乡镇信息")
        verbose_name_plural = _("乡镇信息")

    def __str__(self) -> str:
        return self.government_name

    @classmethod
    def current(cls) -> Township:
        """The profile, or an unsaved placeholder before the office has entered one."""
        return cls.objects.order_by("pk").first() or cls(
            name="", government_name=str(_("乡镇人民政府")), county="", doc_prefix=""
        )


class Village(Versioned):
    """A village (村) or community (社区) of the township."""

    class Kind(models.TextChoices):
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    code = models.CharField(_("代码"), max_length=20, unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.VILLAGE)
    is_active = models.BooleanField(_("在用"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("村（社区）")
        verbose_name_plural = _("村（社区）")

    def __str__(self) -> str:
        return self.name


class Holiday(Versioned):
    """An official day off or a 调休 working day; overrides that single day only (DOMAIN §0)."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(
        _("调休上班日"), default=False, help_text=_("勾选表示该日为调休上班日；不勾选表示放假。")
    )
    name = models.CharField(_("名称"), max_length=50)
    source_notice = models.CharField(_("依据通知"), max_length=200, blank=True)
    history = HistoricalRecords()
    # Not stored: set by services.save_holiday for the page that saved it (due dates moved).
    calendar_change: CalendarChange | None = None

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class HolidayYear(models.Model):
    """The office's record of a year's 国务院办公厅 holiday notice. Until it is marked complete,
    a year the holiday library does not cover counts as not known (the staff banner stays)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("依据通知"), max_length=200)
    complete = models.BooleanField(_("已完整录入"), default=False)
    completed_at = models.DateTimeField(_("确认录入时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度放假通知")
        verbose_name_plural = _("年度放假通知")

    def __str__(self) -> str:
        return f"{self.year} {self.source}"


class CalendarChange(models.Model):
    """A change of holiday data and the background recomputation of stored due dates it caused."""

    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("原因"), max_length=300)
    dates = models.JSONField(_("变动日期"), default=list)
    moved = models.PositiveIntegerField(_("期限变动件数"), null=True, blank=True)
    moved_by_area = models.JSONField(_("各领域变动件数"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("重新计算完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("节假日变动")
        verbose_name_plural = _("节假日变动")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.reason}"


class TimelineEntry(models.Model):
    """Append-only workflow history of any record; written only by services (timeline.record)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=50)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    # Not columns: set by `timeline.labelled` for includes/timeline.html.
    label: str
    actor_name: str

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = _("流程记录")
        verbose_name_plural = _("流程记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


def attachment_path(instance: Attachment, filename: str) -> str:
    now = timezone.now()
    return f"attachments/{now:%Y/%m}/{instance.stored_name}"


class Attachment(models.Model):
    """A file belonging to a record; downloaded only through the visibility-checked view."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=255)
    stored_name = models.CharField(max_length=80, editable=False)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小（字节）"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    is_public = models.BooleanField(
        _("可公开"),
        default=False,
        help_text=_("仅当所属记录已公开时，公开页面才显示此文件（如活动照片、公开文件附件）。"),
    )
    voided = models.BooleanField(_("已作废"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name


class PersonalDataAccess(models.Model):
    """Audit of every unmasked read of personal data (PIPL Art 51; DOMAIN §9.2)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=50)
    purpose = models.CharField(max_length=50, default="view")
    # Why the data was needed, when the user was asked (an unmasked ledger export).
    reason = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = _("个人信息查看记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.field}"


class StaffProfile(Versioned):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_profile"
    )
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    # Set by the user on the profile page; the address itself is the account's e-mail.
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    email_reminders = models.BooleanField(_("通过电子邮件接收工作提醒"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工作人员资料")
        verbose_name_plural = _("工作人员资料")

    def __str__(self) -> str:
        from .people import display_name

        return display_name(self.user)


class AccountAudit(models.Model):
    """Append-only record of every change to a staff account (creation, role grants and removals,
    superuser status, deactivation, password reset and change): who, whom, the account before and
    after, when. Written only by huanghe_portal/services.py; never edited or deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("创建账号")
        ROLES_CHANGED = "roles_changed", _("变更角色")
        DEACTIVATED = "deactivated", _("停用账号")
        ACTIVATED = "activated", _("启用账号")
        UPDATED = "updated", _("修改资料")
        PASSWORD_RESET = "password_reset", _("重置密码")
        PASSWORD_CHANGED = "password_changed", _("修改密码")

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    before = models.JSONField(_("变更前"), default=dict, blank=True)
    after = models.JSONField(_("变更后"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target", "at"])]
        verbose_name = _("账号变更记录")
        verbose_name_plural = _("账号变更记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("AccountAudit rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("AccountAudit rows are append-only.")

    SNAPSHOT_LABELS = {
        "is_superuser": _("系统管理员"),
        "is_active": _("账号启用"),
        "full_name": _("姓名"),
        "title": _("职务"),
        "must_change_password": _("须修改密码"),
    }

    @property
    def granted(self) -> list[str]:
        """Labels of the roles this change granted."""
        return _role_labels(
            r for r in self.after.get("roles", []) if r not in self.before.get("roles", [])
        )

    @property
    def removed(self) -> list[str]:
        """Labels of the roles this change removed."""
        return _role_labels(
            r for r in self.before.get("roles", []) if r not in self.after.get("roles", [])
        )

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """(label, before, after) of every other account field this change altered."""

        def shown(value: object) -> str:
            if isinstance(value, bool):
                return str(_("是") if value else _("否"))
            return str(value) or "—"

        return [
            (str(label), shown(self.before[key]), shown(self.after[key]))
            for key, label in self.SNAPSHOT_LABELS.items()
            if key in self.before and key in self.after and self.before[key] != self.after[key]
        ]


def _role_labels(names: Iterable[str]) -> list[str]:
    from .roles import ROLE_LABELS, Role

    return [str(ROLE_LABELS[Role(n)]) if n in Role.__members__.values() else n for n in names]


class Notification(models.Model):
    """An in-app notice of due or overdue work; one per (user, record, kind) and day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_notifications"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("类别"), max_length=30)
    message = models.CharField(_("内容"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id", "kind"],
                name="one_notification_per_record_kind",
            )
        ]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self) -> str:
        return self.message


class WorkerHeartbeat(models.Model):
    """Written by the periodic heartbeat task: proves a worker ran a task end to end."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at}"


class RecordLink(models.Model):
    """A link between records of two areas (a petition handed over to mediation, a decision
    published to the catalogue), so that neither area's tables point into the other's."""

    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("关联类型"), max_length=30)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["target_type", "target_id"]),
        ]
        # A record is handed over once per kind (issue 13): see handover.create.
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind"], name="one_handover_per_source_kind"
            )
        ]
        verbose_name = _("记录关联")
        verbose_name_plural = _("记录关联")

    def __str__(self) -> str:
        return f"{self.kind}: {self.source_type_id}/{self.source_id} → {self.target_type_id}/{self.target_id}"


class Sequence(models.Model):
    """The last number drawn per key and year (case numbers, petition numbers, 索引号, report
    versions). Only huanghe_portal.sequences writes it, under a row lock, so numbers are unique
    and a rolled-back registration leaves no gap."""

    key = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "year"], name="portal_sequence_key_year_uniq")
        ]
        verbose_name = _("编号计数器")
        verbose_name_plural = _("编号计数器")

    def __str__(self) -> str:
        return f"{self.key} {self.year}: {self.last}"


class LedgerImport(models.Model):
    """One spreadsheet on its way into a ledger: uploaded and kept (privately, for its uploader
    only, until it expires) between the preview and the confirmation, then imported whole or not
    at all by a background job whose progress the page shows (issue 17 point 5).
    Written only by huanghe_portal/services.py."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("待确认")
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    TRANSITIONS = {
        Status.UPLOADED: {Status.QUEUED},
        Status.QUEUED: {Status.RUNNING, Status.FAILED},
        Status.RUNNING: {Status.DONE, Status.FAILED},
        Status.DONE: set(),
        Status.FAILED: set(),
    }

    ledger = models.CharField(_("台账"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )
    file = models.FileField(_("文件"), upload_to="ledger-imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("文件名"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("行数"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    skipped_count = models.PositiveIntegerField(_("已存在"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("过期时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")

    def __str__(self) -> str:
        return f"{self.ledger} {self.original_name} · {self.get_status_display()}"
