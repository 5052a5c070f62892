from django.urls import URLPattern, path

from . import public_views, views

app_name = "legal_education"


def _step(route: str, noun: str, step: str) -> URLPattern:
    """A step page of one kind of record (views.STEPS), named `<noun>-<step>`."""
    return path(route, views.record_step, {"noun": noun, "step": step}, name=f"{noun}-{step}")


urlpatterns = [
    path("", views.EventListView.as_view(), name="index"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    _step("events/new/", "event", "create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    _step("events/<int:pk>/edit/", "event", "edit"),
    path("events/<int:pk>/photos/", views.event_photo_upload, name="event-photo"),
    path("photos/<int:pk>/thumb/", views.photo_thumb, name="photo-thumb"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultation-list"),
    _step("consultations/new/", "consultation", "create"),
    path(
        "consultations/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="consultation-detail",
    ),
    _step("consultations/<int:pk>/edit/", "consultation", "edit"),
    path("study/", views.StudySessionListView.as_view(), name="study-list"),
    _step("study/new/", "study", "create"),
    path("study/<int:pk>/", views.StudySessionDetailView.as_view(), name="study-detail"),
    _step("study/<int:pk>/edit/", "study", "edit"),
    path("tests/", views.KnowledgeTestListView.as_view(), name="test-list"),
    _step("tests/new/", "test", "create"),
    path("tests/<int:pk>/", views.KnowledgeTestDetailView.as_view(), name="test-detail"),
    path("liaisons/", views.LiaisonListView.as_view(), name="liaison-list"),
    _step("liaisons/new/", "liaison", "create"),
    path("liaisons/<int:pk>/", views.LiaisonDetailView.as_view(), name="liaison-detail"),
    _step("liaisons/<int:pk>/edit/", "liaison", "edit"),
    path("liaisons/<int:pk>/trainings/", views.liaison_training_add, name="liaison-training"),
    path("<str:noun>/<int:pk>/void/", views.record_step, {"step": "void"}, name="record-void"),
    path("ledgers/<str:which>/", views.ledger_page, name="ledger"),
    path("ledgers/<str:which>/import/", views.ledger_import, name="ledger-import"),
    path("public/events/", public_views.events, name="public-events"),
    path("public/events/<int:pk>/", public_views.event_detail, name="public-event-detail"),
    path("public/events.ics", public_views.events_ical, name="public-events-ical"),
    path("public/photos/<int:pk>/thumb/", public_views.photo_thumb, name="public-photo-thumb"),
]
