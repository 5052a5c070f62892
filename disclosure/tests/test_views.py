"""Staff pages: lists with filters, detail with the deadline explanation, step forms, PDFs."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from disclosure import services
from disclosure.models import Application, Item

from .factories import ApplicationFactory, ItemFactory, submit

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def app(disclosure_officer, township, today):
    return submit(disclosure_officer)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def test_detail_explains_the_due_date(client, disclosure_officer, app):
    client.force_login(disclosure_officer)
    text = client.get(app.get_absolute_url()).content.decode()
    assert "答复期限是如何计算的" in text and "2024-10-23" in text and "国庆节" in text
    assert "138****5678" in text and "13812345678" not in text  # revealed on request only


def test_leader_sees_masked_phone_and_no_other_role_sees_the_list(client, leader, mediator, app):
    client.force_login(leader)
    assert "138****5678" in client.get(app.get_absolute_url()).content.decode()
    client.force_login(mediator)
    assert client.get(reverse("disclosure:index")).status_code == 403
    assert client.get(app.get_absolute_url()).status_code == 404


def test_list_filters_by_status_and_overdue(client, disclosure_officer, today):
    ApplicationFactory(applicant_name="逾期甲", reply_due=D(2024, 12, 1))
    ApplicationFactory(applicant_name="答复乙", replied=True)
    client.force_login(disclosure_officer)

    overdue = client.get(reverse("disclosure:index"), {"overdue": "on"}).content.decode()
    replied = client.get(reverse("disclosure:index"), {"status": "replied"}).content.decode()

    assert "逾期甲" in overdue and "答复乙" not in overdue
    assert "答复乙" in replied and "逾期甲" not in replied


def test_html_correction_step_agrees_with_the_api(client, disclosure_officer, app):
    client.force_login(disclosure_officer)
    late = client.post(
        reverse("disclosure:application-request-correction", args=[app.pk]),
        {"notice_on": "2024-10-08", "items": "年份"},
        follow=True,
    )
    assert "7个工作日内" in late.content.decode()
    ok = client.post(
        reverse("disclosure:application-request-correction", args=[app.pk]),
        {"notice_on": "2024-09-27", "items": "请写明年份"},
        follow=True,
    )
    assert "已发出补正通知" in ok.content.decode()
    app.refresh_from_db()
    assert app.status == Application.Status.CORRECTION_REQUESTED

    response = client.post(
        reverse("api:disclosure-application-request-correction", args=[app.pk]),
        {"notice_on": "2024-09-27", "items": "再"},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_leader_cannot_reply_through_the_page(client, leader, app):
    client.force_login(leader)
    response = client.post(
        reverse("disclosure:application-reply", args=[app.pk]),
        {"replied_on": "2024-10-10", "outcome": "granted"},
    )
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.status == Application.Status.RECEIVED


def test_receipt_pdf_has_the_code_and_due_date(client, disclosure_officer, app):
    client.force_login(disclosure_officer)
    text = pdf_text(
        client.get(reverse("disclosure:application-document", args=[app.pk, "receipt"]))
    )
    assert app.tracking_code in text and "2024年10月23日" in text and "登记回执" in text


@pytest.mark.parametrize(
    ("outcome", "expected", "absent"),
    [
        ("granted", "予以公开", "应当先申请行政复议"),
        ("withheld_third_party", "第十五条", "6个月内"),
    ],
)
def test_reply_letter_per_outcome_states_the_remedies(
    client, disclosure_officer, app, outcome, expected, absent
):
    services.reply_application(
        app, actor=disclosure_officer, replied_on=D(2024, 10, 18), outcome=outcome
    )
    client.force_login(disclosure_officer)

    text = pdf_text(client.get(reverse("disclosure:application-document", args=[app.pk, "reply"])))

    assert expected in text and "60日内" in text and "重庆市石柱土家族自治县人民政府" in text
    assert absent not in text


def test_correction_and_extension_notices(client, disclosure_officer, leader, app):
    app = services.request_correction(
        app,
        actor=disclosure_officer,
        notice_on=D(2024, 9, 27),
        items="请写明所需信息的年份",
        deadline=D(2024, 10, 18),
    )
    app = services.register_correction(app, actor=disclosure_officer, received_on=D(2024, 10, 9))
    app = services.extend_application(
        app, actor=disclosure_officer, approved_by=leader, notice_on=D(2024, 10, 30), days=10
    )
    client.force_login(disclosure_officer)

    correction = pdf_text(
        client.get(reverse("disclosure:application-document", args=[app.pk, "correction"]))
    )
    extension = pdf_text(
        client.get(reverse("disclosure:application-document", args=[app.pk, "extension"]))
    )

    assert "请写明所需信息的年份" in correction and "2024年10月18日" in correction
    assert "延长10个工作日" in extension
    assert app.reply_due.strftime("%Y年%-m月%-d日") in extension


def test_item_editor_creates_a_draft_and_preview(client, disclosure_officer):
    client.force_login(disclosure_officer)
    category = ItemFactory().category
    response = client.post(
        reverse("disclosure:item-create"),
        {
            "title": "黄鹤镇集镇建设规划",
            "category": category.pk,
            "generated_on": "2024-03-01",
            "summary": "规划概述",
            "body": "正文内容",
            "validity": "valid",
        },
    )
    item = Item.objects.get(title="黄鹤镇集镇建设规划")
    assert response.status_code == 302 and item.status == Item.Status.DRAFT
    preview = client.get(item.get_absolute_url()).content.decode()
    assert "预览" in preview and "正文内容" in preview and "审查通过" in preview


def test_report_preview_renders_the_tables(client, report_office):
    client.force_login(report_office)
    text = client.get(reverse("disclosure:report-preview"), {"year": "2023"}).content.decode()
    assert "四、结转下年度继续办理" in text and "人工填报" in text and "勾稽关系校验通过" in text


def test_detail_of_an_online_application_names_the_public(client, disclosure_officer, today):
    app = services.submit_application(
        actor=None,
        applicant_kind="natural_person",
        applicant_name="谭某",
        phone="13812345678",
        description="名单",
        delivery="email",
        email="tan@example.com",
    )
    client.force_login(disclosure_officer)
    response = client.get(app.get_absolute_url())
    assert response.status_code == 200 and "公众或系统" in response.content.decode()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_item_annex_is_public_only_once_the_item_is_published(client, disclosure_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from huanghe_portal.models import Attachment

    item = ItemFactory(reviewed=True)
    client.force_login(disclosure_officer)
    client.post(
        reverse("disclosure:item-attachment-add", args=[item.pk]),
        {"file": SimpleUploadedFile("附件.pdf", PDF_BYTES), "description": "正文附件"},
    )
    annex = Attachment.objects.get()
    client.logout()
    url = reverse("public-attachment-download", args=[annex.pk])

    assert client.get(url).status_code == 404
    # The stub PDF has no text the personal-data gate can read: the officer checked it by eye.
    services.publish_item(item, actor=disclosure_officer, acknowledge="附件已人工核对")
    assert client.get(url).status_code == 200
    assert "附件.pdf" in client.get(item.get_public_url()).content.decode()


def test_officer_records_a_remedy_and_its_result(client, disclosure_officer, app):
    app = services.reply_application(
        app, actor=disclosure_officer, replied_on=D(2024, 10, 18), outcome="withheld_process_info"
    )
    client.force_login(disclosure_officer)
    client.post(
        reverse("disclosure:application-remedy", args=[app.pk]),
        {
            "kind": "reconsideration",
            "filed_on": "2024-11-20",
            "result": "pending",
            "body": "重庆市石柱土家族自治县人民政府",
        },
    )
    remedy = app.remedies.get()

    client.post(
        reverse("disclosure:application-remedy-conclude", args=[app.pk, remedy.pk]),
        {"result": "upheld", "concluded_on": "2024-12-10"},
    )

    remedy.refresh_from_db()
    assert (remedy.result, remedy.concluded_on) == ("upheld", D(2024, 12, 10))


def test_dashboard_card_counts_overdue(client, disclosure_officer, today):
    ApplicationFactory(reply_due=D(2024, 12, 1))
    client.force_login(disclosure_officer)
    from disclosure import dashboard

    lines = {line["label"]: line for line in dashboard.card_lines(disclosure_officer)}
    assert lines["已逾期"]["value"] == 1 and lines["已逾期"]["warn"] is True
    assert client.get(reverse("dashboard")).status_code == 200
