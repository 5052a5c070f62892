"""依法决策: matters (重大行政决策, 规范性文件, 重大执法决定 …) and the records the procedure
leaves behind (决策条例 Art 33: every record is archived): comment windows and comments, hearings,
expert opinions, risk assessments, legality reviews, meetings with each member's view, sign-off,
normative-document registration and the post-decision evaluation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX
from huanghe_portal.models import TimeStampedModel
from huanghe_portal.versioning import Versioned


class Kind(models.TextChoices):
    MAJOR_DECISION = "major_decision", _("重大行政决策")
    NORMATIVE_DOCUMENT = "normative_document", _("行政规范性文件")
    ENFORCEMENT_DECISION = "enforcement_decision", _("重大行政执法决定")
    CONTRACT = "contract", _("重要合同")
    OTHER = "other", _("其他重要事项")


# 应审必审 (决策条例 Art 25–27; 国办发〔2018〕115号; 行政处罚法 Art 58): fixed by law, not configuration.
REVIEW_REQUIRED_KINDS = frozenset(
    {Kind.MAJOR_DECISION, Kind.NORMATIVE_DOCUMENT, Kind.ENFORCEMENT_DECISION}
)


class Step(models.TextChoices):
    PUBLIC_COMMENT = "public_comment", _("公众参与（征求意见）")
    HEARING = "hearing", _("听证会")
    EXPERT_REVIEW = "expert_review", _("专家论证")
    RISK_ASSESSMENT = "risk_assessment", _("风险评估")
    LEGALITY_REVIEW = "legality_review", _("合法性审核")


# The defaults of issue 6; the office changes them through ProcedureRequirement rows.
DEFAULT_REQUIRED_STEPS: dict[str, set[Step]] = {
    Kind.MAJOR_DECISION: {
        Step.PUBLIC_COMMENT,
        Step.EXPERT_REVIEW,
        Step.RISK_ASSESSMENT,
        Step.LEGALITY_REVIEW,
    },
    Kind.NORMATIVE_DOCUMENT: {Step.PUBLIC_COMMENT, Step.LEGALITY_REVIEW},
    Kind.ENFORCEMENT_DECISION: {Step.LEGALITY_REVIEW},
    Kind.CONTRACT: set(),
    Kind.OTHER: set(),
}


class ProcedureRequirement(models.Model):
    """Whether a step is required before discussion for a kind (configuration of the office)."""

    kind = models.CharField(_("事项类型"), max_length=30, choices=Kind.choices)
    step = models.CharField(_("程序环节"), max_length=30, choices=Step.choices)
    required = models.BooleanField(_("必经"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "step"], name="decisions_one_requirement_per_kind_step"
            )
        ]
        verbose_name = _("决策程序配置")
        verbose_name_plural = _("决策程序配置")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_step_display()}"


class LegalAdviser(Versioned, TimeStampedModel):
    """A lawyer engaged as the government's legal adviser (法律顾问), with the portal account."""

    name = models.CharField(_("姓名"), max_length=50)
    firm = models.CharField(_("所在律师事务所"), max_length=100)
    term_start = models.DateField(_("聘期开始"))
    term_end = models.DateField(_("聘期结束"))
    contract_number = models.CharField(_("聘用合同编号"), max_length=60, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adviser_terms",
    )
    voided = models.BooleanField(_("已作废"), default=False)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-term_start", "pk"]
        verbose_name = _("法律顾问")
        verbose_name_plural = _("法律顾问")

    def __str__(self) -> str:
        return f"{self.name}（{self.firm}）"


