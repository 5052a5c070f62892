from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("矛盾纠纷调处")

    def ready(self) -> None:
        from huanghe_portal import due_dates, handover, personal_data, visibility

        from . import selectors, services
        from .models import Committee, Dispute, ScreeningRound

        visibility.register(Dispute, selectors.disputes_visible_to)
        visibility.register(Committee, selectors.committees_visible_to)
        visibility.register(ScreeningRound, selectors.screening_rounds_visible_to)
        handover.register("dispute", services.create_dispute_from_handover)
        personal_data.register_party_names("disputes", selectors.private_party_names)
        due_dates.register("disputes", services.recompute_due_dates)
