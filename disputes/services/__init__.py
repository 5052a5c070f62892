"""Every write of the mediation area: registration with its case number, one function per
workflow step (lock, authorise, check state, write, log), committees and screening rounds."""

from __future__ import annotations

from ._common import check_date, clean_parties, clean_party
from .closing import (
    add_follow_up,
    archive_dispute,
    fail_dispute,
    recompute_due_dates,
    record_judicial_confirmation,
    succeed_dispute,
    void_dispute,
    withdraw_dispute,
)
from .committees import create_screening_round, save_committee, save_member, void_screening_round
from .intake import (
    EDITABLE,
    add_dispute_attachment,
    add_party,
    create_dispute,
    create_dispute_from_handover,
    format_number,
    update_dispute,
    update_party,
)
from .mediation import accept_dispute, add_session, reject_dispute
from .reminders import notify_assigned_mediators, send_overdue_reminders

__all__ = [
    "EDITABLE",
    "accept_dispute",
    "add_dispute_attachment",
    "add_follow_up",
    "add_party",
    "add_session",
    "archive_dispute",
    "check_date",
    "clean_parties",
    "clean_party",
    "create_dispute",
    "create_dispute_from_handover",
    "create_screening_round",
    "fail_dispute",
    "format_number",
    "notify_assigned_mediators",
    "recompute_due_dates",
    "record_judicial_confirmation",
    "reject_dispute",
    "save_committee",
    "save_member",
    "send_overdue_reminders",
    "succeed_dispute",
    "update_dispute",
    "update_party",
    "void_dispute",
    "void_screening_round",
    "withdraw_dispute",
]
