"""Search by a full ID number or credit code is a reveal: mediators and superusers only, audited,
rate-limited; other readers find nothing and are told why (issue 12, HIGH-2)."""

import pytest
from django.urls import reverse

from huanghe_portal.models import PersonalDataAccess

from ..models import Party
from .factories import DisputeFactory, valid_id

pytestmark = pytest.mark.django_db

FULL_ID = valid_id("50024019800101001")  # the applicant of every DisputeFactory case
FULL_WIDTH_ID = FULL_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
ARABIC_INDIC_ID = FULL_ID[:17].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + FULL_ID[17]


def api_search(api_client, user, term):
    api_client.force_authenticate(user)
    return api_client.get(reverse("api:dispute-list"), {"search": term})


def page_search(client, user, term):
    client.force_login(user)
    return client.get(reverse("disputes:index"), {"q": term})


@pytest.mark.parametrize("term", [FULL_ID, FULL_WIDTH_ID, f" {FULL_ID[:6]} {FULL_ID[6:]} "])
def test_a_mediator_finds_a_case_by_id_number_and_the_search_is_audited(api_client, mediator, term):
    case = DisputeFactory()
    DisputeFactory(with_parties=False)

    body = api_search(api_client, mediator, term).json()

    assert [r["id"] for r in body["results"]] == [case.pk]
    assert "detail" not in body
    audit = PersonalDataAccess.objects.get(user=mediator, purpose="search")
    assert (audit.object_id, audit.field) == (case.pk, "id_number")


def test_a_superuser_and_a_mediator_find_an_organisation_by_credit_code(client, superuser):
    case = DisputeFactory(with_parties=False)
    code = "91350100M000100Y43"
    Party.objects.create(
        dispute=case, role="respondent", kind="organisation", name="某公司", credit_code=code
    )

    response = page_search(client, superuser, code.lower())

    assert list(response.context["object_list"]) == [case]
    assert PersonalDataAccess.objects.filter(user=superuser, field="credit_code").exists()


@pytest.mark.parametrize("reader", ["leader", "report_office"])
def test_other_readers_find_nothing_by_id_number_and_are_told_why(
    request, api_client, client, reader
):
    user = request.getfixturevalue(reader)
    DisputeFactory()

    body = api_search(api_client, user, FULL_ID).json()
    page = page_search(client, user, FULL_ID)

    assert body["count"] == 0 and body["results"] == []
    assert "仅限调解员" in body["detail"]
    assert list(page.context["object_list"]) == []
    assert "仅限调解员" in page.content.decode()
    assert not PersonalDataAccess.objects.filter(user=user).exists()
    # Searching by name still works for them.
    assert api_search(api_client, user, "张三").json()["count"] == 1


def test_id_number_searches_are_limited_per_user_per_hour(api_client, client, mediator, settings):
    settings.IDENTITY_SEARCHES_PER_HOUR = 2
    DisputeFactory()

    answers = [api_search(api_client, mediator, FULL_ID).status_code for _ in range(3)]
    page = page_search(client, mediator, FULL_ID)

    assert answers == [200, 200, 429]
    assert "每人每小时最多2次" in api_search(api_client, mediator, FULL_ID).json()["detail"]
    assert list(page.context["object_list"]) == []
    assert "每人每小时最多2次" in page.content.decode()
    # Other searches are not limited.
    assert api_search(api_client, mediator, "张三").json()["count"] == 1


def test_digits_of_another_script_are_refused_with_the_field_named(api_client, client, mediator):
    DisputeFactory()

    response = api_search(api_client, mediator, ARABIC_INDIC_ID)
    page = page_search(client, mediator, ARABIC_INDIC_ID)

    assert response.status_code == 400
    assert "半角数字" in response.json()["fields"]["search"][0]
    assert list(page.context["object_list"]) == []
    assert "半角数字" in page.content.decode()


def test_a_superuser_reads_a_partys_history_unmasked_and_the_read_is_audited(client, superuser):
    party = DisputeFactory().parties.get(role="applicant")
    new_id = valid_id("44052418800101001")
    party.id_number, party.phone = new_id, "13899990000"
    party.save()
    client.force_login(superuser)

    text = client.get(reverse("record-history", args=["disputes", "party", party.pk])).content

    assert f"{FULL_ID} → {new_id}".encode() in text
    assert party.id_number_index.encode() not in text
    audited = PersonalDataAccess.objects.filter(user=superuser, purpose="history")
    assert sorted(audited.values_list("field", flat=True)) == ["id_number", "phone"]


def test_a_mediator_finds_a_case_by_a_partys_phone(api_client, mediator):
    case = DisputeFactory()  # the respondent's phone is 13987654321

    body = api_search(api_client, mediator, "139 8765 4321").json()

    assert [r["id"] for r in body["results"]] == [case.pk]
    assert PersonalDataAccess.objects.filter(user=mediator, field="phone").exists()


def test_the_phone_index_migration_fills_in_existing_parties(mediator):
    from importlib import import_module

    from django.apps import apps

    case = DisputeFactory()
    Party.objects.filter(dispute=case).update(phone_index="")
    import_module("disputes.migrations.0006_party_phone_index").backfill(apps, None)

    assert Party.objects.filter(phone_index="").count() == 0


def test_without_the_rate_limit_cache_id_searches_are_refused_not_answered(
    api_client, mediator, monkeypatch
):
    from django.core.cache import cache

    DisputeFactory()

    def down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6399")

    monkeypatch.setattr(cache, "add", down)
    response = api_search(api_client, mediator, FULL_ID)

    assert response.status_code == 429
    assert "暂时无法按号码查找" in response.json()["detail"]
    assert api_search(api_client, mediator, "张三").json()["count"] == 1


def test_the_registration_page_stores_a_full_width_id_in_ascii_and_refuses_other_digits(
    client, mediator, township
):
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
        "parties-0-kind": "person",
        "parties-0-id_number": FULL_WIDTH_ID,
        "parties-0-phone": "１３８ １２３４ ５６７８",
        "parties-1-role": "respondent",
        "parties-1-name": "赵六",
        "parties-1-kind": "person",
    }

    refused = client.post(
        reverse("disputes:dispute-create"), {**form, "parties-0-id_number": ARABIC_INDIC_ID}
    )
    client.post(reverse("disputes:dispute-create"), form)

    assert refused.status_code == 400 and "半角数字" in refused.content.decode()
    party = Party.objects.get(name="王五")
    assert (party.id_number, party.phone) == (FULL_ID, "13812345678")
