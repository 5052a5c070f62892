import datetime as dt

import pytest
from django.urls import reverse

from petitions.models import Petition

from .factories import PetitionFactory, ReceptionDayFactory, SuggestionFactory, make_id_number

pytestmark = pytest.mark.django_db


def test_register_lists_with_filters_and_overdue_badge(client, petition_clerk, village):
    late = PetitionFactory(received_on=dt.date(2024, 5, 1), village=village, summary="逾期事项")
    PetitionFactory(received_on=dt.date(2024, 6, 10), summary="新近事项", channel="letter")
    client.force_login(petition_clerk)
    page = client.get(reverse("petitions:index"), {"overdue": "1"}).content.decode()
    assert late.number in page and "超期" in page and "新近事项" not in page
    page = client.get(reverse("petitions:index"), {"channel": "letter"}).content.decode()
    assert "新近事项" in page and "逾期事项" not in page
    page = client.get(reverse("petitions:index"), {"village": village.pk}).content.decode()
    assert "逾期事项" in page and "新近事项" not in page


def test_register_with_overdue_filter_uses_constant_queries(
    client, petition_clerk, django_assert_max_num_queries
):
    PetitionFactory.create_batch(40, received_on=dt.date(2024, 4, 1))
    client.force_login(petition_clerk)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("petitions:index"), {"overdue": "1"})
    assert response.status_code == 200


def test_clerk_registers_through_the_form(client, petition_clerk, township):
    form = {
        "received_on": "2024-06-03",
        "channel": "visit",
        "source": "direct",
        "category": "appeal",
        "petitioner_name": "覃某",
        "persons_count": 12,
        "summary": "集体反映",
    }
    client.force_login(petition_clerk)
    create = reverse("petitions:petition-create")
    response = client.post(create, {**form, "representatives": "甲、乙、丙、丁、戊、己"})
    assert response.status_code == 400
    assert "不超过5人" in response.content.decode()
    assert not Petition.objects.exists()
    response = client.post(create, {**form, "representatives": "甲、乙", "phone": "13800003333"})
    petition = Petition.objects.get()
    assert response.status_code == 302 and response.url == petition.get_absolute_url()
    assert petition.acceptance_due == dt.date(2024, 6, 18)


def test_detail_masks_for_leader_and_shows_timeline(client, leader, petition_clerk):
    petition = PetitionFactory(id_number=make_id_number(9), phone="13812345678")
    client.force_login(leader)
    page = client.get(petition.get_absolute_url()).content.decode()
    assert "138****5678" in page and "13812345678" not in page
    client.force_login(petition_clerk)
    page = client.get(petition.get_absolute_url()).content.decode()
    assert "138****5678" in page and "13812345678" not in page  # masked until asked for
    page = client.get(petition.get_absolute_url() + "?reveal=phone").content.decode()
    assert "13812345678" in page


@pytest.mark.parametrize("surface", ["html", "api"])
def test_html_and_api_agree_on_accept(client, petition_clerk, surface):
    petition = PetitionFactory()
    client.force_login(petition_clerk)
    if surface == "html":
        response = client.post(
            reverse("petitions:petition-accept", args=[petition.pk]), {"accepted_on": "2024-03-04"}
        )
        assert response.status_code == 302
    else:
        response = client.post(
            reverse("api:petition-accept", args=[petition.pk]),
            {"accepted_on": "2024-03-04"},
            content_type="application/json",
        )
        assert response.status_code == 200
    petition.refresh_from_db()
    assert (petition.status, petition.handling_due) == ("accepted", dt.date(2024, 5, 3))


@pytest.mark.parametrize("url_name", ["petitions:petition-accept", "api:petition-accept"])
def test_leader_cannot_accept_on_either_surface(client, leader, url_name):
    petition = PetitionFactory()
    client.force_login(leader)
    response = client.post(reverse(url_name, args=[petition.pk]), {"accepted_on": "2024-03-04"})
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.status == "registered"


def test_html_reply_before_acceptance_shows_the_state_message(client, petition_clerk):
    petition = PetitionFactory()
    client.force_login(petition_clerk)
    response = client.post(
        reverse("petitions:petition-reply", args=[petition.pk]),
        {"replied_on": "2024-04-01", "outcome": "support", "opinion": "x"},
        follow=True,
    )
    assert "不能变更为“已答复”" in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == "registered"


def test_html_extension_of_31_days_keeps_the_form(client, petition_clerk):
    petition = PetitionFactory(accepted=True, received_on=dt.date(2024, 6, 1))
    client.force_login(petition_clerk)
    response = client.post(
        reverse("petitions:petition-extend", args=[petition.pk]), {"days": "31", "reason": "x"}
    )
    assert response.status_code == 400
    assert "1至30日" in response.content.decode()


def test_accusation_hidden_from_other_clerk_in_html(client, petition_clerk, other_petition_clerk):
    accusation = PetitionFactory(
        category="accusation", registered_by=petition_clerk, summary="检举某干部"
    )
    client.force_login(other_petition_clerk)
    assert "检举某干部" not in client.get(reverse("petitions:index")).content.decode()
    assert client.get(accusation.get_absolute_url()).status_code == 404


