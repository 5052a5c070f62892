import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from huanghe_portal import handover
from legal_education.models import Consultation, Event, KnowledgeTest

from .factories import ConsultationFactory, EventFactory, KnowledgeTestFactory
from .images import jpeg_bytes

pytestmark = pytest.mark.django_db

EVENTS = reverse("api:legal-education-event-list")
CONSULTATIONS = reverse("api:legal-education-consultation-list")
TESTS = reverse("api:legal-education-test-list")
STUDY = reverse("api:legal-education-study-session-list")

EVENT = {
    "held_on": "2023-05-20",
    "title": "民法典宣传月集中宣传",
    "kind": "civil_code_month",
    "place": "黄鹤场镇",
    "organiser": "黄鹤镇司法所",
    "participants": 120,
    "materials": 300,
    "summary": "发放资料，现场答疑。",
}


def _event_url(pk, step=None):
    if step:
        return reverse(f"api:legal-education-event-{step}", args=[pk])
    return reverse("api:legal-education-event-detail", args=[pk])


def test_educator_creates_an_event(api_client, educator, village, today):
    api_client.force_authenticate(educator)

    response = api_client.post(EVENTS, {**EVENT, "village": village.pk})

    assert response.status_code == 201
    body = response.json()
    assert body["kind_display"] == "民法典宣传月"
    assert body["status"] == "recorded" and body["status_display"] == "已登记"
    assert body["village_name"] == "平桥村"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants", -5, "不能为负数。"),
        ("materials", -1, "不能为负数。"),
        ("held_on", "2023/05/20", "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
        ("held_on", "2023-02-30", "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
        ("kind", "party", "“party” 不是合法选项。"),
    ],
)
def test_bad_event_input_is_refused_on_the_field(api_client, educator, field, value, message):
    api_client.force_authenticate(educator)

    response = api_client.post(EVENTS, {**EVENT, field: value})

    assert response.status_code == 400
    assert response.json()["fields"][field] == [message]
    assert not Event.objects.exists()


