from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("信访与领导接访")

    def ready(self) -> None:
        from huanghe_portal import due_dates, personal_data, tracking, visibility
        from huanghe_portal.roles import Role

        from . import selectors, services
        from .models import DeputySuggestion, Petition, ReceptionDay

        personal_data.register_party_names("petitions", selectors.petitioner_names)
        due_dates.register("petitions", services.recompute_due_dates)
        visibility.register(
            Petition,
            selectors.petitions_visible_to,
            published=selectors.petitions_published,
            personal_data_owner=Role.PETITION_CLERK,
        )
        visibility.register(
            ReceptionDay,
            selectors.reception_days_visible_to,
            published=selectors.reception_days_published,
        )
        visibility.register(
            DeputySuggestion,
            selectors.suggestions_visible_to,
            published=selectors.suggestions_published,
        )
        tracking.register(
            tracking.Tracker(
                kind="petition",
                find=selectors.petition_by_tracking_code,
                describe=describe_for_tracking,
                phone_of=lambda p: p.phone,
            )
        )


def describe_for_tracking(petition) -> dict:
    """Status and dates only: the public tracking answer carries no personal data."""
    return {
        "status": petition.status,
        "status_display": str(petition.get_status_display()),
        "received_on": petition.received_on.isoformat(),
        "acceptance_due": petition.acceptance_due.isoformat(),
        "handling_due": petition.handling_due.isoformat() if petition.handling_due else None,
        "review_due": petition.review_due.isoformat() if petition.review_due else None,
        # The petitioner's own last day to ask for 复查 (rolled off holidays and weekends).
        "review_request_due": (
            petition.review_request_due.isoformat() if petition.review_request_due else None
        ),
        "replied_on": petition.replied_on.isoformat() if petition.replied_on else None,
    }
