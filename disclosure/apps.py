from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政府信息公开")

    def ready(self) -> None:
        from huanghe_portal import handover, tracking, visibility

        from . import selectors, services
        from .models import Application, Item

        visibility.register(Item, selectors.items_visible_to, published=selectors.items_published)
        visibility.register(Application, selectors.applications_visible_to)
        handover.register("disclosure_item", services.create_item_from_handover)
        tracking.register(
            tracking.Tracker(
                kind="application",
                find=selectors.application_by_code,
                describe=describe_for_tracking,
                phone_of=lambda app: app.phone,
            )
        )


def describe_for_tracking(app) -> dict:
    """What the public tracking page shows: status and dates, no personal data."""
    return {
        "status": app.status,
        "status_display": str(app.get_status_display()),
        "received_on": app.received_on.isoformat(),
        "reply_due": app.reply_due.isoformat(),
        "correction_deadline": (
            app.correction_deadline.isoformat()
            if app.status == app.Status.CORRECTION_REQUESTED
            else None
        ),
        "replied_on": app.replied_on.isoformat() if app.replied_on else None,
        "outcome": app.outcome or None,
        "outcome_display": str(app.get_outcome_display()) if app.outcome else None,
    }
