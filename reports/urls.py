from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="index"),
    path("new/", views.report_create, name="report-create"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("<int:pk>/recompile/", views.report_recompile, name="report-recompile"),
    path("<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("<int:pk>/approve/", views.report_approve, name="report-approve"),
    path("<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("<int:pk>/return/", views.report_return, name="report-return"),
    path("<int:pk>/render/", views.report_render, name="report-render"),
    path("<int:pk>/render/retry/", views.report_render_retry, name="report-render-retry"),
    path("<int:pk>/manual-figures/", views.report_manual_figure, name="report-manual-figure"),
    path("<int:pk>/pdf-status/", views.report_job_status, name="report-job-status"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<int:pk>/submission.pdf", views.report_submission_pdf, name="report-submission-pdf"),
    path("<int:pk>/report.docx", views.report_docx, name="report-docx"),
    path("public/", views.PublicReportListView.as_view(), name="public-list"),
    path("public/<int:pk>/", views.public_report_detail, name="public-detail"),
]