def test_notice_pdfs_carry_the_statutory_text(client, petition_clerk, township, leader):
    from io import BytesIO

    from pypdf import PdfReader

    petition = PetitionFactory(
        replied=True,
        outcome="explain",
        opinion="所反映情况属实。",
        extended_on=dt.date(2024, 3, 20),
        extension_days=10,
        extension_reason="需要现场勘查",
        extension_approved_by=leader,
        delivered_on=dt.date(2024, 5, 2),
        review_request_due=dt.date(2024, 6, 3),
    )
    client.force_login(petition_clerk)
    texts = {}
    for kind in ("acceptance", "extension", "opinion"):
        response = client.get(reverse("petitions:petition-notice", args=[petition.pk, kind]))
        assert response["Content-Type"] == "application/pdf"
        texts[kind] = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    flat = {k: v.replace("\n", "").replace(" ", "") for k, v in texts.items()}
    assert "受理告知书" in flat["acceptance"] and "第二十三条" in flat["acceptance"]
    assert "延长10日" in flat["extension"]
    # Issue 14: the notice names the approval and is dated the day of the approval.
    assert "镇长甲于2024年3月20日批准" in flat["extension"]
    assert (
        flat["extension"].rstrip().endswith("2024年3月20日")
        or "2024年3月20日" in flat["extension"].split("特此告知")[-1]
    )
    # The 复查 right states the rolled last day (day 30 was Sat 2024-06-01).
    assert "2024年6月3日" in flat["opinion"] and "顺延" in flat["opinion"]
    assert "信访处理意见书" in flat["opinion"] and "三十日内" in flat["opinion"]
    assert "解释说明" in flat["opinion"]
    response = client.get(
        reverse("petitions:petition-notice", args=[petition.pk, "non_acceptance"])
    )
    assert response.status_code == 404


def test_non_acceptance_notice_names_where_guided(client, petition_clerk, township):
    from io import BytesIO

    from pypdf import PdfReader

    petition = PetitionFactory(
        status="not_accepted",
        not_accepted_on=dt.date(2024, 3, 3),
        not_accept_reason="属于民事纠纷",
        guided_to="litigation",
    )
    client.force_login(petition_clerk)
    response = client.get(
        reverse("petitions:petition-notice", args=[petition.pk, "non_acceptance"])
    )
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "不予受理告知书" in text.replace("\n", "") and "诉讼" in text


def test_reception_calendar_and_records(client, leader):
    day = ReceptionDayFactory(date=dt.date(2024, 6, 12))
    client.force_login(leader)
    page = client.get(reverse("petitions:reception-day-list"), {"month": "2024-06"})
    assert "向国栋" in page.content.decode()
    response = client.post(
        day.get_absolute_url(),
        {
            "petitioner_names": "谭某等3人",
            "persons_count": 3,
            "request": "修路",
            "decision": "交交通办办理",
        },
    )
    assert response.status_code == 302
    assert day.records.get().persons_count == 3


