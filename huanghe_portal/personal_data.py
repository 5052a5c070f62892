"""Personal data, written once for every area (DOMAIN §9): validation of ID numbers, credit
codes and phone numbers; encryption at rest with a keyed hash beside it; one masking rule;
and the audit of every unmasked read."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.auth import models as auth
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .roles import Role, User, has_role

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK_CHARS = "10X98765432"
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
# ASCII digits only: `\d` would also take full-width and Arabic-Indic digits.
PHONE_RE = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")


# --- Validation ----------------------------------------------------------------------------


def id_check_char(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """The one normal form of an ID number (or credit code) for validation, storage and the
    keyed hash: NFKC (full-width digits and letters become ASCII), no white space, upper case.
    Digits of other scripts (Arabic-Indic …) stay as they are, so that validation refuses them."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value or "")).upper()


def validate_id_number(value: str, *, today: dt.date | None = None) -> bool:
    """Validate a 公民身份号码; return True when it is a 15-digit legacy number.

    Raises ValidationError with a Chinese message on a wrong length, a wrong check character or
    an impossible birth date.
    """
    value = normalize_id_number(value)
    today = today or dt.date.today()
    if any(c not in "0123456789X" for c in value):
        raise ValidationError(_("身份证号码只能由半角数字0-9组成，末位可为X。"), code="id_chars")
    if re.fullmatch(r"[0-9]{15}", value):
        birth = "19" + value[6:12]
        legacy = True
    elif re.fullmatch(r"[0-9]{17}[0-9X]", value):
        birth = value[6:14]
        legacy = False
        if id_check_char(value[:17]) != value[17]:
            raise ValidationError(_("身份证号码校验位不正确，请核对。"), code="id_checksum")
    else:
        raise ValidationError(
            _("身份证号码应为18位（末位可为X），或15位旧号码。"), code="id_format"
        )
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
    total = sum(
        CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    value = normalize_id_number(value)
    if len(value) != 18 or any(c not in CREDIT_CODE_CHARS for c in value):
        raise ValidationError(
            _("统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）。"), code="credit_format"
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="credit_checksum")


def normalize_phone(value: str) -> str:
    """NFKC (full-width digits become ASCII), without white space and brackets."""
    return re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", value or ""))


def validate_phone(value: str) -> None:
    if not PHONE_RE.fullmatch(normalize_phone(value)):
        raise ValidationError(
            _("电话号码格式不正确：手机号为11位，固定电话如 023-73330000。"), code="phone_format"
        )


def collect_identity_errors(
    errors: dict[str, list[str]], *, id_number: str = "", credit_code: str = "", phone: str = ""
) -> bool:
    """Validate the normalised numbers given; each one's messages go to `errors[field]` (so a
    form shows every mistake at once). Returns whether the ID number is a legacy 15-digit one."""
    legacy = False
    checks = (
        ("id_number", id_number, validate_id_number),
        ("credit_code", credit_code, validate_credit_code),
        ("phone", phone, validate_phone),
    )
    for field, value, check in checks:
        if not value:
            continue
        try:
            result = check(value)
        except ValidationError as exc:
            errors[field] = exc.messages
        else:
            legacy = legacy or (field == "id_number" and bool(result))
    return legacy


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
        raise ValueError(
            "personal data could not be decrypted: wrong FIELD_ENCRYPTION_KEYS?"
        ) from None


def blind_index(value: str) -> str:
    """Keyed hash of a normalised value for exact look-up and duplicate detection."""
    if not value:
        return ""
    normal = normalize_id_number(value)
    digest = hmac.new(_hmac_key(settings.FIELD_ENCRYPTION_KEY), normal.encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:52]


if TYPE_CHECKING:
    _TextField = models.TextField[str, str]
    _CharField = models.CharField[str, str]
else:
    _TextField, _CharField = models.TextField, models.CharField


class EncryptedCharField(_TextField):
    """A text value stored Fernet-encrypted; Python sees the plain value.

    Pair it with a BlindIndexField when records must be found by the exact value.
    """

    description = gettext_lazy("加密存储的文本")

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        # Ciphertexts are randomised; only null/empty checks mean anything.
        if lookup_name not in {"isnull", "exact", "in"}:
            return None
        return super().get_lookup(lookup_name)


class BlindIndexField(_CharField):
    """The keyed hash of another field on the same model, kept up to date on save."""

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = blind_index(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value

    def backfill(self, model: type[models.Model], *, batch_size: int = 2000) -> None:
        """Hash the source of every existing row: the data step of a migration adding this
        field (`Model._meta.get_field(name).backfill(Model)` with the migration's model)."""
        rows = model._default_manager.exclude(**{self.source: ""}).only("pk", self.source)
        batch = []
        for row in rows.iterator(chunk_size=batch_size):
            setattr(row, self.attname, blind_index(getattr(row, self.source) or ""))
            batch.append(row)
            if len(batch) == batch_size:
                model._default_manager.bulk_update(batch, [self.attname])
                batch = []
        model._default_manager.bulk_update(batch, [self.attname])


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


MASKS = {
    "id_number": mask_id_number,
    "credit_code": lambda v: v,
    "phone": mask_phone,
    "name": mask_name,
}


def mask(kind: str, value: str) -> str:
    return MASKS[kind](value) if value else ""


def may_see_unmasked(user: User, owner_role: Role) -> bool:
    """Unmasked only for the area's own role and superusers (API.md Conventions)."""
    return has_role(user, owner_role)


def personal_value(
    user: auth.User, obj: models.Model, field: str, *, kind: str, owner_role: Role
) -> str:
    """The value of `obj.field` as `user` may see it; every unmasked read is audited."""
    return personal_values(user, [obj], field, kind=kind, owner_role=owner_role)[obj.pk]


def personal_values(
    user: auth.User, objects: list[models.Model], field: str, *, kind: str, owner_role: Role
) -> dict[int, str]:
    """`personal_value` for a page of records at once: one audit INSERT, not one per row."""

    values = {obj.pk: getattr(obj, field) or "" for obj in objects}
    if not may_see_unmasked(user, owner_role):
        return {pk: mask(kind, v) for pk, v in values.items()}
    record_access(user, [obj for obj in objects if values[obj.pk]], field)
    return values


def record_access(
    user: AbstractBaseUser,
    objects: Iterable[models.Model],
    field: str,
    *,
    purpose: str = "view",
    reason: str = "",
) -> None:
    """The personal-data audit (PIPL Art 51): one row per record whose `field` `user` saw
    unmasked or took out in a file, with the reason when one was asked; one INSERT."""
    from .models import PersonalDataAccess

    objects = list(objects)
    if not objects:
        return
    assert isinstance(user, auth.User)  # the portal's user model (no AUTH_USER_MODEL of its own)
    ct = ContentType.objects.get_for_model(objects[0])
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(
            user=user,
            content_type=ct,
            object_id=obj.pk,
            field=field,
            purpose=purpose,
            reason=reason[:200],
        )
        for obj in objects
    )


def reveal_in_request(
    request: object,  # a DRF Request or Django's HttpRequest
    user: AbstractBaseUser,
    obj: models.Model,
    field: str,
    *,
    kind: str,
    owner_role: Role,
) -> str:
    """`personal_value` for API serialisation: the audit rows of one response are written
    together by PersonalDataAuditMiddleware, so a list costs one INSERT, not one per row."""
    from .models import PersonalDataAccess

    value = getattr(obj, field) or ""
    if not value:
        return ""
    assert isinstance(user, auth.User)  # the portal's user model (no AUTH_USER_MODEL of its own)
    if not may_see_unmasked(user, owner_role):
        return mask(kind, value)
    http_request = getattr(request, "_request", request)
    pending = getattr(http_request, "_pii_reads", None)
    if pending is None:
        return personal_value(user, obj, field, kind=kind, owner_role=owner_role)
    pending.append(
        PersonalDataAccess(
            user=user,
            object_id=obj.pk,
            field=field,
            content_type=ContentType.objects.get_for_model(obj),
        )
    )
    return value


def flush_audit(http_request: Any) -> None:
    from .models import PersonalDataAccess

    pending = getattr(http_request, "_pii_reads", None)
    if pending:
        PersonalDataAccess.objects.bulk_create(pending)
        pending.clear()


# --- The gate before anything goes public (DOMAIN §9.2: public outputs never carry IDs or phones)

# This section's imports stay here so that parallel edits of the sections above merge cleanly.
import itertools  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from dataclasses import field as dataclass_field  # noqa: E402
from typing import IO  # noqa: E402

from django.utils import timezone  # noqa: E402

from .exceptions import TransitionNotAllowed  # noqa: E402

# Each area that holds parties of non-public cases registers a provider of their names in its
# AppConfig.ready(), so the gate can look for them without importing the area's models:
#     personal_data.register_party_names("disputes", selectors.private_party_names)
_party_name_providers: dict[str, Callable[[], Iterable[str]]] = {}

# Words used in place of a name, which would flag any ordinary text.
NOT_A_NAME = {"匿名", "群众", "村民", "居民", "不详", "未知", "无名氏", "本人", "代表"}
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_ID18_RE = re.compile(
    r"(?<![0-9A-Za-z])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9X])(?![0-9A-Za-z])", re.IGNORECASE
)
_ID15_RE = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<![0-9])1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])")
# The most text read from one attachment; a longer file is checked up to here.
EXTRACT_LIMIT = 2_000_000

