"""Input serializers per step and the output shape of a matter (API.md: decisions)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanghe_portal.api.serializers import AcknowledgeSerializer, PastDateField
from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX
from huanghe_portal.versioning import VersionedSerializerMixin, VersionInputMixin

from .. import selectors
from ..models import (
    CommentWindow,
    Evaluation,
    ExpertReview,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    NormativeDocument,
    PublicComment,
    RiskAssessment,
)

User = get_user_model()


def choice(choices, label):
    return serializers.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": gettext_lazy("“{input}”不是有效的%s代码。") % label},
    )


def names():
    return serializers.ListField(child=serializers.CharField(max_length=50), allow_empty=False)


# --- Output ---------------------------------------------------------------------------------


class DisplayMixin:
    """Every choice field also returns `<field>_display` (API.md Conventions)."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name, field in self.fields.items():
            if isinstance(field, serializers.ChoiceField) and name in data:
                data[f"{name}_display"] = str(
                    dict(field.choices).get(data[name], "") if data[name] else ""
                )
        return data


class CommentSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = PublicComment
        fields = ["id", "submitted_on", "commenter_name", "content", "adopted", "response"]


class CommentWindowSerializer(serializers.ModelSerializer):
    comments = CommentSerializer(many=True, read_only=True)
    days = serializers.IntegerField(read_only=True)

    class Meta:
        model = CommentWindow
        fields = [
            "id",
            "opens_on",
            "closes_on",
            "days",
            "where_published",
            "shortening_reason",
            "adoption_summary",
            "comments",
        ]


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = ["id", "held_on", "materials_sent_on", "participants", "record", "record_signed"]


class ExpertReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertReview
        fields = ["id", "held_on", "experts", "opinion"]


class RiskAssessmentSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = ["id", "assessed_on", "level", "points", "measures", "plan"]


class ReviewSerializer(DisplayMixin, serializers.ModelSerializer):
    reviewer_name = serializers.SerializerMethodField()
    short_warning = serializers.BooleanField(read_only=True)

    class Meta:
        model = LegalityReview
        fields = [
            "id",
            "reviewer",
            "reviewer_name",
            "adviser",
            "submitted_on",
            "concluded_on",
            "result",
            "opinion",
            "changes",
            "reviewer_qualification",
            "workdays_taken",
            "short_warning",
        ]

    def get_reviewer_name(self, obj) -> str:
        profile = getattr(obj.reviewer, "portal_profile", None)
        return (profile.full_name if profile else "") or obj.reviewer.username


class MeetingViewSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = MeetingView
        fields = ["position", "name", "opinion", "stance", "is_principal"]


class MeetingSerializer(DisplayMixin, serializers.ModelSerializer):
    attendees = MeetingViewSerializer(source="views", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "meeting_kind",
            "held_on",
            "attendees",
            "absentees",
            "agenda",
            "result",
            "principal_reason",
            "legal_risk_statement",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = NormativeDocument
        fields = [
            "document_number",
            "registration_number",
            "issued_on",
            "effective_on",
            "expires_on",
            "repealed_on",
            "repeal_reason",
        ]


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evaluation
        fields = ["id", "evaluated_on", "evaluator", "findings"]


MATTER_FIELDS = [
    "id",
    "title",
    "kind",
    "summary",
    "sponsor_unit",
    "opened_on",
    "exploratory_reform",
    "legal_risk_statement",
    "art58_trigger",
    "case_number",
    "status",
    "current_reviewer",
    "last_result",
    "decided_on",
    "signed_off_by",
    "signed_off_on",
    "published_on",
    "void_reason",
    "created_at",
    "updated_at",
]


class MatterListSerializer(VersionedSerializerMixin, DisplayMixin, serializers.ModelSerializer):
    last_result = serializers.ChoiceField(choices=LegalityReview.Result.choices, read_only=True)

    class Meta:
        model = Matter
        fields = MATTER_FIELDS


class MatterSerializer(MatterListSerializer):
    comment_windows = CommentWindowSerializer(many=True, read_only=True)
    hearings = HearingSerializer(many=True, read_only=True)
    expert_reviews = ExpertReviewSerializer(many=True, read_only=True)
    risk_assessments = RiskAssessmentSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)
    meetings = MeetingSerializer(many=True, read_only=True)
    document = serializers.SerializerMethodField()
    evaluations = EvaluationSerializer(many=True, read_only=True)
    missing_steps = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()

    class Meta(MatterListSerializer.Meta):
        fields = [
            *MATTER_FIELDS,
            "missing_steps",
            "warnings",
            "comment_windows",
            "hearings",
            "expert_reviews",
            "risk_assessments",
            "reviews",
            "meetings",
            "document",
            "evaluations",
        ]

    @extend_schema_field(DocumentSerializer(allow_null=True))
    def get_document(self, obj) -> dict | None:
        document = NormativeDocument.objects.filter(matter=obj).first()
        return DocumentSerializer(document).data if document else None

    def get_missing_steps(self, obj) -> list[str]:
        return selectors.missing_steps(obj)

    def get_warnings(self, obj) -> list[str]:
        warnings = []
        for review in obj.reviews.all():
            if review.short_warning:
                warnings.append(
                    _("合法性审核用时%(n)s个工作日，少于7个工作日（决策条例第二十六条）。")
                    % {"n": review.workdays_taken}
                )
            if review.qualification_missing:
                warnings.append(
                    _(
                        "重大行政执法决定的法制审核人员应具有法律职业资格，未记录资格证号（行政处罚法第五十八条）。"
                    )
                )
        return warnings


