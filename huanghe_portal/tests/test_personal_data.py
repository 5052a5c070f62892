import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection

from huanghe_portal import personal_data as pd
from huanghe_portal.models import PersonalDataAccess, Township
from huanghe_portal.roles import Role


@pytest.mark.parametrize(
    "number", ["11010519491231002X", "440524188001010014", "11010519491231002x"]
)
def test_the_standards_own_id_numbers_are_valid(number):
    assert pd.validate_id_number(number) is False


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "id_checksum"),  # wrong check character
        ("110105194902300028", "id_birth"),  # 30 February (check character recomputed below)
        ("11010519491231002", "id_format"),  # 17 characters
        ("1101051949123100XX", "id_format"),
    ],
)
def test_wrong_id_numbers_are_refused_with_a_reason(number, code):
    if code == "id_birth":
        number = number[:17] + pd.id_check_char(number[:17])
    with pytest.raises(ValidationError) as exc:
        pd.validate_id_number(number)
    assert exc.value.code == code
    assert exc.value.messages[0].startswith("身份证号码")


def test_a_birth_date_in_the_future_is_refused():
    first17 = "11010520990101002"
    with pytest.raises(ValidationError):
        pd.validate_id_number(first17 + pd.id_check_char(first17), today=dt.date(2026, 1, 1))


def test_a_fifteen_digit_legacy_number_is_accepted_and_flagged():
    assert pd.validate_id_number("110105491231002") is True


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_credit_codes_with_a_correct_check_character_pass(code):
    pd.validate_credit_code(code)


def test_a_credit_code_with_a_wrong_check_character_is_refused():
    with pytest.raises(ValidationError) as exc:
        pd.validate_credit_code("91350100M000100Y44")
    assert "校验位" in exc.value.messages[0]


@pytest.mark.parametrize("phone", ["13812345678", "023-73330000", "02373330000"])
def test_mobile_and_landline_numbers_pass(phone):
    pd.validate_phone(phone)


@pytest.mark.parametrize("phone", ["1381234567", "12812345678", "abc", "138123456789"])
def test_malformed_phone_numbers_are_refused(phone):
    with pytest.raises(ValidationError):
        pd.validate_phone(phone)


def test_masks_follow_the_api_contract():
    assert pd.mask_id_number("50024019800101123X") == "500240********123X"
    assert pd.mask_phone("13812345678") == "138****5678"
    assert pd.mask_name("张三") == "张*"
    assert pd.mask_name("欧阳明") == "欧*明"


def test_the_blind_index_is_stable_keyed_and_case_insensitive(settings):
    first = pd.blind_index("11010519491231002x")
    assert first == pd.blind_index("11010519491231002X")
    assert "11010519491231002X" not in first
    settings.FIELD_ENCRYPTION_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXkhISE="
    pd._hmac_key.cache_clear()
    assert pd.blind_index("11010519491231002X") != first
    pd._hmac_key.cache_clear()


def test_encryption_round_trips_and_the_ciphertext_holds_no_readable_number():
    token = pd.encrypt("11010519491231002X")
    assert "1101051949" not in token
    assert pd.decrypt(token) == "11010519491231002X"


@pytest.mark.postgres  # SQLite cannot create a table inside the test transaction
@pytest.mark.django_db
def test_an_encrypted_field_stores_no_readable_number_in_the_database():
    from django.db import models

    # Township carries no personal data; a throw-away table shows the field's behaviour.
    class Person(models.Model):  # noqa: DJ008
        id_number = pd.EncryptedCharField(blank=True)
        id_number_hash = pd.BlindIndexField(source="id_number")

        class Meta:
            app_label = "huanghe_portal"
            db_table = "test_encrypted_person"

    with connection.schema_editor() as editor:
        editor.create_model(Person)
    try:
        person = Person.objects.create(id_number="11010519491231002X")
        with connection.cursor() as cursor:
            cursor.execute("SELECT id_number, id_number_hash FROM test_encrypted_person")
            raw, stored_hash = cursor.fetchone()
        assert "11010519491231002X" not in raw
        assert stored_hash == pd.blind_index("11010519491231002X")
        assert Person.objects.get(pk=person.pk).id_number == "11010519491231002X"
        assert Person.objects.filter(id_number_hash=pd.blind_index("11010519491231002x")).exists()
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Person)


@pytest.mark.django_db
def test_only_the_owning_role_reads_unmasked_and_each_unmasked_read_is_audited(mediator, leader):
    record = Township.objects.create(
        name="t", government_name="t", county="t", doc_prefix="t", reception_phone="13812345678"
    )

    shown_to_leader = pd.personal_value(
        leader, record, "reception_phone", kind="phone", owner_role=Role.MEDIATOR
    )
    shown_to_mediator = pd.personal_value(
        mediator, record, "reception_phone", kind="phone", owner_role=Role.MEDIATOR
    )

    assert shown_to_leader == "138****5678"
    assert shown_to_mediator == "13812345678"
    audit = PersonalDataAccess.objects.get()
    assert (audit.user, audit.content_type, audit.object_id, audit.field) == (
        mediator,
        ContentType.objects.get_for_model(Township),
        record.pk,
        "reception_phone",
    )


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_full_width_numbers_and_spaces_normalise_to_ascii():
    number = "11010519491231002X"
    assert pd.normalize_id_number(" 110105　19491231002x ".translate(FULL_WIDTH)) == number
    assert pd.validate_id_number(number.translate(FULL_WIDTH)) is False
    assert pd.blind_index(number.translate(FULL_WIDTH)) == pd.blind_index(number)
    assert pd.normalize_phone("１３８ １２３４ ５６７８") == "13812345678"
    assert pd.mask_id_number(number.translate(FULL_WIDTH)) == "110105********002X"


def test_digits_of_other_scripts_are_refused():
    number = "11010519491231002"
    with pytest.raises(ValidationError) as exc:
        pd.validate_id_number(number.translate(ARABIC_INDIC) + "X")
    assert exc.value.code == "id_chars" and "半角数字" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        pd.validate_phone("13812345678".translate(ARABIC_INDIC))