# A full ID number always blocks; the other kinds block unless the officer acknowledges them.
ALWAYS_BLOCKS = {"id_number", "id_legacy"}
FINDING_LABELS = {
    "id_number": gettext_lazy("身份证号码"),
    "id_legacy": gettext_lazy("15位旧身份证号码"),
    "mobile": gettext_lazy("手机号码"),
    "party_name": gettext_lazy("非公开案件当事人姓名"),
    "unreadable": gettext_lazy("无法读取文字的附件，请人工核对"),
}


def register_party_names(area: str, provider: Callable[[], Iterable[str]]) -> None:
    """`provider()` returns the names of natural-person parties of cases that are not public."""
    _party_name_providers[area] = provider


def private_party_names() -> set[str]:
    names = set()
    for provider in _party_name_providers.values():
        for name in provider():
            name = (name or "").strip()
            # A person's name has 2 to 10 characters (阿依古丽·买买提); longer ones are
            # organisations, and each distinct length costs one pass over the text.
            if (
                2 <= len(name) <= 10
                and "某" not in name
                and "*" not in name
                and name not in NOT_A_NAME
            ):
                names.add(name)
    return names


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text meant for the public; `value` is masked."""

    where: str
    kind: str
    value: str

    def as_dict(self) -> dict[str, str]:
        what = str(FINDING_LABELS[self.kind])
        return {
            "where": str(self.where),
            "what": f"{what} {self.value}".strip(),
            "kind": self.kind,
            "value": self.value,
        }


def _scan_text(text: str) -> str:
    """NFKC and every Unicode decimal digit as ASCII, so full-width or Arabic-Indic digits and
    invisible joiners do not hide a number."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text or ""))
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _plausible_birth(yyyymmdd: str) -> bool:
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1850 <= born.year and born <= dt.date.today()


