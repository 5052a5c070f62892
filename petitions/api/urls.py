from django.urls import path

from . import views


def register(router) -> None:
    router.register("petitions", views.PetitionViewSet, basename="petition")
    router.register("reception-days", views.ReceptionDayViewSet, basename="reception-day")
    router.register(
        "deputy-suggestions", views.DeputySuggestionViewSet, basename="deputy-suggestion"
    )


urlpatterns = [
    path("public/petitions/", views.public_petition_create, name="public-petition-create"),
]
