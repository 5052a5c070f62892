"""信访, 领导接访, 12345 work orders and deputies' suggestions (DOMAIN §3, API.md petitions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from huanghe_portal.limits import NOTE_MAX, SUMMARY_MAX, TOPIC_MAX
from huanghe_portal.models import TimeStampedModel, Village
from huanghe_portal.personal_data import BlindIndexField, EncryptedCharField
from huanghe_portal.versioning import Versioned

MAX_REPRESENTATIVES = 5  # 信访工作条例 Art 20: a group elects at most five representatives


class GuidedTo(models.TextChoices):
    LITIGATION = "litigation", _("诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    ADMINISTRATIVE = "administrative", _("行政复议")
    LEGAL_AID = "legal_aid", _("法律援助")
    OTHER_DEPARTMENT = "other_department", _("其他部门")
    OTHER = "other", _("其他")


class ReceptionDay(Versioned, TimeStampedModel):
    """A day a leader receives the public (信访工作条例 Art 18); the schedule is public."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", _("接访")
        VISIT = "visit", _("下访")
        APPOINTMENT = "appointment", _("约访")

    date = models.DateField(_("日期"), db_index=True)
    # Optional in the database: days entered before times were kept have none (shown as 时间未定).
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    end_time = models.TimeField(_("结束时间"), null=True, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接访领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader_name = models.CharField(_("接访领导"), max_length=50)
    place = models.CharField(_("地点"), max_length=200)
    topic = models.CharField(_("接访主题"), max_length=TOPIC_MAX, blank=True)
    kind = models.CharField(_("方式"), max_length=20, choices=Kind.choices, default=Kind.RECEPTION)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    voided = models.BooleanField(_("已作废"), default=False)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("领导接访日")
        verbose_name_plural = _("领导接访日")
        constraints = [
            models.CheckConstraint(
                name="reception_day_end_after_start",
                condition=models.Q(start_time__isnull=True)
                | models.Q(end_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.leader_name} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:reception-day-detail", args=[self.pk])


class ReceptionRecord(TimeStampedModel):
    """One reception on a reception day: who came, what they asked, what the leader decided."""

    reception_day = models.ForeignKey(
        ReceptionDay, verbose_name=_("接访日"), on_delete=models.PROTECT, related_name="records"
    )
    petitioner_names = models.CharField(_("来访人"), max_length=200)
    persons_count = models.PositiveIntegerField(_("来访人数"), default=1)
    request = models.TextField(_("反映事项"), max_length=SUMMARY_MAX)
    decision = models.TextField(_("处理意见"), max_length=SUMMARY_MAX)
    petition = models.ForeignKey(
        "Petition",
        verbose_name=_("关联信访件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_records",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("接访记录")
        verbose_name_plural = _("接访记录")

    def __str__(self) -> str:
        return f"{self.reception_day.date} {self.petitioner_names}"


class Petition(Versioned, TimeStampedModel):
    """One 信访事项 in the register, whatever way it came in."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上信访")
        LETTER = "letter", _("来信")
        PHONE = "phone", _("来电")
        FAX = "fax", _("传真")
        VISIT = "visit", _("来访")

    class Source(models.TextChoices):
        DIRECT = "direct", _("群众直接反映")
        FORWARDED = "forwarded", _("上级转送交办")
        LEADER_RECEPTION = "leader_reception", _("领导接访")
        HOTLINE_12345 = "hotline_12345", _("12345热线")
        DEPUTY = "deputy", _("人大代表反映")

    class Category(models.TextChoices):
        SUGGESTION = "suggestion", _("建议意见类")
        ACCUSATION = "accusation", _("检举控告类")
        APPEAL = "appeal", _("申诉求决类")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("已登记")
        ACCEPTED = "accepted", _("已受理")
        NOT_ACCEPTED = "not_accepted", _("不予受理")
        REPLIED = "replied", _("已答复")
        UNDER_REVIEW = "under_review", _("复查中")
        CLOSED = "closed", _("已办结")
        VOIDED = "voided", _("已作废")

    class Outcome(models.TextChoices):
        SUPPORT = "support", _("支持")
        EXPLAIN = "explain", _("解释说明")
        NOT_SUPPORT = "not_support", _("不予支持")

    class ReviewResult(models.TextChoices):
        UPHELD = "upheld", _("维持")
        CHANGED = "changed", _("变更")

    TRANSITIONS = {
        Status.REGISTERED: {Status.ACCEPTED, Status.NOT_ACCEPTED, Status.VOIDED},
        Status.ACCEPTED: {Status.REPLIED, Status.VOIDED},
        Status.NOT_ACCEPTED: {Status.VOIDED},
        Status.REPLIED: {Status.UNDER_REVIEW, Status.CLOSED, Status.VOIDED},
        Status.UNDER_REVIEW: {Status.CLOSED, Status.VOIDED},
        Status.CLOSED: {Status.VOIDED},
        Status.VOIDED: set(),
    }
    OPEN_STATUSES = (Status.REGISTERED, Status.ACCEPTED, Status.UNDER_REVIEW)

    number = models.CharField(_("编号"), max_length=40, unique=True)
    year = models.PositiveIntegerField(_("年度"))
    seq = models.PositiveIntegerField(_("序号"))
    received_on = models.DateField(_("收到日期"))
    channel = models.CharField(_("信访形式"), max_length=20, choices=Channel.choices)
    source = models.CharField(
        _("来源"), max_length=20, choices=Source.choices, default=Source.DIRECT
    )
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )

    petitioner_name = models.CharField(_("信访人"), max_length=100)
    id_number = EncryptedCharField(_("身份证号码"), blank=True)
    id_number_hash = BlindIndexField(source="id_number")
    id_legacy = models.BooleanField(_("15位旧身份证号"), default=False)
    phone = EncryptedCharField(_("联系电话"), blank=True)
    phone_hash = BlindIndexField(source="phone")
    # Personal data: used only to tell the applicant of a step, never shown publicly.
    email = models.EmailField(_("电子邮箱"), blank=True)
    notify_opt_out = models.BooleanField(_("不接收办理进度通知"), default=False)
    address = EncryptedCharField(_("住址"), blank=True)
    village = models.ForeignKey(
        Village,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    persons_count = models.PositiveIntegerField(_("人数"), default=1)
    representatives = models.JSONField(_("代表"), default=list, blank=True)
    summary = models.TextField(_("反映事项"), max_length=SUMMARY_MAX)

    hotline_ticket_no = models.CharField(_("12345工单号"), max_length=40, blank=True, db_index=True)
    xinfang_system_no = models.CharField(_("信访信息系统编号"), max_length=40, blank=True)
    is_repeat = models.BooleanField(_("重复信访"), default=False)
    is_skip_level = models.BooleanField(_("越级信访"), default=False)
    earlier = models.ForeignKey(
        "self",
        verbose_name=_("前次信访件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reception_day = models.ForeignKey(
        ReceptionDay,
        verbose_name=_("接访日"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    leader_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("包案领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tracking_code = models.CharField(_("查询码"), max_length=20, null=True, blank=True, unique=True)

    # Deadlines: each stored when its clock starts, changed only by a timeline event.
    acceptance_due = models.DateField(_("受理告知期限"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    handling_due = models.DateField(_("办理期限"), null=True, blank=True)
    extended_on = models.DateField(_("延期日期"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("延期天数"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True, max_length=NOTE_MAX)
    # Art 34: the extension is approved by the agency's head (a `leader` user) on a recorded day.
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延期批准人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    not_accepted_on = models.DateField(_("不予受理日期"), null=True, blank=True)
    not_accept_reason = models.TextField(_("不予受理理由"), blank=True, max_length=NOTE_MAX)
    guided_to = models.CharField(_("引导途径"), max_length=20, choices=GuidedTo.choices, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=20, choices=Outcome.choices, blank=True)
    opinion = models.TextField(_("处理意见"), blank=True, max_length=SUMMARY_MAX)
    # Art 35/36: periods that bind the petitioner, rolled off holidays (DOMAIN §0).
    review_request_due = models.DateField(_("复查申请期限"), null=True, blank=True)
    review_requested_on = models.DateField(_("复查申请日期"), null=True, blank=True)
    review_due = models.DateField(_("复查期限"), null=True, blank=True)
    review_decided_on = models.DateField(_("复查决定日期"), null=True, blank=True)
    review_result = models.CharField(
        _("复查结果"), max_length=20, choices=ReviewResult.choices, blank=True
    )
    reexamination_request_due = models.DateField(_("复核申请期限"), null=True, blank=True)
    satisfied = models.BooleanField(_("是否满意"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="petition_year_seq_uniq"),
            models.CheckConstraint(
                condition=models.Q(persons_count__gte=1), name="petition_persons_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "acceptance_due"]),
            models.Index(fields=["status", "handling_due"]),
            models.Index(fields=["status", "review_due"]),
            models.Index(fields=["received_on"]),
            # The register's overdue filter and the reminders read only open rows: a small
            # partial index that also carries the columns they test (index-only scans).
            models.Index(
                fields=["-received_on", "-id"],
                name="petition_open_received_idx",
                condition=models.Q(status__in=["registered", "accepted", "under_review"]),
                include=[
                    "status",
                    "acceptance_due",
                    "handling_due",
                    "review_due",
                    "category",
                    "registered_by",
                ],
            ),
            models.Index(fields=["category", "registered_by"], name="petition_category_clerk_idx"),
        ]
        verbose_name = _("信访件")
        verbose_name_plural = _("信访件")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("petitions:petition-detail", args=[self.pk])

    @property
    def current_due(self):
        """The due date of the step now awaited, or None."""
        return {
            self.Status.REGISTERED: self.acceptance_due,
            self.Status.ACCEPTED: self.handling_due,
            self.Status.UNDER_REVIEW: self.review_due,
        }.get(self.status)

    def is_overdue(self, today) -> bool:
        due = self.current_due
        return due is not None and today > due


class DeputySuggestion(TimeStampedModel):
    """A people's deputy's suggestion assigned to the township (代表法 Art 51)."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("已交办")
        REPLIED = "replied", _("已答复")
        VOIDED = "voided", _("已作废")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    TRANSITIONS = {
        Status.ASSIGNED: {Status.REPLIED, Status.VOIDED},
        Status.REPLIED: {Status.VOIDED},
        Status.VOIDED: set(),
    }

    deputy_name = models.CharField(_("代表姓名"), max_length=50)
    assigned_on = models.DateField(_("交办日期"))
    complex = models.BooleanField(_("涉及面广、难度大"), default=False)
    summary = models.TextField(_("建议内容"), max_length=SUMMARY_MAX)
    reply_due = models.DateField(_("答复期限"))
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True, max_length=SUMMARY_MAX)
    satisfaction = models.CharField(
        _("代表满意度"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    published = models.BooleanField(_("办理情况已公开"), default=False)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assigned_on", "-pk"]
        verbose_name = _("人大代表建议")
        verbose_name_plural = _("人大代表建议")

    def __str__(self) -> str:
        return f"{self.deputy_name} {self.assigned_on}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:suggestion-detail", args=[self.pk])

    @property
    def awaiting_feedback(self) -> bool:
        """Replied: the deputy's feedback and the publication are recorded next."""
        return self.status == self.Status.REPLIED
