import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from huanghe_portal import attachments, visibility
from huanghe_portal.models import Attachment, Township
from huanghe_portal.roles import Role, has_role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def record(township, monkeypatch):
    """A record whose visibility rule lets only the office see it."""
    monkeypatch.setitem(
        visibility._selectors,
        Township,
        lambda user: (
            Township.objects.all()
            if has_role(user, Role.REPORT_OFFICE)
            else Township.objects.none()
        ),
    )
    return township


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("决定书.pdf", PDF, "pdf"),
        ("照片.PNG", PNG, "png"),
        ("现场.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("记录.docx", docx_bytes(), "docx"),
    ],
)
def test_files_are_accepted_by_their_content(record, report_office, name, content, kind):
    attachment = attachments.add_attachment(
        record, SimpleUploadedFile(name, content), actor=report_office
    )

    assert attachment.content_kind == kind
    assert attachment.original_name == name
    assert Path(attachment.file.path).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "文件类型不受支持"),
        ("page.html", b"<html><script>alert(1)</script>", "文件类型不受支持"),
        ("fake.docx", b"PK\x03\x04 broken zip", "文件类型不受支持"),
        ("photo.png", PDF, "扩展名与文件内容不符"),
    ],
)
def test_wrong_files_are_refused_and_nothing_is_stored(
    record, report_office, settings, name, content, message
):
    with pytest.raises(ValidationError) as exc:
        attachments.add_attachment(record, SimpleUploadedFile(name, content), actor=report_office)

    assert message in exc.value.messages[0]
    assert not Attachment.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_path_in_the_file_name_is_refused_when_it_reaches_the_service(record, report_office):
    # Django's multipart parser already strips paths; names from other sources (ledgers,
    # scripts) may still carry them.
    upload = SimpleUploadedFile("x.pdf", PDF)
    upload._name = "../../x.pdf"

    with pytest.raises(ValidationError) as exc:
        attachments.add_attachment(record, upload, actor=report_office)

    assert "文件名不合法" in exc.value.messages[0]
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(record, report_office, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        attachments.add_attachment(
            record, SimpleUploadedFile("big.pdf", PDF + b"0" * 2000), actor=report_office
        )
    assert "文件过大" in exc.value.messages[0]
    assert not Attachment.objects.exists()


def test_file_names_are_sanitised_and_stored_under_a_random_name(record, report_office):
    attachment = attachments.add_attachment(
        record, SimpleUploadedFile("会议\x00记录<1>.pdf", PDF), actor=report_office
    )

    assert attachment.original_name == "会议_记录_1_.pdf"
    assert "会议" not in attachment.file.name
    assert attachment.file.name.startswith("attachments/")


def test_someone_who_may_see_the_record_downloads_the_file(client, record, report_office):
    attachment = attachments.add_attachment(
        record, SimpleUploadedFile("a.pdf", PDF), actor=report_office
    )
    client.force_login(report_office)

    response = client.get(reverse("attachment-download", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


def test_someone_who_may_not_see_the_record_gets_404(client, record, report_office, mediator):
    attachment = attachments.add_attachment(
        record, SimpleUploadedFile("a.pdf", PDF), actor=report_office
    )
    client.force_login(mediator)

    assert client.get(reverse("attachment-download", args=[attachment.pk])).status_code == 404


def test_anonymous_visitors_cannot_download_and_no_public_media_url_exists(
    client, record, report_office
):
    attachment = attachments.add_attachment(
        record, SimpleUploadedFile("a.pdf", PDF), actor=report_office
    )

    assert client.get(reverse("attachment-download", args=[attachment.pk])).status_code == 302
    assert (
        client.get(reverse("public-attachment-download", args=[attachment.pk])).status_code == 404
    )
    assert client.get("/media/" + attachment.file.name).status_code == 404
