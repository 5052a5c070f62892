import datetime as dt

import pytest
from django.urls import reverse

from petitions.models import Petition

from .factories import PetitionFactory, ReceptionDayFactory, SuggestionFactory, make_id_number

pytestmark = pytest.mark.django_db


NEW = {
    "received_on": "2024-05-31",
    "channel": "visit",
    "category": "appeal",
    "petitioner_name": "谭某",
    "summary": "反映村道损毁",
}


def url(name, *args):
    return reverse(f"api:{name}", args=args)


def create(api_client, **fields):
    return api_client.post(url("petition-list"), {**NEW, **fields}, format="json")


def test_clerk_creates_petition_with_contract_fields(api_client, petition_clerk, township):
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(
        url("petition-list"),
        {
            **NEW,
            "channel": "letter",
            "source": "forwarded",
            "category": "suggestion",
            "petitioner_name": "秦某",
            "id_number": make_id_number(3),
            "phone": "13800001111",
            "persons_count": 1,
            "summary": "建议增设路灯。",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "黄鹤信〔2024〕1号"
    assert body["status"] == "registered"
    assert body["status_display"] == "已登记"
    assert body["channel_display"] == "来信"
    assert body["acceptance_due"] == "2024-06-15"
    assert body["id_number"] == make_id_number(3)  # the area's own role sees it unmasked
    assert body["overdue"] is False


def test_more_than_five_representatives_is_400(api_client, petition_clerk):
    api_client.force_authenticate(petition_clerk)
    response = create(api_client, persons_count=40, representatives=list("甲乙丙丁戊己"))
    assert response.status_code == 400
    assert "不超过5人" in response.json()["fields"]["representatives"][0]
    assert not Petition.objects.exists()


def test_leader_sees_masked_personal_data_and_cannot_create(api_client, leader):
    petition = PetitionFactory(id_number=make_id_number(5), phone="13812345678")
    api_client.force_authenticate(leader)
    body = api_client.get(url("petition-detail", petition.pk)).json()
    assert body["phone"] == "138****5678"
    assert body["id_number"].startswith("500240") and "*" in body["id_number"]
    assert create(api_client).status_code == 403


def test_other_roles_get_404_and_anonymous_401(api_client, mediator):
    petition = PetitionFactory()
    assert api_client.get(url("petition-detail", petition.pk)).status_code == 401
    api_client.force_authenticate(mediator)
    assert api_client.get(url("petition-detail", petition.pk)).status_code == 404


def test_delete_is_405(api_client, petition_clerk):
    petition = PetitionFactory()
    api_client.force_authenticate(petition_clerk)
    assert api_client.delete(url("petition-detail", petition.pk)).status_code == 405


STEPS = [
    ("petition-accept", {}, {"accepted_on": "2024-03-05"}),
    ("petition-not-accept", {}, {"reason": "属仲裁事项", "guided_to": "arbitration"}),
    (
        "petition-extend",
        {"accepted": True, "received_on": dt.date(2024, 6, 1)},
        {"days": 10, "reason": "需现场核查", "approved_by": "LEADER"},
    ),
    (
        "petition-reply",
        {"accepted": True},
        {"replied_on": "2024-04-01", "outcome": "support", "opinion": "已解决"},
    ),
    (
        "petition-review-request",
        {"replied": True, "delivered_on": dt.date(2024, 6, 1)},
        {"requested_on": "2024-06-10"},
    ),
    (
        "petition-review-result",
        {"replied": True, "status": "under_review", "review_requested_on": dt.date(2024, 5, 1)},
        {"decided_on": "2024-05-20", "result": "upheld"},
    ),
    ("petition-satisfaction", {"replied": True}, {"satisfied": False}),
    ("petition-void", {}, {"reason": "录入错误"}),
]


def _with_leader(payload: dict, leader) -> dict:
    """The extension names its approving leader by id (API.md petitions `extend`)."""
    return {**payload, "approved_by": leader.pk} if "approved_by" in payload else payload


@pytest.mark.parametrize(("name", "traits", "payload"), STEPS)
def test_clerk_can_take_each_step(api_client, petition_clerk, leader, name, traits, payload):
    petition = PetitionFactory(**traits)
    payload = _with_leader(payload, leader)
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(url(name, petition.pk), payload, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == petition.pk
    petition.refresh_from_db()
    assert petition.status != traits.get("status", "x")


@pytest.mark.parametrize(("name", "traits", "payload"), STEPS)
def test_leader_cannot_take_steps(api_client, leader, name, traits, payload):
    petition = PetitionFactory(**traits)
    payload = _with_leader(payload, leader)
    before = petition.status
    api_client.force_authenticate(leader)
    response = api_client.post(url(name, petition.pk), payload, format="json")
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.status == before


WRONG_STATE = [
    ("petition-accept", {"replied": True}, {"accepted_on": "2024-03-05"}),
    ("petition-not-accept", {"accepted": True}, {"reason": "x", "guided_to": "other"}),
    ("petition-extend", {}, {"days": 10, "reason": "x", "approved_by": "LEADER"}),
    ("petition-reply", {}, {"replied_on": "2024-04-01", "outcome": "support", "opinion": "x"}),
    ("petition-review-request", {"accepted": True}, {"requested_on": "2024-06-10"}),
    ("petition-review-result", {"replied": True}, {"decided_on": "2024-05-20", "result": "upheld"}),
    ("petition-satisfaction", {}, {"satisfied": True}),
    ("petition-void", {"status": "voided"}, {"reason": "x"}),
]


@pytest.mark.parametrize(("name", "traits", "payload"), WRONG_STATE)
def test_step_in_wrong_state_is_409(api_client, petition_clerk, leader, name, traits, payload):
    petition = PetitionFactory(**traits)
    payload = _with_leader(payload, leader)
    before = petition.status
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(url(name, petition.pk), payload, format="json")
    assert response.status_code == 409, response.json()
    assert "当前状态" in response.json()["detail"]
    petition.refresh_from_db()
    assert petition.status == before


def test_extension_of_31_days_and_second_extension_are_400(api_client, petition_clerk, leader):
    petition = PetitionFactory(accepted=True, received_on=dt.date(2024, 6, 1))
    api_client.force_authenticate(petition_clerk)
    approval = {"approved_by": leader.pk, "approved_on": "2024-06-14"}
    response = api_client.post(
        url("petition-extend", petition.pk), {"days": 31, "reason": "x", **approval}
    )
    assert response.status_code == 400
    assert "1至30日" in response.json()["fields"]["days"][0]
    assert (
        api_client.post(
            url("petition-extend", petition.pk), {"days": 30, "reason": "x", **approval}
        ).status_code
        == 200
    )
    response = api_client.post(
        url("petition-extend", petition.pk), {"days": 1, "reason": "y", **approval}
    )
    assert response.status_code == 400
    assert "只能延长一次" in response.json()["fields"]["days"][0]


def test_review_request_late_is_400(api_client, petition_clerk):
    # Delivered 2024-04-01: day 30 is 05-01 (劳动节 1–5 May), so the period runs to Mon 05-06.
    petition = PetitionFactory(replied=True, delivered_on=dt.date(2024, 4, 1))
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(
        url("petition-review-request", petition.pk), {"requested_on": "2024-05-07"}
    )
    assert response.status_code == 400
    assert "2024-05-06" in response.json()["fields"]["requested_on"][0]
    petition.refresh_from_db()
    assert petition.status == "replied"


def test_future_step_date_is_400(api_client, petition_clerk):
    petition = PetitionFactory()
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(url("petition-accept", petition.pk), {"accepted_on": "2024-06-15"})
    assert response.status_code == 400
    assert response.json()["fields"]["accepted_on"] == ["日期不能晚于今天。"]


def test_overdue_filter_and_flag(api_client, petition_clerk):
    late = PetitionFactory(received_on=dt.date(2024, 5, 1))  # acceptance due 05-16 < today
    PetitionFactory(received_on=dt.date(2024, 6, 10))
    PetitionFactory(received_on=dt.date(2024, 1, 1), status="not_accepted")
    api_client.force_authenticate(petition_clerk)
    body = api_client.get(url("petition-list"), {"overdue": "1"}).json()
    assert [r["id"] for r in body["results"]] == [late.pk]
    assert body["results"][0]["overdue"] is True


def test_accusations_visible_only_to_registering_clerk_leaders_superusers(
    api_client, petition_clerk, other_petition_clerk, leader, report_office, superuser
):
    accusation = PetitionFactory(category="accusation", registered_by=petition_clerk)
    PetitionFactory()
    for user, sees in [
        (petition_clerk, True),
        (other_petition_clerk, False),
        (leader, True),
        (report_office, False),
        (superuser, True),
    ]:
        api_client.force_authenticate(user)
        ids = [r["id"] for r in api_client.get(url("petition-list")).json()["results"]]
        assert (accusation.pk in ids) is sees, user
        status = api_client.get(url("petition-detail", accusation.pk)).status_code
        assert status == (200 if sees else 404), user


def test_reception_days_public_get_and_create_by_leader(api_client, leader, mediator):
    ReceptionDayFactory(date=dt.date(2024, 6, 19))
    ReceptionDayFactory(date=dt.date(2024, 6, 26), voided=True)
    body = api_client.get(url("reception-day-list")).json()
    assert body["count"] == 1
    assert set(body["results"][0]) == {
        "id",
        "date",
        "start_time",
        "end_time",
        "leader_name",
        "place",
        "topic",
        "kind",
        "kind_display",
    }
    payload = {
        "date": "2024-07-03",
        "leader_name": "向国栋",
        "place": "镇便民服务中心",
        "kind": "visit",
    }
    assert api_client.post(url("reception-day-list"), payload).status_code == 401
    api_client.force_authenticate(mediator)
    assert api_client.post(url("reception-day-list"), payload).status_code == 403
    api_client.force_authenticate(leader)
    response = api_client.post(url("reception-day-list"), payload)
    assert response.status_code == 201
    assert response.json()["kind_display"] == "下访"


def test_deputy_suggestion_create_and_reply(api_client, petition_clerk):
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(
        url("deputy-suggestion-list"),
        {
            "deputy_name": "马代表",
            "assigned_on": "2024-02-29",
            "complex": True,
            "summary": "建议修建便民桥。",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["reply_due"]) == ("assigned", "2024-08-29")
    response = api_client.post(
        url("deputy-suggestion-reply", body["id"]),
        {"replied_on": "2024-05-01", "reply": "已纳入年度计划。"},
    )
    assert response.json()["status"] == "replied"
    response = api_client.post(
        url("deputy-suggestion-reply", body["id"]), {"replied_on": "2024-05-01", "reply": "again"}
    )
    assert response.status_code == 409


def test_deputy_suggestion_read_by_report_office_not_mediator(api_client, report_office, mediator):
    suggestion = SuggestionFactory()
    api_client.force_authenticate(report_office)
    assert api_client.get(url("deputy-suggestion-detail", suggestion.pk)).status_code == 200
    api_client.force_authenticate(mediator)
    assert api_client.get(url("deputy-suggestion-detail", suggestion.pk)).status_code == 404


def test_hotline_import_creates_and_skips_known_tickets(api_client, petition_clerk):
    api_client.force_authenticate(petition_clerk)
    orders = [
        {
            "ticket_no": "12345-2024-0001",
            "received_on": "2024-06-01",
            "petitioner_name": "向某",
            "phone": "13800002222",
            "summary": "噪音扰民",
        }
    ]
    first = api_client.post(url("petition-import-hotline"), orders, format="json")
    assert first.status_code == 201
    assert len(first.json()["created"]) == 1
    again = api_client.post(url("petition-import-hotline"), orders, format="json")
    assert again.json() == {"created": [], "skipped": ["12345-2024-0001"]}
    petition = Petition.objects.get()
    assert (petition.source, petition.channel) == ("hotline_12345", "phone")


def test_bad_id_number_is_400_on_the_field(api_client, petition_clerk):
    api_client.force_authenticate(petition_clerk)
    response = create(api_client, id_number="500240198001010010")
    assert response.status_code == 400
    assert "校验位" in response.json()["fields"]["id_number"][0]


def test_reception_record_can_enter_the_register(api_client, petition_clerk, leader):
    day = ReceptionDayFactory(date=dt.date(2024, 6, 12))
    payload = {
        "petitioner_names": "谭某等",
        "persons_count": 4,
        "request": "修路",
        "decision": "交办",
        "also_register": True,
    }
    api_client.force_authenticate(leader)
    assert (
        api_client.post(url("reception-day-records", day.pk), payload, format="json").status_code
        == 403
    )
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(url("reception-day-records", day.pk), payload, format="json")
    assert response.status_code == 201
    petition = Petition.objects.get()
    assert (petition.source, petition.reception_day, petition.persons_count) == (
        "leader_reception",
        day,
        4,
    )
    assert response.json()["petition"] == petition.pk


def test_mine_filter_lists_what_the_leader_is_in_charge_of(api_client, leader):
    mine = PetitionFactory(leader_in_charge=leader)
    PetitionFactory()
    api_client.force_authenticate(leader)
    body = api_client.get(url("petition-list"), {"mine": "1"}).json()
    assert [r["id"] for r in body["results"]] == [mine.pk]


EXTRA_STEPS = [
    ("petition-classify", {"category": "suggestion", "source": "direct"}, {"accepted": True}),
    ("petition-reissue-code", {}, {"status": "voided"}),
    ("petition-refer-to-mediation", {"respondent_name": "某"}, {"replied": True}),
]


@pytest.mark.parametrize(("name", "payload", "wrong_state"), EXTRA_STEPS)
def test_extra_steps_wrong_role_403_and_wrong_state_409(
    api_client, report_office, petition_clerk, name, payload, wrong_state
):
    petition = PetitionFactory()
    api_client.force_authenticate(report_office)
    assert api_client.post(url(name, petition.pk), payload, format="json").status_code == 403
    stale = PetitionFactory(**wrong_state)
    api_client.force_authenticate(petition_clerk)
    response = api_client.post(url(name, stale.pk), payload, format="json")
    assert response.status_code == 409
    assert "当前状态" in response.json()["detail"]


def test_assign_leader_roles_and_states(api_client, leader, report_office):
    petition = PetitionFactory()
    api_client.force_authenticate(report_office)
    response = api_client.post(url("petition-assign-leader", petition.pk), {"leader": leader.pk})
    assert response.status_code == 403
    api_client.force_authenticate(leader)
    response = api_client.post(url("petition-assign-leader", petition.pk), {"leader": leader.pk})
    assert response.status_code == 200 and response.json()["leader_in_charge"] == leader.pk
    voided = PetitionFactory(status="voided")
    response = api_client.post(url("petition-assign-leader", voided.pk), {"leader": leader.pk})
    assert response.status_code == 409


def test_reissue_code_answers_the_new_code(api_client, petition_clerk):
    petition = PetitionFactory(tracking_code="ABCDEFGHJKMN")
    api_client.force_authenticate(petition_clerk)
    body = api_client.post(url("petition-reissue-code", petition.pk)).json()
    assert body["tracking_code"] not in ("", "ABCDEFGHJKMN")


def test_a_full_width_id_is_stored_in_ascii_and_found_as_a_repeat(api_client, petition_clerk):
    number = make_id_number(9)
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    api_client.force_authenticate(petition_clerk)
    first = create(api_client, id_number=number).json()

    second = create(api_client, id_number=full_width)

    assert second.status_code == 201
    assert (second.json()["id_number"], second.json()["is_repeat"]) == (number, True)
    assert Petition.objects.get(pk=second.json()["id"]).earlier_id == first["id"]


def test_an_arabic_indic_id_or_phone_is_400_with_the_field_named(api_client, petition_clerk):
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    api_client.force_authenticate(petition_clerk)

    response = create(
        api_client,
        id_number=make_id_number(9).translate(arabic),
        phone="13812345678".translate(arabic),
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"id_number", "phone"}
    assert "半角数字" in response.json()["fields"]["id_number"][0]
    assert not Petition.objects.exists()
