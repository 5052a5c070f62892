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
                steps=tracking_steps(),
            )
        )


def tracking_steps() -> tuple:
    """The steps a petitioner is told of (信访工作条例 Art 24, 32, 35); the periods are calendar
    days, so they do not depend on the holiday calendar."""
    from huanghe_portal.tracking import Step

    return (
        Step("received_on", _("已收到信访事项"), due="acceptance_due", awaiting=_("告知是否受理")),
        Step("accepted_on", _("已受理"), due="handling_due", awaiting=_("答复")),
        Step("not_accepted_on", _("决定不予受理")),
        Step("extended_on", _("已延长办理期限"), due="handling_due", awaiting=_("答复")),
        Step("replied_on", _("已出具处理意见")),
        Step(
            "review_requested_on", _("已收到复查请求"), due="review_due", awaiting=_("提出复查意见")
        ),
        Step("review_decided_on", _("已提出复查意见")),
        Step("closed_on", _("已办结")),
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
