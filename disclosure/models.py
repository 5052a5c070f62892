"""政府信息公开: the catalogue (主动公开) and applications (依申请公开), 条例 2019."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX
from huanghe_portal.models import TimeStampedModel
from huanghe_portal.navigation import pk_url
from huanghe_portal.personal_data import BlindIndexField, EncryptedCharField
from huanghe_portal.versioning import Versioned


class Category(Versioned):
    """A node of the catalogue's 主题分类 tree (条例 Art 20 and Art 21), editable by the office."""

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=80)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    basis = models.CharField(_("条例条款依据"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("在用"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("公开目录分类")
        verbose_name_plural = _("公开目录分类")

    def __str__(self) -> str:
        return self.name


class Item(Versioned, TimeStampedModel):
    """A 主动公开 record; public only once published (selectors.items_published)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        REVIEWED = "reviewed", _("已审查")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        INVALID = "invalid", _("失效")

    TRANSITIONS = {
        Status.DRAFT: {Status.REVIEWED},
        Status.REVIEWED: {Status.PUBLISHED, Status.DRAFT},
        Status.PUBLISHED: {Status.WITHDRAWN},
        Status.WITHDRAWN: set(),
    }
    EDITABLE = (Status.DRAFT, Status.REVIEWED)

    title = models.CharField(_("名称"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("主题分类"), on_delete=models.PROTECT, related_name="items"
    )
    index_number = models.CharField(
        _("索引号"), max_length=60, unique=True, null=True, blank=True, editable=False
    )
    publisher = models.CharField(_("发布机构"), max_length=80, blank=True)
    generated_on = models.DateField(_("生成日期"))
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    summary = models.TextField(_("内容概述"), blank=True, max_length=SUMMARY_MAX)
    body = models.TextField(_("正文"), blank=True, max_length=BODY_MAX)
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    # 条例 Art 26: published within 20 working days of the information being formed or changed.
    publication_due = models.DateField(_("公开期限"), null=True, blank=True, db_index=True)
    publish_on = models.DateField(
        _("定时发布日期"),
        null=True,
        blank=True,
        help_text=_("审查通过后到该日自动发布；留空则手动发布。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    secrecy_checked = models.BooleanField(_("保密审查"), default=False)
    privacy_checked = models.BooleanField(_("个人信息审查"), default=False)
    # The personal-data detector's result at the review: findings (masked) and the officer's
    # reason for publishing what it found (personal_data.PublicationCheck.record()).
    privacy_review = models.JSONField(_("个人信息检查结果"), default=dict, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    search_text = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector", "search_text"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        # The GIN indexes (jieba tsvector, pg_trgm) are created by migration 0002 on PostgreSQL.
        indexes = [
            models.Index(
                fields=["status", "category", "-published_at"], name="disclosure_item_catalogue"
            ),
            models.Index(
                fields=["status", "-published_at", "-id"], name="disclosure_item_public_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosure:item-detail", args=[self.pk])

    @property
    def publication_overdue(self) -> bool:
        """Not yet published and past its Art 26 due date (a withdrawn item is no longer due)."""
        return (
            self.publication_due is not None
            and self.status in (self.Status.DRAFT, self.Status.REVIEWED)
            and timezone.localdate() > self.publication_due
        )

    @property
    def published_late(self) -> bool:
        return bool(
            self.publication_due and self.published_on and self.published_on > self.publication_due
        )

    def get_public_url(self) -> str:
        return pk_url("disclosure:public-item", self.pk)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Application(Versioned, TimeStampedModel):
    """An 依申请公开 application and its statutory clock (条例 Art 29–33; DOMAIN §2.4)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到")
        CORRECTION_REQUESTED = "correction_requested", _("待补正")
        IN_PROGRESS = "in_progress", _("办理中")
        CONSULTING = "consulting", _("征求意见中")
        REPLIED = "replied", _("已答复")
        ABANDONED = "abandoned", _("视为放弃")
        VOIDED = "voided", _("已作废")

    TRANSITIONS = {
        Status.RECEIVED: {
            Status.CORRECTION_REQUESTED,
            Status.CONSULTING,
            Status.REPLIED,
            Status.VOIDED,
        },
        Status.CORRECTION_REQUESTED: {Status.IN_PROGRESS, Status.ABANDONED, Status.VOIDED},
        Status.IN_PROGRESS: {Status.CONSULTING, Status.REPLIED, Status.VOIDED},
        Status.CONSULTING: {Status.IN_PROGRESS, Status.REPLIED, Status.VOIDED},
        Status.REPLIED: {Status.VOIDED},
        # 视为放弃 is undone by the officer within the report year (the applicant had a reason).
        Status.ABANDONED: {Status.CORRECTION_REQUESTED, Status.VOIDED},
        Status.VOIDED: set(),
    }
    OPEN = (Status.RECEIVED, Status.CORRECTION_REQUESTED, Status.IN_PROGRESS, Status.CONSULTING)
    # Being handled: the reply may be extended, a fee notified (services.extend_application).
    HANDLING = (Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING)
    # Concluded: a 行政复议 or 行政诉讼 may follow.
    CONCLUDED = (Status.REPLIED, Status.ABANDONED)

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        LETTER = "letter", _("信函")
        VISIT = "visit", _("当面")
        FAX = "fax", _("传真")

    class ApplicantKind(models.TextChoices):
        NATURAL_PERSON = "natural_person", _("自然人")
        COMMERCIAL_ENTERPRISE = "commercial_enterprise", _("商业企业")
        RESEARCH_INSTITUTION = "research_institution", _("科研机构")
        PUBLIC_INTEREST_ORG = "public_interest_org", _("社会公益组织")
        LEGAL_SERVICE_ORG = "legal_service_org", _("法律服务机构")
        OTHER = "other", _("其他")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("电子邮件")
        POST = "post", _("邮寄")
        PICKUP = "pickup", _("当面领取")
        ONLINE = "online", _("网上获取")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("予以公开")
        PARTIAL = "partial", _("部分公开（区分处理的，只计这一情形，不计其他情形）")
        WITHHELD_STATE_SECRET = "withheld_state_secret", _("属于国家秘密")
        WITHHELD_PROHIBITED = "withheld_prohibited", _("其他法律行政法规禁止公开")
        WITHHELD_SECURITY_STABILITY = "withheld_security_stability", _("危及“三安全一稳定”")
        WITHHELD_THIRD_PARTY = "withheld_third_party", _("保护第三方合法权益")
        WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", _("属于三类内部事务信息")
        WITHHELD_PROCESS_INFO = "withheld_process_info", _("属于四类过程性信息")
        WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", _("属于行政执法案卷")
        WITHHELD_INQUIRY = "withheld_inquiry", _("属于行政查询事项")
        UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("本机关不掌握相关政府信息")
        UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", _("没有现成信息需要另行制作")
        UNAVAILABLE_UNCLEAR = "unavailable_unclear", _("补正后申请内容仍不明确")
        NOT_PROCESSED_PETITION = "not_processed_petition", _("信访举报投诉类申请")
        NOT_PROCESSED_REPEAT = "not_processed_repeat", _("重复申请")
        NOT_PROCESSED_PUBLICATION = "not_processed_publication", _("要求提供公开出版物")
        NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", _("无正当理由大量反复申请")
        NOT_PROCESSED_CONFIRMATION = (
            "not_processed_confirmation",
            _("要求行政机关确认或重新出具已获取信息"),
        )
        OTHER_NO_CORRECTION = (
            "other_no_correction",
            _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        )
        OTHER_NO_FEE = (
            "other_no_fee",
            _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        )
        OTHER = "other", _("其他")

    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    channel = models.CharField(
        _("申请方式"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    applicant_kind = models.CharField(_("申请人类型"), max_length=30, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_number = EncryptedCharField(_("身份证号码"), blank=True)
    id_number_index = BlindIndexField(source="id_number")
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    phone = EncryptedCharField(_("联系电话"))
    phone_index = BlindIndexField(source="phone")
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    notify_opt_out = models.BooleanField(_("不接收办理进度通知"), default=False)
    description = models.TextField(_("所需信息的内容描述"), max_length=SUMMARY_MAX)
    delivery = models.CharField(_("获取方式"), max_length=10, choices=Delivery.choices)
    received_on = models.DateField(_("收到日期"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=30, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    reply_due = models.DateField(_("答复期限"), db_index=True)
    # 补正 (Art 30): one notice within 7 working days of receipt; the clock restarts on receipt.
    correction_notice_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    correction_items = models.TextField(_("需补正事项"), blank=True, max_length=SUMMARY_MAX)
    correction_deadline = models.DateField(_("补正期限"), null=True, blank=True)
    correction_received_on = models.DateField(_("补正材料收到日期"), null=True, blank=True)
    # The daily task only proposes 视为放弃; the officer decides with a reason (Art 30).
    abandon_proposed_on = models.DateField(_("提示视为放弃日期"), null=True, blank=True)
    # 延期 (Art 33 ¶2): once, with the approver and the notice to the applicant.
    extension_days = models.PositiveSmallIntegerField(_("延期工作日数"), default=0)
    extension_approved_by = models.CharField(_("延期批准人"), max_length=50, blank=True)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延期批准人（用户）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_notice_on = models.DateField(_("延期告知日期"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True)
    reply_note = models.TextField(_("答复说明"), blank=True, max_length=SUMMARY_MAX)
    # The report year: replied_on, or the day the application was deemed abandoned (Art 30).
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    fee_amount = models.DecimalField(
        _("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # 收费通知 (国办函〔2020〕109号): paid within 20 working days from the day after the notice.
    fee_notice_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_due = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(
        excluded_fields=["id_number", "id_number_index", "phone", "phone_index"]
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")

    def __str__(self) -> str:
        return _("%(date)s %(name)s 的申请") % {
            "date": self.received_on,
            "name": self.applicant_name,
        }

    def get_absolute_url(self) -> str:
        return reverse("disclosure:application-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def awaiting_correction(self) -> bool:
        """The reply clock waits for the applicant's corrections (条例 Art 30)."""
        return self.status == self.Status.CORRECTION_REQUESTED

    @property
    def just_received(self) -> bool:
        """Nothing done yet: a correction notice may still be sent."""
        return self.status == self.Status.RECEIVED

    @property
    def overdue(self) -> bool:
        """Past the reply due date; never while a correction is awaited (Art 30: the clock
        restarts from the corrected application, so it is not running)."""
        return (
            self.is_open
            and self.status != self.Status.CORRECTION_REQUESTED
            and timezone.localdate() > self.reply_due
        )

    @property
    def fee_overdue(self) -> bool:
        return bool(
            self.fee_due
            and not self.fee_paid_on
            and self.is_open
            and timezone.localdate() > self.fee_due
        )

    @property
    def clock_start(self):
        return self.correction_received_on or self.received_on


class Consultation(models.Model):
    """A written consultation of a third party or another agency (Art 32, 34): days paused."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="consultations"
    )
    party = models.CharField(_("征求意见对象"), max_length=100)
    sent_on = models.DateField(_("发送日期"))
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self) -> str:
        return f"{self.party} {self.sent_on}"


class Remedy(TimeStampedModel):
    """A 行政复议 or 行政诉讼 about an application, with its result (report section 四)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", _("行政复议")
        LITIGATION_DIRECT = "litigation_direct", _("未经复议直接起诉")
        LITIGATION_AFTER = "litigation_after_reconsideration", _("复议后起诉")

    class Result(models.TextChoices):
        UPHELD = "upheld", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")
        PENDING = "pending", _("尚未审结")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField(_("类型"), max_length=40, choices=Kind.choices)
    filed_on = models.DateField(_("立案日期"))
    body = models.CharField(_("复议机关或法院"), max_length=100, blank=True)
    result = models.CharField(
        _("结果"), max_length=20, choices=Result.choices, default=Result.PENDING
    )
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True, max_length=NOTE_MAX)
    voided = models.BooleanField(_("已作废"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = _("复议诉讼")
        verbose_name_plural = _("复议诉讼")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"
