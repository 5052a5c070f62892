"""Input serializers per step and the output shape of a case (API.md: disputes)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanghe_portal.api.serializers import PastDateField, PersonalDataField
from huanghe_portal.limits import BODY_MAX, NOTE_MAX, SUMMARY_MAX, column_max
from huanghe_portal.models import Village
from huanghe_portal.roles import Role
from huanghe_portal.versioning import VersionedSerializerMixin, VersionInputMixin

from .. import selectors
from ..models import (
    CATEGORY_CHOICES,
    Agreement,
    AgreementSubject,
    Committee,
    CommitteeMember,
    Dispute,
    FollowUp,
    GuidedTo,
    JudicialConfirmation,
    Party,
    ScreeningRound,
    Session,
    Source,
)

User = get_user_model()


class DisplayMixin:
    """Every choice field also returns `<field>_display` (API.md Conventions)."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name, field in self.fields.items():
            if isinstance(field, serializers.ChoiceField) and name in data:
                data[f"{name}_display"] = (
                    str(field.choices.get(data[name], "")) if data[name] else ""
                )
        return data


# --- Output ---------------------------------------------------------------------------------


class PartySerializer(VersionedSerializerMixin, DisplayMixin, serializers.ModelSerializer):
    id_number = PersonalDataField(kind="id_number", owner_role=Role.MEDIATOR)
    phone = PersonalDataField(kind="phone", owner_role=Role.MEDIATOR)

    class Meta:
        model = Party
        fields = [
            "id",
            "role",
            "kind",
            "name",
            "id_number",
            "id_legacy",
            "credit_code",
            "phone",
            "address",
        ]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "held_on", "place", "attendees", "record"]


class AgreementSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = [
            "form",
            "facts",
            "responsibilities",
            "terms",
            "performance_method",
            "performance_due",
            "copies",
            "concluded_on",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "visited_on", "performed", "satisfied", "note"]


class ConfirmationSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = JudicialConfirmation
        fields = ["applied_on", "court", "result", "decided_on"]


class DisputeSerializer(VersionedSerializerMixin, DisplayMixin, serializers.ModelSerializer):
    village_display = serializers.CharField(source="village.name", default="", read_only=True)
    parties = PartySerializer(many=True, read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    agreement = serializers.SerializerMethodField()
    judicial_confirmation = serializers.SerializerMethodField()
    overdue = serializers.BooleanField(read_only=True)
    confirmable = serializers.BooleanField(read_only=True)
    mediators: serializers.PrimaryKeyRelatedField[auth.User] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Dispute
        fields = [
            "id",
            "number",
            "status",
            "outcome",
            "received_on",
            "source",
            "category",
            "village",
            "village_display",
            "committee",
            "summary",
            "amount_involved",
            "is_public",
            "parties",
            "accepted_on",
            "mediators",
            "mediation_due",
            "overdue",
            "sessions",
            "closed_on",
            "close_reason",
            "guided_to",
            "agreement_form",
            "agreement_subject",
            "agreement",
            "confirmation_due",
            "confirmable",
            "judicial_confirmation",
            "follow_ups",
            "archived_on",
            "void_reason",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(AgreementSerializer(allow_null=True))
    def get_agreement(self, obj: Dispute):
        agreement = getattr(obj, "agreement", None) if obj.agreement_form else None
        return AgreementSerializer(agreement).data if agreement else None

    @extend_schema_field(ConfirmationSerializer(allow_null=True))
    def get_judicial_confirmation(self, obj: Dispute):
        try:
            return ConfirmationSerializer(obj.judicial_confirmation).data
        except JudicialConfirmation.DoesNotExist:
            return None


class DisputeListSerializer(DisplayMixin, serializers.ModelSerializer):
    village_display = serializers.CharField(source="village.name", default="", read_only=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "number",
            "status",
            "outcome",
            "received_on",
            "source",
            "category",
            "village",
            "village_display",
            "party_names",
            "summary",
            "amount_involved",
            "accepted_on",
            "mediation_due",
            "overdue",
            "closed_on",
            "confirmation_due",
        ]


# --- Input ----------------------------------------------------------------------------------


class PartyInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Party.Role.choices)
    kind = serializers.ChoiceField(choices=Party.Kind.choices, default=Party.Kind.PERSON)
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(required=False, allow_blank=True, default="")
    credit_code = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class PartyUpdateSerializer(VersionInputMixin, PartyInputSerializer):
    role = serializers.ChoiceField(choices=Party.Role.choices, required=False)
    kind = serializers.ChoiceField(choices=Party.Kind.choices, required=False)
    name = serializers.CharField(max_length=100, required=False)
    id_number = serializers.CharField(required=False, allow_blank=True)
    credit_code = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True, max_length=200)


