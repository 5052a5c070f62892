"""People's mediation (人民调解, 调解法): committees, dispute cases and their parties, sessions,
agreements, follow-up visits, judicial confirmation and screening rounds (DOMAIN §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX
from huanghe_portal.models import TimeStampedModel, Village
from huanghe_portal.personal_data import BlindIndexField, EncryptedCharField
from huanghe_portal.versioning import Versioned

# DOMAIN §5.3: exactly these 15 codes are the statistics dimension.
CATEGORY_CHOICES = [
    ("01", _("婚姻家庭纠纷")),
    ("02", _("邻里纠纷")),
    ("03", _("房屋宅基地纠纷")),
    ("04", _("合同纠纷")),
    ("05", _("生产经营纠纷")),
    ("06", _("损害赔偿纠纷")),
    ("07", _("山林土地纠纷")),
    ("08", _("征地拆迁纠纷")),
    ("09", _("环境污染纠纷")),
    ("10", _("劳动争议纠纷")),
    ("11", _("消费纠纷")),
    ("12", _("医疗纠纷")),
    ("13", _("道路交通事故纠纷")),
    ("14", _("物业纠纷")),
    ("15", _("其他纠纷")),
]


class AgreementSubject(models.TextChoices):
    """What the agreement settles, chosen on the agreement: courts refuse to confirm 身份关系
    and 确权 matters (民诉法解释 Art 355; 最高法 2011 规定), whatever the dispute's category —
    the property and support terms of a family dispute can be confirmed."""

    RIGHTS = "rights", _("财产给付、赡养扶养等权利义务")
    PERSONAL_STATUS = "personal_status", _("身份关系（婚姻、亲子、收养）")
    OWNERSHIP = "ownership", _("确权（物权、知识产权归属）")


NOT_CONFIRMABLE_WARNINGS: dict[str, StrOrPromise] = {
    AgreementSubject.PERSONAL_STATUS: _(
        "协议涉及婚姻、亲子、收养等身份关系，人民法院不予受理司法确认申请。"
    ),
    AgreementSubject.OWNERSHIP: _("协议涉及物权、知识产权确权，人民法院不予受理司法确认申请。"),
}


class Source(models.TextChoices):
    APPLICATION = "application", _("当事人申请")
    SCREENING = "screening", _("排查发现")
    VILLAGE_REFERRAL = "village_referral", _("村（居）委会移送")
    POLICE_REFERRAL = "police_referral", _("派出所移送")
    COURT_REFERRAL = "court_referral", _("法院委托")
    PETITION_REFERRAL = "petition_referral", _("信访转办")
    OTHER = "other", _("其他")


class GuidedTo(models.TextChoices):
    LITIGATION = "litigation", _("诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    ADMINISTRATIVE = "administrative", _("行政途径")
    LEGAL_AID = "legal_aid", _("法律援助")
    OTHER_DEPARTMENT = "other_department", _("其他部门")
    OTHER = "other", _("其他")


class Committee(Versioned, TimeStampedModel):
    """A 人民调解委员会 of the township or of a village (调解法 Art 8–9, 34)."""

    class Level(models.TextChoices):
        TOWNSHIP = "township", _("镇调委会")
        VILLAGE = "village", _("村（社区）调委会")

    name = models.CharField(_("名称"), max_length=80, unique=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    village = models.ForeignKey(
        Village,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_committees",
    )
    term_start = models.DateField(_("本届任期开始"), null=True, blank=True)
    term_end = models.DateField(_("本届任期结束"), null=True, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("人民调解委员会")
        verbose_name_plural = _("人民调解委员会")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("disputes:committee-detail", args=[self.pk])


class CommitteeMember(TimeStampedModel):
    # What the page and the API enter for a member (the Art 8 warnings read these).
    ENTRY_FIELDS = (
        "name",
        "position",
        "gender",
        "ethnic_group",
        "is_full_time",
        "term_start",
        "term_end",
    )

    class Position(models.TextChoices):
        DIRECTOR = "director", _("主任")
        DEPUTY = "deputy", _("副主任")
        MEMBER = "member", _("委员")

    class Gender(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    committee = models.ForeignKey(
        Committee, verbose_name=_("调委会"), on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(
        _("职务"), max_length=10, choices=Position.choices, default=Position.MEMBER
    )
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices)
    ethnic_group = models.CharField(_("民族"), max_length=20, default="汉族")
    is_full_time = models.BooleanField(_("专职"), default=False)
    term_start = models.DateField(_("任期开始"), null=True, blank=True)
    term_end = models.DateField(_("任期结束"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("在任"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position", "pk"]
        verbose_name = _("调委会委员")
        verbose_name_plural = _("调委会委员")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_position_display()}）"

    @property
    def is_minority(self) -> bool:
        return bool(self.ethnic_group) and self.ethnic_group != "汉族"


class Dispute(Versioned, TimeStampedModel):
    """A dispute case (矛盾纠纷调解案件)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("登记")
        ACCEPTED = "accepted", _("受理")
        REJECTED = "rejected", _("不予受理")
        SUCCEEDED = "succeeded", _("调解成功")
        FAILED = "failed", _("调解不成")
        WITHDRAWN = "withdrawn", _("撤回")
        ARCHIVED = "archived", _("已归档")
        VOIDED = "voided", _("已作废")

    TRANSITIONS = {
        Status.REGISTERED: {Status.ACCEPTED, Status.REJECTED, Status.VOIDED},
        Status.ACCEPTED: {Status.SUCCEEDED, Status.FAILED, Status.WITHDRAWN, Status.VOIDED},
        Status.REJECTED: {Status.ARCHIVED, Status.VOIDED},
        Status.SUCCEEDED: {Status.ARCHIVED, Status.VOIDED},
        Status.FAILED: {Status.ARCHIVED, Status.VOIDED},
        Status.WITHDRAWN: {Status.ARCHIVED, Status.VOIDED},
    }
    CLOSED = (Status.SUCCEEDED, Status.FAILED, Status.WITHDRAWN)
    # Before the case is closed: its details and parties may still be corrected.
    OPEN = (Status.REGISTERED, Status.ACCEPTED)
    # An agreement reached: follow-up visits and the 司法确认, also once archived.
    AGREED = (Status.SUCCEEDED, Status.ARCHIVED)

    class AgreementForm(models.TextChoices):
        WRITTEN = "written", _("书面协议")
        ORAL = "oral", _("口头协议")

    number = models.CharField(_("案号"), max_length=40, unique=True)
    year = models.PositiveIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("序号"), editable=False)
    received_on = models.DateField(_("登记日期"))
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    category = models.CharField(_("纠纷类别"), max_length=2, choices=CATEGORY_CHOICES)
    village = models.ForeignKey(
        Village,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("调委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    summary = models.TextField(_("纠纷简要情况"), max_length=SUMMARY_MAX)
    amount_involved = models.DecimalField(
        _("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_public = models.BooleanField(
        _("公开调解"),
        default=False,
        help_text=_("当事人要求不公开的，不得公开（调解法第二十三条）。"),
    )
    # Names of all parties, kept by the services, for one-table search.
    party_names = models.CharField(_("当事人"), max_length=500, blank=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The closing outcome, kept when the case is archived (figures count outcomes, not states).
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Status.choices, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    mediators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调解员"),
        blank=True,
        related_name="mediated_disputes",
    )
    mediator_names = models.CharField(_("调解员"), max_length=200, blank=True, editable=False)
    mediation_due = models.DateField(_("调解期限"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    close_reason = models.TextField(_("理由"), blank=True, max_length=NOTE_MAX)
    guided_to = models.CharField(_("引导途径"), max_length=20, choices=GuidedTo.choices, blank=True)
    agreement_form = models.CharField(
        _("协议形式"), max_length=10, choices=AgreementForm.choices, blank=True
    )
    agreement_subject = models.CharField(
        _("协议事项"), max_length=20, choices=AgreementSubject.choices, blank=True
    )
    confirmation_due = models.DateField(_("司法确认申请期限"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    void_reason = models.TextField(_("作废原因"), blank=True, max_length=NOTE_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="dispute_year_sequence"),
            models.CheckConstraint(
                condition=models.Q(amount_involved__gte=0) | models.Q(amount_involved__isnull=True),
                name="dispute_amount_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_on", "sequence"]),
            models.Index(fields=["received_on", "sequence"]),
            models.Index(fields=["closed_on", "outcome"]),
            models.Index(fields=["category", "received_on", "sequence"]),
            models.Index(fields=["village", "received_on", "sequence"]),
            # The overdue filter and the dashboard: open cases by their mediation deadline.
            models.Index(
                fields=["mediation_due"],
                condition=models.Q(status="accepted"),
                name="dispute_open_due_idx",
            ),
            # Counting the list (voided cases left out) reads this small index only.
            models.Index(
                fields=["id"], condition=~models.Q(status="voided"), name="dispute_counted_idx"
            ),
        ]
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("disputes:dispute-detail", args=[self.pk])

    @property
    def in_mediation(self) -> bool:
        """Accepted and not yet closed: the one-month mediation clock runs."""
        return self.status == self.Status.ACCEPTED

    @property
    def overdue(self) -> bool:
        """Accepted more than one month ago and not closed (司法部令第75号 Art 33)."""
        return (
            self.in_mediation
            and self.mediation_due is not None
            and timezone.localdate() > self.mediation_due
        )

    @property
    def confirmable(self) -> bool:
        return self.agreement_subject not in NOT_CONFIRMABLE_WARNINGS

    @property
    def confirmation_warning(self) -> str:
        """Why a court will not confirm this agreement ("" when it may)."""
        return str(NOT_CONFIRMABLE_WARNINGS.get(self.agreement_subject, ""))

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class Party(Versioned, TimeStampedModel):
    class Role(models.TextChoices):
        APPLICANT = "applicant", _("申请人")
        RESPONDENT = "respondent", _("被申请人")

    class Kind(models.TextChoices):
        PERSON = "person", _("自然人")
        ORGANISATION = "organisation", _("单位")

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("纠纷"), on_delete=models.PROTECT, related_name="parties"
    )
    role = models.CharField(_("当事人类型"), max_length=12, choices=Role.choices)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("姓名（名称）"), max_length=100)
    id_number = EncryptedCharField(_("身份证号码"), blank=True)
    id_number_index = BlindIndexField(source="id_number")
    id_legacy = models.BooleanField(_("旧号码（15位）"), default=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    phone = EncryptedCharField(_("联系电话"), blank=True)
    phone_index = BlindIndexField(source="phone")
    address = models.CharField(_("住址"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dispute", "role", "pk"]
        indexes = [models.Index(fields=["name"])]
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class Session(TimeStampedModel):
    """One mediation session and its record (调解法 Art 27)."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("纠纷"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("调解地点"), max_length=200)
    attendees = models.CharField(_("参加人员"), max_length=300, blank=True)
    record = models.TextField(_("调解记录"), max_length=BODY_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["dispute", "held_on", "pk"]
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class Agreement(TimeStampedModel):
    """The agreement reached (调解法 Art 28–29): written 调解协议书 or an oral agreement."""

    dispute = models.OneToOneField(
        Dispute, verbose_name=_("纠纷"), on_delete=models.PROTECT, related_name="agreement"
    )
    form = models.CharField(_("协议形式"), max_length=10, choices=Dispute.AgreementForm.choices)
    facts = models.TextField(_("纠纷主要事实、争议事项"), blank=True, max_length=SUMMARY_MAX)
    responsibilities = models.TextField(_("各方当事人的责任"), blank=True, max_length=SUMMARY_MAX)
    terms = models.TextField(_("协议内容"), max_length=SUMMARY_MAX)
    performance_method = models.CharField(_("履行方式"), max_length=300, blank=True)
    performance_due = models.DateField(_("履行期限"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("协议书份数"), default=3)
    concluded_on = models.DateField(_("达成日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")

    def __str__(self) -> str:
        return f"{self.dispute} {self.get_form_display()}"


class FollowUp(TimeStampedModel):
    """A return visit on the performance of an agreement (回访, 调解法 Art 31)."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("纠纷"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    visited_on = models.DateField(_("回访日期"))
    performed = models.BooleanField(_("已履行"))
    satisfied = models.BooleanField(_("当事人满意"))
    note = models.TextField(_("回访情况"), blank=True, max_length=NOTE_MAX)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回访人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["dispute", "visited_on", "pk"]
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")

    def __str__(self) -> str:
        return f"{self.dispute} {self.visited_on}"


class JudicialConfirmation(TimeStampedModel):
    """An application to the court to confirm the agreement (民事诉讼法 Art 205–206)."""

    class Result(models.TextChoices):
        PENDING = "pending", _("审查中")
        CONFIRMED = "confirmed", _("裁定有效")
        REJECTED = "rejected", _("驳回申请")

    dispute = models.OneToOneField(
        Dispute,
        verbose_name=_("纠纷"),
        on_delete=models.PROTECT,
        related_name="judicial_confirmation",
    )
    applied_on = models.DateField(_("申请日期"))
    court = models.CharField(_("受理法院"), max_length=100)
    result = models.CharField(
        _("结果"), max_length=10, choices=Result.choices, default=Result.PENDING
    )
    decided_on = models.DateField(_("裁定日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("司法确认")
        verbose_name_plural = _("司法确认")

    def __str__(self) -> str:
        return f"{self.dispute} {self.court}"


class ScreeningRound(TimeStampedModel):
    """A proactive screening round (矛盾纠纷排查)."""

    held_on = models.DateField(_("排查日期"))
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("调委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screening_rounds",
    )
    villages = models.ManyToManyField(Village, verbose_name=_("排查范围"), related_name="+")
    disputes_found = models.PositiveIntegerField(_("排查发现纠纷数"), default=0)
    disputes_prevented = models.PositiveIntegerField(_("预防纠纷数"), default=0)
    note = models.TextField(_("排查情况"), blank=True, max_length=NOTE_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided = models.BooleanField(_("已作废"), default=False)
    void_reason = models.TextField(_("作废原因"), blank=True, max_length=NOTE_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("矛盾纠纷排查")
        verbose_name_plural = _("矛盾纠纷排查")

    def __str__(self) -> str:
        return f"{self.held_on} {_('矛盾纠纷排查')}"

    def get_absolute_url(self) -> str:
        return reverse("disputes:screening-list") + f"#round-{self.pk}"
