"""Personal data on the staff detail pages of every area, one way (huanghe_portal.reveal):
masked for everyone by default; the area's own role reveals a value with one click, audited;
other roles cannot reveal."""

import pytest

from disclosure.tests.factories import ApplicationFactory
from disputes.tests.factories import DisputeFactory, valid_id
from huanghe_portal.models import PersonalDataAccess
from legal_education.tests.factories import ConsultationFactory
from petitions.tests.factories import PetitionFactory, make_id_number

pytestmark = pytest.mark.django_db

PHONE, MASKED_PHONE = "13812345678", "138****5678"


def _petition():
    return PetitionFactory(id_number=make_id_number(9), phone=PHONE)


def _application():
    return ApplicationFactory(phone=PHONE)


def _dispute():
    return DisputeFactory()  # its parties carry phone 13812345678 and an ID number


AREAS = [
    pytest.param(_petition, "petition_clerk", "mediator", id="petitions"),
    pytest.param(_application, "disclosure_officer", "petition_clerk", id="disclosure"),
    pytest.param(_dispute, "mediator", "leader", id="disputes"),
]


@pytest.mark.parametrize(("make", "owner", "other"), AREAS)
def test_masked_by_default_even_for_the_owning_role(client, request, make, owner, other):
    record = make()
    client.force_login(request.getfixturevalue(owner))

    page = client.get(record.get_absolute_url()).content.decode()

    assert MASKED_PHONE in page and PHONE not in page
    assert 'href="?reveal=phone"' in page  # the one click
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize(("make", "owner", "other"), AREAS)
def test_one_click_shows_the_value_and_audits_it(client, request, make, owner, other):
    record = make()
    user = request.getfixturevalue(owner)
    client.force_login(user)

    page = client.get(record.get_absolute_url() + "?reveal=phone").content.decode()

    assert PHONE in page
    # one audit row per value shown: the record's phone (a dispute's: each party's)
    rows = PersonalDataAccess.objects.values_list("user", "field")
    assert set(rows) == {(user.pk, "phone")}
    assert len(rows) == (2 if make is _dispute else 1)


@pytest.mark.parametrize(("make", "owner", "other"), AREAS)
def test_another_role_cannot_reveal(client, request, make, owner, other):
    record = make()
    client.force_login(request.getfixturevalue(other))

    response = client.get(record.get_absolute_url() + "?reveal=1")

    if response.status_code == 200:  # a reader of the area: the page stays masked
        page = response.content.decode()
        assert PHONE not in page
        assert 'href="?reveal=' not in page  # no reveal link offered
    else:
        assert response.status_code == 404  # not a reader of the area at all
    assert not PersonalDataAccess.objects.exists()


def test_the_dispute_party_table_reveals_every_field_at_once(client, mediator):
    dispute = _dispute()
    client.force_login(mediator)
    page = client.get(dispute.get_absolute_url() + "?reveal=1").content.decode()
    assert valid_id("50024019800101001") in page and PHONE in page
    assert set(PersonalDataAccess.objects.values_list("field", flat=True)) == {"id_number", "phone"}


def test_a_consultation_names_the_person_masked_until_the_educator_reveals(client, educator):
    consultation = ConsultationFactory(person_name="王小明")
    client.force_login(educator)
    assert "王*明" in client.get(consultation.get_absolute_url()).content.decode()
    page = client.get(consultation.get_absolute_url() + "?reveal=person_name").content.decode()
    assert "王小明" in page
    assert PersonalDataAccess.objects.get().field == "person_name"
