"""Registration: numbers, parties, validation, masking and the hand-over from other areas."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from huanghe_portal import handover, timeline
from huanghe_portal.models import PersonalDataAccess, Sequence
from huanghe_portal.personal_data import validate_id_number
from huanghe_portal.tests.concurrency import run_concurrently

from .. import services
from ..models import Dispute, Party
from .factories import DisputeFactory, valid_id

pytestmark = pytest.mark.django_db

APPLICANT = {
    "role": "applicant",
    "kind": "person",
    "name": "张三",
    "id_number": valid_id("50024019800101001"),
    "phone": "13812345678",
}
RESPONDENT = {"role": "respondent", "kind": "person", "name": "李四"}


def payload(**overrides) -> dict:
    data = {
        "received_on": "2024-06-01",
        "source": "application",
        "category": "02",
        "summary": "排水沟堵塞引发争执",
        "amount_involved": "1200.00",
        "parties": [APPLICANT, RESPONDENT],
    }
    data.update(overrides)
    return data


def register(actor, received_on=dt.date(2024, 6, 1), **kwargs):
    return services.create_dispute(
        actor=actor,
        received_on=received_on,
        source="application",
        category="02",
        summary="纠纷",
        parties=[APPLICANT, RESPONDENT],
        **kwargs,
    )


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_gb11643_test_vectors_are_valid(number):
    assert validate_id_number(number) is False


def test_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError, match="校验位"):
        validate_id_number("110105194912310021")


def test_mediator_registers_through_the_api_with_nested_parties(api_as, mediator, township):
    response = api_as(mediator).post(reverse("api:dispute-list"), payload(), format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["number"] == "黄鹤调〔2024〕1号"
    assert data["status"] == "registered"
    assert data["status_display"] == "登记"
    assert data["category_display"] == "邻里纠纷"
    assert data["amount_involved"] == "1200.00"
    assert [p["name"] for p in data["parties"]] == ["张三", "李四"]
    assert data["parties"][0]["id_number"] == APPLICANT["id_number"]
    assert timeline.entries_for(Dispute.objects.get()).get().action == "registered"


def test_numbers_are_sequential_per_year_without_padding(mediator, township):
    numbers = [
        register(mediator).number,
        register(mediator).number,
        register(mediator, received_on=dt.date(2023, 12, 31)).number,
        register(mediator).number,
    ]

    assert numbers == [
        "黄鹤调〔2024〕1号",
        "黄鹤调〔2024〕2号",
        "黄鹤调〔2023〕1号",
        "黄鹤调〔2024〕3号",
    ]


def test_a_refused_registration_leaves_no_gap(mediator, township):
    register(mediator)
    with pytest.raises(ValidationError):
        services.create_dispute(
            actor=mediator,
            received_on=dt.date(2024, 6, 1),
            source="application",
            category="02",
            summary="x",
            parties=[APPLICANT, {**RESPONDENT, "phone": "12345"}],
        )

    assert register(mediator).number == "黄鹤调〔2024〕2号"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"parties": [APPLICANT]}, "parties", "至少需要一名被申请人"),
        (
            {"parties": [{**APPLICANT, "id_number": "500240198001010010"}, RESPONDENT]},
            "parties",
            "校验位",
        ),
        (
            {"parties": [{**APPLICANT, "id_number": valid_id("50024019800230001")}, RESPONDENT]},
            "parties",
            "出生日期",
        ),
        ({"parties": [{**APPLICANT, "phone": "1381234"}, RESPONDENT]}, "parties", "电话号码"),
        ({"amount_involved": "-5"}, "amount_involved", ""),
        ({"category": "16"}, "category", ""),
        ({"received_on": "2099-01-01"}, "received_on", "晚于今天"),
    ],
)
def test_bad_registration_is_refused_and_nothing_is_stored(
    api_as, mediator, township, change, field, message
):
    response = api_as(mediator).post(reverse("api:dispute-list"), payload(**change), format="json")

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert field in fields
    assert message in " ".join(fields[field])
    assert not Dispute.objects.exists()
    assert not Sequence.objects.filter(last__gt=0).exists()


def test_html_registration_with_three_parties_on_one_page(client, mediator, township, village):
    client.force_login(mediator)
    form = {
        "received_on": "2024-06-01",
        "source": "application",
        "category": "03",
        "village": village.pk,
        "summary": "<script>alert(1)</script>宅基地界址争议",
        "parties-TOTAL_FORMS": "3",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "1000",
    }
    for i, (role, name) in enumerate(
        [("applicant", "王五"), ("respondent", "赵六"), ("respondent", "钱七")]
    ):
        form.update(
            {f"parties-{i}-role": role, f"parties-{i}-kind": "person", f"parties-{i}-name": name}
        )

    response = client.post(reverse("disputes:dispute-create"), form)

    dispute = Dispute.objects.get()
    assert response.status_code == 302
    assert dispute.party_names == "王五、赵六、钱七"
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_html_registration_names_the_bad_field(client, mediator, township):
    client.force_login(mediator)
    form = {
        "received_on": "2024-06-01",
        "source": "application",
        "category": "03",
        "summary": "争议",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-0-role": "applicant",
        "parties-0-name": "王五",
        "parties-0-id_number": "500240198001010010",
        "parties-0-kind": "person",
        "parties-1-role": "applicant",
        "parties-1-name": "赵六",
        "parties-1-kind": "person",
    }

    response = client.post(reverse("disputes:dispute-create"), form)

    assert response.status_code == 400
    assert "身份证号码校验位不正确" in response.content.decode()
    assert not Dispute.objects.exists()


@pytest.mark.parametrize(
    ("user", "masked"),
    [("mediator", False), ("superuser", False), ("leader", True), ("report_office", True)],
)
def test_id_numbers_and_phones_are_masked_per_role(api_as, request, user, masked):
    dispute = DisputeFactory()
    reader = request.getfixturevalue(user)

    party = (
        api_as(reader).get(reverse("api:dispute-detail", args=[dispute.pk])).json()["parties"][0]
    )

    full_id = valid_id("50024019800101001")
    if masked:
        assert party["id_number"] == full_id[:6] + "********" + full_id[-4:]
        assert party["phone"] == "138****5678"
        assert not PersonalDataAccess.objects.exists()
    else:
        assert party["id_number"] == full_id
        assert party["phone"] == "13812345678"
        assert PersonalDataAccess.objects.filter(user=reader).count() >= 2


def test_detail_page_masks_until_the_mediator_asks_and_then_audits(client, mediator, leader):
    dispute = DisputeFactory()
    full_id = valid_id("50024019800101001")
    client.force_login(mediator)

    assert full_id not in client.get(dispute.get_absolute_url()).content.decode()
    revealed = client.get(dispute.get_absolute_url() + "?reveal=1").content.decode()
    assert full_id in revealed
    assert PersonalDataAccess.objects.filter(user=mediator, field="id_number").exists()

    client.force_login(leader)
    assert full_id not in client.get(dispute.get_absolute_url() + "?reveal=1").content.decode()


def test_search_finds_a_party_by_id_number_by_name_and_by_number(api_as, client, mediator):
    hit = DisputeFactory(number="黄鹤调〔2024〕77号")
    other = DisputeFactory(with_parties=False, party_names="孙八、欧阳春华", summary="山林界址")
    Party.objects.create(dispute=other, role="applicant", name="孙八")
    client.force_login(mediator)

    def found(q):
        return list(client.get(reverse("disputes:index"), {"q": q}).context["object_list"])

    assert found(valid_id("50024019800101001")) == [hit]
    assert found("孙八") == [other]  # a short query is a complete name
    assert found("孙") == []
    assert found("欧阳春") == [other]  # three characters or more: anywhere in the names
    assert found("林界址") == [other]
    assert found("黄鹤调〔2024〕77号") == [hit]
    by_api = api_as(mediator).get(reverse("api:dispute-list"), {"search": "孙八"}).json()
    assert [r["id"] for r in by_api["results"]] == [other.pk]


def test_overdue_filter_lists_cases_accepted_more_than_a_month_ago(client, mediator):
    late = DisputeFactory(accepted=True)  # accepted 2024-03-02, today 2024-06-14
    DisputeFactory(accepted=True, accepted_on=dt.date(2024, 6, 1))
    client.force_login(mediator)

    response = client.get(reverse("disputes:index"), {"overdue": "true"})

    assert list(response.context["object_list"]) == [late]
    assert "已超期" in response.content.decode()


def test_handover_creates_a_registered_case_with_its_timeline(petition_clerk, township):
    from huanghe_portal.models import Village

    source = Village.objects.create(name="来源村", code="SRC")  # any saved model will do

    dispute = handover.create(
        "dispute",
        source=source,
        actor=petition_clerk,
        received_on=dt.date(2024, 6, 3),
        source_code="petition_referral",
        summary="信访转办的邻里纠纷",
        parties=[
            {"role": "applicant", "kind": "person", "name": "周九", "phone": "13800001111"},
            {"role": "respondent", "kind": "person", "name": "待补充"},
        ],
    )

    assert dispute.number == "黄鹤调〔2024〕1号"
    assert dispute.status == "registered"
    assert dispute.source == "petition_referral"
    entry = timeline.entries_for(dispute).get()
    assert entry.action == "handed_over_in"
    assert "来源村" in entry.note
    assert Party.objects.filter(dispute=dispute, name="待补充").exists()


def test_handover_without_a_respondent_registers_one_to_be_completed(petition_clerk, township):
    from huanghe_portal.models import Village

    source = Village.objects.create(name="来源村", code="SRC")

    dispute = handover.create(
        "dispute",
        source=source,
        actor=petition_clerk,
        received_on=dt.date(2024, 6, 3),
        source_code="other",
        summary="法律咨询中发现的纠纷",
        parties=[{"role": "applicant", "kind": "person", "name": "周九"}],
    )

    assert dispute.party_names == "周九、待补充"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_registrations_get_distinct_gapless_numbers(mediator, township):
    results = run_concurrently(lambda i: register(mediator))

    assert [r for r in results if isinstance(r, Exception)] == []
    sequences = sorted(Dispute.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 31))
    assert Dispute.objects.values("number").distinct().count() == 30


def test_the_list_without_filters_shows_cases_but_not_voided_ones(client, leader):
    shown = DisputeFactory()
    voided = DisputeFactory(status="voided", void_reason="重复")
    client.force_login(leader)

    assert list(client.get(reverse("disputes:index")).context["object_list"]) == [shown]
    assert list(
        client.get(reverse("disputes:index"), {"status": "voided"}).context["object_list"]
    ) == [voided]
