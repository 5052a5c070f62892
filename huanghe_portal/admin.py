from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CalendarChange,
    Holiday,
    HolidayYear,
    PersonalDataAccess,
    StaffProfile,
    TimelineEntry,
    Township,
    Village,
)


@admin.register(Township)
class TownshipAdmin(SimpleHistoryAdmin):
    list_display = ["government_name", "county", "doc_prefix"]


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    """Read here; entered on the staff holiday pages, whose service recomputes due dates."""

    list_display = ["date", "name", "is_workday", "source_notice"]
    list_filter = ["is_workday"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HolidayYear)
class HolidayYearAdmin(HolidayAdmin):
    list_display = ["year", "source", "complete", "completed_at"]
    list_filter = ["complete"]




@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "full_name", "title", "must_change_password"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit tables: readable, never editable or deletable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "content_type", "object_id", "action", "actor"]
    list_filter = ["content_type", "action"]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "content_type", "object_id", "field"]
    list_filter = ["content_type", "field"]


@admin.register(CalendarChange)
class CalendarChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "reason", "moved", "finished_at"]
