from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    AccountAudit,
    CalendarChange,
    Holiday,
    HolidayYear,
    PersonalDataAccess,
    StaffProfile,
    TimelineEntry,
    Township,
    Village,
)
from .roles import signed_in


@admin.register(Township)
class TownshipAdmin(SimpleHistoryAdmin):
    list_display = ["government_name", "county", "doc_prefix"]


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "is_active"]
    search_fields = ["name", "code"]


class ReadOnlyMixin:
    """Readable in admin, never added, changed or deleted there (the services write these)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Holiday)
class HolidayAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """Read here; entered on the staff holiday pages, whose service recomputes due dates."""

    list_display = ["date", "name", "is_workday", "source_notice"]
    list_filter = ["is_workday"]


@admin.register(HolidayYear)
class HolidayYearAdmin(HolidayAdmin):
    list_display = ["year", "source", "complete", "completed_at"]
    list_filter = ["complete"]


@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "full_name", "title", "must_change_password"]


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin[Any]):
    """Audit tables: readable, never editable or deletable."""


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "content_type", "object_id", "action", "actor"]
    list_filter = ["content_type", "action"]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "content_type", "object_id", "field"]
    list_filter = ["content_type", "field"]


@admin.register(AccountAudit)
class AccountAuditAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "target", "action"]
    list_filter = ["action"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin[auth.User]):
    """Django's user admin, with every change written to the account audit as the portal's own
    account pages do (superusers only reach it)."""

    def save_model(self, request: HttpRequest, obj: auth.User, form: Any, change: bool) -> None:
        before = services.account_snapshot(User.objects.get(pk=obj.pk)) if change else None
        setattr(request, "_account_before", before)  # noqa: B010 (read by save_related below)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.record_admin_account_change(
            form.instance,
            actor=signed_in(request.user),
            before=getattr(request, "_account_before", None),
        )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if (
            request.method == "POST"
            and response.status_code == 302
            and response["Location"] != request.get_full_path()
        ):
            services.record_admin_account_change(
                User.objects.get(pk=id),
                actor=signed_in(request.user),
                before=None,
                password_set=True,
            )
        return response


@admin.register(CalendarChange)
class CalendarChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "reason", "moved", "finished_at"]
