"""Publishing a decision, and voiding a matter."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import handover, public_cache, timeline
from huanghe_portal.workflow import begin_step

from ..models import Kind, Matter, NormativeDocument
from ._common import OFFICE_ROLES, _invalid, _not_future


def _publication_body(matter: Matter) -> str:
    meeting = matter.meetings.order_by("-held_on", "-pk").first()
    parts = [matter.summary]
    if meeting is not None:
        parts.append(
            _("本事项经%(date)s%(kind)s集体讨论决定。")
            % {"date": meeting.held_on.isoformat(), "kind": meeting.get_meeting_kind_display()}
        )
    for window in matter.comment_windows.all():
        if window.adoption_summary:
            parts.append(_("公众意见采纳情况：%(s)s") % {"s": window.adoption_summary})
    return "\n\n".join(parts)


@transaction.atomic
def publish_matter(
    matter: Matter,
    *,
    actor: auth.User,
    published_on: dt.date | None = None,
    acknowledge: str = "",
) -> Matter:
    """已签发 → 已公布 (决策条例 Art 32): the decision goes to the disclosure catalogue, through
    its personal-data gate: a full ID number refuses the step (409, nothing is published); a
    mobile number or a party's name needs `acknowledge`, the reason, recorded on both sides."""
    matter = begin_step(matter, actor, *OFFICE_ROLES, to=Matter.Status.PUBLISHED)
    published_on = published_on or timezone.localdate()
    _not_future("published_on", published_on)
    if matter.signed_off_on and published_on < matter.signed_off_on:
        _invalid("published_on", _("公布日期不能早于签发日期。"))
    matter.status = Matter.Status.PUBLISHED
    matter.published_on = published_on
    matter.save(update_fields=["status", "published_on", "updated_at"])
    timeline.record(
        matter,
        actor=actor,
        action="published",
        note=_("确认公开的理由：%(r)s") % {"r": acknowledge} if acknowledge else "",
    )
    if handover.is_registered("disclosure_item"):
        document = NormativeDocument.objects.filter(matter=matter).first()
        is_normative = matter.kind == Kind.NORMATIVE_DOCUMENT
        handover.create(
            "disclosure_item",
            source=matter,
            actor=actor,
            title=matter.title,
            summary=matter.summary[:200],
            body=_publication_body(matter),
            category_code="normative_documents" if is_normative else "decisions",
            document_number=document.document_number if document else "",
            generated_on=matter.signed_off_on or published_on,
            acknowledge=acknowledge,
        )
    public_cache.changed("decisions")
    return matter


@transaction.atomic
def void_matter(matter: Matter, *, actor: auth.User, reason: str) -> Matter:
    """A matter entered by mistake is voided with the reason (never deleted)."""
    matter = begin_step(matter, actor, *OFFICE_ROLES, to=Matter.Status.VOIDED)
    if not reason.strip():
        _invalid("reason", _("请填写作废原因。"))
    matter.status = Matter.Status.VOIDED
    matter.void_reason = reason
    matter.save(update_fields=["status", "void_reason", "updated_at"])
    timeline.record(matter, actor=actor, action="voided", note=reason)
    public_cache.changed("decisions")
    return matter
