"""The change history shows personal data masked, as the API does; unmasked only to the area's
own role and superusers, and then audited (issue 12, LOW-1)."""

import pytest
from django.urls import reverse

from huanghe_portal.models import PersonalDataAccess

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def history_of(client, user, consultation) -> str:
    client.force_login(user)
    url = reverse("record-history", args=["legal_education", "consultation", consultation.pk])
    return client.get(url).content.decode()


def test_a_leader_sees_a_changed_name_masked_and_no_reveal_is_recorded(client, leader):
    consultation = ConsultationFactory(person_name="杨德华")
    consultation.person_name = "杨德华改名"
    consultation.save()

    page = history_of(client, leader, consultation)

    assert "杨德华" not in page
    assert "杨*华 → 杨***名" in page
    assert not PersonalDataAccess.objects.filter(user=leader).exists()


def test_a_superuser_sees_the_names_and_the_read_is_audited(client, superuser):
    consultation = ConsultationFactory(person_name="杨德华")
    consultation.person_name = "杨德华改名"
    consultation.save()

    page = history_of(client, superuser, consultation)

    assert "杨德华 → 杨德华改名" in page
    audit = PersonalDataAccess.objects.get(user=superuser)
    assert (audit.object_id, audit.field, audit.purpose) == (
        consultation.pk,
        "person_name",
        "history",
    )
