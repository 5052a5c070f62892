"""Attachments: validated by content, stored outside the static path, served after a check."""

from __future__ import annotations

import io
import re
import secrets
import unicodedata
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import public_cache, timeline
from .models import Attachment

KINDS = {
    "pdf": ("application/pdf", {".pdf"}),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}),
    "png": ("image/png", {".png"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
}
IMAGE_KINDS = {"jpeg", "png"}


def sniff_kind(head: bytes, data_for_zip: UploadedFile[bytes] | None = None) -> str | None:
    """The file's real type from its first bytes (and, for Office files, its ZIP directory)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04") and data_for_zip is not None:
        try:
            data_for_zip.seek(0)
            names = set(zipfile.ZipFile(data_for_zip).namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            data_for_zip.seek(0)
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    return None


def sanitize_filename(name: str) -> str:
    """The base name only, without path parts, control characters or leading dots."""
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = re.sub(r"[\x00-\x1f\x7f<>:\"/\\|?*]", "_", name).strip().lstrip(".")
    return name[:150] or "file"


def validate_upload(upload: UploadedFile[bytes], *, allowed: set[str] | None = None) -> str:
    """Return the detected kind, or raise ValidationError with a Chinese message."""
    allowed = allowed or set(KINDS)
    raw_name = upload.name or ""
    if ".." in raw_name.replace("\\", "/").split("/") or raw_name.startswith(("/", "\\")):
        raise ValidationError(_("文件名不合法。"), code="bad_name")
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("文件过大：最大允许 %(mb)s MB。")
            % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("文件为空。"), code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff_kind(head, upload)
    names = "、".join(k.upper() for k in sorted(allowed))
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("文件类型不受支持：仅接受 %(kinds)s 文件。") % {"kinds": names}, code="bad_type"
        )
    suffix = PurePosixPath(sanitize_filename(raw_name)).suffix.lower()
    if suffix not in KINDS[kind][1]:
        raise ValidationError(_("文件扩展名与文件内容不符。"), code="bad_extension")
    return kind


@transaction.atomic
def add_attachment(
    record: models.Model,
    upload: UploadedFile[bytes],
    *,
    actor: auth.User,
    description: str = "",
    is_public: bool = False,
    allowed: set[str] | None = None,
) -> Attachment:
    """Validate and store an upload for `record`; nothing is stored when it is refused."""
    kind = validate_upload(upload, allowed=allowed)
    original = sanitize_filename(upload.name or "")
    suffix = sorted(KINDS[kind][1])[0] if kind != "jpeg" else ".jpg"
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        stored_name=f"{secrets.token_hex(16)}{suffix}",
        original_name=original,
        content_kind=kind,
        size=upload.size or 0,
        description=description,
        uploaded_by=actor,
        is_public=is_public,
    )
    upload.seek(0)
    attachment.file.save(attachment.stored_name, upload, save=False)
    attachment.save()
    timeline.record(record, actor=actor, action="attachment_added", note=original)
    if is_public:
        public_cache.changed(record._meta.app_label)
    return attachment


def attachments_of(record: models.Model) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, voided=False
    ).select_related("uploaded_by")


def content_type_of(attachment: Attachment) -> str:
    return KINDS[attachment.content_kind][0]


def image_bytes(attachment: Attachment) -> io.BytesIO:
    with attachment.file.open("rb") as fh:
        return io.BytesIO(fh.read())
