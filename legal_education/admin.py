"""Django admin (superusers only): records are read here; they are written and voided through
the staff pages, so the admin never deletes one (archives are never hard-deleted)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Consultation, Event, KnowledgeTest, LegalLiaison, StudySession


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(NoDeleteAdmin):
    list_display = ["held_on", "title", "kind", "village", "participants", "materials", "status"]
    list_filter = ["kind", "status", "village"]
    search_fields = ["title", "place", "organiser"]
    date_hierarchy = "held_on"


@admin.register(Consultation)
class ConsultationAdmin(NoDeleteAdmin):
    list_display = ["consulted_on", "topic", "answered_by", "outcome", "status"]
    list_filter = ["topic", "outcome", "status"]
    exclude = ["person_name"]  # personal data is read, masked and audited, on the staff pages
    date_hierarchy = "consulted_on"


@admin.register(StudySession)
class StudySessionAdmin(NoDeleteAdmin):
    list_display = ["held_on", "kind", "subject", "status"]
    list_filter = ["kind", "status"]


@admin.register(KnowledgeTest)
class KnowledgeTestAdmin(NoDeleteAdmin):
    list_display = ["held_on", "subject", "max_score", "pass_mark", "status"]


@admin.register(LegalLiaison)
class LegalLiaisonAdmin(NoDeleteAdmin):
    list_display = ["village", "name", "occupation", "status"]
    list_filter = ["village", "status"]
