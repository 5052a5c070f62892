from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Committee, CommitteeMember, Dispute, Party, ScreeningRound


class PartyInline(admin.TabularInline):
    model = Party
    fields = ["role", "kind", "name", "address"]
    extra = 0
    can_delete = False


@admin.register(Dispute)
class DisputeAdmin(SimpleHistoryAdmin):
    list_display = [
        "number",
        "received_on",
        "category",
        "village",
        "party_names",
        "status",
        "mediation_due",
    ]
    list_filter = ["status", "category", "village"]
    list_select_related = ["village"]
    search_fields = ["number", "party_names", "summary"]
    date_hierarchy = "received_on"
    show_full_result_count = False
    readonly_fields = ["number", "status", "party_names"]
    inlines = [PartyInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    can_delete = False


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "village", "term_end"]
    inlines = [MemberInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScreeningRound)
class ScreeningRoundAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "committee", "disputes_found", "disputes_prevented", "voided"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
