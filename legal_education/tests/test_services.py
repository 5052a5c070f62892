import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from huanghe_portal import timeline
from huanghe_portal.attachments import attachments_of
from huanghe_portal.exceptions import TransitionNotAllowed
from legal_education import services
from legal_education.models import Consultation, Event, KnowledgeTest, StudySession

from .factories import ConsultationFactory, EventFactory
from .images import jpeg_bytes

pytestmark = pytest.mark.django_db

EVENT = {
    "held_on": dt.date(2023, 5, 20),
    "title": "民法典宣传月集中宣传",
    "kind": "civil_code_month",
    "place": "黄鹤场镇",
    "organiser": "黄鹤镇司法所",
    "participants": 120,
    "materials": 300,
}


def test_educator_can_record_an_event_with_a_timeline_entry(educator, today):
    event = services.create_event(actor=educator, **EVENT)

    assert event.status == Event.Status.RECORDED
    assert event.created_by == educator
    entry = timeline.entries_for(event).get()
    assert (entry.actor, entry.action, entry.note) == (educator, "recorded", "民法典宣传月集中宣传")


def test_leader_cannot_record_an_event(leader, today):
    with pytest.raises(PermissionDenied):
        services.create_event(actor=leader, **EVENT)
    assert not Event.objects.exists()


@pytest.mark.parametrize("field", ["participants", "materials", "consultations_on_site"])
def test_negative_counts_are_refused_on_the_field(educator, today, field):
    with pytest.raises(ValidationError) as exc:
        services.create_event(actor=educator, **{**EVENT, field: -1})
    assert exc.value.message_dict[field] == ["不能为负数。"]
    assert not Event.objects.exists()


def test_educator_can_update_an_event_and_the_timeline_names_the_fields(educator):
    event = EventFactory()

    event = services.update_event(
        event, actor=educator, participants=80, title=event.title, version=1
    )

    assert event.participants == 80
    assert timeline.entries_for(event).get().note == "参与人数"


def test_voided_event_cannot_be_changed_or_voided_again(educator):
    event = services.void_event(EventFactory(), actor=educator, reason="重复录入")
    assert event.status == Event.Status.VOIDED
    assert (event.voided_by, event.void_reason) == (educator, "重复录入")

    with pytest.raises(TransitionNotAllowed, match="当前状态为“已作废”"):
        services.void_event(event, actor=educator, reason="again")
    with pytest.raises(TransitionNotAllowed):
        services.update_event(event, actor=educator, participants=1)


def test_void_needs_a_reason(educator):
    with pytest.raises(ValidationError) as exc:
        services.void_event(EventFactory(), actor=educator, reason="  ")
    assert exc.value.message_dict["reason"] == ["请填写作废原因。"]


def test_photo_must_be_an_image(educator):
    event = EventFactory()
    pdf = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image")

    with pytest.raises(ValidationError, match="仅接受 JPEG、PNG 文件"):
        services.add_event_photo(event, pdf, actor=educator)
    assert not attachments_of(event).exists()


def test_photo_too_large_is_refused(educator, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (1024 * 1024 + 10))

    with pytest.raises(ValidationError, match="文件过大"):
        services.add_event_photo(EventFactory(), big, actor=educator)


def test_photo_is_stored_public_by_default(educator):
    event = EventFactory()

    photo = services.add_event_photo(
        event, SimpleUploadedFile("a.jpg", jpeg_bytes()), actor=educator, description="现场"
    )

    assert photo.is_public and photo.content_kind == "jpeg"


def test_consultation_in_the_future_is_refused(educator, today):
    with pytest.raises(ValidationError) as exc:
        services.create_consultation(
            actor=educator,
            consulted_on=today + dt.timedelta(days=1),
            topic="labour",
            answered_by="刘春梅",
            outcome="answered",
        )
    assert exc.value.message_dict["consulted_on"] == ["日期不能晚于今天。"]


def test_to_mediation_without_the_disputes_area_is_refused(educator, today, monkeypatch):
    monkeypatch.setattr(services.handover, "is_registered", lambda kind: False)
    with pytest.raises(ValidationError) as exc:
        services.create_consultation(
            actor=educator,
            consulted_on=today,
            topic="neighbour",
            answered_by="刘春梅",
            outcome="to_mediation",
            person_name="张三",
        )
    assert "人民调解模块未启用" in exc.value.message_dict["outcome"][0]
    assert not Consultation.objects.exists()


def test_study_session_attendance_rate(educator, leader, mediator, report_office, today):
    session = services.create_study_session(
        actor=educator,
        held_on=dt.date(2023, 3, 1),
        kind="central_group",
        subject="学习宪法",
        attendees=[leader, mediator, report_office],
        absentees=[educator],
    )

    assert session.attendance_rate == 75.0
    assert timeline.entries_for(session).get().note == "应到4人，实到3人"


def test_a_person_cannot_be_both_present_and_absent(educator, leader, today):
    with pytest.raises(ValidationError) as exc:
        services.create_study_session(
            actor=educator,
            held_on=dt.date(2023, 3, 1),
            kind="lecture",
            subject="x",
            attendees=[leader],
            absentees=[leader],
        )
    assert "同一人不能既参加又缺席" in exc.value.message_dict["absentees"][0]
    assert not StudySession.objects.exists()


def test_test_pass_rate_and_average(educator, today):
    test = services.create_test(
        actor=educator,
        held_on=dt.date(2023, 4, 1),
        subject="法治理论考试",
        max_score=Decimal("100"),
        pass_mark=Decimal("60"),
        scores=[
            {"name": "甲", "score": 95},
            {"name": "乙", "score": 60},
            {"name": "丙", "score": Decimal("45.5")},
        ],
    )

    assert test.stats() == {"participants": 3, "passed": 2, "pass_rate": 66.7, "average": 66.8}


def test_score_above_the_maximum_is_refused(educator, today):
    with pytest.raises(ValidationError) as exc:
        services.create_test(
            actor=educator,
            held_on=dt.date(2023, 4, 1),
            subject="考试",
            max_score=Decimal("50"),
            pass_mark=Decimal("30"),
            scores=[{"name": "甲", "score": 51}],
        )
    assert exc.value.message_dict["scores"] == ["甲的成绩51超过满分50。"]
    assert not KnowledgeTest.objects.exists()


def test_test_without_participants_is_refused(educator, today):
    with pytest.raises(ValidationError) as exc:
        services.create_test(actor=educator, held_on=dt.date(2023, 4, 1), subject="考试", scores=[])
    assert exc.value.message_dict["scores"] == ["测试须至少有一名参加人员及其成绩。"]


def test_consultation_void_keeps_the_record(educator):
    consultation = services.void_consultation(ConsultationFactory(), actor=educator, reason="误录")
    assert Consultation.objects.filter(pk=consultation.pk, status="voided").exists()
