from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import ledger_views, views
from .sitemaps import sitemaps

handler400 = "huanghe_portal.views.error_400"
handler403 = "huanghe_portal.views.error_403"
handler404 = "huanghe_portal.views.error_404"
handler500 = "huanghe_portal.views.error_500"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("track/", views.public_track, name="public-track"),
    path("notices/unsubscribe/<str:token>/", views.notice_unsubscribe, name="notice-unsubscribe"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/profile/", views.profile_edit, name="profile"),
    path("staff/figures/<str:key>/", views.figure_record_list, name="figure-records"),
    path("staff/notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("staff/notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("staff/township/", views.township_edit, name="township-edit"),
    path("staff/villages/", views.VillageListView.as_view(), name="village-list"),
    path("staff/villages/new/", views.village_edit, name="village-create"),
    path("staff/villages/<int:pk>/", views.village_edit, name="village-edit"),
    path("staff/holidays/", views.HolidayListView.as_view(), name="holiday-list"),
    path("staff/holidays/new/", views.holiday_edit, name="holiday-create"),
    path("staff/holidays/notice/", views.holiday_notice, name="holiday-notice"),
    path("staff/holidays/<int:pk>/", views.holiday_edit, name="holiday-edit"),
    path("staff/accounts/", views.StaffListView.as_view(), name="staff-list"),
    path("staff/accounts/new/", views.staff_create, name="staff-create"),
    path("staff/accounts/audit/", views.AccountAuditListView.as_view(), name="account-audit"),
    path("staff/accounts/<int:pk>/", views.staff_edit, name="staff-edit"),
    path(
        "staff/accounts/<int:pk>/reset-password/",
        views.staff_reset_password,
        name="staff-reset-password",
    ),
    path(
        "staff/history/<str:app_label>/<str:model>/<int:pk>/",
        views.record_history,
        name="record-history",
    ),
    path(
        "staff/ledgers/<str:key>/template.xlsx",
        ledger_views.ledger_template,
        name="ledger-template",
    ),
    path("staff/ledgers/imports/<int:pk>/", ledger_views.ledger_import, name="ledger-import"),
    path(
        "staff/ledgers/imports/<int:pk>/confirm/",
        ledger_views.ledger_import_confirm,
        name="ledger-import-confirm",
    ),
    path(
        "staff/ledgers/imports/<int:pk>/status.json",
        ledger_views.ledger_import_status,
        name="ledger-import-status",
    ),
    path("files/<int:pk>/", views.attachment_download, name="attachment-download"),
    path(
        "public/files/<int:pk>/",
        views.public_attachment_download,
        name="public-attachment-download",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("api/v1/", include("huanghe_portal.api_urls", namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's initialiser as a script file: the CSP allows no inline
    # script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
]

# Each area mounts its staff pages under /<area>/ and its public pages under /public/<area>/.
for app in settings.AREA_APPS:
    prefix = app.replace("_", "-")
    urlpatterns.append(path(f"{prefix}/", include(f"{app}.urls")))
