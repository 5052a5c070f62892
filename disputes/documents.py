"""Documents of a case as a user may see them: parties' personal fields, the 调解协议书 PDF."""

from __future__ import annotations

from django.contrib.auth import models as auth
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from huanghe_portal.pdf import render_pdf
from huanghe_portal.people import display_name
from huanghe_portal.personal_data import personal_value
from huanghe_portal.roles import Role

from .models import Dispute, Party

# A party's personal fields and their masks; on the case page they go through
# huanghe_portal.reveal (masked, one click to reveal for mediators).
PARTY_FIELDS = {"id_number": "id_number", "phone": "phone"}


def personal_fields(user: auth.User, party: Party) -> dict[str, str]:
    """A party's ID number and phone for the documents that need them whole (the agreement,
    the party form): unmasked for mediators and superusers, audited; masked for others."""
    return {
        field: personal_value(user, party, field, kind=kind, owner_role=Role.MEDIATOR)
        for field, kind in PARTY_FIELDS.items()
    }


def party_rows(user: auth.User, dispute: Dispute) -> list[dict]:
    return [{"party": party, **personal_fields(user, party)} for party in dispute.parties.all()]


def agreement_pdf_response(user: auth.User, dispute: Dispute) -> HttpResponse:
    """调解协议书 (调解法 Art 29) of a written agreement, for printing and signing; IDs in full
    for mediators (the agreement itself names the parties), masked for everyone else."""
    if dispute.agreement_form != Dispute.AgreementForm.WRITTEN:
        raise Http404(_("该案件没有书面调解协议。"))
    pdf = render_pdf(
        "disputes/agreement_pdf.html",
        {
            "dispute": dispute,
            "agreement": dispute.agreement,
            "parties": party_rows(user, dispute),
            "mediators": [display_name(u) for u in dispute.mediators.all()],
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"agreement-{dispute.year}-{dispute.sequence}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