def _names_in(text: str, names: set[str]) -> list[str]:
    """The names occurring in `text`: one set look-up per position and name length, so the
    cost does not grow with the number of names."""
    found = []
    for length in sorted({len(n) for n in names}):
        for start in range(len(text) - length + 1):
            piece = text[start : start + length]
            if piece in names and piece not in found:
                found.append(piece)
    return found


def find_personal_data(
    parts: Iterable[tuple[str, str]], *, names: set[str] | None = None
) -> list[Finding]:
    """Look through (where, text) pairs for full ID numbers (18 characters with a valid
    GB 11643 check character, or 15-digit legacy numbers), mobile numbers and the names of
    parties of non-public cases. `names` defaults to the registered providers' names."""
    if names is None:
        names = private_party_names()
    findings: list[Finding] = []

    def add(where: str, kind: str, value: str) -> None:
        finding = Finding(str(where), kind, value)
        if finding not in findings:
            findings.append(finding)

    for where, raw in parts:
        text = _scan_text(raw)
        if not text:
            continue
        for match in _ID18_RE.finditer(text):
            number = "".join(match.groups()).upper()
            if id_check_char(number[:17]) == number[17] and _plausible_birth(number[6:14]):
                add(where, "id_number", mask_id_number(number))
                text = text.replace(match.group(0), " " * len(match.group(0)))
        for match in _ID15_RE.finditer(text):
            if _plausible_birth("19" + match.group(0)[6:12]):
                add(where, "id_legacy", mask_id_number(match.group(0)))
                text = text.replace(match.group(0), " " * len(match.group(0)))
        for match in _MOBILE_RE.finditer(text):
            add(where, "mobile", mask_phone(re.sub(r"[ -]", "", match.group(0))))
        for name in _names_in(text, names) if names else ():
            add(where, "party_name", mask_name(name))
    return findings


