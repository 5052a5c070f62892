"""依申请公开登记台账: .xlsx export of the applications and import of rows (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from huanghe_portal import ledgers as L
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.forms import AttachmentForm
from huanghe_portal.personal_data import mask
from huanghe_portal.roles import Role, require_role
from huanghe_portal.views import staff_required

from . import selectors, services
from .models import Application

A = Application
COLUMNS = [
    L.Column("查询码", "tracking_code", L.text(20), required=False, width=16),
    L.Column("收到日期", "received_on", L.date, width=12),
    L.Column(
        "申请方式",
        "channel",
        L.choice(A.Channel.choices),
        fmt=L.label_of(A.Channel.choices),
        width=10,
    ),
    L.Column(
        "申请人类型",
        "applicant_kind",
        L.choice(A.ApplicantKind.choices),
        fmt=L.label_of(A.ApplicantKind.choices),
        width=14,
    ),
    L.Column("申请人姓名或名称", "applicant_name", L.text(100), width=18),
    L.Column("联系电话", "phone", L.text(20), width=14),
    L.Column("所需信息的内容描述", "description", L.text(5000), width=40),
    L.Column(
        "获取方式",
        "delivery",
        L.choice(A.Delivery.choices),
        fmt=L.label_of(A.Delivery.choices),
        width=10,
    ),
    L.Column("答复期限", "reply_due", L.date, required=False, width=12),
    L.Column("状态", "status", L.text(), required=False, fmt=L.label_of(A.Status.choices)),
    L.Column("答复日期", "replied_on", L.date, required=False, width=12),
    L.Column(
        "办理结果",
        "outcome",
        L.choice(A.Outcome.choices),
        required=False,
        fmt=L.label_of(A.Outcome.choices),
        width=24,
    ),
    L.Column("信息处理费（元）", "fee_amount", L.money, required=False),
]


def export_rows(qs) -> list[dict]:
    rows = []
    for app in qs:
        row = {c.key: getattr(app, c.key) for c in COLUMNS}
        row["phone"] = mask("phone", app.phone)
        rows.append(row)
    return rows


@transaction.atomic
def import_rows(rows: list[dict], *, actor) -> list[Application]:
    """Register each row through the services; any error rolls every row back."""
    errors, created = [], []
    for row in rows:
        if (
            row.get("tracking_code")
            and A.objects.filter(tracking_code=row["tracking_code"]).exists()
        ):
            continue  # already registered: a re-imported export leaves its records unchanged
        try:
            app = services.submit_application(
                actor=actor,
                applicant_kind=row["applicant_kind"],
                applicant_name=row["applicant_name"],
                phone=row["phone"],
                description=row["description"],
                delivery=row["delivery"],
                received_on=row["received_on"],
                channel=row["channel"],
            )
            if row.get("outcome") and row.get("replied_on"):
                app = services.reply_application(
                    app,
                    actor=actor,
                    replied_on=row["replied_on"],
                    outcome=row["outcome"],
                    fee_amount=row.get("fee_amount"),
                )
            created.append(app)
        except (ValidationError, TransitionNotAllowed) as exc:
            message = "；".join(getattr(exc, "messages", [str(exc)]))
            errors.append(L.LedgerError(row["_row"], "", message))
    if errors:
        raise L.LedgerImportError(errors)
    return created


@staff_required
def export_view(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *selectors.READERS)
    qs = selectors.filter_applications(
        selectors.applications_visible_to(request.user), request.GET, request.user
    ).order_by("received_on", "pk")
    data = L.export_xlsx(COLUMNS, export_rows(qs), title=_("依申请公开登记台账"))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="disclosure-applications.xlsx"'
    return response


@staff_required
def import_view(request: HttpRequest) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = import_rows(
                L.read_table(form.cleaned_data["file"], COLUMNS), actor=request.user
            )
        except L.LedgerImportError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("已导入%(n)s件申请。") % {"n": len(created)})
            return redirect("disclosure:index")
    return render(request, "disclosure/application_import.html", {"form": form, "errors": errors})
