import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from huanghe_portal import timeline
from huanghe_portal.attachments import attachments_of
from legal_education import services
from legal_education.models import Consultation, Event, KnowledgeTest, StudySession

from .factories import (
    ConsultationFactory,
    EventFactory,
    KnowledgeTestFactory,
    LegalLiaisonFactory,
    StudySessionFactory,
)
from .images import jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db

FORM = {
    "held_on": "2023-05-20",
    "title": "宪法进校园",
    "kind": "outreach",
    "place": "黄鹤小学",
    "organiser": "黄鹤镇司法所",
    "participants": "300",
    "materials": "150",
    "consultations_on_site": "4",
    "summary": "讲解宪法基本知识。",
}


@pytest.mark.parametrize(
    "name",
    [
        "legal_education:index",
        "legal_education:event-list",
        "legal_education:consultation-list",
        "legal_education:study-list",
        "legal_education:test-list",
        "legal_education:liaison-list",
    ],
)
def test_every_staff_role_opens_the_lists(client, mediator, name):
    EventFactory(title="普法讲座")
    client.force_login(mediator)
    response = client.get(reverse(name), {"year": "2022", "month": "5", "q": "讲"})
    assert response.status_code == 200


def test_list_filters_by_kind_village_year_and_month(client, leader, village):
    EventFactory(title="甲活动", kind="lecture", village=village, held_on=dt.date(2022, 3, 5))
    EventFactory(title="乙活动", kind="campaign", held_on=dt.date(2022, 4, 5))
    client.force_login(leader)

    by_kind = client.get(reverse("legal_education:event-list"), {"kind": "lecture"})
    by_village = client.get(reverse("legal_education:event-list"), {"village": village.pk})
    by_month = client.get(reverse("legal_education:event-list"), {"year": 2022, "month": 4})

    assert "甲活动" in by_kind.text and "乙活动" not in by_kind.text
    assert "甲活动" in by_village.text and "乙活动" not in by_village.text
    assert "乙活动" in by_month.text and "甲活动" not in by_month.text


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("legal_education:event-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_educator_records_an_event_through_the_form(client, educator):
    client.force_login(educator)

    response = client.post(reverse("legal_education:event-create"), FORM)

    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert (event.participants, event.kind) == (300, "outreach")
    page = client.get(event.get_absolute_url())
    assert "宪法进校园" in page.text and "登记" in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants", "-3", "不能为负数。"),
        ("materials", "-1", "不能为负数。"),
        ("held_on", "20/05/2023", "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
    ],
)
def test_bad_event_form_input_is_refused_on_the_field(client, educator, field, value, message):
    client.force_login(educator)

    response = client.post(reverse("legal_education:event-create"), {**FORM, field: value})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.text
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "legal_education:event-create",
        "legal_education:consultation-create",
        "legal_education:test-create",
    ],
)
def test_leader_cannot_open_create_forms(client, leader, url_name):
    client.force_login(leader)
    assert client.get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("surface", ["html", "api"])
def test_leader_cannot_void_on_either_surface(client, leader, surface):
    event = EventFactory()
    client.force_login(leader)
    url = (
        reverse("legal_education:record-void", args=["event", event.pk])
        if surface == "html"
        else reverse("api:legal-education-event-void", args=[event.pk])
    )

    response = client.post(url, {"reason": "x"})

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.RECORDED


def test_html_void_and_api_agree(client, educator):
    event = EventFactory()
    client.force_login(educator)

    client.post(
        reverse("legal_education:record-void", args=["event", event.pk]), {"reason": "重复录入"}
    )
    api = client.get(reverse("api:legal-education-event-detail", args=[event.pk])).json()

    assert (api["status"], api["void_reason"]) == ("voided", "重复录入")
    page = client.get(event.get_absolute_url())
    assert "已作废" in page.text and "重复录入" in page.text