def test_other_staff_roles_read_but_cannot_write(api_client, leader, mediator):
    event = EventFactory()
    api_client.force_authenticate(mediator)
    assert api_client.get(_event_url(event.pk)).status_code == 200
    assert api_client.post(EVENTS, EVENT).status_code == 403
    api_client.force_authenticate(leader)
    response = api_client.post(_event_url(event.pk, "void"), {"reason": "x"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.RECORDED


def test_anonymous_cannot_create(api_client):
    assert api_client.post(EVENTS, EVENT).status_code == 401


def test_delete_is_not_allowed(api_client, educator):
    api_client.force_authenticate(educator)
    event = EventFactory()
    assert api_client.delete(_event_url(event.pk)).status_code == 405
    assert Event.objects.filter(pk=event.pk).exists()


def test_void_twice_is_a_conflict(api_client, educator):
    api_client.force_authenticate(educator)
    event = EventFactory()

    first = api_client.post(_event_url(event.pk, "void"), {"reason": "重复录入"})
    second = api_client.post(_event_url(event.pk, "void"), {"reason": "重复录入"})

    assert first.status_code == 200 and first.json()["status"] == "voided"
    assert second.status_code == 409
    assert "已作废" in second.json()["detail"]


def test_public_reads_only_events_not_voided_and_no_staff_fields(api_client, today):
    shown = EventFactory(title="宪法宣传周", held_on=dt.date(2023, 12, 4))
    EventFactory(title="作废的活动", voided=True)

    response = api_client.get(EVENTS)

    assert response.status_code == 200
    titles = [e["title"] for e in response.json()["results"]]
    assert titles == ["宪法宣传周"]
    assert "status" not in response.json()["results"][0]
    assert api_client.get(_event_url(shown.pk)).status_code == 200
    voided = Event.objects.get(title="作废的活动")
    assert api_client.get(_event_url(voided.pk)).status_code == 404


def test_public_filters_coming_and_past(api_client, today):
    EventFactory(title="将来", held_on=today + dt.timedelta(days=10))
    EventFactory(title="过去", held_on=today - dt.timedelta(days=10))

    coming = api_client.get(EVENTS, {"when": "coming"}).json()["results"]
    past = api_client.get(EVENTS, {"when": "past"}).json()["results"]

    assert [e["title"] for e in coming] == ["将来"]
    assert [e["title"] for e in past] == ["过去"]


def test_staff_filter_by_kind_village_year_and_month(api_client, leader, village):
    EventFactory(title="a", kind="lecture", village=village, held_on=dt.date(2022, 3, 5))
    EventFactory(title="b", kind="lecture", held_on=dt.date(2022, 4, 5))
    EventFactory(title="c", kind="campaign", held_on=dt.date(2021, 3, 5))
    api_client.force_authenticate(leader)

    def titles(**params):
        return sorted(e["title"] for e in api_client.get(EVENTS, params).json()["results"])

    assert titles(kind="lecture") == ["a", "b"]
    assert titles(village=village.pk) == ["a"]
    assert titles(year=2022, month=3) == ["a"]
    assert titles(year=2021) == ["c"]


def test_photo_upload_through_the_api(api_client, educator):
    event = EventFactory()
    api_client.force_authenticate(educator)

    response = api_client.post(
        _event_url(event.pk, "photos"),
        {"file": SimpleUploadedFile("p.jpg", jpeg_bytes())},
        format="multipart",
    )
    bad = api_client.post(
        _event_url(event.pk, "photos"),
        {"file": SimpleUploadedFile("p.jpg", b"GIF89a....")},
        format="multipart",
    )

    assert response.status_code == 201
    assert response.json()["photos"][0]["is_public"] is True
    assert bad.status_code == 400
    assert "仅接受 JPEG、PNG 文件" in bad.json()["detail"]


def test_consultation_person_name_is_masked_for_other_roles(api_client, educator, leader, today):
    api_client.force_authenticate(educator)
    created = api_client.post(
        CONSULTATIONS,
        {
            "consulted_on": "2023-06-01",
            "topic": "marriage_family",
            "answered_by": "刘春梅",
            "outcome": "answered",
            "person_name": "张小明",
            "question": "离婚财产怎么分？",
        },
    )
    assert created.status_code == 201
    assert created.json()["person_name"] == "张小明"
    assert created.json()["outcome_display"] == "当场解答"

    api_client.force_authenticate(leader)
    shown = api_client.get(
        reverse("api:legal-education-consultation-detail", args=[created.json()["id"]])
    )
    assert shown.json()["person_name"] == "张*明"


def test_consultations_are_not_public(api_client):
    ConsultationFactory()
    assert api_client.get(CONSULTATIONS).status_code == 401


def test_consultation_in_the_future_is_400(api_client, educator, today):
    api_client.force_authenticate(educator)
    response = api_client.post(
        CONSULTATIONS,
        {
            "consulted_on": "2023-06-16",
            "topic": "labour",
            "answered_by": "x",
            "outcome": "answered",
        },
    )
    assert response.status_code == 400
    assert response.json()["fields"]["consulted_on"] == ["日期不能晚于今天。"]


def test_consultation_to_mediation_registers_a_dispute(api_client, educator, village, today):
    api_client.force_authenticate(educator)

    response = api_client.post(
        CONSULTATIONS,
        {
            "consulted_on": "2023-06-01",
            "topic": "neighbour",
            "answered_by": "刘春梅",
            "outcome": "to_mediation",
            "person_name": "王大山",
            "village": village.pk,
            "question": "邻居修房占用通道",
            "respondent_name": "李四",
        },
    )

    assert response.status_code == 201
    dispute_id = response.json()["dispute"]
    assert dispute_id is not None
    consultation = Consultation.objects.get(pk=response.json()["id"])
    dispute = handover.links_from(consultation, "dispute").get().target
    assert dispute.pk == dispute_id
    assert dispute.source == "other"
    assert dispute.received_on == dt.date(2023, 6, 1)


def test_to_mediation_needs_the_person_name(api_client, educator, today, monkeypatch):
    monkeypatch.setattr(handover, "is_registered", lambda kind: True)
    api_client.force_authenticate(educator)
    response = api_client.post(
        CONSULTATIONS,
        {
            "consulted_on": "2023-06-01",
            "topic": "neighbour",
            "answered_by": "刘春梅",
            "outcome": "to_mediation",
        },
    )
    assert response.status_code == 400
    assert response.json()["fields"]["person_name"] == [
        "转人民调解须填写咨询人姓名（作为申请人）。"
    ]
    assert not Consultation.objects.exists()


def test_test_with_scores_reports_pass_rate_and_average(api_client, educator, today):
    api_client.force_authenticate(educator)
    response = api_client.post(
        TESTS,
        {
            "held_on": "2023-05-01",
            "subject": "法治理论考试",
            "max_score": "100",
            "pass_mark": "60",
            "scores": [{"name": "甲", "score": "90"}, {"name": "乙", "score": "50"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["participants"], body["passed"], body["pass_rate"], body["average"]) == (
        2,
        1,
        50.0,
        70.0,
    )


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([{"name": "甲", "score": "101"}], "甲的成绩101超过满分100。"),
        ([], "测试须至少有一名参加人员及其成绩。"),
    ],
)
def test_bad_test_input_is_400_on_scores(api_client, educator, today, scores, message):
    api_client.force_authenticate(educator)
    response = api_client.post(
        TESTS, {"held_on": "2023-05-01", "subject": "考试", "scores": scores}
    )
    assert response.status_code == 400
    assert response.json()["fields"]["scores"] == [message]
    assert not KnowledgeTest.objects.exists()


def test_study_session_through_the_api(api_client, educator, leader, mediator, today):
    api_client.force_authenticate(educator)
    response = api_client.post(
        STUDY,
        {
            "held_on": "2023-03-01",
            "kind": "court_hearing",
            "subject": "旁听行政诉讼庭审",
            "attendees": [leader.pk],
            "absentees": [mediator.pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["kind_display"] == "旁听庭审"
    assert body["attendance_rate"] == 50.0
    assert [a["name"] for a in body["attendees"]] == ["镇长甲"]


def test_any_staff_role_lists_tests(api_client, disclosure_officer):
    KnowledgeTestFactory(scores=[80, 40])
    api_client.force_authenticate(disclosure_officer)
    body = api_client.get(TESTS).json()
    assert body["count"] == 1
    assert body["results"][0]["pass_rate"] == 50.0


def test_liaison_roster_and_training_through_the_api(api_client, educator, village, today):
    api_client.force_authenticate(educator)
    created = api_client.post(
        reverse("api:legal-education-liaison-list"),
        {
            "village": village.pk,
            "name": "谭德华",
            "appointed_on": "2022-01-01",
            "occupation": "网格员",
        },
    )
    assert created.status_code == 201
    trained = api_client.post(
        reverse("api:legal-education-liaison-trainings", args=[created.json()["id"]]),
        {"trained_on": "2022-06-01", "subject": "法律明白人培训班"},
    )
    assert trained.status_code == 201
    assert trained.json()["trainings"] == [
        {"trained_on": "2022-06-01", "subject": "法律明白人培训班", "hours": "2.0"}
    ]


def test_event_patch_through_the_api(api_client, educator):
    event = EventFactory(participants=10)
    api_client.force_authenticate(educator)
    response = api_client.patch(_event_url(event.pk), {"participants": 25, "version": 1})
    bad = api_client.patch(_event_url(event.pk), {"participants": -2, "version": 2})
    assert response.status_code == 200 and response.json()["participants"] == 25
    assert bad.status_code == 400 and bad.json()["fields"]["participants"] == ["不能为负数。"]
    event.refresh_from_db()
    assert event.participants == 25


def test_a_test_cannot_be_patched(api_client, educator):
    test = KnowledgeTestFactory(scores=[70])
    api_client.force_authenticate(educator)
    response = api_client.patch(
        reverse("api:legal-education-test-detail", args=[test.pk]), {"subject": "x"}
    )
    assert response.status_code == 405


def test_schema_documents_the_inputs(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    events = schema["paths"]["/api/v1/legal-education/events/"]["post"]
    ref = events["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("EventInputRequest")
    assert "patch" not in schema["paths"]["/api/v1/legal-education/tests/{id}/"]


@pytest.mark.parametrize(
    ("method", "url_name", "detail"),
    [
        ("patch", "api:legal-education-event-detail", True),
        ("post", "api:legal-education-event-photos", True),
        ("post", "api:legal-education-consultation-list", False),
        ("post", "api:legal-education-study-session-list", False),
        ("post", "api:legal-education-test-list", False),
        ("post", "api:legal-education-liaison-list", False),
    ],
)
def test_report_office_reads_but_every_write_is_403(
    api_client, report_office, method, url_name, detail
):
    event = EventFactory(participants=7)
    api_client.force_authenticate(report_office)
    url = reverse(url_name, args=[event.pk]) if detail else reverse(url_name)

    response = getattr(api_client, method)(url, {"participants": 9})

    assert response.status_code == 403
    assert "普法专员" in response.json()["detail"]
    event.refresh_from_db()
    assert event.participants == 7


def test_unmasked_read_by_the_educator_is_audited(api_client, educator):
    from huanghe_portal.models import PersonalDataAccess

    consultation = ConsultationFactory(person_name="张小明")
    api_client.force_authenticate(educator)
    api_client.get(reverse("api:legal-education-consultation-detail", args=[consultation.pk]))
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.object_id, access.field) == (
        educator,
        consultation.pk,
        "person_name",
    )
