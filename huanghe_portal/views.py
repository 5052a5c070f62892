"""Shared pages: the public home page, the staff dashboard, settings the office manages
(township, villages, holidays, staff accounts), attachment downloads and the health check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, cast

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from . import (
    attachments,
    figure_records,
    health,
    navigation,
    selectors,
    services,
    versioning,
    visibility,
    workdays,
)
from .exceptions import TransitionNotAllowed
from .forms import (
    AttachmentForm,
    HolidayForm,
    HolidayNoticeForm,
    ProfileForm,
    StaffCreateForm,
    StaffSearchForm,
    StaffUpdateForm,
    TownshipForm,
    VillageForm,
)
from .limits import parse_year
from .models import (
    AccountAudit,
    Attachment,
    CalendarChange,
    Holiday,
    HolidayYear,
    Notification,
    StaffProfile,
    Township,
    Village,
)
from .public_cache import public_cache
from .roles import Role, has_role, is_staff_member, require_role, signed_in
from .steps import form_page
from .throttling import PublicTrackThrottle, throttled

User = get_user_model()


class StaffRequest(HttpRequest):
    """The request of a page behind `staff_required` or `StaffRequiredMixin`: the user has signed
    in (never AnonymousUser). For annotations only; the object is Django's HttpRequest."""

    user: auth.User


_P = ParamSpec("_P")


def staff_required(
    view: Callable[Concatenate[StaffRequest, _P], HttpResponseBase],
) -> Callable[Concatenate[HttpRequest, _P], HttpResponseBase]:
    """Logged in and holding a portal role; otherwise the login page or 403."""

    @login_required
    def wrapped(request: HttpRequest, /, *args: _P.args, **kwargs: _P.kwargs) -> HttpResponseBase:
        if not is_staff_member(request.user):
            raise PermissionDenied(_("您没有访问工作台的权限。"))
        return view(cast(StaffRequest, request), *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


class StaffRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_staff_member(request.user):
            raise PermissionDenied(_("您没有访问工作台的权限。"))
        return super().dispatch(request, *args, **kwargs)


class OfficeRequiredMixin(StaffRequiredMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not has_role(request.user, Role.REPORT_OFFICE):
            raise PermissionDenied(_("仅综治办（法治办）可以管理此项设置。"))
        return super().dispatch(request, *args, **kwargs)


# --- Public ---------------------------------------------------------------------------------


@public_cache()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"villages": selectors.villages_active()})


# --- Staff dashboard ------------------------------------------------------------------------


@staff_required
def dashboard(request: StaffRequest) -> HttpResponse:
    year = parse_year(request.GET.get("year")) or timezone.localdate().year
    return render(
        request,
        "staff/dashboard.html",
        {
            "cards": navigation.dashboard_cards(request.user),
            "chart_year": year,
            "chart_sections": navigation.dashboard_charts(request.user, year),
            "notifications": selectors.notifications_for(request.user)[:10],
        },
    )


@staff_required
def figure_record_list(request: StaffRequest, key: str) -> HttpResponse:
    """The records a figure counts (the same queryset), those hidden from the viewer counted."""
    year = parse_year(request.GET.get("year")) or timezone.localdate().year
    drill = figure_records.drilldown(key, year, request.user)
    page = Paginator(drill.shown, 50).get_page(request.GET.get("page"))
    rows = [figure_records.row(drill.spec, obj) for obj in page]
    return render(
        request,
        "staff/figure_records.html",
        {
            "figure": drill.figure,
            "drill": drill,
            "page_obj": page,
            "paginator": page.paginator,
            "rows": rows,
        },
    )