def extract_text(fileobj: IO[bytes], kind: str) -> str:
    """The text of a PDF (pypdf), DOCX (python-docx) or XLSX (openpyxl, read-only) file;
    "" for kinds without text (images). Raises ValueError when the file cannot be read."""
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            return _capped(page.extract_text() or "" for page in PdfReader(fileobj).pages)
        if kind == "docx":
            import docx

            document = docx.Document(fileobj)
            cells = (
                cell.text for table in document.tables for row in table.rows for cell in row.cells
            )
            parts = [p.text for p in document.paragraphs]
            for section in document.sections:
                parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
            return _capped(itertools.chain(parts, cells))
        if kind == "xlsx":
            import openpyxl

            book = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
            try:
                return _capped(
                    str(value)
                    for sheet in book.worksheets
                    for row in sheet.iter_rows(values_only=True)
                    for value in row
                    if value is not None
                )
            finally:
                book.close()
    except Exception as exc:  # noqa: BLE001 - each library raises its own kinds on a bad file
        raise ValueError(f"cannot extract text from {kind}: {exc}") from exc
    return ""


def _capped(pieces: Iterable[str]) -> str:
    out, size = [], 0
    for piece in pieces:
        out.append(piece)
        size += len(piece) + 1
        if size > EXTRACT_LIMIT:
            break
    return "\n".join(out)


def public_attachment_parts(record: models.Model) -> list[tuple[str, str]]:
    """(where, text) of every public attachment of `record`, for `find_personal_data`; a file
    whose text cannot be read becomes a finding of its own (see `check_publication`)."""
    from .attachments import attachments_of

    parts = []
    for attachment in attachments_of(record).filter(is_public=True):
        where = _("附件“%(name)s”") % {"name": attachment.original_name}
        try:
            with attachment.file.open("rb") as fh:
                parts.append((where, extract_text(fh, attachment.content_kind)))
        except (ValueError, OSError):
            parts.append((where, UNREADABLE))
    return parts


# Marks a part whose text could not be extracted (never a real text: it contains a NUL).
UNREADABLE = "\x00unreadable\x00"


class PersonalDataFound(TransitionNotAllowed):
    """Publication refused: the text carries personal data (409 with the masked findings)."""

    def __init__(self, findings: list[Finding], *, acknowledgeable: bool) -> None:
        self.findings = [f.as_dict() for f in findings]
        self.acknowledgeable = acknowledgeable
        listed = "；".join(f"{f['where']}：{f['what']}" for f in self.findings)
        if acknowledgeable:
            message = _(
                "待公开内容中发现个人信息（%(list)s）。请删除后再发布；确需公开的，请填写确认理由。"
            ) % {"list": listed}
        else:
            message = _("待公开内容中发现身份证号码，不能发布，请删除后再试（%(list)s）。") % {
                "list": listed
            }
        super().__init__(message)


@dataclass
class PublicationCheck:
    """The detector's result for one publication, as the review record keeps it."""

    findings: list[Finding] = dataclass_field(default_factory=list)
    acknowledgement: str = ""
    checked_at: str = ""

    def record(self) -> dict[str, Any]:
        return {
            "findings": [f.as_dict() for f in self.findings],
            "acknowledgement": self.acknowledgement,
            "checked_at": self.checked_at,
        }

    def note(self) -> str:
        if not self.findings:
            return _("个人信息检查：未发现身份证号码、手机号码或非公开案件当事人姓名。")
        listed = "；".join(f"{f['where']}：{f['what']}" for f in self.record()["findings"])
        return _("个人信息检查：发现%(list)s；确认公开的理由：%(reason)s") % {
            "list": listed,
            "reason": self.acknowledgement,
        }


def check_publication(
    parts: Iterable[tuple[str, str]],
    *,
    acknowledge: str = "",
    reviewed: dict[str, Any] | None = None,
) -> PublicationCheck:
    """Run the detector on everything about to go public. A full ID number always raises
    PersonalDataFound; anything else found raises it unless `acknowledge` gives a reason, or
    every finding was acknowledged at an earlier review (`reviewed`: that check's record())."""
    parts = list(parts)
    findings = find_personal_data([(w, t) for w, t in parts if t != UNREADABLE])
    findings += [Finding(str(w), "unreadable", "") for w, t in parts if t == UNREADABLE]
    if any(f.kind in ALWAYS_BLOCKS for f in findings):
        raise PersonalDataFound(
            [f for f in findings if f.kind in ALWAYS_BLOCKS], acknowledgeable=False
        )
    reason = (acknowledge or "").strip()
    if findings and not reason:
        reviewed = reviewed or {}
        # By kind and masked value: `where` is a translated label, which may differ by language.
        earlier = {(d.get("kind"), d.get("value")) for d in reviewed.get("findings", ())}
        if not reviewed.get("acknowledgement") or not all(
            (f.kind, f.value) in earlier for f in findings
        ):
            raise PersonalDataFound(findings, acknowledgeable=True)
        reason = reviewed["acknowledgement"]
    return PublicationCheck(findings, reason if findings else "", timezone.now().isoformat())
