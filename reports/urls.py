from django.urls import path

from . import views

app_name = "reports"
# Steps whose path is not their slug (kept so that links and bookmarks keep working).
STEP_PATHS = {"render-retry": "render/retry", "manual-figure": "manual-figures"}

urlpatterns = [
    path("", views.ReportListView.as_view(), name="index"),
    path("new/", views.report_create, name="report-create"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("<int:pk>/edit/", views.report_edit, name="report-edit"),
    # The workflow steps (views.STEPS), each at its own path; "report-<slug>" names them all.
    *[
        path(
            f"<int:pk>/{STEP_PATHS.get(step, step)}/",
            views.report_step,
            {"step": step},
            name=f"report-{step}",
        )
        for step in views.STEPS
    ],
    path("<int:pk>/pdf-status/", views.report_job_status, name="report-job-status"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<int:pk>/submission.pdf", views.report_submission_pdf, name="report-submission-pdf"),
    path("<int:pk>/report.docx", views.report_docx, name="report-docx"),
    path("public/", views.PublicReportListView.as_view(), name="public-list"),
    path("public/<int:pk>/", views.public_report_detail, name="public-detail"),
]
