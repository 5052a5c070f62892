"""Input and output shapes of /api/v1/legal-education/ (API.md: legal_education)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from rest_framework import serializers

from huanghe_portal.api.serializers import PastDateField, PersonalDataField
from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX, column_max
from huanghe_portal.models import Village
from huanghe_portal.people import display_name
from huanghe_portal.roles import Role
from huanghe_portal.versioning import VersionedSerializerMixin

from .. import selectors
from ..models import Consultation, Event, KnowledgeTest, LegalLiaison, StudySession
from ..services import CONSULTATION_FIELDS, EVENT_FIELDS, TEST_FIELDS

User = get_user_model()

DATE_ERRORS: dict[str, StrOrPromise] = {
    "invalid": _("日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
    "required": _("请填写日期。"),
}
COUNT_ERRORS: dict[str, StrOrPromise] = {
    "invalid": _("应为整数。"),
    "min_value": _("不能为负数。"),
    "required": _("此项为必填项。"),
}


def count_field(**kwargs) -> serializers.IntegerField:
    # Every count is a PositiveIntegerField column (Event.participants and its siblings).
    return serializers.IntegerField(
        min_value=0,
        max_value=column_max(Event, "participants"),
        error_messages=COUNT_ERRORS,
        **kwargs,
    )


def past_date_field(**kwargs) -> PastDateField:
    field = PastDateField(**kwargs)
    field.error_messages.update({"required": DATE_ERRORS["required"]})
    return field


class ChoiceDisplayMixin:
    """Every choice field also outputs `<field>_display` (API.md Conventions)."""

    display_fields: tuple[str, ...] = ("status",)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name in self.display_fields:
            data[f"{name}_display"] = getattr(instance, f"get_{name}_display")()
        return data


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(
        error_messages={"required": _("请填写作废原因。"), "blank": _("请填写作废原因。")},
        max_length=NOTE_MAX,
    )


def _villages():
    return Village.objects.filter(is_active=True)


# --- Events ---------------------------------------------------------------------------------


def photo_data(attachment, *, public: bool) -> dict:
    name = "public-attachment-download" if public else "attachment-download"
    thumb = "legal_education:public-photo-thumb" if public else "legal_education:photo-thumb"
    return {
        "id": attachment.pk,
        "description": attachment.description,
        "is_public": attachment.is_public,
        "url": reverse(name, args=[attachment.pk]),
        "thumbnail_url": reverse(thumb, args=[attachment.pk]),
    }


class EventSerializer(VersionedSerializerMixin, ChoiceDisplayMixin, serializers.ModelSerializer):
    display_fields: tuple[str, ...] = ("kind", "status")
    village_name = serializers.CharField(source="village.name", default="", read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            *EVENT_FIELDS,
            "village_name",
            "status",
            "void_reason",
            "photos",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_photos(self, event: Event) -> list[dict]:
        if not hasattr(event, "photos"):
            selectors.attach_photos([event])
        return [photo_data(a, public=False) for a in event.photos]


class PublicEventSerializer(EventSerializer):
    """What anyone may read: no status, void or staff fields; public photos only."""

    display_fields = ("kind",)

    class Meta(EventSerializer.Meta):
        # The public sees neither the void details nor the on-site consultation count.
        fields = [
            "id",
            *(f for f in EVENT_FIELDS if f != "consultations_on_site"),
            "village_name",
            "photos",
        ]
        read_only_fields = fields

    def get_photos(self, event: Event) -> list[dict]:
        if not hasattr(event, "photos"):
            selectors.attach_photos([event], public_only=True)
        return [photo_data(a, public=True) for a in event.photos]


class EventInputSerializer(serializers.Serializer):
    held_on = serializers.DateField(error_messages=DATE_ERRORS)
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    village = serializers.PrimaryKeyRelatedField(
        queryset=_villages(), required=False, allow_null=True
    )
    place = serializers.CharField(max_length=200)
    organiser = serializers.CharField(max_length=100)
    co_organisers = serializers.CharField(max_length=200, required=False, allow_blank=True)
    responsible_unit = serializers.CharField(max_length=100, required=False, allow_blank=True)
    laws_covered = serializers.CharField(max_length=300, required=False, allow_blank=True)
    participants = count_field()
    materials = count_field(required=False)
    consultations_on_site = count_field(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=SUMMARY_MAX)


class PhotoInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        error_messages={"required": _("请选择照片文件。"), "invalid": _("请选择照片文件。")}
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_public = serializers.BooleanField(required=False, default=True)


# --- Consultations --------------------------------------------------------------------------


class ConsultationSerializer(
    VersionedSerializerMixin, ChoiceDisplayMixin, serializers.ModelSerializer
):
    display_fields = ("topic", "outcome", "status")
    person_name = PersonalDataField(kind="name", owner_role=Role.EDUCATOR)
    dispute = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            *CONSULTATION_FIELDS,
            "dispute",
            "status",
            "void_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_dispute(self, consultation: Consultation) -> int | None:
        if not hasattr(consultation, "dispute_id"):
            selectors.attach_dispute_ids([consultation])
        return consultation.dispute_id


class ConsultationInputSerializer(serializers.Serializer):
    consulted_on = past_date_field()
    topic = serializers.ChoiceField(choices=Consultation.Topic.choices)
    question = serializers.CharField(required=False, allow_blank=True, max_length=SUMMARY_MAX)
    answer_summary = serializers.CharField(required=False, allow_blank=True, max_length=SUMMARY_MAX)
    answered_by = serializers.CharField(max_length=50)
    outcome = serializers.ChoiceField(choices=Consultation.Outcome.choices)
    person_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    village = serializers.PrimaryKeyRelatedField(
        queryset=_villages(), required=False, allow_null=True
    )
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.filter(status=Event.Status.RECORDED), required=False, allow_null=True
    )
    respondent_name = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_("转人民调解时的被申请人姓名；不知道时留空（登记为“待补充”）。"),
    )


# --- Study sessions and tests ---------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return display_name(user)


class StudySessionSerializer(
    VersionedSerializerMixin, ChoiceDisplayMixin, serializers.ModelSerializer
):
    display_fields = ("kind", "status")
    attendees = PersonSerializer(many=True, read_only=True)
    absentees = PersonSerializer(many=True, read_only=True)
    attendance_rate = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = StudySession
        fields = [
            "id",
            "held_on",
            "kind",
            "subject",
            "materials",
            "attendees",
            "absentees",
            "absence_note",
            "attendance_rate",
            "status",
            "void_reason",
            "created_at",
        ]
        read_only_fields = fields


def _staff_users():
    return User.objects.filter(is_active=True).order_by("username")


class StudySessionInputSerializer(serializers.Serializer):
    held_on = past_date_field()
    kind = serializers.ChoiceField(choices=StudySession.Kind.choices)
    subject = serializers.CharField(max_length=200)
    materials = serializers.CharField(required=False, allow_blank=True, max_length=BODY_MAX)
    attendees = serializers.PrimaryKeyRelatedField(queryset=_staff_users(), many=True)
    absentees = serializers.PrimaryKeyRelatedField(
        queryset=_staff_users(), many=True, required=False
    )
    absence_note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ScoreSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    score = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        min_value=0,
        error_messages={"min_value": _("成绩不能为负数。"), "invalid": _("成绩应为数字。")},
    )
    user = serializers.PrimaryKeyRelatedField(
        queryset=_staff_users(), required=False, allow_null=True
    )


class KnowledgeTestSerializer(
    VersionedSerializerMixin, ChoiceDisplayMixin, serializers.ModelSerializer
):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = KnowledgeTest
        fields = ["id", *TEST_FIELDS, "scores", "status", "void_reason", "created_at"]
        read_only_fields = fields

    def get_scores(self, test: KnowledgeTest) -> list[dict]:
        return [
            {"name": s.name, "user": s.user_id, "score": str(s.score)} for s in test.scores.all()
        ]

    def to_representation(self, instance):
        return {**super().to_representation(instance), **instance.stats()}


class KnowledgeTestInputSerializer(serializers.Serializer):
    held_on = past_date_field()
    subject = serializers.CharField(max_length=200)
    max_score = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=1, required=False, default=Decimal(100)
    )
    pass_mark = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=0, required=False, default=Decimal(60)
    )
    scores = ScoreSerializer(many=True, allow_empty=True)


# --- 法律明白人 -----------------------------------------------------------------------------


class LiaisonSerializer(VersionedSerializerMixin, ChoiceDisplayMixin, serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)
    trainings = serializers.SerializerMethodField()

    class Meta:
        model = LegalLiaison
        fields = [
            "id",
            "village",
            "village_name",
            "name",
            "appointed_on",
            "occupation",
            "trainings",
            "status",
            "void_reason",
        ]
        read_only_fields = fields

    def get_trainings(self, liaison: LegalLiaison) -> list[dict]:
        return [
            {"trained_on": t.trained_on.isoformat(), "subject": t.subject, "hours": str(t.hours)}
            for t in liaison.trainings.all()
        ]


class LiaisonInputSerializer(serializers.Serializer):
    village = serializers.PrimaryKeyRelatedField(queryset=_villages())
    name = serializers.CharField(max_length=50)
    appointed_on = past_date_field(allow_null=True)
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)


class TrainingInputSerializer(serializers.Serializer):
    trained_on = past_date_field()
    subject = serializers.CharField(max_length=200)
    hours = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, required=False, default=Decimal(2)
    )
