"""Serializer pieces every area uses: dates that may not lie in the future, personal data."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Holiday, HolidayYear, Village
from ..personal_data import reveal_in_request
from ..roles import Role


class PastDateField(serializers.DateField):
    """A step's date: YYYY-MM-DD, today when omitted, never in the future (API.md Conventions)."""

    default_error_messages = {
        "invalid": _("日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
        "future": _("日期不能晚于今天。"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        if not kwargs.get("required"):
            kwargs.setdefault("default", lambda: timezone.localdate())
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> dt.date:
        date = super().to_internal_value(value)
        if date > timezone.localdate():
            self.fail("future")
        return date


class AcknowledgeSerializer(serializers.Serializer[Any]):
    """Input of a step that publishes (API.md Conventions): `acknowledge` is the officer's reason
    for publishing a mobile number or a party's name the personal-data gate found."""

    acknowledge = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )


@extend_schema_field({**{"type": "string"}, "nullable": True, "readOnly": True})
class PersonalDataField(serializers.Field[Any, Any, Any, Any]):
    """Read-only output of an encrypted value, masked unless the reader holds the area's role."""

    def __init__(self, *, kind: str, owner_role: Role, **kwargs: Any) -> None:
        self.kind = kind
        self.owner_role = owner_role
        kwargs["read_only"] = True
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, obj: Any) -> str | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        field = self.field_name
        assert field is not None  # set when the serializer bound this field
        value = getattr(obj, field) or ""
        if user is None or not user.is_authenticated:
            return None
        if not value:
            return value
        return reveal_in_request(
            request, user, obj, field, kind=self.kind, owner_role=self.owner_role
        )


class VillageSerializer(serializers.ModelSerializer[Village]):
    class Meta:
        model = Village
        fields = ["id", "name", "code"]


class WorkdaysQuerySerializer(serializers.Serializer[Any]):
    start = serializers.DateField(
        error_messages={
            "invalid": _("日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
            "required": _("请提供起算日期 start。"),
        }
    )
    days = serializers.IntegerField(
        min_value=1,
        max_value=366,
        error_messages={
            "invalid": _("天数应为 1 到 366 之间的整数。"),
            "min_value": _("天数应为 1 到 366 之间的整数。"),
            "max_value": _("天数应为 1 到 366 之间的整数。"),
            "required": _("请提供工作日天数 days。"),
        },
    )

    def validate_start(self, value: dt.date) -> dt.date:
        if not 1900 <= value.year <= 2200:
            raise serializers.ValidationError(_("起算日期超出支持范围。"))
        return value


class HolidaySerializer(serializers.ModelSerializer[Holiday]):
    """A row of the holiday table: one day, overriding that day only (API.md Shared)."""

    # A declared field named "source" (DRF's metaclass collects it), not Field.source
    source = serializers.CharField(  # type: ignore[assignment]
        source="source_notice", max_length=200, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = Holiday
        fields = ["id", "date", "is_workday", "name", "source"]
        # The date's uniqueness is checked by the model on save (a 400 with the field).
        extra_kwargs: dict[str, dict[str, Any]] = {"date": {"validators": []}}


class HolidayYearSerializer(serializers.ModelSerializer[HolidayYear]):
    """A year's holiday notice: `complete: true` makes the year known (API.md Shared)."""

    class Meta:
        model = HolidayYear
        fields = ["id", "year", "source", "complete", "completed_at"]
        read_only_fields = ["completed_at"]
        extra_kwargs: dict[str, dict[str, Any]] = {"year": {"validators": []}}


class TrackStepSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    text = serializers.CharField(
        help_text=gettext_lazy(
            "一句话说明这一步及其日期，如“已受理 2024-03-05，依法应于 2024-05-06 前答复”"
        )
    )
    due = serializers.DateField(allow_null=True)
    calendar_known = serializers.BooleanField(
        help_text=gettext_lazy("false：期限跨越的年份法定节假日安排尚未录入，暂按周末计算")
    )
    calendar_note = serializers.CharField(allow_blank=True)


class TrackAnswerSerializer(serializers.Serializer[Any]):
    """The public tracking answer (API.md: Public tracking); no personal data."""

    kind = serializers.ChoiceField(choices=["petition", "application"])
    status = serializers.CharField()
    status_display = serializers.CharField()
    received_on = serializers.DateField()
    replied_on = serializers.DateField(allow_null=True)
    labels = serializers.DictField(
        child=serializers.CharField(),
        help_text=gettext_lazy("每个字段的中文名称（取自模型的字段名称）"),
    )
    steps = TrackStepSerializer(many=True)
