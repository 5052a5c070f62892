from . import views

PREFIX = "legal-education"


def register(router) -> None:
    router.register(f"{PREFIX}/events", views.EventViewSet, basename="legal-education-event")
    router.register(
        f"{PREFIX}/consultations",
        views.ConsultationViewSet,
        basename="legal-education-consultation",
    )
    router.register(
        f"{PREFIX}/study-sessions",
        views.StudySessionViewSet,
        basename="legal-education-study-session",
    )
    router.register(f"{PREFIX}/tests", views.KnowledgeTestViewSet, basename="legal-education-test")
    router.register(f"{PREFIX}/liaisons", views.LiaisonViewSet, basename="legal-education-liaison")
