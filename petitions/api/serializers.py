"""Input and output shapes of /api/v1/petitions/, reception-days/, deputy-suggestions/."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanghe_portal.api.serializers import PastDateField, PersonalDataField
from huanghe_portal.limits import NOTE_MAX, SUMMARY_MAX, TOPIC_MAX, column_max
from huanghe_portal.models import Village
from huanghe_portal.roles import Role, has_role
from huanghe_portal.versioning import VersionedSerializerMixin

from ..models import (
    MAX_REPRESENTATIVES,
    DeputySuggestion,
    GuidedTo,
    Petition,
    ReceptionDay,
    ReceptionRecord,
)


class DisplayMixin:
    """Adds `<field>_display` with the Chinese label for every choice field (API.md)."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for field in instance._meta.concrete_fields:
            if field.choices and not field.is_relation and field.name in data:
                value = data[field.name]
                data[f"{field.name}_display"] = (
                    str(dict(field.choices).get(value, "")) if value else ""
                )
        return data


@extend_schema_field(OpenApiTypes.STR)
class AddressField(serializers.Field):
    """The address: only for the area's own role and superusers (it has no masked form)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not has_role(user, Role.PETITION_CLERK):
            return ""
        return obj.address


class PetitionSerializer(VersionedSerializerMixin, DisplayMixin, serializers.ModelSerializer):
    id_number = PersonalDataField(kind="id_number", owner_role=Role.PETITION_CLERK)
    phone = PersonalDataField(kind="phone", owner_role=Role.PETITION_CLERK)
    address = AddressField()
    overdue = serializers.SerializerMethodField()
    # As the reader may see them: an earlier accusation stays sealed (petitions_visible_to).
    is_repeat = serializers.BooleanField(source="repeat_shown", read_only=True)
    earlier = serializers.IntegerField(source="earlier_shown_id", read_only=True, allow_null=True)

    class Meta:
        model = Petition
        fields = [
            "id",
            "number",
            "status",
            "received_on",
            "channel",
            "source",
            "category",
            "petitioner_name",
            "id_number",
            "id_legacy",
            "phone",
            "address",
            "village",
            "persons_count",
            "representatives",
            "summary",
            "hotline_ticket_no",
            "xinfang_system_no",
            "is_repeat",
            "is_skip_level",
            "earlier",
            "reception_day",
            "leader_in_charge",
            "registered_by",
            "acceptance_due",
            "accepted_on",
            "handling_due",
            "extended_on",
            "extension_days",
            "extension_reason",
            "extension_approved_by",
            "not_accepted_on",
            "not_accept_reason",
            "guided_to",
            "replied_on",
            "delivered_on",
            "outcome",
            "opinion",
            "review_request_due",
            "review_requested_on",
            "review_due",
            "review_decided_on",
            "review_result",
            "reexamination_request_due",
            "satisfied",
            "closed_on",
            "void_reason",
            "overdue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        if hasattr(obj, "overdue"):
            return bool(obj.overdue)
        from django.utils import timezone

        return obj.is_overdue(timezone.localdate())


class PetitionCreateSerializer(serializers.Serializer):
    received_on = PastDateField()
    channel = serializers.ChoiceField(choices=Petition.Channel.choices)
    source = serializers.ChoiceField(  # type: ignore[assignment]  # a declared field
        choices=Petition.Source.choices, default=Petition.Source.DIRECT
    )
    category = serializers.ChoiceField(choices=Petition.Category.choices)
    petitioner_name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    # 200 as a dispute party's address: a referral to mediation copies it there.
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True, default=None
    )
    persons_count = serializers.IntegerField(
        min_value=1,
        max_value=column_max(Petition, "persons_count"),
        default=1,
        error_messages={"min_value": _("人数至少为1。")},
    )
    representatives = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    hotline_ticket_no = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )
    xinfang_system_no = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )
    is_skip_level = serializers.BooleanField(required=False, default=False)
    reception_day = serializers.PrimaryKeyRelatedField(
        queryset=ReceptionDay.objects.filter(voided=False),
        required=False,
        allow_null=True,
        default=None,
    )

    def validate_representatives(self, value):
        if len(value) > MAX_REPRESENTATIVES:
            raise serializers.ValidationError(
                _("多人采用走访形式的，应推选代表，代表人数不超过5人（《信访工作条例》第二十条）。")
            )
        return value


class ClassifySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Petition.Category.choices)
    source = serializers.ChoiceField(choices=Petition.Source.choices)  # type: ignore[assignment]  # a declared field
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True, default=None
    )
    xinfang_system_no = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )
    is_skip_level = serializers.BooleanField(required=False, default=False)


class AcceptSerializer(serializers.Serializer):
    accepted_on = PastDateField()


class NotAcceptSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=NOTE_MAX)
    guided_to = serializers.ChoiceField(choices=GuidedTo.choices)


class ExtendSerializer(serializers.Serializer):
    days = serializers.IntegerField(
        min_value=1,
        max_value=30,
        error_messages={
            "min_value": _("延期天数应为1至30日（《信访工作条例》第三十四条）。"),
            "max_value": _("延期天数应为1至30日（《信访工作条例》第三十四条）。"),
        },
    )
    reason = serializers.CharField(max_length=NOTE_MAX)
    approved_by = serializers.IntegerField(
        help_text="id of the approving user in `leader`",
        error_messages={"invalid": _("须为在职的“领导”用户。")},
    )
    approved_on = PastDateField()


class ReplySerializer(serializers.Serializer):
    replied_on = PastDateField()
    delivered_on = PastDateField(default=None, allow_null=True)
    outcome = serializers.ChoiceField(choices=Petition.Outcome.choices)
    opinion = serializers.CharField(max_length=SUMMARY_MAX)


class ReviewRequestSerializer(serializers.Serializer):
    requested_on = PastDateField()


class ReviewResultSerializer(serializers.Serializer):
    decided_on = PastDateField()
    result = serializers.ChoiceField(choices=Petition.ReviewResult.choices)


class SatisfactionSerializer(serializers.Serializer):
    satisfied = serializers.BooleanField()


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class AssignLeaderSerializer(serializers.Serializer):
    leader = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(groups__name=Role.LEADER.value)
    )


class MediationSerializer(serializers.Serializer):
    respondent_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX)


class PublicPetitionSerializer(serializers.Serializer):
    petitioner_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=20)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    notify_opt_out = serializers.BooleanField(required=False, default=False)
    summary = serializers.CharField(max_length=5000)
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )


class HotlineOrderSerializer(serializers.Serializer):
    """One 12345 work order as the hotline platform sends it."""

    ticket_no = serializers.CharField(max_length=40)
    received_on = PastDateField()
    category = serializers.ChoiceField(
        choices=Petition.Category.choices, default=Petition.Category.APPEAL
    )
    petitioner_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True, default=None
    )


class ReceptionRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReceptionRecord
        fields = ["id", "petitioner_names", "persons_count", "request", "decision", "petition"]


class ReceptionDaySerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = ReceptionDay
        fields = ["id", "date", "start_time", "end_time", "leader_name", "place", "topic", "kind"]


class ReceptionDayStaffSerializer(ReceptionDaySerializer):
    records = ReceptionRecordSerializer(many=True, read_only=True)

    class Meta(ReceptionDaySerializer.Meta):
        fields = [
            *ReceptionDaySerializer.Meta.fields,
            "note",
            "leader",
            "voided",
            "void_reason",
            "records",
        ]


class ReceptionDayCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    # Optional for the clients written to API.md before the hours were kept; both or neither.
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    leader_name = serializers.CharField(max_length=50)
    place = serializers.CharField(max_length=200)
    topic = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TOPIC_MAX
    )
    kind = serializers.ChoiceField(
        choices=ReceptionDay.Kind.choices, default=ReceptionDay.Kind.RECEPTION
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class ReceptionRecordCreateSerializer(serializers.Serializer):
    petitioner_names = serializers.CharField(max_length=200)
    persons_count = serializers.IntegerField(
        min_value=1, max_value=column_max(ReceptionRecord, "persons_count"), default=1
    )
    request = serializers.CharField(max_length=SUMMARY_MAX)
    decision = serializers.CharField(max_length=SUMMARY_MAX)
    also_register = serializers.BooleanField(required=False, default=False)


class SuggestionSerializer(DisplayMixin, serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = DeputySuggestion
        fields = [
            "id",
            "deputy_name",
            "assigned_on",
            "complex",
            "summary",
            "reply_due",
            "status",
            "replied_on",
            "reply",
            "satisfaction",
            "published",
            "void_reason",
            "overdue",
        ]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return bool(getattr(obj, "overdue", False))


class SuggestionCreateSerializer(serializers.Serializer):
    deputy_name = serializers.CharField(max_length=50)
    assigned_on = PastDateField()
    complex = serializers.BooleanField(default=False)
    summary = serializers.CharField(max_length=SUMMARY_MAX)


class SuggestionReplySerializer(serializers.Serializer):
    replied_on = PastDateField()
    reply = serializers.CharField(max_length=SUMMARY_MAX)


class SuggestionFeedbackSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(
        choices=DeputySuggestion.Satisfaction.choices, required=False, allow_blank=True, default=""
    )
    published = serializers.BooleanField(required=False, allow_null=True, default=None)
