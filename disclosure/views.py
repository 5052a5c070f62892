"""Staff pages of the disclosure area (thin: selector in, service call, redirect)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from huanghe_portal import reveal, timeline
from huanghe_portal.attachments import attachments_of
from huanghe_portal.limits import parse_year
from huanghe_portal.roles import Role, require_role
from huanghe_portal.steps import Step, Steps, form_page, inline_forms, step_page, void_step
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import clock, documents, forms, report, selectors, services
from .models import Application, Category, Item


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
            timeline=timeline.labelled(self.object),
            attachments=attachments_of(self.object),
            upload_url=reverse("disclosure:item-attachment-add", args=[self.object.pk]),
            offered=inline_forms(ITEM_STEPS, self.request.user, self.object),
            **kwargs,
        )


def _item_form_view(request: StaffRequest, item: Item | None) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    form = forms.ItemForm(request.POST or None, instance=item)

    def save() -> Item:
        if item is None:
            return services.create_item(actor=request.user, **form.cleaned_data)
        return services.update_item(item, actor=request.user, **form.cleaned_data)

    return form_page(
        request,
        form,
        save,
        done=_("已保存。"),
        template="disclosure/item_form.html",
        context={"form_title": _("新建公开信息") if item is None else _("修改公开信息")},
        invalid=200,
    )


@staff_required
def item_create(request: StaffRequest) -> HttpResponse:
    return _item_form_view(request, None)


@staff_required
def item_edit(request: StaffRequest, pk: int) -> HttpResponse:
    return _item_form_view(request, _item(request, pk))


OFFICER = (Role.DISCLOSURE_OFFICER,)
IS = Item.Status
AS = Application.Status

ITEM_STEPS = Steps(
    "disclosure:item-{slug}",
    [
        Step(
            "review",
            forms.ReviewForm,
            services.review_item,
            gettext_lazy("审查通过"),
            gettext_lazy("已完成审查。"),
            OFFICER,
            target=IS.REVIEWED,
        ),
        Step(
            "publish",
            forms.PublishForm,
            services.publish_item,
            gettext_lazy("发布"),
            gettext_lazy("已发布。"),
            OFFICER,
            target=IS.PUBLISHED,
        ),
        Step(
            "validity",
            forms.ValidityForm,
            services.set_item_validity,
            gettext_lazy("变更有效性"),
            gettext_lazy("已变更有效性。"),
            OFFICER,
            states=(IS.PUBLISHED,),
            initial=lambda item: {"validity": item.validity},
        ),
        Step(
            "withdraw",
            forms.ReasonForm,
            services.withdraw_item,
            gettext_lazy("撤回"),
            gettext_lazy("已撤回。"),
            OFFICER,
            target=IS.WITHDRAWN,
        ),
    ],
    context_name="item",
)


@staff_required
def item_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    return step_page(request, ITEM_STEPS, _item(request, pk), step)


class CategoryListView(StaffRequiredMixin, ListView):
    template_name = "disclosure/category_list.html"

    def get_queryset(self):
        return Category.objects.select_related("parent")


@staff_required
def category_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    category = get_object_or_404(Category, pk=pk) if pk else Category()
    form = forms.CategoryForm(request.POST or None, instance=category)
    return form_page(
        request,
        form,
        lambda: services.save_category(category, actor=request.user, **form.cleaned_data),
        done=_("已保存。"),
        then="disclosure:category-list",
        template="staff/simple_form.html",
        context={"form_title": _("公开目录分类")},
        invalid=200,
    )


# --- Applications ---------------------------------------------------------------------------


class ApplicationListView(StaffRequiredMixin, ListView):
    template_name = "disclosure/application_list.html"
    paginate_by = 30

    def get_queryset(self):
        require_role(self.request.user, *selectors.READERS)
        qs = selectors.filter_applications(
            selectors.applications_visible_to(self.request.user),
            self.request.GET,
            self.request.user,
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
        personal = reveal.values(
            self.request,
            app,
            {"id_number": "id_number", "phone": "phone"},
            owner_role=Role.DISCLOSURE_OFFICER,
        )
        return super().get_context_data(
            personal=personal,
            timeline=timeline.labelled(app),
            attachments=attachments_of(app),
            upload_url=reverse("disclosure:application-attachment-add", args=[app.pk]),
            conclude_form=forms.RemedyConcludeForm(auto_id="id_conclude_%s"),
            due=clock.compute_reply_due(app),
            correction_notice_due=clock.correction_notice_due(app.received_on),
            consultations=app.consultations.all(),
            remedies=app.remedies.all(),
            offered=inline_forms(APPLICATION_STEPS, user, app),
            documents=documents.available(app),
            **kwargs,
        )


@staff_required
def application_create(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.DISCLOSURE_OFFICER)
    form = forms.StaffApplicationForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.submit_application(actor=request.user, **form.cleaned_data),
        done=lambda app: _("已登记，查询码 %(code)s。") % {"code": app.tracking_code},
        template="staff/simple_form.html",
        context={"form_title": _("登记政府信息公开申请")},
        invalid=200,
    )


APPLICATION_STEPS = Steps(
    "disclosure:application-{slug}",
    [
        Step(
            "request-correction",
            forms.CorrectionForm,
            services.request_correction,
            gettext_lazy("发出补正通知"),
            gettext_lazy("已发出补正通知。"),
            OFFICER,
            target=AS.CORRECTION_REQUESTED,
            when=lambda app: not app.correction_notice_on,
            states=(AS.RECEIVED,),
        ),
        Step(
            "correction-received",
            forms.ReceivedOnForm,
            services.register_correction,
            gettext_lazy("登记补正材料"),
            gettext_lazy("已登记补正，答复期限已重新计算。"),
            OFFICER,
            states=(AS.CORRECTION_REQUESTED,),
        ),
        Step(
            "consult",
            forms.ConsultForm,
            services.start_consultation,
            gettext_lazy("征求第三方或其他机关意见"),
            gettext_lazy("已登记征求意见。"),
            OFFICER,
            target=AS.CONSULTING,
        ),
        Step(
            "consult-replied",
            forms.ConsultRepliedForm,
            services.register_consultation_reply,
            gettext_lazy("登记征求意见回复"),
            gettext_lazy("已登记征求意见回复。"),
            OFFICER,
            target=AS.IN_PROGRESS,
            states=(AS.CONSULTING,),
        ),
        Step(
            "extend",
            forms.ExtendForm,
            services.extend_application,
            gettext_lazy("延期答复"),
            gettext_lazy("已延期答复。"),
            OFFICER,
            states=Application.HANDLING,
            when=lambda app: not app.extension_days,
        ),
        Step(
            "reply",
            forms.ReplyForm,
            services.reply_application,
            gettext_lazy("答复"),
            gettext_lazy("已答复。"),
            OFFICER,
            target=AS.REPLIED,
        ),
        Step(
            "fee-notice",
            forms.FeeNoticeForm,
            services.send_fee_notice,
            gettext_lazy("发出收费通知"),
            gettext_lazy("已登记收费通知。"),
            OFFICER,
            states=Application.HANDLING,
            when=lambda app: not app.fee_notice_on,
        ),
        Step(
            "fee-paid",
            forms.FeePaidForm,
            services.register_fee_payment,
            gettext_lazy("登记缴费"),
            gettext_lazy("已登记缴费。"),
            OFFICER,
            states=Application.HANDLING,
            when=lambda app: bool(app.fee_notice_on) and not app.fee_paid_on,
        ),
        Step(
            "abandon",
            forms.AbandonForm,
            services.abandon_application,
            gettext_lazy("决定视为放弃申请"),
            gettext_lazy("已视为放弃申请。"),
            OFFICER,
            target=AS.ABANDONED,
            when=lambda app: bool(app.abandon_proposed_on),
        ),
        Step(
            "reinstate",
            forms.ReinstateForm,
            services.reinstate_application,
            gettext_lazy("撤销视为放弃"),
            gettext_lazy("已撤销视为放弃，申请恢复为待补正。"),
            OFFICER,
            target=AS.CORRECTION_REQUESTED,
            states=(AS.ABANDONED,),
        ),
        Step(
            "remedy",
            forms.RemedyForm,
            services.add_remedy,
            gettext_lazy("登记行政复议或行政诉讼"),
            gettext_lazy("已登记。"),
            OFFICER,
            states=Application.CONCLUDED,
        ),
        Step(
            "reissue-code",
            forms.EmptyForm,
            services.reissue_tracking_code,
            gettext_lazy("重新生成查询码（回执遗失）"),
            gettext_lazy("已重新生成查询码。"),
            OFFICER,
            style="btn-outline-secondary",
        ),
        Step(
            "remedy-conclude",
            forms.RemedyConcludeForm,
            services.conclude_remedy,
            gettext_lazy("登记结果"),
            gettext_lazy("已登记结果。"),
            OFFICER,
            button=False,
            url_name="disclosure:application-remedy-conclude",
        ),
        void_step(services.void_application, OFFICER, target=AS.VOIDED),
    ],
    context_name="app",
)


@staff_required
def application_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    return step_page(request, APPLICATION_STEPS, _application(request, pk), step)


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
def remedy_conclude(request: StaffRequest, pk: int, remedy_pk: int) -> HttpResponse:
    app = _application(request, pk)
    remedy = get_object_or_404(app.remedies.all(), pk=remedy_pk)
    return step_page(request, APPLICATION_STEPS, app, "remedy-conclude", subject=remedy)


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


@staff_required
def report_preview(request: StaffRequest) -> HttpResponse:
    """The annual-report tables of a year, as the reports app will print them."""
    require_role(request.user, *selectors.READERS)
    year = parse_year(request.GET.get("year")) or timezone.localdate().year - 1
    tables = report.statutory_tables(year)
    parts = [
        {"heading": heading, "tables": [t for t in tables.tables if t.section == section]}
        for section, heading in report.TABLE_HEADINGS.items()
    ]
    return render(
        request,
        "disclosure/report_preview.html",
        {"year": year, "tables": tables, "parts": parts, "figures": report.figures(year)},
    )
