"""Every write of the disclosure area: catalogue items and applications, one function per step."""

from __future__ import annotations

from .applications import (
    abandon_application,
    propose_abandonment,
    recompute_due_dates,
    register_correction,
    reinstate_application,
    request_correction,
    submit_application,
)
from .catalogue import (
    create_item,
    create_item_from_handover,
    publish_item,
    publish_scheduled_items,
    review_item,
    save_category,
    set_item_validity,
    update_item,
    withdraw_item,
)
from .remedies import add_remedy, conclude_remedy
from .reminders import send_due_reminders
from .replies import (
    extend_application,
    register_consultation_reply,
    register_fee_payment,
    reissue_tracking_code,
    reply_application,
    send_fee_notice,
    start_consultation,
    void_application,
)

__all__ = [
    "abandon_application",
    "add_remedy",
    "conclude_remedy",
    "create_item",
    "create_item_from_handover",
    "extend_application",
    "propose_abandonment",
    "publish_item",
    "publish_scheduled_items",
    "recompute_due_dates",
    "register_consultation_reply",
    "register_correction",
    "register_fee_payment",
    "reinstate_application",
    "reissue_tracking_code",
    "reply_application",
    "request_correction",
    "review_item",
    "save_category",
    "send_due_reminders",
    "send_fee_notice",
    "set_item_validity",
    "start_consultation",
    "submit_application",
    "update_item",
    "void_application",
    "withdraw_item",
]
