"""The personal-data gate on the catalogue: review and publication, API and pages (issue 12.7)."""

import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import services
from disclosure.models import Item
from huanghe_portal import timeline
from huanghe_portal.attachments import add_attachment

from .factories import ItemFactory, category

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"
PHONE = "13812345678"
REVIEW = {"secrecy_checked": True, "privacy_checked": True}


def _api(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _step(client, item, step, **data):
    return client.post(f"/api/v1/disclosure/items/{item.pk}/{step}/", {**data}, format="json")


def _docx_upload(text: str) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("名单.docx", out.getvalue())


def test_a_full_id_in_the_body_is_refused_with_masked_findings(api_client, disclosure_officer):
    item = ItemFactory(body=f"草稿正文 身份证 {ID} 电话 {PHONE}")
    answer = _step(
        _api(api_client, disclosure_officer), item, "review", **REVIEW, acknowledge="已核对"
    )
    assert answer.status_code == 409
    body = answer.json()
    assert body["findings"] == [
        {
            "where": "正文",
            "what": "身份证号码 110105********002X",
            "kind": "id_number",
            "value": "110105********002X",
        }
    ]
    assert ID not in answer.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT and not item.privacy_checked


def test_a_mobile_number_needs_a_reason_which_the_review_records(api_client, disclosure_officer):
    item = ItemFactory(title="防汛值班安排", body=f"值班手机 {PHONE}")
    client = _api(api_client, disclosure_officer)
    refused = _step(client, item, "review", **REVIEW)
    assert refused.status_code == 409
    assert refused.json()["findings"][0]["what"] == "手机号码 138****5678"

    reviewed = _step(client, item, "review", **REVIEW, acknowledge="值班公务手机，须向群众公开")
    assert reviewed.status_code == 200
    check = reviewed.json()["privacy_review"]
    assert check["acknowledgement"] == "值班公务手机，须向群众公开"
    assert check["findings"][0]["value"] == "138****5678"
    entry = timeline.entries_for(item).get(action="reviewed")
    assert "值班公务手机" in entry.note and entry.data["personal_data_check"] == check
    # What the review acknowledged needs no second reason at publication.
    assert _step(client, item, "publish").status_code == 200


def test_an_attachment_is_read_before_review_and_before_publication(api_client, disclosure_officer):
    item = ItemFactory()
    add_attachment(
        item, _docx_upload(f"低保名单：王某 {ID}"), actor=disclosure_officer, is_public=True
    )
    client = _api(api_client, disclosure_officer)
    refused = _step(client, item, "review", **REVIEW)
    assert refused.status_code == 409
    assert refused.json()["findings"][0]["where"] == "附件“名单.docx”"

    clean = ItemFactory()
    assert _step(client, clean, "review", **REVIEW).status_code == 200
    add_attachment(
        clean, _docx_upload(f"联系人手机{PHONE}"), actor=disclosure_officer, is_public=True
    )
    assert _step(client, clean, "publish").status_code == 409
    assert _step(client, clean, "publish", acknowledge="联系人同意公开").status_code == 200
    clean.refresh_from_db()
    assert clean.status == Item.Status.PUBLISHED
    published = timeline.entries_for(clean).get(action="published")
    assert published.data["personal_data_check"]["acknowledgement"] == "联系人同意公开"


def test_the_review_page_shows_the_findings(client, disclosure_officer):
    item = ItemFactory(body=f"身份证 {ID}")
    client.force_login(disclosure_officer)
    page = client.post(
        reverse("disclosure:item-review", args=[item.pk]),
        {"secrecy_checked": "on", "privacy_checked": "on"},
        follow=True,
    )
    assert "正文：身份证号码 110105********002X" in page.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT


def test_the_publish_form_takes_the_reason(client, disclosure_officer):
    item = ItemFactory(body=f"值班手机 {PHONE}")
    client.force_login(disclosure_officer)
    url = reverse("disclosure:item-review", args=[item.pk])
    client.post(
        url, {"secrecy_checked": "on", "privacy_checked": "on", "acknowledge": "值班公务手机"}
    )
    item.refresh_from_db()
    assert item.status == Item.Status.REVIEWED
    page = client.get(item.get_absolute_url()).content.decode()
    assert "个人信息检查结果" in page and "138****5678" in page and "值班公务手机" in page


def test_a_scheduled_publication_with_new_personal_data_waits_for_an_officer(
    disclosure_officer, today
):
    item = ItemFactory(publish_on=dt.date(2024, 12, 20))
    item = services.review_item(item, actor=disclosure_officer, **REVIEW)
    Item.objects.filter(pk=item.pk).update(body=f"联系 {PHONE}")  # changed behind the review
    assert services.publish_scheduled_items() == []
    item.refresh_from_db()
    assert item.status == Item.Status.REVIEWED
    assert timeline.entries_for(item).filter(action="publish_blocked").exists()


def test_a_hand_over_runs_the_detector_instead_of_claiming_a_check(disclosure_officer, leader):
    item = services.create_item_from_handover(
        actor=leader,
        source=category(),
        title="决定",
        summary="摘要",
        body="正文无个人信息",
        category_code="decisions",
        generated_on=dt.date(2024, 3, 1),
    )
    assert item.privacy_review["findings"] == [] and item.privacy_review["checked_at"]
    assert "未发现" in timeline.entries_for(item).get(action="reviewed").note
