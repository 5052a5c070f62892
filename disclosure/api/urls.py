from . import views


def register(router) -> None:
    router.register("disclosure/categories", views.CategoryViewSet, basename="disclosure-category")
    router.register("disclosure/items", views.ItemViewSet, basename="disclosure-item")
    router.register(
        "disclosure/applications", views.ApplicationViewSet, basename="disclosure-application"
    )
