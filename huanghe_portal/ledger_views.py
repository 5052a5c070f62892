"""The one import flow of every ledger (issue 17 point 5): upload → preview of the rows and
their errors, nothing written → confirm → the import runs (in the background for a large file)
while the page shows its progress. Plus each ledger's template and the reason asked before an
unmasked export (issue 17 point 9)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import ledgers, selectors, services
from .exceptions import TransitionNotAllowed
from .forms import ExportReasonForm, LedgerUploadForm
from .models import LedgerImport
from .views import StaffRequest, staff_required

PREVIEW_ROWS = 200  # rows shown on the preview page; errors are listed in full


def _ledger(key: str) -> ledgers.Ledger:
    try:
        return ledgers.get_ledger(key)
    except KeyError:
        raise Http404 from None


@staff_required
def ledger_upload(request: StaffRequest, key: str) -> HttpResponse:
    """Step 1: choose the file. Mounted by each area under its own URL (e.g. disputes:ledger-import)."""
    ledger = _ledger(key)
    if not ledger.may_import(request.user):
        raise PermissionDenied(_("您没有导入此台账的权限。"))
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    errors: list[ledgers.LedgerError] = []
    if request.method == "POST" and form.is_valid():
        try:
            job = services.upload_ledger(key, form.cleaned_data["file"], actor=request.user)
        except ledgers.LedgerImportError as exc:
            errors = exc.errors
        else:
            return redirect("ledger-import", pk=job.pk)
    return render(
        request,
        "ledgers/import_upload.html",
        {"form": form, "errors": errors, "ledger": ledger},
        status=400 if errors else 200,
    )


@staff_required
def ledger_import(request: StaffRequest, pk: int) -> HttpResponse:
    """Step 2 (preview, before confirming) and step 3 (progress, then the outcome)."""
    job = get_object_or_404(selectors.ledger_imports_visible_to(request.user), pk=pk)
    ledger = _ledger(job.ledger)
    context = {"job": job, "ledger": ledger, "done_url": reverse(ledger.done_url)}
    if job.status == LedgerImport.Status.UPLOADED:
        table = services.ledger_import_table(job)
        flagged = {e.row for e in table.errors}
        context.update(
            columns=ledger.columns(),
            errors=table.errors,
            rows=[
                (n, cells, n in flagged) for n, cells in list(table.cells.items())[:PREVIEW_ROWS]
            ],
            hidden_rows=max(len(table.cells) - PREVIEW_ROWS, 0),
            header_row=table.header_row,
        )
    return render(request, "ledgers/import_detail.html", context)


@staff_required
@require_POST
def ledger_import_confirm(request: StaffRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(selectors.ledger_imports_visible_to(request.user), pk=pk)
    try:
        services.confirm_ledger_import(job, actor=request.user)
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc))
    return redirect("ledger-import", pk=job.pk)


@staff_required
def ledger_import_status(request: StaffRequest, pk: int) -> JsonResponse:
    """The progress page polls this while the import is queued or running."""
    job = get_object_or_404(selectors.ledger_imports_visible_to(request.user), pk=pk)
    done = job.total_rows if job.status == LedgerImport.Status.DONE else ledgers.progress_of(job.pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_display": job.get_status_display(),
            "rows_done": min(done, job.total_rows),
            "total_rows": job.total_rows,
            "created": job.created_count,
            "skipped": job.skipped_count,
            "errors": job.errors[:100],
        }
    )


@staff_required
def ledger_template(request: StaffRequest, key: str) -> HttpResponse:
    """An empty ledger with its title row, header row and one fictional example row."""
    ledger = _ledger(key)
    if not ledger.may_import(request.user):
        raise PermissionDenied(_("您没有导入此台账的权限。"))
    response = HttpResponse(ledger.template(), content_type=ledgers.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{key}-template.xlsx"'
    return response


def export_with_reason(
    request: HttpRequest,
    *,
    title: str,
    identities: int,
    unmasked: bool,
    download: Callable[[str], HttpResponse],
) -> HttpResponse:
    """An unmasked export asks for a reason first and says how many people's identities the file
    will hold; the reason goes into the personal-data audit (`download(reason)` writes it).
    A masked export downloads at once."""
    if not unmasked:
        return download("")
    form = ExportReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return download(form.cleaned_data["reason"])
    return render(
        request,
        "ledgers/export_reason.html",
        {"form": form, "title": title, "identities": identities},
        status=400 if form.errors else 200,
    )
