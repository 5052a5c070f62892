import pytest
from django.urls import reverse

from reports import refs, selectors, services
from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

FIGURES = {
    "disputes.succeeded": {
        "key": "disputes.succeeded",
        "label": "成功调处",
        "value": 128,
        "unit": "起",
        "records_url": "/disputes/?status=succeeded",
    },
    "disputes.success_rate": {
        "key": "disputes.success_rate",
        "label": "成功率",
        "value": 99.2,
        "unit": "%",
        "records_url": "",
    },
}


def test_references_render_with_the_figure_text():
    assert (
        refs.plain("成功{{ disputes.succeeded }}，达{{disputes.success_rate}}。", FIGURES)
        == "成功128起，达99%。"
    )


def test_unknown_reference_is_kept_and_named_not_an_error():
    text = "共{{ disputes.nonsense }}件，{{ 乱写 }}"
    assert refs.plain(text, FIGURES) == text
    assert refs.unknown_references(text, FIGURES) == ["disputes.nonsense", "乱写"]


def test_html_links_figures_to_their_records_and_escapes_markup():
    html = refs.render_html(
        "<script>alert(1)</script>{{ disputes.succeeded }}", FIGURES, links=True
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a class="figure" href="/disputes/?status=succeeded" title="成功调处">128起</a>' in html


def test_office_sees_script_as_text_and_unknown_reference_flagged(client, areas, report_office):
    report = ReportFactory()
    report = services.update_report(
        report,
        actor=report_office,
        version=report.version,
        texts={"other": "<script>alert('x')</script>\n另有{{ disputes.typo }}。"},
    )
    client.force_login(report_office)

    page = client.get(report.get_absolute_url()).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert '<mark class="unknown-ref">{{ disputes.typo }}</mark>' in page
    assert "引用了不存在的数据：disputes.typo" in page
    assert selectors.report_problems(report)["unknown_references"] == ["disputes.typo"]


def test_detail_page_links_each_figure_to_its_records(client, areas, report_office):
    report = ReportFactory()
    client.force_login(report_office)
    page = client.get(report.get_absolute_url()).content.decode()
    assert (
        '<a class="figure" href="/disputes/?year=2022" title="disputes.succeeded：test">128起</a>'
        in page
    )


def test_edit_page_saves_paragraphs(client, areas, report_office):
    report = ReportFactory()
    client.force_login(report_office)
    data = {
        "title": report.title,
        "document_number": "黄鹤府文〔2023〕5号",
        "signed_on": "",
        "version": report.version,
    }
    data |= {f"section_{i}": s["text"] for i, s in enumerate(report.sections)}
    data["section_11"] = "第一段。\n第二段{{ petitions.deputy_suggestions }}。"

    response = client.post(reverse("reports:report-edit", args=[report.pk]), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.document_number == "黄鹤府文〔2023〕5号"
    page = client.get(report.get_absolute_url()).content.decode()
    assert "第二段" in page and "5条" in page


def test_api_patch_edits_a_section(api_client, areas, report_office):
    report = ReportFactory()
    api_client.force_authenticate(report_office)
    response = api_client.patch(
        reverse("api:report-detail", args=[report.pk]),
        {"sections": {"other": "无其他事项。"}, "version": report.version},
        format="json",
    )
    assert response.status_code == 200
    assert (
        next(s for s in response.json()["sections"] if s["key"] == "other")["text"]
        == "无其他事项。"
    )