@staff_required
@require_POST
def notification_read(request: StaffRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.mark_notification_read(notification, actor=request.user)
    return redirect(notification.url or "dashboard")


# --- Township, villages, holidays -----------------------------------------------------------


@staff_required
def township_edit(request: StaffRequest) -> HttpResponse:
    township = Township.objects.order_by("pk").first() or Township()
    return _office_record_edit(
        request,
        township,
        TownshipForm,
        template="staff/township_form.html",
        saved=_("乡镇信息已保存。"),
        list_url="township-edit",
        context_name="township",
    )


class VillageListView(OfficeRequiredMixin, ListView[Village]):
    template_name = "staff/village_list.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Village]:
        qs = Village.objects.order_by("code")
        if q := self.request.GET.get("q", "").strip():
            qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
        return qs


def _office_record_edit(
    request: StaffRequest,
    record: Township | Village | Holiday,
    form_class: type[forms.ModelForm[Any]],
    *,
    template: str,
    saved: str,
    list_url: str,
    context_name: str,
) -> HttpResponse:
    require_role(request.user, Role.REPORT_OFFICE)
    form = form_class(request.POST or None, instance=record)

    def then(_saved: object) -> str:
        if (change := getattr(record, "calendar_change", None)) is not None:
            _calendar_change_message(request, change)
        return list_url

    return form_page(
        request,
        form,
        lambda: services.save_office_record(record, actor=request.user, **form.cleaned_data),
        done=saved,
        then=then,
        template=template,
        context={context_name: record},
    )


@staff_required
def village_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    village = get_object_or_404(Village, pk=pk) if pk else Village()
    return _office_record_edit(
        request,
        village,
        VillageForm,
        template="staff/village_form.html",
        saved=_("村（社区）已保存。"),
        list_url="village-list",
        context_name="village",
    )


class HolidayListView(OfficeRequiredMixin, ListView[Holiday]):
    template_name = "staff/holiday_list.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Holiday]:
        qs = Holiday.objects.order_by("-date")
        if year := parse_year(self.request.GET.get("year")):
            qs = qs.filter(date__year=year)
        return qs


@staff_required
def holiday_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    holiday = get_object_or_404(Holiday, pk=pk) if pk else Holiday()
    return _office_record_edit(
        request,
        holiday,
        HolidayForm,
        template="staff/holiday_form.html",
        saved=_("节假日已保存。"),
        list_url="holiday-list",
        context_name="holiday",
    )


def _calendar_change_message(request: HttpRequest, change: CalendarChange) -> None:
    change.refresh_from_db()
    if change.moved is None:
        messages.info(request, _("已在后台重新计算受影响的期限；变动件数见“节假日变动”。"))
    else:
        messages.info(
            request, _("已重新计算期限：%(n)s件记录的期限随之变动。") % {"n": change.moved}
        )


def _notice_initial(year: int) -> dict[str, Any]:
    """The year's rows as the notice page's text: consecutive days off of one name as a range."""
    notice = HolidayYear.objects.filter(year=year).first()
    ranges: list[tuple[dt.date, dt.date, str]] = []
    makeup: list[str] = []
    for h in Holiday.objects.filter(date__year=year).order_by("date"):
        if h.is_workday:
            makeup.append(f"{h.date.isoformat()} {h.name}")
        elif ranges and ranges[-1][2] == h.name and (h.date - ranges[-1][1]).days == 1:
            ranges[-1] = (ranges[-1][0], h.date, h.name)
        else:
            ranges.append((h.date, h.date, h.name))
    lines = [
        f"{a.isoformat()} 至 {b.isoformat()} {name}" if a != b else f"{a.isoformat()} {name}"
        for a, b, name in ranges
    ]
    return {
        "year": year,
        "source": notice.source if notice else "",
        "complete": notice.complete if notice else False,
        "holidays": "\n".join(lines),
        "makeup_days": "\n".join(makeup),
    }


@staff_required
def holiday_notice(request: StaffRequest) -> HttpResponse:
    """The office enters a whole year's holiday notice on one page (issue 14)."""
    require_role(request.user, Role.REPORT_OFFICE)
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() else timezone.localdate().year + 1
    form = HolidayNoticeForm(request.POST or None, initial=_notice_initial(year))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = versioning.run_form_service(
            form,
            lambda: services.enter_holiday_notice(
                actor=request.user,
                year=data["year"],
                source=data["source"],
                holidays=data["holidays"],
                makeup_days=data["makeup_days"],
                complete=data["complete"],
            ),
        )
        if not form.errors:
            notice, change = saved
            messages.success(request, _("%(year)s年放假通知已保存。") % {"year": notice.year})
            if change is not None:
                _calendar_change_message(request, change)
            return redirect(f"{reverse('holiday-notice')}?year={notice.year}")
    return render(
        request,
        "staff/holiday_notice.html",
        {
            "form": form,
            "year": year,
            "notices": HolidayYear.objects.all()[:10],
            "changes": CalendarChange.objects.select_related("created_by")[:10],
            "statutory": sorted(workdays.statutory_holidays(year).items()),
            "statutory_names": workdays.STATUTORY_NAMES,
        },
    )


# --- Staff accounts -------------------------------------------------------------------------


class StaffListView(OfficeRequiredMixin, ListView[auth.User]):
    template_name = "staff/staff_list.html"
    paginate_by = 30

    def get_queryset(self) -> QuerySet[auth.User]:
        qs = (
            User.objects.select_related("portal_profile")
            .prefetch_related("groups")
            .order_by("username")
        )
        self.search = StaffSearchForm(self.request.GET or None)
        if self.search.is_valid():
            if q := self.search.cleaned_data["q"].strip():
                qs = qs.filter(Q(username__icontains=q) | Q(portal_profile__full_name__icontains=q))
            if role := self.search.cleaned_data["role"]:
                qs = qs.filter(groups__name=role)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(search=self.search, **kwargs)
        context["manageable"] = {
            u.pk
            for u in context["object_list"]
            if not services.account_refusal(self.request.user, u)
        }
        return context


@staff_required
def staff_create(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.REPORT_OFFICE)
    form = StaffCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.create_staff_user(actor=request.user, **form.cleaned_data)
        except PermissionDenied as exc:
            return _refused(request, form, exc)
        messages.success(
            request,
            _("已创建账号 %(user)s，初始密码：%(password)s（首次登录须修改）。")
            % {"user": user.username, "password": password},
        )
        return redirect("staff-list")
    return render(request, "staff/staff_form.html", {"form": form})


@staff_required
def staff_edit(request: StaffRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    services.require_may_manage(request.user, user)
    profile = getattr(user, "portal_profile", None)
    initial = {
        "full_name": getattr(profile, "full_name", "") or user.first_name,
        "title": getattr(profile, "title", ""),
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "roles": list(user.groups.values_list("name", flat=True)),
    }
    form = StaffUpdateForm(
        request.POST or None,
        initial=initial,
        actor=request.user,
        version=getattr(profile, "version", None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = versioning.run_form_service(
                form,
                lambda: services.update_staff_user(user, actor=request.user, **form.cleaned_data),
            )
        except PermissionDenied as exc:
            return _refused(request, form, exc, staff_user=user)
        if saved:
            messages.success(request, _("账号已更新。"))
            return redirect("staff-list")
    return render(
        request,
        "staff/staff_form.html",
        {"form": form, "staff_user": user},
        status=versioning.form_status(form, invalid=200),
    )


@staff_required
def profile_edit(request: StaffRequest) -> HttpResponse:
    """The signed-in user's own e-mail, phone and reminder preference."""
    user = request.user
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    form = ProfileForm(
        request.POST or None,
        version=profile.version,
        initial={
            "email": user.email,
            "phone": profile.phone,
            "email_reminders": profile.email_reminders,
        },
    )
    return form_page(
        request,
        form,
        lambda: services.update_own_profile(user, actor=user, **form.cleaned_data),
        done=_("个人资料已保存。"),
        then="profile",
        template="staff/profile.html",
        context={"profile": profile},
        invalid=200,
    )


def _refused(
    request: HttpRequest, form: forms.BaseForm, exc: PermissionDenied, **context: Any
) -> HttpResponse:
    """The account form again, with the service's reason on it (403)."""
    form.add_error(None, str(exc))
    return render(request, "staff/staff_form.html", {"form": form, **context}, status=403)


@staff_required
@require_POST
def staff_reset_password(request: StaffRequest, pk: int) -> HttpResponse:
    """The new password appears once, in the next page's message; it must be changed at the
    next login."""
    user = get_object_or_404(User, pk=pk)
    password = services.reset_staff_password(user, actor=request.user)
    messages.success(
        request,
        _("%(user)s 的新密码：%(password)s（仅显示这一次，下次登录须修改）。")
        % {"user": user.username, "password": password},
    )
    return redirect("staff-edit", pk=pk)


class AccountAuditListView(StaffRequiredMixin, ListView[AccountAudit]):
    """Every change to staff accounts, newest first: superusers and leaders only."""

    template_name = "staff/account_audit.html"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not has_role(request.user, Role.LEADER):
            raise PermissionDenied(_("仅领导和系统管理员可以查看账号变更记录。"))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[AccountAudit]:
        qs = AccountAudit.objects.select_related("actor", "target")
        if (target := self.request.GET.get("user", "")).isdigit():
            qs = qs.filter(target_id=int(target))
        return qs


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("dashboard")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed(signed_in(self.request.user))
        messages.success(self.request, _("密码已修改。"))
        return response


# --- Change history (django-simple-history), for superusers and leaders ------------------------


@staff_required
def record_history(request: StaffRequest, app_label: str, model: str, pk: int) -> HttpResponse:
    from django.apps import apps

    if not has_role(request.user, Role.LEADER):
        raise PermissionDenied(_("仅领导和系统管理员可以查看修改历史。"))
    try:
        model_class = apps.get_model(app_label, model)
    except LookupError:
        raise Http404 from None
    obj = get_object_or_404(model_class, pk=pk)
    if not (request.user.is_superuser or visibility.can_see(request.user, obj)):
        raise Http404
    if getattr(obj, "history", None) is None:
        raise Http404
    rows = selectors.history_rows(request.user, obj)
    return render(request, "staff/record_history.html", {"object": obj, "rows": rows})


# --- Attachments ----------------------------------------------------------------------------


def upload_attachment(
    request: StaffRequest,
    record: Any,
    *,
    add: Callable[..., Any] = attachments.add_attachment,
    **options: Any,
) -> HttpResponse:
    """The POST of includes/attachments.html for any record: store the file through `add` (the
    area's service, or the shared one), say what happened, and go back to the record (a model
    instance with get_absolute_url)."""
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect(record)
    try:
        add(
            record,
            form.cleaned_data["file"],
            actor=request.user,
            description=form.cleaned_data["description"],
            **options,
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("附件已上传。"))
    return redirect(record)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a file only to someone who may see the record it belongs to (404 otherwise)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("content_type"), pk=pk, voided=False
    )
    record = attachment.record
    if record is None or not visibility.can_see(request.user, record):
        raise Http404
    return _file_response(attachment)


@require_GET
def public_attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A file marked public whose record is published (an event photo, a document annex)."""
    attachment = get_object_or_404(Attachment, pk=pk, voided=False, is_public=True)
    record = attachment.record
    if record is None or not visibility.is_public(record):
        raise Http404
    return _file_response(attachment)


def _file_response(attachment: Attachment) -> FileResponse:
    inline = attachment.content_kind in attachments.IMAGE_KINDS | {"pdf"}
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachments.content_type_of(attachment),
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Health ---------------------------------------------------------------------------------


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """503 when the database or the broker is down; details (per component) only for staff."""
    status, checks = health.report()
    code = 503 if status == "down" else 200
    if not is_staff_member(request.user):
        return JsonResponse({"ok": status == "ok"}, status=code)
    return JsonResponse({"ok": status == "ok", "status": status, "checks": checks}, status=code)


# --- Error pages ----------------------------------------------------------------------------


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"message": str(exception or "")}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's own refusals (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad Host): JSON under
    /api/, as the API contract says."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("请求无效或过大。")}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "400.html", status=400)


def error_500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("服务器内部错误，请稍后重试。")},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "500.html", status=500)


class NotificationListView(StaffRequiredMixin, ListView[Notification]):
    template_name = "staff/notification_list.html"
    paginate_by = 30

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.filter(user=signed_in(self.request.user))


@never_cache
def notice_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an applicant notice: GET asks, POST stops further notices (a mail scanner
    that follows the link changes nothing)."""
    from . import notify_applicant

    record = notify_applicant.record_for_token(token)
    if request.method == "POST":
        notify_applicant.unsubscribe(record)
        record.refresh_from_db(fields=["notify_opt_out"])
    return render(request, "public/notice_unsubscribe.html", {"done": record.notify_opt_out})


@require_GET
def public_track(request: HttpRequest) -> HttpResponse:
    """The public tracking page: status and dates only after the code and phone digits match."""
    from . import tracking
    from .forms import TrackForm

    form = TrackForm(request.GET or None)
    result, not_found = None, False
    if form.is_valid():
        if throttled(request, PublicTrackThrottle):
            return render(
                request, "public/track.html", {"form": form, "throttled": True}, status=429
            )
        result = tracking.lookup(form.cleaned_data["code"], form.cleaned_data["phone_last4"])
        not_found = result is None
    rows = tracking.display_rows(result) if result else []
    return render(
        request,
        "public/track.html",
        {"form": form, "result": result, "rows": rows, "not_found": not_found},
    )
