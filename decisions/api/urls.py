from django.urls import path

from . import views


def register(router) -> None:
    router.register("decisions", views.MatterViewSet, basename="decision")
    router.register("legal-advisers", views.LegalAdviserViewSet, basename="legal-adviser")


urlpatterns = [
    path("public/decisions/drafts/", views.public_drafts, name="public-decision-drafts"),
    path(
        "public/decisions/drafts/<int:pk>/comments/",
        views.public_comment_create,
        name="public-decision-comment",
    ),
]
