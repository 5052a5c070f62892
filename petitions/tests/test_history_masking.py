"""The change history of a petition: ID and phone masked for leaders, keyed hashes never shown
(issue 12, LOW-1)."""

import pytest
from django.urls import reverse

from huanghe_portal.models import PersonalDataAccess

from .factories import PetitionFactory, make_id_number

pytestmark = pytest.mark.django_db


def test_a_leader_sees_changed_ids_and_phones_masked(client, leader):
    old_id, new_id = make_id_number(1), make_id_number(2)
    petition = PetitionFactory(id_number=old_id, phone="13812345678")
    petition.id_number, petition.phone = new_id, "13899990000"
    petition.save()
    client.force_login(leader)

    page = client.get(reverse("record-history", args=["petitions", "petition", petition.pk]))
    text = page.content.decode()

    assert page.status_code == 200
    assert old_id not in text and new_id not in text and "13899990000" not in text
    assert f"{old_id[:6]}********{old_id[-4:]} → {new_id[:6]}********{new_id[-4:]}" in text
    assert "138****5678 → 138****0000" in text
    assert "hash" not in text and petition.phone_hash not in text
    assert not PersonalDataAccess.objects.exists()