class DecisionCatalogItem(Versioned, TimeStampedModel):
    """An entry of the year's 重大行政决策事项目录 (决策条例 Art 3 ¶3)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("事项名称"), max_length=200)
    approved_by_party_committee_on = models.DateField(_("党委同意日期"), null=True, blank=True)
    published_on = models.DateField(_("目录公布日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("决策事项目录")
        verbose_name_plural = _("决策事项目录")

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class Matter(Versioned, TimeStampedModel):
    """A matter to be decided, walked through the procedure its kind requires."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草案拟订")
        UNDER_REVIEW = "under_review", _("合法性审核中")
        REVIEWED = "reviewed", _("已审核")
        DISCUSSED = "discussed", _("已集体讨论")
        SIGNED_OFF = "signed_off", _("已签发")
        PUBLISHED = "published", _("已公布")
        VOIDED = "voided", _("已作废")

    TRANSITIONS = {
        Status.DRAFT: {Status.UNDER_REVIEW, Status.DISCUSSED, Status.VOIDED},
        Status.UNDER_REVIEW: {Status.REVIEWED, Status.VOIDED},
        # A draft reviewed as unlawful is revised and submitted again.
        Status.REVIEWED: {Status.UNDER_REVIEW, Status.DISCUSSED, Status.VOIDED},
        # 暂缓 / 修改后再议: discussed again (after a new review where the draft changed).
        Status.DISCUSSED: {Status.DISCUSSED, Status.UNDER_REVIEW, Status.SIGNED_OFF, Status.VOIDED},
        Status.SIGNED_OFF: {Status.PUBLISHED, Status.VOIDED},
        Status.PUBLISHED: set(),
        Status.VOIDED: set(),
    }
    OPEN_STATUSES = (Status.DRAFT, Status.UNDER_REVIEW, Status.REVIEWED)
    # The 启动日期 is corrected only before any step (services.opened_on_blockers).
    OPENING_DATE_STATUSES = (Status.DRAFT,)
    # Signed decisions: a normative document is registered, the decision evaluated.
    DECIDED_STATUSES = (Status.SIGNED_OFF, Status.PUBLISHED)

    class Art58Trigger(models.TextChoices):
        PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
        HEARING = "hearing", _("直接关系重大权益，经过听证程序")
        COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
        OTHER_LAW = "other_law", _("法律、法规规定的其他情形")

    kind = models.CharField(_("事项类型"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("事项名称"), max_length=200)
    summary = models.TextField(_("草案摘要"), max_length=SUMMARY_MAX)
    sponsor_unit = models.CharField(_("承办单位"), max_length=100)
    opened_on = models.DateField(_("启动日期"), default=timezone.localdate)
    catalogue_item = models.ForeignKey(
        DecisionCatalogItem,
        verbose_name=_("决策事项目录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters",
    )
    exploratory_reform = models.BooleanField(_("探索性改革事项"), default=False)
    legal_risk_statement = models.TextField(_("法律风险说明"), blank=True, max_length=SUMMARY_MAX)
    art58_trigger = models.CharField(
        _("法制审核情形（行政处罚法第五十八条）"),
        max_length=20,
        choices=Art58Trigger.choices,
        blank=True,
    )
    case_number = models.CharField(_("执法案件编号"), max_length=60, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The reviewer of the latest review, kept here so lists filter without a join.
    current_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_result = models.CharField(_("最近审核结论"), max_length=30, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_on = models.DateField(_("签发日期"), null=True, blank=True)
    sign_off_note = models.TextField(_("签发意见"), blank=True, max_length=NOTE_MAX)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        indexes = [
            models.Index(fields=["-opened_on", "-id"], name="decisions_matter_order"),
            models.Index(fields=["kind", "status"], name="decisions_matter_kind"),
        ]
        verbose_name = _("决策事项")
        verbose_name_plural = _("决策事项")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:matter-detail", args=[self.pk])

    @property
    def in_procedure(self) -> bool:
        """Before the legality review is concluded (the procedure steps are still recorded)."""
        return self.status in self.OPEN_STATUSES

    @property
    def status_badge(self) -> str:
        """The colour of the status badge: decided, voided or still under way."""
        if self.status == self.Status.VOIDED:
            return "secondary"
        return "success" if self.status in self.DECIDED_STATUSES else "info"

    @property
    def review_required(self) -> bool:
        return self.kind in REVIEW_REQUIRED_KINDS


class CommentWindow(TimeStampedModel):
    """The draft published for public comment (决策条例 Art 14–15, 18)."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="comment_windows")
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    where_published = models.CharField(_("发布渠道"), max_length=200, blank=True)
    shortening_reason = models.TextField(_("期限少于30日的理由"), blank=True, max_length=NOTE_MAX)
    adoption_summary = models.TextField(_("意见采纳情况"), blank=True, max_length=SUMMARY_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["opens_on", "pk"]
        verbose_name = _("公开征求意见")
        verbose_name_plural = _("公开征求意见")

    def __str__(self) -> str:
        return f"{self.matter} {self.opens_on}—{self.closes_on}"

    @property
    def days(self) -> int:
        """Both ends counted."""
        return (self.closes_on - self.opens_on).days + 1

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def days_left(self, today=None) -> int:
        """Calendar days still open, today and the closing day both counted (as `days`); 0 once
        closed."""
        today = today or timezone.localdate()
        if today > self.closes_on:
            return 0
        return (self.closes_on - max(today, self.opens_on)).days + 1


class PublicComment(models.Model):
    """One comment on a draft, from the public site or typed in by staff."""

    window = models.ForeignKey(CommentWindow, on_delete=models.PROTECT, related_name="comments")
    submitted_on = models.DateField(_("提交日期"), default=timezone.localdate)
    commenter_name = models.CharField(_("称呼"), max_length=50, blank=True)
    content = models.TextField(_("意见内容"), max_length=SUMMARY_MAX)
    adopted = models.BooleanField(_("是否采纳"), null=True, blank=True)
    response = models.TextField(_("采纳说明"), blank=True, max_length=SUMMARY_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_on", "pk"]
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")

    def __str__(self) -> str:
        return self.content[:30]


class Hearing(TimeStampedModel):
    """听证会 (决策条例 Art 16–17): materials sent at least 7 days before; record signed."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="hearings")
    held_on = models.DateField(_("听证日期"))
    materials_sent_on = models.DateField(_("材料送达日期"))
    participants = models.JSONField(_("听证参加人"), default=list)
    record = models.TextField(_("听证笔录"), max_length=BODY_MAX)
    record_signed = models.BooleanField(_("笔录经参加人确认签字"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("听证会")
        verbose_name_plural = _("听证会")

    def __str__(self) -> str:
        return f"{self.matter} {self.held_on}"


class ExpertReview(TimeStampedModel):
    """专家论证 (决策条例 Art 19–21)."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="expert_reviews")
    held_on = models.DateField(_("论证日期"))
    experts = models.JSONField(_("专家"), default=list)
    opinion = models.TextField(_("论证意见"), max_length=SUMMARY_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("专家论证")
        verbose_name_plural = _("专家论证")

    def __str__(self) -> str:
        return f"{self.matter} {self.held_on}"


class RiskAssessment(TimeStampedModel):
    """风险评估 (决策条例 Art 22–24): risk points, measures, plan."""

    class Level(models.TextChoices):
        LOW = "low", _("低风险")
        MEDIUM = "medium", _("中风险")
        HIGH = "high", _("高风险")

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="risk_assessments")
    assessed_on = models.DateField(_("评估日期"))
    level = models.CharField(_("风险等级"), max_length=10, choices=Level.choices)
    points = models.TextField(_("风险点"), max_length=SUMMARY_MAX)
    measures = models.TextField(_("防范措施"), max_length=SUMMARY_MAX)
    plan = models.TextField(_("处置预案"), blank=True, max_length=SUMMARY_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessed_on", "pk"]
        verbose_name = _("风险评估")
        verbose_name_plural = _("风险评估")

    def __str__(self) -> str:
        return f"{self.matter} {self.assessed_on}"


class LegalityReview(TimeStampedModel):
    """合法性审核 (决策条例 Art 25–28): assigned to a legal reviewer or the legal adviser."""

    class Result(models.TextChoices):
        LAWFUL = "lawful", _("合法")
        LAWFUL_AFTER_CHANGES = "lawful_after_changes", _("修改后合法")
        UNLAWFUL = "unlawful", _("不合法")
        # 决策条例 Art 27: an exploratory reform with no clear national rule may go forward
        # with its legal risk stated; only for a matter marked exploratory_reform.
        RISK_STATED = "risk_stated", _("明示法律风险")

    PASSING = (Result.LAWFUL, Result.LAWFUL_AFTER_CHANGES)
    MIN_WORKDAYS = 7  # 决策条例 Art 26: "一般不少于7个工作日"

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        related_name="decision_reviews",
    )
    adviser = models.ForeignKey(
        LegalAdviser,
        verbose_name=_("法律顾问"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    submitted_on = models.DateField(_("送审日期"))
    concluded_on = models.DateField(_("审核完成日期"), null=True, blank=True)
    result = models.CharField(_("审核结论"), max_length=30, choices=Result.choices, blank=True)
    opinion = models.TextField(_("审核意见"), blank=True, max_length=SUMMARY_MAX)
    changes = models.TextField(_("据审核意见所作修改"), blank=True, max_length=SUMMARY_MAX)
    reviewer_qualification = models.CharField(
        _("审核人法律职业资格证号"), max_length=60, blank=True
    )
    workdays_taken = models.PositiveSmallIntegerField(
        _("审核用时（工作日）"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_on", "pk"]
        indexes = [models.Index(fields=["concluded_on"], name="decisions_review_concluded")]
        verbose_name = _("合法性审核")
        verbose_name_plural = _("合法性审核")

    def __str__(self) -> str:
        return f"{self.matter} {self.submitted_on}"

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None

    @property
    def qualification_missing(self) -> bool:
        """行政处罚法 Art 58: the reviewer of a major enforcement decision holds the 法律职业资格."""
        return (
            self.is_concluded
            and self.matter.kind == Kind.ENFORCEMENT_DECISION
            and not self.reviewer_qualification.strip()
        )

    @property
    def short_warning(self) -> bool:
        """Concluded in under 7 working days: allowed ("一般"), but shown as a warning."""
        return self.workdays_taken is not None and self.workdays_taken < self.MIN_WORKDAYS


class Meeting(TimeStampedModel):
    """集体讨论决定 (决策条例 Art 29–30): the principal speaks last; dissent recorded faithfully."""

    class MeetingKind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("党委会议")
        GOVERNMENT_MEETING = "government_meeting", _("镇政府常务会议（镇长办公会议）")
        JOINT_MEETING = "joint_meeting", _("党政联席会议")

    class Result(models.TextChoices):
        ADOPTED = "adopted", _("通过")
        REJECTED = "rejected", _("不通过")
        DEFERRED = "deferred", _("暂缓")
        REVISE = "revise", _("修改后再议")

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="meetings")
    meeting_kind = models.CharField(_("会议类型"), max_length=30, choices=MeetingKind.choices)
    held_on = models.DateField(_("会议日期"))
    absentees = models.JSONField(_("缺席人员"), default=list, blank=True)
    agenda = models.TextField(_("议题"), blank=True, max_length=SUMMARY_MAX)
    result = models.CharField(_("会议结果"), max_length=20, choices=Result.choices)
    principal_reason = models.TextField(
        _("主要负责人决定与多数意见不一致的理由"), blank=True, max_length=SUMMARY_MAX
    )
    # The legal risk statement put before the meeting when the review concluded risk_stated
    # (决策条例 Art 27); printed in the minutes.
    legal_risk_statement = models.TextField(
        _("提交会议的法律风险说明"), blank=True, max_length=SUMMARY_MAX
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["held_on"], name="decisions_meeting_held")]
        verbose_name = _("集体讨论")
        verbose_name_plural = _("集体讨论")

    def __str__(self) -> str:
        return f"{self.get_meeting_kind_display()} {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:meeting-detail", args=[self.pk])


class MeetingView(models.Model):
    """One attendee's view, in speaking order; the principal (主要负责人) is the last."""

    class Stance(models.TextChoices):
        AGREE = "agree", _("同意")
        DISAGREE = "disagree", _("不同意")
        ABSTAIN = "abstain", _("弃权")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="views")
    position = models.PositiveSmallIntegerField(_("发言顺序"))
    name = models.CharField(_("姓名"), max_length=50)
    opinion = models.TextField(_("发表意见"), max_length=SUMMARY_MAX)
    stance = models.CharField(_("表态"), max_length=10, choices=Stance.choices)
    is_principal = models.BooleanField(_("主要负责人"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="decisions_one_view_per_position"
            )
        ]
        verbose_name = _("参会人员意见")
        verbose_name_plural = _("参会人员意见")

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class NormativeDocument(TimeStampedModel):
    """统一登记、统一编号、统一印发 of a normative document; feeds the disclosure report's
    第二十条第（一）项 table (制发 / 废止 / 现行有效)."""

    matter = models.OneToOneField(Matter, on_delete=models.PROTECT, related_name="document")
    document_number = models.CharField(_("文号"), max_length=60)
    registration_number = models.CharField(_("登记编号"), max_length=60, blank=True)
    issued_on = models.DateField(_("印发日期"))
    effective_on = models.DateField(_("施行日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    repeal_reason = models.CharField(_("废止理由"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("规范性文件登记")
        verbose_name_plural = _("规范性文件登记")

    def __str__(self) -> str:
        return self.document_number


class Evaluation(TimeStampedModel):
    """决策后评估 (决策条例 Art 35)."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(_("评估日期"))
    evaluator = models.CharField(_("评估单位"), max_length=100)
    findings = models.TextField(_("评估结论"), max_length=SUMMARY_MAX)
    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluated_on", "pk"]
        verbose_name = _("决策后评估")
        verbose_name_plural = _("决策后评估")

    def __str__(self) -> str:
        return f"{self.matter} {self.evaluated_on}"
