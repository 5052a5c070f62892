"""Every write of the decisions area: one function per procedure step, each locking the matter,
checking the role, the state and the statutory gates, writing, and recording the timeline."""

from __future__ import annotations

from ._common import OFFICE_ROLES, REVIEWER_ROLES
from .advisers import save_adviser, save_catalogue_item, void_adviser
from .after_decision import record_evaluation, register_document, repeal_document
from .discussion import departs_from_majority, discuss_matter, sign_off_matter
from .procedure import (
    change_opened_on,
    create_matter,
    open_comment_window,
    record_expert_review,
    record_hearing,
    record_risk_assessment,
    set_required_steps,
    submit_public_comment,
    summarise_adoption,
)
from .publication import publish_matter, void_matter
from .review import conclude_review, submit_review

__all__ = [
    "OFFICE_ROLES",
    "REVIEWER_ROLES",
    "change_opened_on",
    "conclude_review",
    "create_matter",
    "departs_from_majority",
    "discuss_matter",
    "open_comment_window",
    "publish_matter",
    "record_evaluation",
    "record_expert_review",
    "record_hearing",
    "record_risk_assessment",
    "register_document",
    "repeal_document",
    "save_adviser",
    "save_catalogue_item",
    "set_required_steps",
    "sign_off_matter",
    "submit_public_comment",
    "submit_review",
    "summarise_adoption",
    "void_adviser",
    "void_matter",
]