class LegalAdviserSerializer(
    VersionedSerializerMixin, VersionInputMixin, serializers.ModelSerializer
):
    class Meta:
        model = LegalAdviser
        fields = [
            "id",
            "name",
            "firm",
            "term_start",
            "term_end",
            "contract_number",
            "user",
            "voided",
            "void_reason",
        ]
        read_only_fields = ["voided", "void_reason"]


class PublicWindowSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="matter.title")
    summary = serializers.CharField(source="matter.summary")
    sponsor_unit = serializers.CharField(source="matter.sponsor_unit")

    class Meta:
        model = CommentWindow
        fields = [
            "id",
            "title",
            "summary",
            "sponsor_unit",
            "opens_on",
            "closes_on",
            "where_published",
        ]


# --- Input ----------------------------------------------------------------------------------


class OpenedOnInput(serializers.Serializer):
    opened_on = PastDateField()


class MatterCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = choice(Kind.choices, "事项类型")
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    sponsor_unit = serializers.CharField(max_length=100)
    exploratory_reform = serializers.BooleanField(default=False)
    legal_risk_statement = serializers.CharField(
        default="", allow_blank=True, max_length=SUMMARY_MAX
    )
    opened_on = PastDateField()
    art58_trigger = serializers.ChoiceField(
        choices=Matter.Art58Trigger.choices, default="", allow_blank=True
    )
    case_number = serializers.CharField(max_length=60, default="", allow_blank=True)


class CommentWindowInput(AcknowledgeSerializer):
    opens_on = PastDateField()
    closes_on = serializers.DateField()
    where_published = serializers.CharField(max_length=200, default="", allow_blank=True)
    shortening_reason = serializers.CharField(default="", allow_blank=True, max_length=NOTE_MAX)


class HearingInput(serializers.Serializer):
    held_on = PastDateField()
    materials_sent_on = serializers.DateField()
    participants = names()
    record = serializers.CharField(max_length=BODY_MAX)
    record_signed = serializers.BooleanField(default=True)


class ExpertReviewInput(serializers.Serializer):
    held_on = PastDateField()
    experts = names()
    opinion = serializers.CharField(max_length=SUMMARY_MAX)


class RiskAssessmentInput(serializers.Serializer):
    assessed_on = PastDateField()
    level = choice(RiskAssessment.Level.choices, "风险等级")
    points = serializers.CharField(max_length=SUMMARY_MAX)
    measures = serializers.CharField(max_length=SUMMARY_MAX)
    plan = serializers.CharField(default="", allow_blank=True, max_length=SUMMARY_MAX)


class SubmitReviewInput(serializers.Serializer):
    reviewer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        error_messages={"does_not_exist": gettext_lazy("审核人不存在。")},
    )
    submitted_on = PastDateField()


class ConcludeReviewInput(serializers.Serializer):
    concluded_on = PastDateField()
    result = choice(LegalityReview.Result.choices, "审核结论")
    opinion = serializers.CharField(max_length=SUMMARY_MAX)
    changes = serializers.CharField(default="", allow_blank=True, max_length=SUMMARY_MAX)
    reviewer_qualification = serializers.CharField(max_length=60, default="", allow_blank=True)


class AttendeeInput(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    opinion = serializers.CharField(max_length=SUMMARY_MAX)
    stance = choice(MeetingView.Stance.choices, "表态")


class DiscussInput(serializers.Serializer):
    meeting_kind = choice(Meeting.MeetingKind.choices, "会议类型")
    held_on = PastDateField()
    attendees = AttendeeInput(many=True, allow_empty=False)
    result = choice(Meeting.Result.choices, "会议结果")
    absentees = serializers.ListField(child=serializers.CharField(max_length=50), default=list)
    agenda = serializers.CharField(default="", allow_blank=True, max_length=SUMMARY_MAX)
    principal_reason = serializers.CharField(default="", allow_blank=True, max_length=SUMMARY_MAX)


class SignOffInput(serializers.Serializer):
    signed_on = PastDateField()
    note = serializers.CharField(default="", allow_blank=True, max_length=NOTE_MAX)


class PublishInput(AcknowledgeSerializer):
    published_on = PastDateField()


class VoidInput(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class AdoptionInput(AcknowledgeSerializer):
    window = serializers.IntegerField()
    adoption_summary = serializers.CharField(max_length=SUMMARY_MAX)
    adopted = serializers.ListField(child=serializers.IntegerField(), default=list)


class RegisterDocumentInput(serializers.Serializer):
    document_number = serializers.CharField(max_length=60)
    registration_number = serializers.CharField(max_length=60, default="", allow_blank=True)
    issued_on = PastDateField()
    effective_on = serializers.DateField()
    expires_on = serializers.DateField(default=None, allow_null=True)


class RepealInput(serializers.Serializer):
    repealed_on = PastDateField()
    reason = serializers.CharField(max_length=200)


class EvaluationInput(serializers.Serializer):
    evaluated_on = PastDateField()
    evaluator = serializers.CharField(max_length=100)
    findings = serializers.CharField(max_length=SUMMARY_MAX)


class PublicCommentInput(serializers.Serializer):
    content = serializers.CharField(max_length=5000)
    commenter_name = serializers.CharField(max_length=50, default="", allow_blank=True)
    privacy_consent = serializers.BooleanField()

    def validate_privacy_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("请阅读并同意个人信息处理说明。"))
        return value