def test_suggestion_pages(client, petition_clerk):
    suggestion = SuggestionFactory(summary="建议硬化产业路")
    client.force_login(petition_clerk)
    assert "建议硬化产业路" in client.get(reverse("petitions:suggestion-list")).content.decode()
    response = client.post(
        reverse("petitions:suggestion-reply", args=[suggestion.pk]),
        {"replied_on": "2024-05-01", "reply": "已安排"},
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "replied"


def test_public_reception_schedule_shows_coming_days(client):
    ReceptionDayFactory(date=dt.date(2024, 6, 19), place="镇信访接待室")
    ReceptionDayFactory(date=dt.date(2024, 6, 26), place="作废地点", voided=True)
    page = client.get(reverse("petitions:public-reception-days")).content.decode()
    assert "镇信访接待室" in page and "作废地点" not in page


@pytest.mark.parametrize("role", ["petition_clerk", "leader", "report_office"])
def test_every_staff_page_renders_for_each_reader(client, request, role, township):
    from petitions import services as petition_services

    user = request.getfixturevalue(role)
    online = petition_services.submit_online_petition(
        petitioner_name="陈某", phone="13987654321", summary="网上反映"
    )
    replied = PetitionFactory(replied=True)
    day = ReceptionDayFactory()
    suggestion = SuggestionFactory()
    client.force_login(user)
    urls = [
        reverse("petitions:index"),
        reverse("petitions:index") + "?year=2024&by=replied&sort=due",
        online.get_absolute_url(),
        replied.get_absolute_url(),
        reverse("petitions:reception-day-list"),
        day.get_absolute_url(),
        reverse("petitions:suggestion-list"),
        suggestion.get_absolute_url(),
    ]
    if role == "petition_clerk":
        urls += [
            reverse("petitions:petition-create"),
            reverse("petitions:ledger-import"),
            reverse("petitions:reception-day-create"),
            reverse("petitions:suggestion-create"),
        ]
        urls += [
            reverse(f"petitions:petition-{step}", args=[online.pk])
            for step in (
                "classify",
                "accept",
                "not-accept",
                "void",
                "assign-leader",
                "reissue-code",
                "refer",
            )
        ]
        urls += [
            reverse(f"petitions:petition-{step}", args=[replied.pk])
            for step in ("review-request", "satisfaction")
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_other_area_staff_cannot_open_the_register(client, mediator):
    client.force_login(mediator)
    assert client.get(reverse("petitions:index")).status_code == 403
    assert client.get(PetitionFactory().get_absolute_url()).status_code == 404


def test_attachment_upload_and_download_follow_visibility(
    client, petition_clerk, other_petition_clerk
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from huanghe_portal.attachments import attachments_of

    accusation = PetitionFactory(category="accusation", registered_by=petition_clerk)
    client.force_login(petition_clerk)
    upload = SimpleUploadedFile("举报材料.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("petitions:petition-attach", args=[accusation.pk]), {"file": upload}, follow=True
    )
    assert "举报材料.pdf" in response.content.decode()
    attachment = attachments_of(accusation).get()
    download = reverse("attachment-download", args=[attachment.pk])
    assert client.get(download).status_code == 200
    client.force_login(other_petition_clerk)
    assert client.get(download).status_code == 404


def test_reception_day_voided_from_its_page_leaves_the_public_schedule(client, leader):
    day = ReceptionDayFactory(date=dt.date(2024, 6, 19), place="镇信访接待室")
    client.force_login(leader)
    response = client.post(
        reverse("petitions:reception-day-void", args=[day.pk]), {"reason": "领导外出开会"}
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.voided, day.void_reason) == (True, "领导外出开会")
    client.logout()
    page = client.get(reverse("petitions:public-reception-days")).content.decode()
    assert "镇信访接待室" not in page


def test_voiding_a_reception_day_twice_or_without_a_reason_is_refused_on_the_page(
    client, petition_clerk
):
    day = ReceptionDayFactory(date=dt.date(2024, 6, 19))
    url = reverse("petitions:reception-day-void", args=[day.pk])
    client.force_login(petition_clerk)

    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400 and "请填写作废原因。" in empty.content.decode()
    assert client.post(url, {"reason": "录入错误"}).status_code == 302
    again = client.post(url, {"reason": "再次"})
    assert again.status_code == 409 and "该记录已作废。" in again.content.decode()
    day.refresh_from_db()
    assert day.void_reason == "录入错误"


def test_repeat_link_names_an_earlier_accusation_only_to_who_may_see_it(
    client, petition_clerk, other_petition_clerk
):
    earlier = PetitionFactory(
        category="accusation", registered_by=petition_clerk, number="黄鹤信〔2024〕900号"
    )
    later = PetitionFactory(is_repeat=True, earlier=earlier)
    client.force_login(petition_clerk)
    assert "黄鹤信〔2024〕900号" in client.get(later.get_absolute_url()).content.decode()
    client.force_login(other_petition_clerk)
    page = client.get(later.get_absolute_url()).content.decode()
    # Not even the mark: a repeat whose earlier petition one cannot open is an accusation.
    assert "重复信访" not in page and "黄鹤信〔2024〕900号" not in page


def test_public_suggestions_page_shows_only_published_replies(client):
    SuggestionFactory(
        summary="已公开的建议",
        status="replied",
        replied_on=dt.date(2024, 5, 1),
        reply="已办理",
        published=True,
    )
    SuggestionFactory(
        summary="未公开的建议",
        status="replied",
        replied_on=dt.date(2024, 5, 1),
        reply="已办理",
        published=False,
    )
    SuggestionFactory(summary="未答复的建议", published=True)
    page = client.get(reverse("petitions:public-suggestions")).content.decode()
    assert "已公开的建议" in page
    assert "未公开的建议" not in page and "未答复的建议" not in page


def test_html_extension_names_the_leader_and_is_refused_after_the_period(
    client, petition_clerk, leader
):
    late = PetitionFactory(accepted=True, received_on=dt.date(2024, 1, 1))  # due 2024-03-04
    client.force_login(petition_clerk)
    response = client.post(
        reverse("petitions:petition-extend", args=[late.pk]),
        {"days": "30", "reason": "补办", "approved_by": leader.pk, "approved_on": "2024-06-14"},
        follow=True,
    )
    assert "不能再延期" in response.content.decode()
    late.refresh_from_db()
    assert not late.extension_days

    running = PetitionFactory(accepted=True, received_on=dt.date(2024, 6, 1))
    client.post(
        reverse("petitions:petition-extend", args=[running.pk]),
        {
            "days": "10",
            "reason": "需现场核查",
            "approved_by": leader.pk,
            "approved_on": "2024-06-13",
        },
    )
    running.refresh_from_db()
    assert (running.extension_approved_by, running.extended_on) == (leader, dt.date(2024, 6, 13))
    page = client.get(reverse("petitions:petition-detail", args=[running.pk])).content.decode()
    assert "镇长甲于2024-06-13批准" in page