def test_html_void_of_a_voided_record_shows_the_state_message(client, educator):
    event = EventFactory(voided=True)
    client.force_login(educator)
    response = client.post(
        reverse("legal_education:record-void", args=["event", event.pk]),
        {"reason": "x"},
        follow=True,
    )
    assert "当前状态为“已作废”" in response.text


def test_photo_upload_and_thumbnail(client, educator):
    event = EventFactory()
    client.force_login(educator)

    client.post(
        reverse("legal_education:event-photo", args=[event.pk]),
        {
            "file": SimpleUploadedFile("现场.png", png_bytes((1200, 800))),
            "description": "现场照片",
            "is_public": "on",
        },
    )
    photo = attachments_of(event).get()
    thumb = client.get(reverse("legal_education:photo-thumb", args=[photo.pk]))

    assert thumb["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(thumb.content))
    assert image.format == "JPEG" and max(image.size) <= 320


def test_non_image_photo_is_refused_with_a_message(client, educator):
    event = EventFactory()
    client.force_login(educator)

    response = client.post(
        reverse("legal_education:event-photo", args=[event.pk]),
        {"file": SimpleUploadedFile("x.jpg", b"just text")},
        follow=True,
    )

    assert "仅接受 JPEG、PNG 文件" in response.text
    assert not attachments_of(event).exists()


def test_consultation_detail_masks_the_name_for_other_roles(client, educator, leader):
    consultation = ConsultationFactory(person_name="王小红")
    client.force_login(leader)
    assert "王*红" in client.get(consultation.get_absolute_url()).text
    client.force_login(educator)  # the owning role: masked too until one click reveals it
    assert "王*红" in client.get(consultation.get_absolute_url()).text
    assert "王小红" in client.get(consultation.get_absolute_url() + "?reveal=person_name").text


def test_consultation_form_creates_one_person_time(client, educator, today):
    client.force_login(educator)
    response = client.post(
        reverse("legal_education:consultation-create"),
        {
            "consulted_on": "2023-06-01",
            "topic": "labour",
            "answered_by": "刘春梅",
            "outcome": "to_legal_aid",
            "question": "拖欠工资",
        },
    )
    assert response.status_code == 302
    assert Consultation.objects.get().get_outcome_display() == "转法律援助"


def test_study_session_form_and_detail(client, educator, leader, mediator, today):
    client.force_login(educator)
    response = client.post(
        reverse("legal_education:study-create"),
        {
            "held_on": "2023-03-01",
            "kind": "central_group",
            "subject": "学习行政复议法",
            "attendees": [leader.pk, educator.pk],
            "absentees": [mediator.pk],
        },
    )
    session = StudySession.objects.get()
    assert response["Location"] == session.get_absolute_url()
    page = client.get(session.get_absolute_url())
    assert "66.7%" in page.text


def test_test_form_parses_scores_and_refuses_a_score_above_the_maximum(client, educator, today):
    client.force_login(educator)
    url = reverse("legal_education:test-create")
    data = {
        "held_on": "2023-04-01",
        "subject": "法治理论考试",
        "max_score": "100",
        "pass_mark": "60",
    }

    bad = client.post(url, {**data, "scores": "张三 92\n李四 120"})
    empty = client.post(url, {**data, "scores": ""})
    good = client.post(url, {**data, "scores": "张三 92\n李四，58"})

    assert bad.context["form"].errors["scores"] == ["李四的成绩120超过满分100。"]
    assert empty.context["form"].errors["scores"] == ["测试须至少有一名参加人员及其成绩。"]
    test = KnowledgeTest.objects.get()
    assert good["Location"] == test.get_absolute_url()
    assert test.stats()["pass_rate"] == 50.0
    assert "50.0%" in client.get(test.get_absolute_url()).text


def test_liaison_training_is_added(client, educator):
    liaison = LegalLiaisonFactory()
    client.force_login(educator)
    client.post(
        reverse("legal_education:liaison-training", args=[liaison.pk]),
        {"trained_on": "2022-07-01", "subject": "民法典培训", "hours": "3"},
    )
    assert liaison.trainings.get().subject == "民法典培训"
    assert timeline.entries_for(liaison).get().action == "trained"


def test_detail_pages_of_other_records_render(client, report_office):
    client.force_login(report_office)
    for record in (
        StudySessionFactory(),
        KnowledgeTestFactory(scores=[70]),
        LegalLiaisonFactory(),
        ConsultationFactory(),
    ):
        assert client.get(record.get_absolute_url()).status_code == 200


# --- Public pages ---------------------------------------------------------------------------


def test_public_events_page_shows_coming_and_past_but_not_voided(client, today):
    EventFactory(title="宪法宣传周活动预告", held_on=dt.date(2023, 12, 4))
    EventFactory(title="民法典宣传月回顾", held_on=dt.date(2023, 5, 20))
    EventFactory(title="录错的活动", held_on=dt.date(2023, 5, 21), voided=True)

    page = client.get(reverse("legal_education:public-events"))

    assert page.status_code == 200
    assert "宪法宣传周活动预告" in page.text and "民法典宣传月回顾" in page.text
    assert "录错的活动" not in page.text


def test_public_photos_only_when_public_and_the_event_not_voided(client, educator):
    event = EventFactory()
    public = services.add_event_photo(
        event, SimpleUploadedFile("a.jpg", jpeg_bytes()), actor=educator, is_public=True
    )
    private = services.add_event_photo(
        event, SimpleUploadedFile("b.jpg", jpeg_bytes()), actor=educator, is_public=False
    )

    detail = client.get(reverse("legal_education:public-event-detail", args=[event.pk]))
    listing = client.get(reverse("legal_education:public-events"))
    thumb = reverse("legal_education:public-photo-thumb", args=[public.pk])
    private_thumb = reverse("legal_education:public-photo-thumb", args=[private.pk])
    assert thumb in detail.text and thumb in listing.text
    assert private_thumb not in detail.text and private_thumb not in listing.text
    assert client.get(thumb).status_code == 200
    assert (
        client.get(reverse("legal_education:public-photo-thumb", args=[private.pk])).status_code
        == 404
    )
    assert client.get(reverse("public-attachment-download", args=[public.pk])).status_code == 200

    services.void_event(event, actor=educator, reason="误录")
    assert client.get(thumb).status_code == 404
    assert client.get(reverse("public-attachment-download", args=[public.pk])).status_code == 404
    assert (
        client.get(reverse("legal_education:public-event-detail", args=[event.pk])).status_code
        == 404
    )


def test_public_navigation_links_to_the_events(client):
    assert reverse("legal_education:public-events") in client.get("/").text


def test_study_session_edit_changes_the_attendance(client, educator, leader, mediator):
    session = StudySessionFactory(attendees=[leader], absentees=[mediator])
    client.force_login(educator)

    response = client.post(
        reverse("legal_education:study-edit", args=[session.pk]),
        {
            "held_on": "2022-03-15",
            "kind": "central_group",
            "subject": session.subject,
            "attendees": [leader.pk, mediator.pk],
            "version": session.version,
        },
    )

    assert response.status_code == 302
    assert session.attendance_rate == 100.0
    assert timeline.entries_for(session).get().action == "updated"


def test_edit_form_of_a_voided_event_shows_the_state_message(client, educator):
    event = EventFactory(voided=True)
    client.force_login(educator)
    data = {**FORM, "title": "改名"}
    response = client.post(reverse("legal_education:event-edit", args=[event.pk]), data)
    assert "当前状态为“已作废”，不能修改。" in response.text
    event.refresh_from_db()
    assert event.title != "改名"


def test_admin_never_deletes(client, superuser):
    event = EventFactory()
    client.force_login(superuser)
    assert client.get(f"/admin/legal_education/event/{event.pk}/delete/").status_code == 403
    assert client.get("/admin/legal_education/consultation/").status_code == 200
