import datetime as dt

import pytest
from django.urls import reverse

from decisions.models import Matter
from decisions.tests.factories import (
    CommentWindowFactory,
    MatterFactory,
    ReviewFactory,
    discussed_matter,
    reviewed_matter,
)

pytestmark = pytest.mark.django_db
D = dt.date


def post(client, user, name, matter=None, data=None):
    client.force_authenticate(user)
    args = [matter.pk] if matter else []
    return client.post(reverse(f"api:decision-{name}", args=args), data or {}, format="json")


def test_create_answers_201_with_the_record(api_client, leader):
    response = post(
        api_client,
        leader,
        "list",
        data={
            "title": "黄鹤镇农村人居环境整治方案",
            "kind": "major_decision",
            "summary": "摘要",
            "sponsor_unit": "镇农业服务中心",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["status_display"] == "草案拟订"
    assert body["kind_display"] == "重大行政决策"
    assert "合法性审核" in body["missing_steps"]


def test_create_by_a_mediator_is_403(api_client, mediator):
    response = post(
        api_client,
        mediator,
        "list",
        data={"title": "x", "kind": "other", "summary": "x", "sponsor_unit": "x"},
    )
    assert response.status_code == 403
    assert not Matter.objects.exists()


def test_unknown_kind_is_400_in_chinese(api_client, leader):
    response = post(
        api_client,
        leader,
        "list",
        data={"title": "x", "kind": "decree", "summary": "x", "sponsor_unit": "x"},
    )
    assert response.status_code == 400
    assert "事项类型" in response.json()["fields"]["kind"][0]


def test_all_staff_roles_read_and_outsiders_do_not(api_client, educator, anon):
    matter = MatterFactory()
    api_client.force_authenticate(educator)
    assert api_client.get(reverse("api:decision-detail", args=[matter.pk])).status_code == 200
    api_client.force_authenticate(None)
    assert api_client.get(reverse("api:decision-list")).status_code == 401


def test_delete_is_405(api_client, leader):
    matter = MatterFactory()
    api_client.force_authenticate(leader)
    assert api_client.delete(reverse("api:decision-detail", args=[matter.pk])).status_code == 405


def test_discuss_without_review_is_409_and_nothing_changes(api_client, leader):
    matter = MatterFactory(major=True)
    response = post(
        api_client,
        leader,
        "discuss",
        matter,
        {
            "meeting_kind": "party_committee",
            "held_on": "2022-05-06",
            "result": "adopted",
            "attendees": [
                {"name": "甲", "opinion": "同意", "stance": "agree"},
                {"name": "书记", "opinion": "同意", "stance": "agree"},
            ],
        },
    )
    assert response.status_code == 409
    assert "应审必审" in response.json()["detail"]
    matter.refresh_from_db()
    assert matter.status == "draft" and not matter.meetings.exists()


def test_discuss_records_attendees_in_order(api_client, leader, legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    response = post(
        api_client,
        leader,
        "discuss",
        matter,
        {
            "meeting_kind": "government_meeting",
            "held_on": "2022-05-06",
            "result": "adopted",
            "attendees": [
                {"name": "副镇长", "opinion": "同意", "stance": "agree"},
                {"name": "委员", "opinion": "弃权", "stance": "abstain"},
                {"name": "镇长", "opinion": "同意实施", "stance": "agree"},
            ],
        },
    )
    assert response.status_code == 200
    meeting = response.json()["meetings"][0]
    assert [a["name"] for a in meeting["attendees"]] == ["副镇长", "委员", "镇长"]
    assert meeting["attendees"][-1]["is_principal"] is True
    assert meeting["attendees"][1]["stance_display"] == "弃权"
    assert meeting["result_display"] == "通过"


def test_discuss_by_the_office_is_403(api_client, report_office, legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    response = post(
        api_client,
        report_office,
        "discuss",
        matter,
        {
            "meeting_kind": "party_committee",
            "held_on": "2022-05-06",
            "result": "adopted",
            "attendees": [{"name": "甲", "opinion": "同意", "stance": "agree"}],
        },
    )
    assert response.status_code == 403


def conclude(client, user, matter, **body):
    return post(
        client,
        user,
        "conclude-review",
        matter,
        {"concluded_on": "2022-05-01", "opinion": "x", **body},
    )


def test_review_result_outside_the_codes_is_400(api_client, legal_reviewer):
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_reviewer)
    response = conclude(api_client, legal_reviewer, matter, result="basically_lawful")
    assert response.status_code == 400
    assert "审核结论" in response.json()["fields"]["result"][0]
    assert matter.reviews.get().concluded_on is None


def test_second_conclusion_is_409(api_client, legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    response = conclude(api_client, legal_reviewer, matter, result="unlawful")
    assert response.status_code == 409
    assert "不能再次出具" in response.json()["detail"]
    assert matter.reviews.get().result == "lawful"


def test_conclude_by_a_leader_is_403(api_client, leader, legal_reviewer):
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_reviewer)
    response = conclude(api_client, leader, matter, result="lawful")
    assert response.status_code == 403


def test_quick_conclusion_returns_a_warning(api_client, report_office, legal_adviser):
    matter = MatterFactory(major=True)
    response = post(
        api_client,
        report_office,
        "submit-review",
        matter,
        {"reviewer": legal_adviser.pk, "submitted_on": "2022-12-12"},
    )
    assert response.status_code == 200 and response.json()["status"] == "under_review"
    response = post(
        api_client,
        legal_adviser,
        "conclude-review",
        matter,
        {"result": "lawful", "opinion": "合法"},
    )
    body = response.json()
    assert body["status"] == "reviewed" and body["reviews"][0]["concluded_on"] == "2022-12-15"
    assert "少于7个工作日" in body["warnings"][0]


def test_submit_review_to_a_mediator_is_400(api_client, report_office, mediator):
    matter = MatterFactory()
    response = post(
        api_client,
        report_office,
        "submit-review",
        matter,
        {"reviewer": mediator.pk, "submitted_on": "2022-12-12"},
    )
    assert response.status_code == 400 and "reviewer" in response.json()["fields"]


def test_submit_review_twice_is_409(api_client, report_office, legal_reviewer):
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW)
    response = post(
        api_client, report_office, "submit-review", matter, {"reviewer": legal_reviewer.pk}
    )
    assert response.status_code == 409


def test_hearing_materials_after_the_hearing_is_400(api_client, report_office):
    matter = MatterFactory()
    response = post(
        api_client,
        report_office,
        "hearing",
        matter,
        {
            "held_on": "2022-05-10",
            "materials_sent_on": "2022-05-12",
            "participants": ["甲"],
            "record": "笔录",
        },
    )
    assert response.status_code == 400
    assert "7日前" in response.json()["fields"]["materials_sent_on"][0]
    assert not matter.hearings.exists()


def test_hearing_in_the_future_is_400(api_client, report_office):
    response = post(
        api_client,
        report_office,
        "hearing",
        MatterFactory(),
        {
            "held_on": "2023-01-10",
            "materials_sent_on": "2022-12-01",
            "participants": ["甲"],
            "record": "笔录",
        },
    )
    assert response.status_code == 400 and "held_on" in response.json()["fields"]


def test_window_closing_before_opening_is_400(api_client, report_office):
    matter = MatterFactory()
    response = post(
        api_client,
        report_office,
        "public-comment",
        matter,
        {"opens_on": "2022-05-10", "closes_on": "2022-05-01"},
    )
    assert response.status_code == 400 and "closes_on" in response.json()["fields"]
    response = post(
        api_client,
        report_office,
        "public-comment",
        matter,
        {"opens_on": "2022-05-01", "closes_on": "2022-05-20"},
    )
    assert response.status_code == 400 and "shortening_reason" in response.json()["fields"]
    assert not matter.comment_windows.exists()


def test_window_step_after_discussion_is_409(api_client, report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    response = post(
        api_client,
        report_office,
        "public-comment",
        matter,
        {"opens_on": "2022-05-01", "closes_on": "2022-06-20"},
    )
    assert response.status_code == 409


def test_expert_review_and_risk_assessment_steps(api_client, report_office):
    matter = MatterFactory(major=True)
    response = post(
        api_client,
        report_office,
        "expert-review",
        matter,
        {"held_on": "2022-05-01", "experts": ["王教授"], "opinion": "可行"},
    )
    assert response.status_code == 200 and response.json()["expert_reviews"][0]["experts"] == [
        "王教授"
    ]
    response = post(
        api_client,
        report_office,
        "risk-assessment",
        matter,
        {"assessed_on": "2022-05-02", "level": "extreme", "points": "p", "measures": "m"},
    )
    assert response.status_code == 400
    response = post(
        api_client,
        report_office,
        "risk-assessment",
        matter,
        {"assessed_on": "2022-05-02", "level": "medium", "points": "p", "measures": "m"},
    )
    assert response.json()["risk_assessments"][0]["level_display"] == "中风险"
    assert response.json()["missing_steps"] == ["公众参与（征求意见）", "合法性审核"]
    assert (
        post(
            api_client,
            report_office,
            "expert-review",
            MatterFactory(status="voided"),
            {"held_on": "2022-05-01", "experts": ["甲"], "opinion": "x"},
        ).status_code
        == 409
    )


def test_step_by_an_educator_is_403(api_client, educator):
    response = post(
        api_client,
        educator,
        "expert-review",
        MatterFactory(),
        {"held_on": "2022-05-01", "experts": ["甲"], "opinion": "x"},
    )
    assert response.status_code == 403


def test_sign_off_by_a_non_leader_is_403(api_client, report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    response = post(api_client, report_office, "sign-off", matter)
    assert response.status_code == 403
    assert "领导" in response.json()["detail"]
    matter.refresh_from_db()
    assert matter.status == "discussed"


def test_sign_off_and_publish(api_client, leader, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    assert post(api_client, leader, "publish", matter).status_code == 409
    response = post(api_client, leader, "sign-off", matter, {"note": "同意"})
    assert response.status_code == 200 and response.json()["status"] == "signed_off"
    assert post(api_client, leader, "sign-off", matter).status_code == 409
    response = post(api_client, leader, "publish", matter)
    assert response.status_code == 200 and response.json()["status"] == "published"


def test_void_through_the_api(api_client, report_office, leader):
    matter = MatterFactory()
    assert post(api_client, report_office, "void", matter, {}).status_code == 400
    response = post(api_client, report_office, "void", matter, {"reason": "误录"})
    assert response.json()["status"] == "voided"


def test_list_filters_and_waiting_for_me(api_client, legal_adviser, legal_reviewer):
    mine = MatterFactory(status=Matter.Status.UNDER_REVIEW, current_reviewer=legal_adviser)
    MatterFactory(status=Matter.Status.UNDER_REVIEW, current_reviewer=legal_reviewer)
    MatterFactory(kind="contract")
    api_client.force_authenticate(legal_adviser)
    body = api_client.get(reverse("api:decision-list"), {"mine": "1"}).json()
    assert [r["id"] for r in body["results"]] == [mine.pk]
    body = api_client.get(reverse("api:decision-list"), {"kind": "contract"}).json()
    assert body["count"] == 1
    body = api_client.get(reverse("api:decision-list"), {"reviewer": legal_reviewer.pk}).json()
    assert body["count"] == 1


def test_public_comment_endpoint(api_client):
    window = CommentWindowFactory(opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 31))
    closed = CommentWindowFactory()
    drafts = api_client.get(reverse("api:public-decision-drafts")).json()
    assert [d["id"] for d in drafts] == [window.pk]
    url = reverse("api:public-decision-comment", args=[window.pk])
    response = api_client.post(url, {"content": "建议", "privacy_consent": False}, format="json")
    assert response.status_code == 400
    response = api_client.post(url, {"content": "建议", "privacy_consent": True}, format="json")
    assert response.status_code == 201
    assert window.comments.count() == 1
    url = reverse("api:public-decision-comment", args=[closed.pk])
    assert (
        api_client.post(url, {"content": "x", "privacy_consent": True}, format="json").status_code
        == 404
    )


def test_public_comment_is_throttled(api_client, submit_rate):
    submit_rate("2/hour")
    window = CommentWindowFactory(opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 31))
    url = reverse("api:public-decision-comment", args=[window.pk])
    codes = [
        api_client.post(url, {"content": "x", "privacy_consent": True}, format="json").status_code
        for _ in range(3)
    ]
    assert codes == [201, 201, 429]


def test_legal_adviser_records(api_client, report_office, legal_adviser, mediator):
    api_client.force_authenticate(report_office)
    url = reverse("api:legal-adviser-list")
    response = api_client.post(
        url,
        {
            "name": "秦律和",
            "firm": "某律所",
            "term_start": "2022-01-01",
            "term_end": "2022-12-31",
            "user": legal_adviser.pk,
        },
    )
    assert response.status_code == 201
    response = api_client.post(
        url, {"name": "x", "firm": "y", "term_start": "2022-01-01", "term_end": "2021-12-31"}
    )
    assert response.status_code == 400 and "term_end" in response.json()["fields"]
    api_client.force_authenticate(mediator)
    assert (
        api_client.post(
            url, {"name": "x", "firm": "y", "term_start": "2022-01-01", "term_end": "2022-12-31"}
        ).status_code
        == 403
    )


STEP_BODIES = {
    "public-comment": {"opens_on": "2022-05-01", "closes_on": "2022-06-30"},
    "hearing": {
        "held_on": "2022-05-10",
        "materials_sent_on": "2022-05-01",
        "participants": ["甲"],
        "record": "笔录",
    },
    "expert-review": {"held_on": "2022-05-01", "experts": ["甲"], "opinion": "可行"},
    "risk-assessment": {
        "assessed_on": "2022-05-02",
        "level": "low",
        "points": "p",
        "measures": "m",
    },
    "submit-review": {"submitted_on": "2022-05-02"},
    "conclude-review": {"concluded_on": "2022-05-20", "result": "lawful", "opinion": "合法"},
    "discuss": {
        "meeting_kind": "party_committee",
        "held_on": "2022-05-06",
        "result": "adopted",
        "attendees": [
            {"name": "甲", "opinion": "同意", "stance": "agree"},
            {"name": "书记", "opinion": "同意", "stance": "agree"},
        ],
    },
    "sign-off": {},
    "publish": {},
    "void": {"reason": "误录"},
}


@pytest.mark.parametrize("step", sorted(STEP_BODIES))
def test_every_step_is_403_for_a_role_without_it(api_client, educator, legal_reviewer, step):
    matter = MatterFactory()
    body = dict(STEP_BODIES[step])
    if step == "submit-review":
        body["reviewer"] = legal_reviewer.pk
    response = post(api_client, educator, step, matter, body)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("此操作仅限以下角色")


@pytest.mark.parametrize("step", sorted(STEP_BODIES))
def test_every_step_is_409_on_a_voided_matter(api_client, superuser, legal_reviewer, step):
    matter = MatterFactory(status=Matter.Status.VOIDED)
    body = dict(STEP_BODIES[step])
    if step == "submit-review":
        body["reviewer"] = legal_reviewer.pk
    response = post(api_client, superuser, step, matter, body)
    assert response.status_code == 409
    assert "已作废" in response.json()["detail"]
    matter.refresh_from_db()
    assert matter.status == "voided"


def test_openapi_schema_describes_the_steps(client):
    response = client.get(reverse("schema"))
    assert response.status_code == 200
    assert b"/api/v1/decisions/{id}/conclude_review/" in response.content


def test_enforcement_review_without_qualification_is_flagged(api_client, legal_reviewer):
    matter = MatterFactory(enforcement=True, status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_reviewer, submitted_on=D(2022, 11, 1))
    body = conclude(
        api_client, legal_reviewer, matter, result="lawful", concluded_on="2022-11-30"
    ).json()
    assert any("法律职业资格" in w for w in body["warnings"])
    other = MatterFactory(enforcement=True, status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=other, reviewer=legal_reviewer, submitted_on=D(2022, 11, 1))
    body = conclude(
        api_client,
        legal_reviewer,
        other,
        result="lawful",
        concluded_on="2022-11-30",
        reviewer_qualification="A20121234567",
    ).json()
    assert body["warnings"] == [] and body["reviews"][0]["reviewer_qualification"] == "A20121234567"


def test_opening_date_is_patched_until_the_first_step(api_client, report_office):
    matter = MatterFactory(kind="major_decision", opened_on=D(2022, 3, 1))
    api_client.force_authenticate(report_office)
    url = reverse("api:decision-detail", args=[matter.pk])

    response = api_client.patch(url, {"opened_on": "2022-02-10"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["opened_on"] == "2022-02-10"
    CommentWindowFactory(matter=matter)
    assert api_client.patch(url, {"opened_on": "2022-01-05"}, format="json").status_code == 409
