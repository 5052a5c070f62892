"""The legality review (决策条例 Art 24-27)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import reminders, timeline, workdays
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.people import display_name
from huanghe_portal.roles import Role, has_role
from huanghe_portal.workflow import begin_step, require_transition

from .. import selectors
from ..models import LegalityReview, Matter
from ._common import OFFICE_ROLES, REVIEWER_ROLES, _invalid, _not_before_opening, _not_future


@transaction.atomic
def submit_review(
    matter: Matter, *, actor: auth.User, reviewer: auth.User, submitted_on: dt.date
) -> LegalityReview:
    """Send the draft for legality review (决策条例 Art 25–26): 草案拟订/已审核 → 合法性审核中."""
    matter = begin_step(matter, actor, *OFFICE_ROLES, to=Matter.Status.UNDER_REVIEW)
    if not (reviewer.is_active and has_role(reviewer, *REVIEWER_ROLES)):
        _invalid("reviewer", _("审核人须为法制审核员或法律顾问。"))
    _not_future("submitted_on", submitted_on)
    _not_before_opening(matter, "submitted_on", submitted_on)
    review = LegalityReview.objects.create(
        matter=matter,
        reviewer=reviewer,
        adviser=selectors.adviser_of(reviewer, submitted_on),
        submitted_on=submitted_on,
    )
    matter.status = Matter.Status.UNDER_REVIEW
    matter.current_reviewer = reviewer
    matter.last_result = ""
    matter.save(update_fields=["status", "current_reviewer", "last_result", "updated_at"])
    timeline.record(matter, actor=actor, action="review_submitted", note=display_name(reviewer))
    reminders.remind(  # each submission is a new review: its own reminder
        reviewer,
        key=f"decision_review_{review.pk}",
        record=matter,
        url=matter.get_absolute_url(),
        message=_("请对“%(t)s”进行合法性审核。") % {"t": matter.title},
    )
    return review


@transaction.atomic
def conclude_review(
    matter: Matter,
    *,
    actor: auth.User,
    concluded_on: dt.date,
    result: str,
    opinion: str,
    changes: str = "",
    reviewer_qualification: str = "",
) -> LegalityReview:
    """合法性审核中 → 已审核: the assigned reviewer, or any legal reviewer (司法所), concludes
    once (决策条例 Art 28). Under 7 working days is allowed but flagged (Art 26 "一般")."""
    matter = begin_step(matter, actor, *REVIEWER_ROLES)
    review = matter.reviews.select_for_update().order_by("-pk").first()
    if (
        review is not None
        and review.reviewer_id != actor.pk
        and not has_role(actor, Role.LEGAL_REVIEWER)
    ):
        raise PermissionDenied(_("只有被指定的审核人或法制审核员可以出具审核结论。"))
    if review is not None and review.concluded_on is not None:
        raise TransitionNotAllowed(
            _("该合法性审核已于%(d)s出具结论，不能再次出具。")
            % {"d": review.concluded_on.isoformat()}
        )
    require_transition(matter, Matter.Status.REVIEWED)
    if result not in LegalityReview.Result.values:
        _invalid("result", _("审核结论应为：合法、修改后合法、不合法或明示法律风险。"))
    if result == LegalityReview.Result.RISK_STATED and not selectors.risk_may_be_stated(matter):
        _invalid(
            "result",
            _("只有载明法律风险说明的探索性改革事项，才能出具“明示法律风险”的审核结论。"),
        )
    _not_future("concluded_on", concluded_on)
    assert review is not None, "a matter under review has its review (submit_review)"
    if concluded_on < review.submitted_on:
        _invalid("concluded_on", _("审核完成日期不能早于送审日期。"))
    if not opinion.strip():
        _invalid("opinion", _("请填写审核意见。"))
    if result == LegalityReview.Result.LAWFUL_AFTER_CHANGES and not changes.strip():
        _invalid("changes", _("修改后合法的，须记录所作修改。"))
    review.concluded_on = concluded_on
    review.result = result
    review.opinion = opinion
    review.changes = changes
    review.reviewer_qualification = reviewer_qualification
    review.workdays_taken = min(workdays.workdays_between(review.submitted_on, concluded_on), 999)
    review.save()
    matter.status = Matter.Status.REVIEWED
    matter.last_result = result
    matter.save(update_fields=["status", "last_result", "updated_at"])
    note = str(LegalityReview.Result(result).label)
    if review.short_warning:
        note += _("（审核用时%(n)s个工作日，少于7个工作日）") % {"n": review.workdays_taken}
    timeline.record(matter, actor=actor, action="review_concluded", note=note)
    return review
