"""Staff pages of the disclosure area (thin: selector in, service call, redirect)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_stubs_ext import StrOrPromise

from huanghe_portal import due_dates, notify_applicant, timeline
from huanghe_portal.attachments import attachments_of
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.limits import parse_year
from huanghe_portal.personal_data import personal_value
from huanghe_portal.roles import Role, require_role
from huanghe_portal.versioning import StaleVersion, form_status, once, run_form_service
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import clock, documents, forms, report, selectors, services
from .models import Application, Category, Item

ACTION_LABELS = {
    due_dates.TIMELINE_ACTION: due_dates.TIMELINE_LABEL,
    **notify_applicant.TIMELINE_LABELS,
    "created": gettext_lazy("创建"),
    "updated": gettext_lazy("修改"),
    "reviewed": gettext_lazy("保密和个人信息审查"),
    "published": gettext_lazy("发布"),
    "publish_blocked": gettext_lazy("定时发布未执行"),
    "withdrawn": gettext_lazy("撤回"),
    "validity_changed": gettext_lazy("变更有效性"),
    "received": gettext_lazy("收到申请"),
    "correction_requested": gettext_lazy("发出补正通知"),
    "correction_received": gettext_lazy("收到补正材料"),
    "abandoned": gettext_lazy("视为放弃申请"),
    "abandon_proposed": gettext_lazy("补正期限已过，提示决定是否视为放弃"),
    "abandon_undone": gettext_lazy("撤销视为放弃"),
    "fee_notice": gettext_lazy("发出收费通知"),
    "fee_paid": gettext_lazy("缴纳信息处理费"),
    "consultation_sent": gettext_lazy("征求意见"),
    "consultation_replied": gettext_lazy("收到征求意见回复"),
    "consultation_closed": gettext_lazy("结束征求意见"),
    "extended": gettext_lazy("延期答复"),
    "replied": gettext_lazy("答复"),
    "voided": gettext_lazy("作废"),
    "tracking_code_reissued": gettext_lazy("重新生成查询码"),
    "remedy_added": gettext_lazy("登记复议诉讼"),
    "remedy_concluded": gettext_lazy("复议诉讼结果"),
    "attachment_added": gettext_lazy("上传附件"),
}


STEP_FORMS = {
    "request_correction": forms.CorrectionForm,
    "correction_received": forms.ReceivedOnForm,
    "consult": forms.ConsultForm,
    "consult_replied": forms.ConsultRepliedForm,
    "extend": forms.ExtendForm,
    "reply": forms.ReplyForm,
    "void": forms.VoidForm,
    "remedy": forms.RemedyForm,
    "abandon": forms.AbandonForm,
    "reinstate": forms.ReinstateForm,
    "fee_notice": forms.FeeNoticeForm,
    "fee_paid": forms.FeePaidForm,
}


def _timeline(obj) -> list[SimpleNamespace]:
    """Entries for includes/timeline.html; an entry without an actor (an online submission,
    a scheduled task) names "公众或系统", as the shared include cannot resolve a missing actor."""
    nobody = SimpleNamespace(username=gettext_lazy("公众或系统"), portal_profile=None)
    return [
        SimpleNamespace(
            label=ACTION_LABELS.get(e.action, e.action),
            action=e.action,
            at=e.at,
            actor=e.actor or nobody,
            note=e.note,
            data=e.data,
        )
        for e in timeline.entries_for(obj)
    ]


def _form_errors(form) -> str:
    return "；".join(m for errors in form.errors.values() for m in errors)


def _run_step(
    request: HttpRequest, obj, service: Callable, form_class, done: StrOrPromise,
    rename: dict | None = None
) -> HttpResponse:
    """Validate the step's form, call the service, report the outcome as a message."""
    form = form_class(request.POST, version=getattr(obj, "version", None))
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(obj)
    kwargs = {(rename or {}).get(k, k): v for k, v in form.cleaned_data.items()}
    try:
        once(service, obj)(actor=request.user, **kwargs)
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(obj)


def _step_view(getter: Callable, service: Callable, form_class, done: StrOrPromise) -> Callable:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _run_step(request, getter(request, pk), service, form_class, done)

    view.__name__ = service.__name__
    return view


def _sorted(qs, request: HttpRequest, fields: tuple[str, ...], default: str):
    """`?sort=field` or `?sort=-field` among `fields`; anything else gives `default`."""
    order = request.GET.get("sort", "")
    return qs.order_by(order if order.lstrip("-") in fields else default, "-pk")


def _item(request: StaffRequest, pk: int) -> Item:
    return get_object_or_404(selectors.items_visible_to(request.user), pk=pk)


def _application(request: StaffRequest, pk: int) -> Application:
    return get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)


# --- Catalogue ------------------------------------------------------------------------------


