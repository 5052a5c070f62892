from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalEducationConfig(AppConfig):
    name = "legal_education"
    verbose_name = _("普法宣传")

    def ready(self) -> None:
        from huanghe_portal import visibility
        from huanghe_portal.roles import Role

        from . import selectors
        from .models import Consultation, Event, KnowledgeTest, LegalLiaison, StudySession

        visibility.register(
            Event, selectors.events_visible_to, published=selectors.events_published
        )
        visibility.register(
            Consultation, selectors.consultations_visible_to, personal_data_owner=Role.EDUCATOR
        )
        visibility.register(StudySession, selectors.study_sessions_visible_to)
        visibility.register(KnowledgeTest, selectors.tests_visible_to)
        visibility.register(LegalLiaison, selectors.liaisons_visible_to)
