from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ManualFigure, RenderJob, Report


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "kind", "version", "status"]
    list_filter = ["kind", "status", "year"]
    readonly_fields = ["figures", "tables", "status"]


admin.site.register(ManualFigure, SimpleHistoryAdmin)
admin.site.register(RenderJob, SimpleHistoryAdmin)
