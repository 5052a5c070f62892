from django.urls import path

from huanghe_portal import ledger_views

from . import views

app_name = "disputes"

urlpatterns = [
    path("", views.DisputeListView.as_view(), name="index"),
    path("new/", views.dispute_create, name="dispute-create"),
    path("<int:pk>/", views.dispute_detail, name="dispute-detail"),
    path("<int:pk>/parties/<int:party_id>/", views.party_edit, name="party-edit"),
    path("<int:pk>/attachments/", views.dispute_attachment, name="dispute-attachment"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="dispute-agreement-pdf"),
    *[
        path(f"<int:pk>/{step}/", views.dispute_step, {"step": step}, name=f"dispute-{step}")
        for step in views.STEPS
    ],
    path("ledger.xlsx", views.ledger_export, name="ledger-export"),
    path("ledger/import/", ledger_views.ledger_upload, {"key": "disputes"}, name="ledger-import"),
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/new/", views.committee_edit, name="committee-create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee-detail"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee-edit"),
    path("screening/", views.ScreeningListView.as_view(), name="screening-list"),
    path("screening/new/", views.screening_create, name="screening-create"),
    path("screening/<int:pk>/void/", views.screening_void, name="screening-void"),
]
