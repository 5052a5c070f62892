from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政府信息公开")

    def ready(self) -> None:
        from huanghe_portal import due_dates, handover, tracking, visibility
        from huanghe_portal.roles import Role

        from . import selectors, services
        from .models import Application, Item

        visibility.register(Item, selectors.items_visible_to, published=selectors.items_published)
        visibility.register(
            Application,
            selectors.applications_visible_to,
            personal_data_owner=Role.DISCLOSURE_OFFICER,
        )
        handover.register("disclosure_item", services.create_item_from_handover)
        due_dates.register("disclosure", services.recompute_due_dates)
        tracking.register(
            tracking.Tracker(
                kind="application",
                find=selectors.application_by_code,
                describe=selectors.application_for_tracking,
                phone_of=lambda app: app.phone,
            )
        )
