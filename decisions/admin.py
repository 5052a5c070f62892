from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DecisionCatalogItem,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    ProcedureRequirement,
)


@admin.register(Matter)
class MatterAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "opened_on"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "sponsor_unit"]
    readonly_fields = ["status"]  # changed only by the services

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


for model in (DecisionCatalogItem, LegalAdviser, LegalityReview, Meeting, ProcedureRequirement):
    admin.site.register(model, SimpleHistoryAdmin)
