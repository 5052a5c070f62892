"""Every write in the petitions area: one function per step (STYLE §3.3)."""

from __future__ import annotations

from huanghe_portal import handover

from .handling import (
    assign_leader,
    classify_petition,
    extend_petition_deadline,
    recompute_due_dates,
    record_review_result,
    record_satisfaction,
    reissue_tracking_code,
    reply_petition,
    request_review,
    void_petition,
)
from .intake import accept_petition, not_accept_petition, register_petition, submit_online_petition
from .reception import add_reception_record, create_reception_day, void_reception_day
from .referral import explain_referral_refusal, refer_to_mediation
from .reminders import REMINDER_DAYS, send_due_reminders
from .suggestions import (
    create_suggestion,
    record_suggestion_feedback,
    reply_suggestion,
    void_suggestion,
)

__all__ = [
    "REMINDER_DAYS",
    "accept_petition",
    "add_reception_record",
    "assign_leader",
    "classify_petition",
    "create_reception_day",
    "create_suggestion",
    "extend_petition_deadline",
    "handover",
    "not_accept_petition",
    "recompute_due_dates",
    "record_review_result",
    "record_satisfaction",
    "record_suggestion_feedback",
    "refer_to_mediation",
    "explain_referral_refusal",
    "register_petition",
    "reissue_tracking_code",
    "reply_petition",
    "reply_suggestion",
    "request_review",
    "send_due_reminders",
    "submit_online_petition",
    "void_petition",
    "void_reception_day",
    "void_suggestion",
]
