"""Personal data, written once for every area (DOMAIN §9): validation of ID numbers, credit
codes and phone numbers; encryption at rest with a keyed hash beside it; one masking rule;
and the audit of every unmasked read."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .roles import Role, has_role

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK_CHARS = "10X98765432"
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


# --- Validation ----------------------------------------------------------------------------

def id_check_char(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def validate_id_number(value: str, *, today: dt.date | None = None) -> bool:
    """Validate a 公民身份号码; return True when it is a 15-digit legacy number.

    Raises ValidationError with a Chinese message on a wrong length, a wrong check character or
    an impossible birth date.
    """
    value = normalize_id_number(value)
    today = today or dt.date.today()
    if re.fullmatch(r"\d{15}", value):
        birth = "19" + value[6:12]
        legacy = True
    elif re.fullmatch(r"\d{17}[\dX]", value):
        birth = value[6:14]
        legacy = False
        if id_check_char(value[:17]) != value[17]:
            raise ValidationError(_("身份证号码校验位不正确，请核对。"), code="id_checksum")
    else:
        raise ValidationError(_("身份证号码应为18位（末位可为X），或15位旧号码。"), code="id_format")
    try:
        born = dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期不存在。"), code="id_birth") from None
    # The standard's own example 440524188001010014 was born in 1880.
    if born > today or born.year < 1850:
        raise ValidationError(_("身份证号码中的出生日期不合理。"), code="id_birth")
    return legacy


def credit_code_check_char(first17: str) -> str:
    """GB 32100 check character of a 统一社会信用代码."""
    total = sum(CREDIT_CODE_CHARS.index(c) * w
                for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    value = (value or "").strip().upper()
    if len(value) != 18 or any(c not in CREDIT_CODE_CHARS for c in value):
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）。"),
                              code="credit_format")
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="credit_checksum")


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s()（）]", "", value or "")


def validate_phone(value: str) -> None:
    if not PHONE_RE.fullmatch(normalize_phone(value)):
        raise ValidationError(_("电话号码格式不正确：手机号为11位，固定电话如 023-73330000。"),
                              code="phone_format")


# --- Encryption at rest and the keyed hash -------------------------------------------------

@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    # Newest key first: it encrypts; every key listed decrypts (settings.FIELD_ENCRYPTION_KEYS).
    return MultiFernet([Fernet(key.encode()) for key in keys])


@lru_cache(maxsize=4)
def _hmac_key(key: str) -> bytes:
    # A separate key for the look-up hash, derived so that one secret configures both.
    return hashlib.sha256(b"huanghe-pii-hmac:" + key.encode()).digest()


def encrypt(value: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("personal data could not be decrypted: wrong FIELD_ENCRYPTION_KEYS?") from None


def blind_index(value: str) -> str:
    """Keyed hash of a normalised value for exact look-up and duplicate detection."""
    if not value:
        return ""
    normal = normalize_id_number(value)
    digest = hmac.new(_hmac_key(settings.FIELD_ENCRYPTION_KEY), normal.encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:52]


class EncryptedCharField(models.TextField):
    """A text value stored Fernet-encrypted; Python sees the plain value.

    Pair it with a BlindIndexField when records must be found by the exact value.
    """

    description = gettext_lazy("加密存储的文本")

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        # Ciphertexts are randomised; only null/empty checks mean anything.
        if lookup_name not in {"isnull", "exact", "in"}:
            return None
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """The keyed hash of another field on the same model, kept up to date on save."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = blind_index(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


# --- Masking and audited reads -------------------------------------------------------------

def mask_id_number(value: str) -> str:
    """First six and last four characters: 500240********123X."""
    if not value:
        return ""
    value = normalize_id_number(value)
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """First three and last four digits: 138****5678."""
    if not value:
        return ""
    digits = normalize_phone(value)
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str) -> str:
    """Names in public outputs: 张* / 张*明."""
    if not value:
        return ""
    if len(value) <= 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


MASKS = {"id_number": mask_id_number, "credit_code": lambda v: v, "phone": mask_phone,
         "name": mask_name}


def mask(kind: str, value: str) -> str:
    return MASKS[kind](value) if value else ""


def may_see_unmasked(user: AbstractBaseUser, owner_role: Role) -> bool:
    """Unmasked only for the area's own role and superusers (API.md Conventions)."""
    return has_role(user, owner_role)


def personal_value(user: AbstractBaseUser, obj: models.Model, field: str, *, kind: str,
                   owner_role: Role) -> str:
    """The value of `obj.field` as `user` may see it; every unmasked read is audited."""
    return personal_values(user, [obj], field, kind=kind, owner_role=owner_role)[obj.pk]


def personal_values(user: AbstractBaseUser, objects: list[models.Model], field: str, *, kind: str,
                    owner_role: Role) -> dict[int, str]:
    """`personal_value` for a page of records at once: one audit INSERT, not one per row."""
    from .models import PersonalDataAccess

    values = {obj.pk: getattr(obj, field) or "" for obj in objects}
    if not may_see_unmasked(user, owner_role):
        return {pk: mask(kind, v) for pk, v in values.items()}
    shown = [obj for obj in objects if values[obj.pk]]
    if shown:
        ct = ContentType.objects.get_for_model(shown[0])
        PersonalDataAccess.objects.bulk_create(
            PersonalDataAccess(user=user, content_type=ct, object_id=obj.pk, field=field)
            for obj in shown
        )
    return values


def reveal_in_request(request, user: AbstractBaseUser, obj: models.Model, field: str, *,
                      kind: str, owner_role: Role) -> str:
    """`personal_value` for API serialisation: the audit rows of one response are written
    together by PersonalDataAuditMiddleware, so a list costs one INSERT, not one per row."""
    from .models import PersonalDataAccess

    value = getattr(obj, field) or ""
    if not value:
        return ""
    if not may_see_unmasked(user, owner_role):
        return mask(kind, value)
    http_request = getattr(request, "_request", request)
    pending = getattr(http_request, "_pii_reads", None)
    if pending is None:
        return personal_value(user, obj, field, kind=kind, owner_role=owner_role)
    pending.append(PersonalDataAccess(user=user, object_id=obj.pk, field=field,
                                      content_type=ContentType.objects.get_for_model(obj)))
    return value


def flush_audit(http_request) -> None:
    from .models import PersonalDataAccess

    pending = getattr(http_request, "_pii_reads", None)
    if pending:
        PersonalDataAccess.objects.bulk_create(pending)
        pending.clear()
