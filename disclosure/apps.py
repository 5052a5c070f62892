from django.apps import AppConfig
from django.db.models import Model
from django.utils.functional import Promise
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
                steps=tracking_steps(Application),
                fields={"correction_due": "correction_deadline"},
            )
        )


def tracking_steps(Application) -> tuple:
    """The steps an applicant is told of (条例 Art 30, 33); the periods are working days."""
    from huanghe_portal.tracking import Step

    def until_reply(done: str, text: str | Promise) -> Step:
        """A step after which the office owes the reply by `reply_due`."""
        return Step(done, text, due="reply_due", awaiting=_("答复"), workdays=True)

    def abandoned(app: Model) -> bool:
        return isinstance(app, Application) and app.status == Application.Status.ABANDONED

    return (
        until_reply("received_on", _("已收到申请")),
        Step(
            "correction_notice_on",
            _("已通知补正"),
            due="correction_deadline",
            awaiting=_("提交补正材料"),
            workdays=True,
        ),
        until_reply("correction_received_on", _("已收到补正材料")),
        until_reply("extension_notice_on", _("已延长答复期限")),
        Step("replied_on", _("已答复")),
        Step("concluded_on", _("逾期未补正，视为放弃申请"), when=abandoned),
    )
