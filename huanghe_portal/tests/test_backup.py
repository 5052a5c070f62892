"""backup writes one archive; restore brings every record and file back into a fresh database."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from huanghe_portal import attachments
from huanghe_portal.models import Attachment, Village

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _server(db: dict) -> dict:
    return {
        "user": db["USER"] or "postgres",
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
    }


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    admin = psycopg2.connect(dbname="postgres", **_server(db))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    server = _server(db)
    url = (
        f"postgres://{server['user']}"
        f"{':' + server['password'] if server['password'] else ''}"
        f"@{server['host']}:{server['port']}/{name}"
    )
    yield name, url
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _restore(archive, url, media, *extra):
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "DEBUG": "true",
        "REDIS_URL": "",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), *extra],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def portal_data(township, village, mediator):
    attachment = attachments.add_attachment(
        village,
        SimpleUploadedFile("村规民约.pdf", PDF, content_type="application/pdf"),
        actor=mediator,
    )
    return attachment


def test_a_backup_restores_into_a_fresh_database_with_every_record_and_file(
    portal_data, fresh_database, tmp_path
):
    archive = tmp_path / "portal.tar"
    call_command("backup", str(archive))

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["tables"]["huanghe_portal_village"] == Village.objects.count()
    media_name = f"media/{portal_data.file.name}"
    assert manifest["files"][media_name]["size"] == len(PDF)

    name, url = fresh_database
    media = tmp_path / "restored-media"
    result = _restore(archive, url, media)
    assert result.returncode == 0, result.stderr
    assert "restored and verified" in result.stdout

    assert (media / portal_data.file.name).read_bytes() == PDF
    restored = psycopg2.connect(dbname=name, **_server(connection.settings_dict))
    with restored, restored.cursor() as cur:
        cur.execute("SELECT name FROM huanghe_portal_village ORDER BY id")
        assert [r[0] for r in cur.fetchall()] == list(
            Village.objects.order_by("id").values_list("name", flat=True)
        )
        cur.execute("SELECT original_name FROM huanghe_portal_attachment")
        assert cur.fetchall() == [("村规民约.pdf",)]
        cur.execute("SELECT username FROM auth_user")
        assert cur.fetchall() == [("t_mediator",)]
    restored.close()

    # A second restore into the now filled target is refused.
    again = _restore(archive, url, media)
    assert again.returncode != 0
    assert "use --force" in again.stderr


def test_a_damaged_archive_is_refused_before_anything_is_written(
    portal_data, fresh_database, tmp_path
):
    archive = tmp_path / "portal.tar"
    call_command("backup", str(archive))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data.replace(b"%%EOF", b"%%EOX")
            target.addfile(member, io.BytesIO(data))

    result = _restore(damaged, fresh_database[1], tmp_path / "media2")

    assert result.returncode != 0
    assert "checksum mismatch" in result.stderr
    assert not (tmp_path / "media2").exists()
    assert Attachment.objects.count() == 1
