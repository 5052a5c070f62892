"""A decision goes public through the disclosure hand-over, and so through its personal-data
gate: the hand-over no longer records a check that never ran (issue 12.7)."""

import datetime as dt

import pytest
from django.urls import reverse

from decisions.models import Matter
from decisions.tests.factories import MatterFactory, discussed_matter
from disclosure.models import Item
from huanghe_portal import timeline
from huanghe_portal.models import RecordLink

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"
PHONE = "13812345678"


def signed(reviewer, summary: str) -> Matter:
    matter = discussed_matter(reviewer, summary=summary)
    Matter.objects.filter(pk=matter.pk).update(
        status=Matter.Status.SIGNED_OFF, signed_off_on=dt.date(2022, 5, 8)
    )
    matter.refresh_from_db()
    return matter


def test_a_full_id_refuses_publication_and_nothing_goes_public(api_client, leader, legal_reviewer):
    matter = signed(legal_reviewer, f"当事人张三（身份证 {ID}，电话 {PHONE}）申请……")
    api_client.force_authenticate(leader)
    answer = api_client.post(
        f"/api/v1/decisions/{matter.pk}/publish/", {"acknowledge": "已核对"}, format="json"
    )
    assert answer.status_code == 409
    assert {"where": "内容概述", "what": "身份证号码 110105********002X"}.items() <= (
        answer.json()["findings"][0].items()
    )
    assert ID not in answer.content.decode()
    matter.refresh_from_db()
    assert matter.status == Matter.Status.SIGNED_OFF
    assert not Item.objects.exists() and not RecordLink.objects.exists()


def test_a_mobile_number_needs_the_reason_which_both_records_keep(
    api_client, leader, legal_reviewer
):
    matter = signed(legal_reviewer, f"咨询电话 {PHONE}")
    api_client.force_authenticate(leader)
    url = f"/api/v1/decisions/{matter.pk}/publish/"
    refused = api_client.post(url, {}, format="json")
    assert refused.status_code == 409 and refused.json()["findings"][0]["kind"] == "mobile"
    answer = api_client.post(url, {"acknowledge": "项目办公室公务手机"}, format="json")
    assert answer.status_code == 200
    item = RecordLink.objects.get(kind="disclosure_item", source_id=matter.pk).target
    assert item.status == Item.Status.PUBLISHED
    assert item.privacy_review["acknowledgement"] == "项目办公室公务手机"
    assert "项目办公室公务手机" in timeline.entries_for(matter).get(action="published").note


def test_the_publish_page_shows_the_findings_above_the_reason_field(client, leader, legal_reviewer):
    matter = signed(legal_reviewer, f"联系人手机 {PHONE}")
    client.force_login(leader)
    page = client.post(reverse("decisions:matter-step", args=[matter.pk, "publish"]), {})
    text = page.content.decode()
    assert page.status_code == 400
    assert "手机号码 138****5678" in text and 'name="acknowledge"' in text
    matter.refresh_from_db()
    assert matter.status == Matter.Status.SIGNED_OFF


def test_a_draft_goes_out_for_comment_only_through_the_gate(api_client, leader, legal_reviewer):
    matter = MatterFactory(summary=f"申请人身份证 {ID}")
    api_client.force_authenticate(leader)
    url = f"/api/v1/decisions/{matter.pk}/public_comment/"
    window = {"opens_on": "2022-05-01", "closes_on": "2022-06-20"}
    refused = api_client.post(url, window, format="json")
    assert refused.status_code == 409 and refused.json()["findings"][0]["kind"] == "id_number"
    assert not matter.comment_windows.exists()

    Matter.objects.filter(pk=matter.pk).update(summary=f"咨询电话 {PHONE}")
    assert api_client.post(url, window, format="json").status_code == 409
    answer = api_client.post(url, {**window, "acknowledge": "承办科室公务手机"}, format="json")
    assert answer.status_code == 200, answer.json()
    entry = timeline.entries_for(matter).get(action="comment_window_opened")
    assert entry.data["personal_data_check"]["acknowledgement"] == "承办科室公务手机"


def test_the_adoption_summary_shown_on_the_closed_draft_page_passes_the_gate(
    api_client, client, report_office
):
    from decisions.tests.factories import CommentWindowFactory

    window = CommentWindowFactory(opens_on=dt.date(2022, 11, 1), closes_on=dt.date(2022, 11, 30))
    api_client.force_authenticate(report_office)
    url = f"/api/v1/decisions/{window.matter_id}/adoption/"
    refused = api_client.post(
        url,
        {
            "window": window.pk,
            "adoption_summary": f"张三 {ID} 的意见已采纳",
            "acknowledge": "已核对",
        },
        format="json",
    )
    assert refused.status_code == 409 and ID not in refused.content.decode()
    refused = api_client.post(
        url, {"window": window.pk, "adoption_summary": f"请致电 {PHONE}"}, format="json"
    )
    assert refused.status_code == 409 and refused.json()["findings"][0]["kind"] == "mobile"
    window.refresh_from_db()
    assert window.adoption_summary == ""
    answer = api_client.post(
        url,
        {
            "window": window.pk,
            "adoption_summary": f"请致电 {PHONE}",
            "acknowledge": "办公室公务电话",
        },
        format="json",
    )
    assert answer.status_code == 200
    page = client.get(reverse("decisions:public-draft", args=[window.pk])).content.decode()
    assert f"请致电 {PHONE}" in page
    assert (
        "办公室公务电话"
        in timeline.entries_for(window.matter).get(action="adoption_summarised").note
    )
