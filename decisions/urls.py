from django.urls import path

from huanghe_portal import ledger_views

from . import public_views, views

app_name = "decisions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.matter_create, name="matter-create"),
    path("<int:pk>/", views.matter_detail, name="matter-detail"),
    path("<int:pk>/discuss/", views.matter_discuss, name="matter-discuss"),
    path("<int:pk>/attachments/", views.matter_attach, name="matter-attach"),
    path("<int:pk>/windows/<int:window_pk>/adoption/", views.adoption, name="matter-adoption"),
    path("<int:pk>/file.pdf", views.matter_file_pdf, name="matter-file-pdf"),
    path("<int:pk>/<slug:step>/", views.matter_step, name="matter-step"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="meeting-minutes-pdf"),
    path("meetings/<int:pk>/attachments/", views.meeting_attach, name="meeting-attach"),
    path("reviews/", views.review_queue, name="review-queue"),
    path("sign-offs/", views.signoff_queue, name="signoff-queue"),
    path("advisers/", views.AdviserListView.as_view(), name="adviser-list"),
    path("advisers/new/", views.adviser_edit, name="adviser-create"),
    path("advisers/<int:pk>/", views.adviser_edit, name="adviser-edit"),
    path("catalogue/", views.CatalogueListView.as_view(), name="catalogue-list"),
    path("catalogue/new/", views.catalogue_edit, name="catalogue-create"),
    path("catalogue/<int:pk>/", views.catalogue_edit, name="catalogue-edit"),
    path("procedure/", views.procedure_config, name="procedure"),
    path("ledger.xlsx", views.ledger_export, name="ledger-export"),
    path("ledger/import/", ledger_views.ledger_upload, {"key": "decisions"}, name="ledger-import"),
    path("public/drafts/", public_views.public_drafts, name="public-drafts"),
    path("public/drafts/<int:pk>/", public_views.public_draft, name="public-draft"),
]
