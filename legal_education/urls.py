from django.urls import path

from . import public_views, views

app_name = "legal_education"

urlpatterns = [
    path("", views.EventListView.as_view(), name="index"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/new/", views.record_create, {"noun": "event"}, name="event-create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/edit/", views.record_edit, {"noun": "event"}, name="event-edit"),
    path("events/<int:pk>/photos/", views.event_photo_upload, name="event-photo"),
    path("photos/<int:pk>/thumb/", views.photo_thumb, name="photo-thumb"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultation-list"),
    path(
        "consultations/new/",
        views.record_create,
        {"noun": "consultation"},
        name="consultation-create",
    ),
    path(
        "consultations/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="consultation-detail",
    ),
    path(
        "consultations/<int:pk>/edit/",
        views.record_edit,
        {"noun": "consultation"},
        name="consultation-edit",
    ),
    path("study/", views.StudySessionListView.as_view(), name="study-list"),
    path("study/new/", views.record_create, {"noun": "study"}, name="study-create"),
    path("study/<int:pk>/", views.StudySessionDetailView.as_view(), name="study-detail"),
    path("study/<int:pk>/edit/", views.record_edit, {"noun": "study"}, name="study-edit"),
    path("tests/", views.KnowledgeTestListView.as_view(), name="test-list"),
    path("tests/new/", views.record_create, {"noun": "test"}, name="test-create"),
    path("tests/<int:pk>/", views.KnowledgeTestDetailView.as_view(), name="test-detail"),
    path("liaisons/", views.LiaisonListView.as_view(), name="liaison-list"),
    path("liaisons/new/", views.record_create, {"noun": "liaison"}, name="liaison-create"),
    path("liaisons/<int:pk>/", views.LiaisonDetailView.as_view(), name="liaison-detail"),
    path("liaisons/<int:pk>/edit/", views.record_edit, {"noun": "liaison"}, name="liaison-edit"),
    path("liaisons/<int:pk>/trainings/", views.liaison_training_add, name="liaison-training"),
    path("<str:noun>/<int:pk>/void/", views.record_void, name="record-void"),
    path("ledgers/<str:which>/", views.ledger_page, name="ledger"),
    path("ledgers/<str:which>/import/", views.ledger_import, name="ledger-import"),
    path("public/events/", public_views.events, name="public-events"),
    path("public/events/<int:pk>/", public_views.event_detail, name="public-event-detail"),
    path("public/events.ics", public_views.events_ical, name="public-events-ical"),
    path("public/photos/<int:pk>/thumb/", public_views.photo_thumb, name="public-photo-thumb"),
]