class DisputeCreateSerializer(serializers.Serializer):
    received_on = PastDateField()
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]  # a declared field
    category = serializers.ChoiceField(choices=CATEGORY_CHOICES)
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True, default=None
    )
    committee = serializers.PrimaryKeyRelatedField(
        queryset=Committee.objects.all(), required=False, allow_null=True, default=None
    )
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    amount_involved = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None, min_value=0
    )
    is_public = serializers.BooleanField(required=False, default=False)
    parties = PartyInputSerializer(many=True)
    mediators = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.all(), required=False, default=list
    )

    def validate_parties(self, value):
        if not value:
            raise serializers.ValidationError(_("请填写当事人。"))
        return value


class DisputeUpdateSerializer(VersionInputMixin, serializers.Serializer):
    """PATCH of a case's basic data (open cases only)."""

    source = serializers.ChoiceField(choices=Source.choices, required=False)  # type: ignore[assignment]  # a declared field
    category = serializers.ChoiceField(choices=CATEGORY_CHOICES, required=False)
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True
    )
    committee = serializers.PrimaryKeyRelatedField(
        queryset=Committee.objects.all(), required=False, allow_null=True
    )
    summary = serializers.CharField(required=False, max_length=SUMMARY_MAX)
    amount_involved = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    is_public = serializers.BooleanField(required=False)


class AcceptSerializer(serializers.Serializer):
    accepted_on = PastDateField()
    mediators = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.all(), required=False, default=list
    )


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=NOTE_MAX)
    guided_to = serializers.ChoiceField(choices=GuidedTo.choices)
    closed_on = PastDateField()


class SessionInputSerializer(serializers.Serializer):
    held_on = PastDateField()
    place = serializers.CharField(max_length=200)
    record = serializers.CharField(max_length=BODY_MAX)
    attendees = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class SucceedSerializer(serializers.Serializer):
    closed_on = PastDateField()
    agreement_form = serializers.ChoiceField(choices=Dispute.AgreementForm.choices)
    agreement_subject = serializers.ChoiceField(
        choices=AgreementSubject.choices, default=AgreementSubject.RIGHTS
    )
    terms = serializers.CharField(max_length=SUMMARY_MAX)
    performance_due = serializers.DateField(required=False, allow_null=True, default=None)
    facts = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SUMMARY_MAX
    )
    responsibilities = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SUMMARY_MAX
    )
    performance_method = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    copies = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=column_max(Agreement, "copies"),
    )


class FailSerializer(serializers.Serializer):
    closed_on = PastDateField()
    reason = serializers.CharField(max_length=NOTE_MAX)
    guided_to = serializers.ChoiceField(choices=GuidedTo.choices)


class WithdrawSerializer(serializers.Serializer):
    closed_on = PastDateField()
    reason = serializers.CharField(max_length=NOTE_MAX)


class FollowUpInputSerializer(serializers.Serializer):
    visited_on = PastDateField()
    performed = serializers.BooleanField()
    satisfied = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX)


class ConfirmationInputSerializer(serializers.Serializer):
    applied_on = PastDateField()
    court = serializers.CharField(max_length=100)
    result = serializers.ChoiceField(
        choices=JudicialConfirmation.Result.choices, default=JudicialConfirmation.Result.PENDING
    )
    decided_on = PastDateField(required=False, allow_null=True, default=None)


class ArchiveSerializer(serializers.Serializer):
    archived_on = PastDateField()


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=NOTE_MAX)


# --- Committees and screening rounds --------------------------------------------------------


class MemberSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = CommitteeMember
        fields = ["id", *CommitteeMember.ENTRY_FIELDS, "is_active"]


class CommitteeSerializer(
    VersionedSerializerMixin, VersionInputMixin, DisplayMixin, serializers.ModelSerializer
):
    members = MemberSerializer(many=True, read_only=True)
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Committee
        fields = [
            "id",
            "name",
            "level",
            "village",
            "term_start",
            "term_end",
            "is_active",
            "members",
            "warnings",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_warnings(self, obj: Committee) -> list[str]:
        return selectors.committee_warnings(obj)


class ScreeningRoundSerializer(serializers.ModelSerializer):
    held_on = PastDateField(required=True)
    villages = serializers.PrimaryKeyRelatedField(many=True, queryset=Village.objects.all())

    class Meta:
        model = ScreeningRound
        fields = [
            "id",
            "held_on",
            "committee",
            "villages",
            "disputes_found",
            "disputes_prevented",
            "note",
            "voided",
            "void_reason",
        ]
        read_only_fields = ["voided", "void_reason"]
