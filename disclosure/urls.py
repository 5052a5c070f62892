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
    *[
        path(
            f"applications/<int:pk>/{step}/",
            views.application_step,
            {"step": step},
            name=f"application-{step}",
        )
        for step in views.APPLICATION_STEPS
    ],
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
    path("items/<int:pk>/attachments/", views.item_attachment_add, name="item-attachment-add"),
    *[
        path(f"items/<int:pk>/{step}/", views.item_step, {"step": step}, name=f"item-{step}")
        for step in views.ITEM_STEPS
    ],
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
