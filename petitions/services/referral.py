"""Referring a petition to people's mediation (and when it must not be)."""

from __future__ import annotations

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import (
    handover,
)
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.workflow import begin_step, require_status

from ..models import Petition
from ._common import CLERK, _today


def explain_referral_refusal(petition: Petition) -> str:
    """Why the petition may not go to mediation, or "" (the step list hides it then too).

    An accusation (检举控告) must not reach the accused (信访工作条例 Art 30 ¶3, Art 46(5)): a
    mediation case would show the accuser's name, ID and phone to every mediator, with the
    accused, often a village cadre, as the respondent."""
    if petition.category == Petition.Category.ACCUSATION:
        return _(
            "检举控告类信访件不得转人民调解：检举人的信息须保密，不得转给被检举人或其他无关人员"
            "（《信访工作条例》第三十条、第四十六条）。"
        )
    return ""


@transaction.atomic
def refer_to_mediation(
    petition: Petition, *, actor: auth.User, respondent_name: str = "", note: str = ""
):
    """Hand a matter for mediation to the disputes area (Art 33; 诉访分离) as a new case."""
    petition = begin_step(petition, actor, *CLERK)
    require_status(
        petition, Petition.Status.REGISTERED, Petition.Status.ACCEPTED, action=_("转人民调解")
    )
    if refusal := explain_referral_refusal(petition):
        raise TransitionNotAllowed(refusal)
    applicant = {"role": "applicant", "kind": "person", "name": petition.petitioner_name}
    if petition.id_number:
        applicant["id_number"] = petition.id_number
    if petition.phone:
        applicant["phone"] = petition.phone
    if petition.address:
        applicant["address"] = petition.address
    parties = [
        applicant,
        {"role": "respondent", "kind": "person", "name": respondent_name.strip() or "待补充"},
    ]
    return handover.create(
        "dispute",
        source=petition,
        actor=actor,
        received_on=_today(),
        source_code="petition_referral",
        summary=note or petition.summary,
        parties=parties,
        village=petition.village,
    )
