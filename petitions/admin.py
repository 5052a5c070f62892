from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DeputySuggestion, Petition, ReceptionDay, ReceptionRecord


@admin.register(Petition)
class PetitionAdmin(SimpleHistoryAdmin):
    """Read-mostly, like its siblings: the status, the number and the encrypted identity fields
    change only through the services (which write the timeline and the personal-data audit)."""

    list_display = ["number", "received_on", "channel", "category", "status", "handling_due"]
    list_filter = ["status", "category", "channel"]
    search_fields = ["number", "summary"]
    date_hierarchy = "received_on"
    show_full_result_count = False
    exclude = ["id_number", "id_number_hash", "phone", "phone_hash", "address"]
    readonly_fields = ["number", "year", "seq", "status"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReceptionDay)
class ReceptionDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "start_time", "end_time", "leader_name", "place", "topic"]
    date_hierarchy = "date"

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


for model in (ReceptionRecord, DeputySuggestion):
    admin.site.register(model, SimpleHistoryAdmin)
