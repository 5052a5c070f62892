"""普法 records: publicity events, consultations (one row per person-time), cadre study sessions,
legal-knowledge tests and the village 法律明白人 roster (DOMAIN §6).

None of them has a workflow beyond being recorded; a record entered by mistake is voided with a
reason, never deleted, and voided records are left out of every figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX
from huanghe_portal.models import Attachment, TimeStampedModel, Village
from huanghe_portal.personal_data import EncryptedCharField
from huanghe_portal.versioning import Versioned
from huanghe_portal.workflow import can_transition


class RecordStatus(models.TextChoices):
    RECORDED = "recorded", _("已登记")
    VOIDED = "voided", _("已作废")


VOID_TRANSITIONS = {RecordStatus.RECORDED: {RecordStatus.VOIDED}}


class VoidableRecord(Versioned, TimeStampedModel):
    """Status, who entered the record, and the void fields every record of this area carries."""

    Status = RecordStatus
    TRANSITIONS = VOID_TRANSITIONS

    status = models.CharField(
        _("状态"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.RECORDED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    void_reason = models.TextField(_("作废原因"), blank=True, max_length=NOTE_MAX)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作废人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.status == RecordStatus.VOIDED

    @property
    def is_current(self) -> bool:
        """Still counted: it may be corrected or voided (VOID_TRANSITIONS)."""
        return can_transition(self, RecordStatus.VOIDED)


class Event(VoidableRecord):
    """A publicity event (法治宣传活动); the public sees it unless it is voided."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("集中宣传")
        LECTURE = "lecture", _("专题讲座")
        OUTREACH = "outreach", _("送法下乡/进校园/进企业")
        CONSTITUTION_WEEK = "constitution_week", _("宪法宣传周")
        CIVIL_CODE_MONTH = "civil_code_month", _("民法典宣传月")
        CASE_EXPLANATION = "case_explanation", _("以案释法")
        OTHER = "other", _("其他")

    held_on = models.DateField(_("活动日期"), db_index=True)
    title = models.CharField(_("活动名称"), max_length=200)
    kind = models.CharField(_("活动类型"), max_length=20, choices=Kind.choices)
    village = models.ForeignKey(
        Village,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("活动地点"), max_length=200)
    organiser = models.CharField(_("主办单位"), max_length=100)
    co_organisers = models.CharField(_("协办单位"), max_length=200, blank=True)
    responsible_unit = models.CharField(
        _("普法责任单位"),
        max_length=100,
        blank=True,
        help_text=_("“谁执法谁普法”责任制下负责本次普法的执法单位。"),
    )
    laws_covered = models.CharField(_("宣传法律法规"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("参与人数"), default=0)
    materials = models.PositiveIntegerField(_("发放资料（份）"), default=0)
    consultations_on_site = models.PositiveIntegerField(_("现场咨询（人次）"), default=0)
    summary = models.TextField(_("活动简介"), blank=True, max_length=SUMMARY_MAX)
    history = HistoricalRecords()
    photos: list[Attachment]  # not a column: set by selectors.attach_photos for a page of events

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("普法活动")
        verbose_name_plural = _("普法活动")
        indexes = [models.Index(fields=["status", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("legal_education:event-detail", args=[self.pk])

    @property
    def where(self) -> str:
        return " ".join(part for part in (str(self.village or ""), self.place) if part)


class Consultation(VoidableRecord):
    """One legal consultation given to one person (法治咨询服务, counted in 人次)."""

    class Topic(models.TextChoices):
        MARRIAGE_FAMILY = "marriage_family", _("婚姻家庭")
        INHERITANCE = "inheritance", _("继承赡养")
        LAND_HOUSING = "land_housing", _("土地房屋")
        NEIGHBOUR = "neighbour", _("邻里关系")
        CONTRACT_DEBT = "contract_debt", _("合同债务")
        LABOUR = "labour", _("劳动用工")
        TORT = "tort", _("人身损害赔偿")
        CONSUMER = "consumer", _("消费维权")
        ADMINISTRATIVE = "administrative", _("行政事务")
        OTHER = "other", _("其他")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("当场解答")
        TO_MEDIATION = "to_mediation", _("转人民调解")
        TO_LEGAL_AID = "to_legal_aid", _("转法律援助")
        TO_LITIGATION = "to_litigation", _("引导诉讼")
        OTHER = "other", _("其他")

    consulted_on = models.DateField(_("咨询日期"), db_index=True)
    topic = models.CharField(_("咨询类别"), max_length=20, choices=Topic.choices)
    question = models.TextField(_("咨询问题"), blank=True, max_length=SUMMARY_MAX)
    answer_summary = models.TextField(_("解答摘要"), blank=True, max_length=SUMMARY_MAX)
    answered_by = models.CharField(_("解答人"), max_length=50)
    outcome = models.CharField(
        _("处理结果"), max_length=20, choices=Outcome.choices, default=Outcome.ANSWERED
    )
    person_name = EncryptedCharField(_("咨询人姓名"), blank=True, default="")
    village = models.ForeignKey(
        Village,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("所属活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    history = HistoricalRecords()
    dispute_id: int | None  # not a column: set by selectors.attach_dispute_ids

    class Meta:
        ordering = ["-consulted_on", "-pk"]
        verbose_name = _("法治咨询")
        verbose_name_plural = _("法治咨询")
        indexes = [models.Index(fields=["status", "consulted_on"])]

    def __str__(self) -> str:
        return f"{self.consulted_on:%Y-%m-%d} {self.get_topic_display()}"

    def get_absolute_url(self) -> str:
        return reverse("legal_education:consultation-detail", args=[self.pk])


class StudySession(VoidableRecord):
    """A cadre study session (干部学法): attendees and absentees are staff accounts."""

    class Kind(models.TextChoices):
        CENTRAL_GROUP = "central_group", _("党委理论学习中心组学法")
        LECTURE = "lecture", _("专题讲座")
        COURT_HEARING = "court_hearing", _("旁听庭审")
        LAW_REPORT = "law_report", _("述法")

    held_on = models.DateField(_("学习日期"), db_index=True)
    kind = models.CharField(_("学习形式"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("学习主题"), max_length=200)
    materials = models.TextField(_("学习材料"), blank=True, max_length=BODY_MAX)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("参加人员"), related_name="+", blank=True
    )
    absentees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("缺席人员"), related_name="+", blank=True
    )
    absence_note = models.CharField(_("缺席说明"), max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[attendees, absentees])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("干部学法")
        verbose_name_plural = _("干部学法")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("legal_education:study-detail", args=[self.pk])

    def attendance(self) -> tuple[int, int]:
        """(present, expected); expected is everyone listed as present or absent."""
        present = self.attendees.count()
        return present, present + self.absentees.count()

    @property
    def attendance_rate(self) -> float | None:
        present, expected = self.attendance()
        return round(present * 100 / expected, 1) if expected else None


class KnowledgeTest(VoidableRecord):
    """A legal-knowledge test (法律知识测试 / 法治理论考试) with one score per participant."""

    held_on = models.DateField(_("测试日期"), db_index=True)
    subject = models.CharField(_("测试内容"), max_length=200)
    max_score = models.DecimalField(
        _("满分"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    pass_mark = models.DecimalField(
        _("及格分"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("法律知识测试")
        verbose_name_plural = _("法律知识测试")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("legal_education:test-detail", args=[self.pk])

    def stats(self) -> dict:
        """Participants, passed, pass rate (%) and average score, computed in the database."""
        agg = self.scores.aggregate(
            n=models.Count("pk"),
            passed=models.Count("pk", filter=models.Q(score__gte=self.pass_mark)),
            average=models.Avg("score"),
        )
        n = agg["n"]
        return {
            "participants": n,
            "passed": agg["passed"],
            "pass_rate": round(agg["passed"] * 100 / n, 1) if n else None,
            "average": round(float(agg["average"]), 1) if agg["average"] is not None else None,
        }


class TestScore(models.Model):
    """One participant's score in a test."""

    __test__ = False  # not a pytest test class

    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="scores")
    name = models.CharField(_("姓名"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("工作人员账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.DecimalField(
        _("成绩"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("测试成绩")
        verbose_name_plural = _("测试成绩")

    def __str__(self) -> str:
        return f"{self.name} {self.score}"


class LegalLiaison(VoidableRecord):
    """A village 法律明白人 on the roster (乡村“法律明白人”培养工程)."""

    village = models.ForeignKey(
        Village, verbose_name=_("村（社区）"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    appointed_on = models.DateField(_("确定日期"), null=True, blank=True)
    occupation = models.CharField(_("身份/职业"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["village__code", "name"]
        verbose_name = _("法律明白人")
        verbose_name_plural = _("法律明白人")

    def __str__(self) -> str:
        return f"{self.village} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("legal_education:liaison-detail", args=[self.pk])


class LiaisonTraining(models.Model):
    """One training a 法律明白人 attended."""

    liaison = models.ForeignKey(LegalLiaison, on_delete=models.CASCADE, related_name="trainings")
    trained_on = models.DateField(_("培训日期"), db_index=True)
    subject = models.CharField(_("培训内容"), max_length=200)
    hours = models.DecimalField(
        _("学时"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("2"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-trained_on", "pk"]
        verbose_name = _("法律明白人培训")
        verbose_name_plural = _("法律明白人培训")

    def __str__(self) -> str:
        return f"{self.trained_on:%Y-%m-%d} {self.subject}"
