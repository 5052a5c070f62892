"""The written notices 信访工作条例 requires, rendered from the record in the official layout."""

from __future__ import annotations

from huanghe_portal.pdf import render_pdf

from .models import Petition

TEMPLATES = {
    "acceptance": "petitions/pdf/acceptance_notice.html",  # 受理告知书, Art 23
    "non_acceptance": "petitions/pdf/non_acceptance_notice.html",  # 不予受理告知书, Art 23
    "extension": "petitions/pdf/extension_notice.html",  # 延期告知书, Art 34
    "opinion": "petitions/pdf/handling_opinion.html",  # 信访处理意见书, Art 32
}


def available(petition: Petition) -> list[str]:
    """The notices the record's dates allow."""
    kinds = []
    if petition.accepted_on:
        kinds.append("acceptance")
    if petition.not_accepted_on:
        kinds.append("non_acceptance")
    if petition.extended_on:
        kinds.append("extension")
    if petition.replied_on:
        kinds.append("opinion")
    return kinds


def render(petition: Petition, kind: str) -> bytes:
    return render_pdf(TEMPLATES[kind], {"petition": petition})
