from django.urls import path

from . import views

urlpatterns = [
    path(
        "disclosure/annual-tables/<int:year>/",
        views.annual_tables_view,
        name="disclosure-annual-tables",
    ),
]


def register(router) -> None:
    router.register("disclosure/categories", views.CategoryViewSet, basename="disclosure-category")
    router.register("disclosure/items", views.ItemViewSet, basename="disclosure-item")
    router.register(
        "disclosure/applications", views.ApplicationViewSet, basename="disclosure-application"
    )
