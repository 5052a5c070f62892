"""FIELD_ENCRYPTION_KEYS: a new key first, the old one still reads; rotate_field_key moves every
value to the new key (resumable) and exact look-ups keep finding people."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from disputes.models import Party
from disputes.tests.factories import DisputeFactory
from huanghe_portal import key_rotation, personal_data

pytestmark = pytest.mark.django_db

OLD = "dGhpcy1pcy1hLWRldmVsb3BtZW50LW9ubHkta2V5ISE="
NEW = Fernet.generate_key().decode()


@pytest.fixture
def parties(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    settings.FIELD_ENCRYPTION_KEY = OLD
    DisputeFactory.create_batch(3)
    return {p.pk: (p.id_number, p.phone) for p in Party.objects.all()}


def _raw_tokens():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM disputes_party WHERE id_number <> ''")
        return [t for row in cursor.fetchall() for t in row if t]


def test_a_new_key_first_still_reads_old_values_and_rotation_moves_all_to_it(
    settings, parties, capsys
):
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    assert {p.pk: (p.id_number, p.phone) for p in Party.objects.all()} == parties

    call_command("rotate_field_key", "--batch-size", "2")
    assert "values re-encrypted" in capsys.readouterr().out

    settings.FIELD_ENCRYPTION_KEYS = [NEW]  # the old key is gone
    assert {p.pk: (p.id_number, p.phone) for p in Party.objects.all()} == parties
    new = Fernet(NEW.encode())
    assert all(new.decrypt(token.encode()) for token in _raw_tokens())
    id_number = next(iter(parties.values()))[0]
    assert Party.objects.filter(id_number_index=personal_data.blind_index(id_number)).exists()


def test_an_interrupted_rotation_resumes_and_leaves_nothing_behind(settings, parties):
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    total = len(_raw_tokens())

    class Interrupted(Exception):
        pass

    def stop_after_first_batch(result):
        if result.table == "disputes_party":
            raise Interrupted

    with pytest.raises(Interrupted):
        key_rotation.rotate(batch_size=2, progress=stop_after_first_batch)
    first = [r for r in key_rotation.rotate(batch_size=2) if r.table == "disputes_party"][0]
    again = [r for r in key_rotation.rotate(batch_size=2) if r.table == "disputes_party"][0]

    assert 0 < first.reencrypted < total
    assert again.reencrypted == 0
    new = Fernet(NEW.encode())
    assert all(new.decrypt(token.encode()) for token in _raw_tokens())