class ItemListView(StaffRequiredMixin, ListView):
    template_name = "disclosure/item_list.html"
    paginate_by = 30

    def get_queryset(self):
        qs = selectors.items_visible_to(self.request.user)
        status = self.request.GET.get("status")
        if status in Item.Status.values:
            qs = qs.filter(status=status)
        category = self.request.GET.get("category", "")
        if category.isdigit():
            qs = qs.filter(category_id=int(category))
        if year := parse_year(self.request.GET.get("year")):
            qs = qs.filter(published_on__year=year)
        qs = selectors.search.filter_items(qs, self.request.GET.get("q", ""))
        return _sorted(qs, self.request, ("title", "generated_on", "published_at"), "-updated_at")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=Item.Status.choices, categories=selectors.categories(), **kwargs
        )


class ItemDetailView(StaffRequiredMixin, DetailView):
    template_name = "disclosure/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return selectors.items_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            timeline=_timeline(self.object),
            attachments=attachments_of(self.object),
            upload_url=reverse("disclosure:item-attachment-add", args=[self.object.pk]),
            review_form=forms.ReviewForm(),
            publish_form=forms.PublishForm(),
            reason_form=forms.ReasonForm(),
            validity_form=forms.ValidityForm(initial={"validity": self.object.validity}),
            **kwargs,
        )


def _item_form_view(request: StaffRequest, item: Item | None) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    form = forms.ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                item = services.create_item(actor=request.user, **form.cleaned_data)
            else:
                item = services.update_item(item, actor=request.user, **form.cleaned_data)
        except StaleVersion as exc:
            form.show_conflict(exc.record)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect(item)
        else:
            messages.success(request, _("已保存。"))
            return redirect(item)
    title = _("新建公开信息") if item is None else _("修改公开信息")
    return render(
        request,
        "disclosure/item_form.html",
        {"form": form, "form_title": title},
        status=form_status(form, invalid=200),
    )


@staff_required
def item_create(request: StaffRequest) -> HttpResponse:
    return _item_form_view(request, None)


@staff_required
def item_edit(request: StaffRequest, pk: int) -> HttpResponse:
    return _item_form_view(request, _item(request, pk))


item_review = _step_view(
    _item, services.review_item, forms.ReviewForm, gettext_lazy("已完成审查。")
)
item_publish = _step_view(
    _item, services.publish_item, forms.PublishForm, gettext_lazy("已发布。")
)
item_withdraw = _step_view(
    _item, services.withdraw_item, forms.ReasonForm, gettext_lazy("已撤回。")
)
item_validity = _step_view(
    _item, services.set_item_validity, forms.ValidityForm, gettext_lazy("已变更有效性。")
)


class CategoryListView(StaffRequiredMixin, ListView):
    template_name = "disclosure/category_list.html"

    def get_queryset(self):
        return Category.objects.select_related("parent")


@staff_required
def category_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    category = get_object_or_404(Category, pk=pk) if pk else Category()
    form = forms.CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid() and run_form_service(
        form, lambda: services.save_category(category, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("已保存。"))
        return redirect("disclosure:category-list")
    return render(
        request,
        "staff/simple_form.html",
        {"form": form, "form_title": _("公开目录分类")},
        status=form_status(form, invalid=200),
    )


# --- Applications ---------------------------------------------------------------------------


class ApplicationListView(StaffRequiredMixin, ListView):
    template_name = "disclosure/application_list.html"
    paginate_by = 30

    def get_queryset(self):
        require_role(self.request.user, *selectors.READERS)
        qs = selectors.filter_applications(
            selectors.applications_visible_to(self.request.user), self.request.GET, self.request.user
        )
        return _sorted(qs, self.request, ("received_on", "reply_due", "replied_on"), "-received_on")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=forms.ApplicationFilterForm(self.request.GET),
            today=timezone.localdate(),
            **kwargs,
        )


index = ApplicationListView.as_view()


class ApplicationDetailView(StaffRequiredMixin, DetailView):
    template_name = "disclosure/application_detail.html"
    context_object_name = "app"

    def get_queryset(self):
        return selectors.applications_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        app, user = self.object, self.request.user
        personal = {
            f: personal_value(user, app, f, kind=f, owner_role=Role.DISCLOSURE_OFFICER)
            for f in ("id_number", "phone")
        }
        return super().get_context_data(
            personal=personal,
            timeline=_timeline(app),
            attachments=attachments_of(app),
            upload_url=reverse("disclosure:application-attachment-add", args=[app.pk]),
            conclude_form=forms.RemedyConcludeForm(auto_id="id_conclude_%s"),
            due=clock.compute_reply_due(app),
            correction_notice_due=clock.correction_notice_due(app.received_on),
            consultations=app.consultations.all(),
            remedies=app.remedies.all(),
            step_forms={
                name: form_class(auto_id=f"id_{name}_%s", version=app.version)
                for name, form_class in STEP_FORMS.items()
            },
            documents=documents.available(app),
            **kwargs,
        )


