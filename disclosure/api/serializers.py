from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from huanghe_portal.api.serializers import AcknowledgeSerializer, PastDateField, PersonalDataField
from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX
from huanghe_portal.roles import Role
from huanghe_portal.versioning import VersionedSerializerMixin

from ..models import Application, Category, Consultation, Item, Remedy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a development dependency: types only

CHOICE_ERRORS: "dict[str, StrOrPromise]" = {"invalid_choice": _("“%(input)s”不是有效的选项。")}


class CategorySerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "parent"]


# The catalogue fields of 条例 Art 12, which the public sees, then the review workflow (staff).
ITEM_PUBLIC_FIELDS = [
    "id",
    "title",
    "category",
    "category_name",
    "index_number",
    "publisher",
    "generated_on",
    "document_number",
    "summary",
    "body",
    "validity",
    "validity_display",
    "published_on",
]
ITEM_STAFF_FIELDS = [
    "publication_due",
    "publication_overdue",
    "published_late",
    "publish_on",
    "status",
    "status_display",
    "secrecy_checked",
    "privacy_checked",
    "privacy_review",
    "reviewed_at",
    "published_at",
]


class ItemSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    validity_display = serializers.CharField(source="get_validity_display", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    publication_overdue = serializers.BooleanField(read_only=True)
    published_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = Item
        fields = ITEM_PUBLIC_FIELDS + ITEM_STAFF_FIELDS
        read_only_fields = fields


class PublicItemSerializer(ItemSerializer):
    class Meta(ItemSerializer.Meta):
        fields = ITEM_PUBLIC_FIELDS


class ItemInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    summary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SUMMARY_MAX
    )
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=BODY_MAX)
    document_number = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=80
    )
    generated_on = PastDateField(required=True)
    publisher = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    validity = serializers.ChoiceField(
        Item.Validity.choices, default=Item.Validity.VALID, error_messages=CHOICE_ERRORS
    )
    publish_on = serializers.DateField(required=False, allow_null=True, default=None)


class ReviewSerializer(AcknowledgeSerializer):
    secrecy_checked = serializers.BooleanField(default=False)
    privacy_checked = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX)


class EmptySerializer(serializers.Serializer):
    pass


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTE_MAX
    )


class ConsultationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Consultation
        fields = ["id", "party", "sent_on", "replied_on"]


class RemedySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = Remedy
        fields = [
            "id",
            "kind",
            "kind_display",
            "filed_on",
            "body",
            "result",
            "result_display",
            "concluded_on",
            "note",
        ]


class ApplicationSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    id_number = PersonalDataField(kind="id_number", owner_role=Role.DISCLOSURE_OFFICER)
    phone = PersonalDataField(kind="phone", owner_role=Role.DISCLOSURE_OFFICER)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    applicant_kind_display = serializers.CharField(
        source="get_applicant_kind_display", read_only=True
    )
    delivery_display = serializers.CharField(source="get_delivery_display", read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    overdue = serializers.BooleanField(read_only=True)
    fee_overdue = serializers.BooleanField(read_only=True)
    consultations = ConsultationSerializer(many=True, read_only=True)
    remedies = RemedySerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "tracking_code",
            "channel",
            "channel_display",
            "applicant_kind",
            "applicant_kind_display",
            "applicant_name",
            "id_number",
            "credit_code",
            "phone",
            "address",
            "email",
            "description",
            "delivery",
            "delivery_display",
            "received_on",
            "status",
            "status_display",
            "reply_due",
            "overdue",
            "correction_notice_on",
            "correction_items",
            "correction_deadline",
            "correction_received_on",
            "abandon_proposed_on",
            "extension_days",
            "extension_approved_by",
            "extension_approver",
            "extension_notice_on",
            "replied_on",
            "outcome",
            "outcome_display",
            "reply_note",
            "fee_amount",
            "fee_notice_on",
            "fee_due",
            "fee_paid_on",
            "fee_overdue",
            "void_reason",
            "consultations",
            "remedies",
        ]
        read_only_fields = fields


class ApplicationInputSerializer(serializers.Serializer):
    applicant_kind = serializers.ChoiceField(
        Application.ApplicantKind.choices, error_messages=CHOICE_ERRORS
    )
    applicant_name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=18)
    credit_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=18)
    phone = serializers.CharField(max_length=20)
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    description = serializers.CharField(
        max_length=5000,
        error_messages={
            "blank": _("请描述所需政府信息的名称、文号或便于查询的特征。"),
            "required": _("请描述所需政府信息的名称、文号或便于查询的特征。"),
        },
    )
    delivery = serializers.ChoiceField(Application.Delivery.choices, error_messages=CHOICE_ERRORS)
    notify_opt_out = serializers.BooleanField(required=False, default=False)
    received_on = PastDateField(required=False, default=None, allow_null=True)
    channel = serializers.ChoiceField(
        Application.Channel.choices,
        required=False,
        default=Application.Channel.ONLINE,
        error_messages=CHOICE_ERRORS,
    )


class CorrectionRequestSerializer(serializers.Serializer):
    notice_on = PastDateField()
    items = serializers.CharField(max_length=2000)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


class ReceivedOnSerializer(serializers.Serializer):
    received_on = PastDateField()


class ConsultSerializer(serializers.Serializer):
    sent_on = PastDateField()
    party = serializers.CharField(max_length=100)


class ConsultRepliedSerializer(serializers.Serializer):
    replied_on = PastDateField()


class ExtendSerializer(serializers.Serializer):
    # The approving 工作机构负责人: a `leader` user, by id (or login or full name).
    approved_by = serializers.CharField(max_length=150)
    notice_on = PastDateField()
    days = serializers.IntegerField(
        min_value=1,
        max_value=20,
        error_messages={
            "min_value": _("延长期限为1至20个工作日。"),
            "max_value": _("延长期限为1至20个工作日。"),
            "invalid": _("延长期限为1至20个工作日。"),
        },
    )


class ReplySerializer(serializers.Serializer):
    replied_on = PastDateField()
    outcome = serializers.ChoiceField(
        Application.Outcome.choices,
        error_messages={"invalid_choice": _("办理结果须为年度报告所列情形之一。")},
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX)
    fee_amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class DecisionSerializer(serializers.Serializer):
    """视为放弃 decided, or undone, by the officer: the reason is required (条例 Art 30)."""

    reason = serializers.CharField()
    on = PastDateField()


class FeeNoticeSerializer(serializers.Serializer):
    notice_on = PastDateField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)


class FeePaidSerializer(serializers.Serializer):
    paid_on = PastDateField()


class RemedyInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(Remedy.Kind.choices, error_messages=CHOICE_ERRORS)
    filed_on = PastDateField()
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    result = serializers.ChoiceField(
        Remedy.Result.choices, default=Remedy.Result.PENDING, error_messages=CHOICE_ERRORS
    )
    concluded_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX)
