from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("依法决策")

    def ready(self) -> None:
        from huanghe_portal import visibility

        from . import selectors
        from .models import LegalAdviser, Matter, Meeting

        visibility.register(
            Matter, selectors.matters_visible_to, published=selectors.matters_published
        )
        visibility.register(Meeting, selectors.meetings_visible_to)
        visibility.register(LegalAdviser, selectors.advisers_visible_to)
