"""Legal advisers and the catalogue of major decisions."""

from __future__ import annotations

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.versioning import save_and_record
from huanghe_portal.workflow import lock

from ..models import DecisionCatalogItem, LegalAdviser
from ._common import OFFICE_ROLES, _invalid


@transaction.atomic
def save_adviser(
    adviser: LegalAdviser, *, actor: auth.User, version: int | None = None, **fields
) -> LegalAdviser:
    """The office records an engaged legal adviser (法律顾问) and the term of the contract; an
    edit is made from the `version` read."""
    require_role(actor, Role.REPORT_OFFICE, Role.LEADER)
    if adviser.pk is not None:
        adviser = lock(adviser)
        fields = {"term_start": adviser.term_start, "term_end": adviser.term_end, **fields}
    if fields["term_end"] < fields["term_start"]:
        _invalid("term_end", _("聘期结束日期不能早于开始日期。"))
    user = fields.get("user")
    if user is not None and not has_role(user, Role.LEGAL_ADVISER):
        _invalid("user", _("关联账号须属于法律顾问角色。"))
    save_and_record(adviser, version, fields, actor=actor)
    return adviser


@transaction.atomic
def void_adviser(adviser: LegalAdviser, *, actor: auth.User, reason: str) -> LegalAdviser:
    require_role(actor, Role.REPORT_OFFICE, Role.LEADER)
    adviser = lock(adviser)
    if adviser.voided:
        raise TransitionNotAllowed(_("该记录已作废。"))
    if not reason.strip():
        _invalid("reason", _("请填写作废原因。"))
    adviser.voided = True
    adviser.void_reason = reason
    adviser.save(update_fields=["voided", "void_reason", "updated_at"])
    timeline.record(adviser, actor=actor, action="voided", note=reason)
    return adviser


@transaction.atomic
def save_catalogue_item(
    item: DecisionCatalogItem, *, actor: auth.User, version: int | None = None, **fields
) -> DecisionCatalogItem:
    """An entry of the year's 重大行政决策事项目录 (决策条例 Art 3 ¶3), agreed by the Party committee;
    an edit is made from the `version` read."""
    require_role(actor, *OFFICE_ROLES)
    if item.pk is not None:
        item = lock(item)
    approved, published = fields.get("approved_by_party_committee_on"), fields.get("published_on")
    if approved and published and published < approved:
        _invalid("published_on", _("目录公布日期不能早于党委同意日期。"))
    save_and_record(item, version, fields, actor=actor)
    return item
