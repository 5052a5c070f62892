"""Documents of a case as a user may see them: parties with masking, the 调解协议书 PDF."""

from __future__ import annotations

from django.contrib.auth import models as auth
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from huanghe_portal.pdf import render_pdf
from huanghe_portal.personal_data import mask, personal_value
from huanghe_portal.roles import Role

from . import selectors
from .models import Dispute, Party


def personal_fields(user: auth.User, party: Party, *, reveal: bool) -> dict[str, str]:
    """A party's ID number and phone as the user may see them; unmasked only on request (and
    only for mediators and superusers), each unmasked read audited."""
    values = {}
    for field in ("id_number", "phone"):
        if reveal:
            values[field] = personal_value(user, party, field, kind=field, owner_role=Role.MEDIATOR)
        else:
            values[field] = mask(field, getattr(party, field) or "")
    return values


def party_rows(user: auth.User, dispute: Dispute, *, reveal: bool) -> list[dict]:
    return [
        {"party": party, **personal_fields(user, party, reveal=reveal)}
        for party in dispute.parties.all()
    ]


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
            "parties": party_rows(user, dispute, reveal=True),
            "mediators": [selectors.user_label(u) for u in dispute.mediators.all()],
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"agreement-{dispute.year}-{dispute.sequence}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
