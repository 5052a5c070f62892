import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from huanghe_portal import handover, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from reports import selectors, services
from reports.models import Report
from reports.tests.factories import ManualFigureFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_statutory_outline_passes_the_required_parts_check(areas):
    report = ReportFactory()
    assert selectors.report_problems(report) == {
        "missing_parts": [],
        "empty_parts": [],
        "unknown_references": [],
        "table_failures": [],
    }


def test_seed_outline_is_flagged_for_missing_parts(areas):
    report = ReportFactory(outline="seed2022")

    problems = selectors.report_problems(report)

    assert problems["missing_parts"] == [
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "其他需要报告的情况",
    ]
    # (六) 普法宣传, empty in the town's 2022 report, now states the education figures
    assert problems["empty_parts"] == []
    assert problems["unknown_references"] == ["manual.service_staff"]


def test_clearing_a_required_part_makes_it_missing(areas, report_office):
    report = ReportFactory()
    report = services.update_report(
        report, actor=report_office, texts={"principals": "  "}, version=report.version
    )
    assert selectors.report_problems(report)["missing_parts"] == [
        "党政主要负责人履行推进法治建设第一责任人职责情况"
    ]


def test_leader_can_approve_a_complete_submitted_report(areas, leader):
    report = ReportFactory(submitted=True)

    report = services.approve_report(report, actor=leader)

    assert report.status == Report.Status.APPROVED and report.approved_by == leader
    assert timeline.entries_for(report).filter(action="approved", actor=leader).exists()


def test_leader_cannot_approve_an_incomplete_report_and_is_told_what_is_missing(areas, leader):
    report = ReportFactory(outline="seed2022", submitted=True)

    with pytest.raises(TransitionNotAllowed) as exc:
        services.approve_report(report, actor=leader)

    message = str(exc.value)
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in message
    assert "manual.service_staff" in message
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_api_approve_of_an_incomplete_report_is_409_with_the_parts(api_client, areas, leader):
    report = ReportFactory(outline="seed2022", submitted=True)
    api_client.force_authenticate(leader)
    response = api_client.post(reverse("api:report-approve", args=[report.pk]))
    assert response.status_code == 409
    assert "其他需要报告的情况" in response.json()["detail"]


def test_office_cannot_approve(areas, report_office):
    report = ReportFactory(submitted=True)
    with pytest.raises(PermissionDenied):
        services.approve_report(report, actor=report_office)


def test_leader_cannot_approve_a_draft(areas, leader):
    with pytest.raises(TransitionNotAllowed):
        services.approve_report(ReportFactory(), actor=leader)


def test_office_can_submit_a_draft(areas, report_office):
    report = services.submit_report(ReportFactory(), actor=report_office)
    assert report.status == Report.Status.SUBMITTED
    assert timeline.entries_for(report).filter(action="submitted").exists()


def test_office_cannot_submit_twice(areas, report_office):
    with pytest.raises(TransitionNotAllowed):
        services.submit_report(ReportFactory(submitted=True), actor=report_office)


def test_leader_can_return_a_submitted_report_for_changes(areas, leader):
    report = services.return_report(ReportFactory(submitted=True), actor=leader, note="补充")
    assert report.status == Report.Status.DRAFT


def test_office_can_publish_an_approved_report_and_a_pdf_is_queued(
    areas, report_office, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html: b"%PDF-1.7 fake")
    report = ReportFactory(approved=True)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.publish_report(report, actor=report_office)

    assert report.status == Report.Status.PUBLISHED and report.published_at
    assert selectors.latest_done_job(report) is not None


def test_publishing_hands_the_report_to_the_disclosure_catalogue(areas, report_office, monkeypatch):
    received = {}

    def handler(**data):
        received.update(data)
        return data["source"].compiled_by or data["actor"]  # any saved model will do

    monkeypatch.setattr(handover, "_handlers", {"disclosure_item": handler})
    report = ReportFactory(approved=True)

    services.publish_report(report, actor=report_office)

    assert received["category_code"] == "annual_reports"
    assert received["title"] == report.title
    assert "成功调处矛盾纠纷事件128起" in received["body"]
    assert handover.links_from(report, "disclosure_item").count() == 1


def test_published_report_cannot_be_edited(areas, report_office):
    report = ReportFactory(published=True)
    with pytest.raises(TransitionNotAllowed):
        services.update_report(report, actor=report_office, texts={"other": "改"})
    with pytest.raises(TransitionNotAllowed):
        services.set_manual_figure(report, actor=report_office, key="x", label="x", value=1)


def test_leader_cannot_publish(areas, leader):
    with pytest.raises(PermissionDenied):
        services.publish_report(ReportFactory(approved=True), actor=leader)


@pytest.mark.parametrize("url_name", ["reports:report-approve", "api:report-approve"])
def test_office_cannot_approve_on_either_surface(client, areas, report_office, url_name):
    report = ReportFactory(submitted=True)
    client.force_login(report_office)

    response = client.post(reverse(url_name, args=[report.pk]))

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


@pytest.mark.parametrize("url_name", ["reports:report-submit", "api:report-submit"])
def test_html_and_api_submit_agree(client, areas, report_office, url_name):
    report = ReportFactory()
    client.force_login(report_office)

    response = client.post(reverse(url_name, args=[report.pk]))

    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_manual_figure_is_marked_with_who_entered_it(areas, report_office):
    report = ReportFactory(outline="seed2022")

    services.set_manual_figure(
        report,
        actor=report_office,
        key="service_staff",
        label="便民服务中心干部职工",
        value=6,
        unit="名",
    )

    figure = selectors.figures_by_key(report)["manual.service_staff"]
    assert figure["manual"] is True and figure["entered_by"] == "综治办甲"
    assert "manual.service_staff" not in selectors.report_problems(report)["unknown_references"]


def test_api_shows_manual_figures_marked_manual(api_client, areas, report_office):
    report = ReportFactory(outline="seed2022")
    ManualFigureFactory(report=report, entered_by=report_office)
    api_client.force_authenticate(report_office)

    data = api_client.get(reverse("api:report-detail", args=[report.pk])).json()

    manual = [f for f in data["figures"] if f["manual"]]
    assert manual == [
        {
            "key": "manual.service_staff",
            "label": "便民服务中心干部职工",
            "value": 6,
            "unit": "名",
            "definition": "手工录入",
            "manual": True,
            "records_url": "",
            "entered_by": "综治办甲",
        }
    ]
    assert data["pdf"] is None


def test_api_manual_figure_with_a_bad_key_is_400(api_client, areas, report_office):
    report = ReportFactory()
    api_client.force_authenticate(report_office)
    response = api_client.post(
        reverse("api:report-manual-figures", args=[report.pk]),
        {"key": "服务", "label": "x", "value": "1"},
        format="json",
    )
    assert response.status_code == 400
    assert "key" in response.json()["fields"]


def test_delete_is_405(api_client, areas, report_office):
    report = ReportFactory()
    api_client.force_authenticate(report_office)
    assert api_client.delete(reverse("api:report-detail", args=[report.pk])).status_code == 405
    assert Report.objects.filter(pk=report.pk).exists()


def test_anonymous_api_callers_cannot_compile(api_client, areas):
    response = api_client.post(reverse("api:report-list"), {"year": 2022, "kind": "rule_of_law"})

    assert response.status_code == 401