@staff_required
def application_create(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    form = forms.StaffApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            app = services.submit_application(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已登记，查询码 %(code)s。") % {"code": app.tracking_code})
            return redirect(app)
    return render(
        request, "staff/simple_form.html", {"form": form, "form_title": _("登记政府信息公开申请")}
    )


app_request_correction = _step_view(
    _application,
    services.request_correction,
    forms.CorrectionForm,
    gettext_lazy("已发出补正通知。"),
)
app_correction_received = _step_view(
    _application,
    services.register_correction,
    forms.ReceivedOnForm,
    gettext_lazy("已登记补正，答复期限已重新计算。"),
)
app_consult = _step_view(
    _application, services.start_consultation, forms.ConsultForm, gettext_lazy("已登记征求意见。")
)
app_consult_replied = _step_view(
    _application,
    services.register_consultation_reply,
    forms.ConsultRepliedForm,
    gettext_lazy("已登记征求意见回复。"),
)
app_extend = _step_view(
    _application, services.extend_application, forms.ExtendForm, gettext_lazy("已延期答复。")
)
app_reply = _step_view(
    _application, services.reply_application, forms.ReplyForm, gettext_lazy("已答复。")
)
app_void = _step_view(
    _application, services.void_application, forms.VoidForm, gettext_lazy("已作废。")
)
app_abandon = _step_view(
    _application, services.abandon_application, forms.AbandonForm,
    gettext_lazy("已视为放弃申请。"),
)
app_reinstate = _step_view(
    _application, services.reinstate_application, forms.ReinstateForm,
    gettext_lazy("已撤销视为放弃，申请恢复为待补正。"),
)
app_fee_notice = _step_view(
    _application, services.send_fee_notice, forms.FeeNoticeForm, gettext_lazy("已登记收费通知。")
)
app_fee_paid = _step_view(
    _application, services.register_fee_payment, forms.FeePaidForm, gettext_lazy("已登记缴费。")
)
app_reissue_code = _step_view(
    _application,
    services.reissue_tracking_code,
    forms.EmptyForm,
    gettext_lazy("已重新生成查询码。"),
)


@staff_required
@require_POST
def app_remedy(request: StaffRequest, pk: int) -> HttpResponse:
    app = _application(request, pk)
    return _run_step(request, app, services.add_remedy, forms.RemedyForm, _("已登记。"))


def _attach(request: StaffRequest, record, *, is_public: bool) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    return upload_attachment(request, record, is_public=is_public)


@staff_required
@require_POST
def item_attachment_add(request: StaffRequest, pk: int) -> HttpResponse:
    """Annexes of a catalogue item are public once the item is published."""
    return _attach(request, _item(request, pk), is_public=True)


@staff_required
@require_POST
def app_attachment_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _attach(request, _application(request, pk), is_public=False)


@staff_required
@require_POST
def remedy_conclude(request: StaffRequest, pk: int, remedy_pk: int) -> HttpResponse:
    app = _application(request, pk)
    remedy = get_object_or_404(app.remedies.all(), pk=remedy_pk)
    form = forms.RemedyConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(app)
    try:
        services.conclude_remedy(remedy, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已登记结果。"))
    return redirect(app)


@staff_required
def application_document(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    """The notices as PDFs in the official layout (回执, 补正通知书, 延期答复告知书, 答复书)."""
    app = _application(request, pk)
    if kind not in documents.available(app):
        raise Http404
    pdf = documents.render(app, kind)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{app.pk}.pdf"'
    return response


def _add_rowspans(rows: list[dict]) -> None:
    """The official layout merges 三、本年度办理结果 and （三）…（六） into rowspan labels."""
    for key in ("group", "subgroup"):
        i = 0
        while i < len(rows):
            j = i
            while j < len(rows) and rows[j][key] and rows[j][key] == rows[i][key]:
                j += 1
            span = max(j - i, 1)
            rows[i][f"{key}_span"] = span if rows[i][key] else 0
            for row in rows[i + 1 : i + span]:
                row[f"{key}_span"] = -1  # covered by the row above
            i += span


@staff_required
def report_preview(request: StaffRequest) -> HttpResponse:
    """The annual-report tables of a year, as the reports app will print them."""
    require_role(request.user, *selectors.READERS)
    year = parse_year(request.GET.get("year")) or timezone.localdate().year - 1
    tables = report.annual_tables(year)
    _add_rowspans(tables["section3"]["rows"])
    return render(
        request,
        "disclosure/report_preview.html",
        {"year": year, "tables": tables, "figures": report.figures(year)},
    )
