from django.urls import path

from huanghe_portal import ledger_views
from huanghe_portal.public_cache import public_cache

from . import feeds, ledgers, public_views, views

app_name = "disclosure"

urlpatterns = [
    path("", views.index, name="index"),
    path("applications/", views.index, name="application-list"),
    path("applications/new/", views.application_create, name="application-create"),
    path("applications/ledger.xlsx", ledgers.export_view, name="application-ledger-export"),
    path(
        "applications/ledger/import/",
        ledger_views.ledger_upload,
        {"key": "disclosure"},
        name="application-ledger-import",
    ),
    path(
        "applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application-detail"
    ),
    path(
        "applications/<int:pk>/request-correction/",
        views.app_request_correction,
        name="application-request-correction",
    ),
    path(
        "applications/<int:pk>/correction-received/",
        views.app_correction_received,
        name="application-correction-received",
    ),
    path("applications/<int:pk>/consult/", views.app_consult, name="application-consult"),
    path(
        "applications/<int:pk>/consult-replied/",
        views.app_consult_replied,
        name="application-consult-replied",
    ),
    path("applications/<int:pk>/extend/", views.app_extend, name="application-extend"),
    path("applications/<int:pk>/reply/", views.app_reply, name="application-reply"),
    path("applications/<int:pk>/void/", views.app_void, name="application-void"),
    path("applications/<int:pk>/abandon/", views.app_abandon, name="application-abandon"),
    path("applications/<int:pk>/reinstate/", views.app_reinstate, name="application-reinstate"),
    path("applications/<int:pk>/fee-notice/", views.app_fee_notice, name="application-fee-notice"),
    path("applications/<int:pk>/fee-paid/", views.app_fee_paid, name="application-fee-paid"),
    path(
        "applications/<int:pk>/reissue-code/",
        views.app_reissue_code,
        name="application-reissue-code",
    ),
    path("applications/<int:pk>/remedy/", views.app_remedy, name="application-remedy"),
    path(
        "applications/<int:pk>/attachments/",
        views.app_attachment_add,
        name="application-attachment-add",
    ),
    path(
        "applications/<int:pk>/remedies/<int:remedy_pk>/conclude/",
        views.remedy_conclude,
        name="application-remedy-conclude",
    ),
    path(
        "applications/<int:pk>/documents/<str:kind>.pdf",
        views.application_document,
        name="application-document",
    ),
    path("items/", views.ItemListView.as_view(), name="item-list"),
    path("items/new/", views.item_create, name="item-create"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/review/", views.item_review, name="item-review"),
    path("items/<int:pk>/publish/", views.item_publish, name="item-publish"),
    path("items/<int:pk>/withdraw/", views.item_withdraw, name="item-withdraw"),
    path("items/<int:pk>/attachments/", views.item_attachment_add, name="item-attachment-add"),
    path("items/<int:pk>/validity/", views.item_validity, name="item-validity"),
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("categories/new/", views.category_edit, name="category-create"),
    path("categories/<int:pk>/", views.category_edit, name="category-edit"),
    path("report/", views.report_preview, name="report-preview"),
    # Public pages
    path("public/", public_views.catalogue, name="public-catalogue"),
    path("public/category/<slug:code>/", public_views.catalogue, name="public-category"),
    path("public/items/<int:pk>/", public_views.item_detail, name="public-item"),
    path("public/guide/", public_views.guide, name="public-guide"),
    path("public/apply/", public_views.apply, name="public-apply"),
    path("public/feed/", public_cache("disclosure")(feeds.ItemFeed()), name="public-feed"),
    path(
        "public/category/<slug:code>/feed/",
        public_cache("disclosure")(feeds.ItemFeed()),
        name="public-category-feed",
    ),
]
