from django.urls import path

from huanghe_portal import ledger_views

from . import public_views, views

app_name = "petitions"

urlpatterns = [
    path("", views.PetitionListView.as_view(), name="index"),
    path("new/", views.petition_create, name="petition-create"),
    path("<int:pk>/", views.petition_detail, name="petition-detail"),
    path("<int:pk>/attach/", views.petition_attach, name="petition-attach"),
    path("<int:pk>/notice/<str:kind>/", views.petition_notice, name="petition-notice"),
    *[
        path(
            f"<int:pk>/{step}/",
            views.petition_step,
            {"step": step},
            name=f"petition-{step}",
        )
        for step in views.STEPS
    ],
    path("ledger/export/", views.ledger_export, name="ledger-export"),
    path("ledger/import/", ledger_views.ledger_upload, {"key": "petitions"}, name="ledger-import"),
    path("reception-days/", views.reception_day_list, name="reception-day-list"),
    path("reception-days/new/", views.reception_day_create, name="reception-day-create"),
    path("reception-days/<int:pk>/", views.reception_day_detail, name="reception-day-detail"),
    path("reception-days/<int:pk>/void/", views.reception_day_void, name="reception-day-void"),
    path("suggestions/", views.SuggestionListView.as_view(), name="suggestion-list"),
    path("suggestions/new/", views.suggestion_create, name="suggestion-create"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion-detail"),
    *[
        path(
            f"suggestions/<int:pk>/{step}/",
            views.suggestion_step,
            {"step": step},
            name=f"suggestion-{step}",
        )
        for step in views.SUGGESTION_STEPS
    ],
    path(
        "public/reception-days/", public_views.public_reception_days, name="public-reception-days"
    ),
    path(
        "public/reception-days.ics",
        public_views.public_reception_days_ical,
        name="public-reception-days-ical",
    ),
    path("public/suggestions/", public_views.public_suggestions, name="public-suggestions"),
    path("public/submit/", public_views.public_submit, name="public-submit"),
    path("public/receipt/", public_views.public_receipt, name="public-receipt"),
]
