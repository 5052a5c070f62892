"""One archive holds the whole portal: the database, every media file and a manifest.

Layout of the archive (an uncompressed tar; the PostgreSQL dump is compressed already):

    manifest.json        format, created_at, database vendor, row counts per table,
                         SHA-256 and size of every other member
    database.dump        `pg_dump --format=custom` (PostgreSQL)
    database.json        `dumpdata` with natural keys (SQLite)
    media/<path>         every file under MEDIA_ROOT

`restore` checks every checksum before it touches anything, refuses a database with tables or a
media folder with files unless forced, and compares the row counts afterwards. The archive holds
personal data encrypted with FIELD_ENCRYPTION_KEYS; without those keys it is useless, so keep the
keys (and only the keys) in a separate safe place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connections

FORMAT = "huanghe-backup/1"
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
JSON_DUMP = "database.json"
# Rebuilt by migrate on SQLite and referred to by natural keys, so not dumped there.
SQLITE_EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    args = [
        "--host",
        str(db.get("HOST") or "127.0.0.1"),
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        db.get("USER") or "postgres",
    ]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, Any]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows per table: every table on PostgreSQL, the dumped models' tables on SQLite."""
    connection = connections[alias]
    tables = sorted(connection.introspection.table_names())
    if connection.vendor != "postgresql":
        from django.apps import apps

        excluded = {label for label in SQLITE_EXCLUDED if "." not in label}
        models = [
            m
            for m in apps.get_models(include_auto_created=True)
            if m._meta.app_label not in excluded and m._meta.label_lower not in SQLITE_EXCLUDED
        ]
        tables = sorted({m._meta.db_table for m in models} & set(tables))
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _same_file(path: Path, sha256: str) -> bool:
    return path.is_file() and _sha256(path) == sha256


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def create(path: Path, *, alias: str = "default") -> dict[str, Any]:
    """Write the archive to `path` (atomically); return the manifest."""
    connection = connections[alias]
    db = connection.settings_dict
    media_root = Path(settings.MEDIA_ROOT)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="huanghe-backup-") as tmp:
        work = Path(tmp)
        # Counts first, dump second: on a live portal a row added in between shows up as a
        # difference at restore time, not as a silent gap.
        counts = table_counts(alias)
        if connection.vendor == "postgresql":
            dump, args_env = work / PG_DUMP, _pg_env(db)
            _run(
                [
                    "pg_dump",
                    *args_env[0],
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(dump),
                    db["NAME"],
                ],
                args_env[1],
            )
        else:
            dump = work / JSON_DUMP
            with dump.open("w", encoding="utf-8") as out:
                call_command(
                    "dumpdata",
                    "--natural-foreign",
                    "--natural-primary",
                    *[f"--exclude={label}" for label in SQLITE_EXCLUDED],
                    database=alias,
                    stdout=out,
                )
        members = {dump.name: dump}
        for file in _media_files(media_root):
            members[f"media/{file.relative_to(media_root).as_posix()}"] = file
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "file": dump.name},
            "tables": counts,
            "files": {
                name: {"sha256": _sha256(file), "size": file.stat().st_size}
                for name, file in members.items()
            },
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, file in members.items():
                tar.add(file, arcname=name, recursive=False)
        partial.replace(path)
    return manifest


def _extract_verified(path: Path, work: Path) -> dict[str, Any]:
    """Unpack into `work` and check every checksum against the manifest."""
    try:
        tar = tarfile.open(path, "r")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"not a backup archive: {exc}") from exc
    with tar:
        try:
            member = tar.extractfile(MANIFEST)
            if member is None:  # a directory of that name
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.load(member)
        except (KeyError, ValueError) as exc:
            raise BackupError("the archive has no readable manifest.json") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown archive format {manifest.get('format')!r}")
        names = {m.name for m in tar.getmembers() if m.isfile()} - {MANIFEST}
        if names != set(manifest["files"]):
            raise BackupError(
                "the archive's files differ from its manifest: "
                f"{sorted(names ^ set(manifest['files']))[:5]}"
            )
        tar.extractall(
            work, members=[m for m in tar.getmembers() if m.name in names], filter="data"
        )
    for name, expected in manifest["files"].items():
        if _sha256(work / name) != expected["sha256"]:
            raise BackupError(f"checksum mismatch: {name}")
    return manifest


def _target_is_empty(alias: str, media_root: Path) -> list[str]:
    problems = []
    tables = connections[alias].introspection.table_names()
    if tables:
        problems.append(f"the database already has {len(tables)} tables")
    if _media_files(media_root):
        problems.append(f"the media folder {media_root} is not empty")
    return problems


def restore(path: Path, *, force: bool = False, alias: str = "default") -> dict[str, Any]:
    """Restore the archive into this database and MEDIA_ROOT; return the manifest."""
    connection = connections[alias]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="huanghe-restore-") as tmp:
        work = Path(tmp)
        manifest = _extract_verified(Path(path), work)
        if manifest["database"]["vendor"] != connection.vendor:
            raise BackupError(
                f"the archive holds a {manifest['database']['vendor']} database; "
                f"this portal runs on {connection.vendor}"
            )
        problems = _target_is_empty(alias, media_root)
        if problems and not force:
            raise BackupError("; ".join(problems) + " (use --force to overwrite)")
        dump = work / manifest["database"]["file"]
        if connection.vendor == "postgresql":
            connection.close()
            args, env = _pg_env(connection.settings_dict)
            clean = ["--clean", "--if-exists"] if problems else []
            _run(
                [
                    "pg_restore",
                    *args,
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    *clean,
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(dump),
                ],
                env,
            )
        else:
            call_command("migrate", database=alias, interactive=False, verbosity=0)
            call_command("flush", database=alias, interactive=False, verbosity=0)
            call_command("loaddata", str(dump), database=alias, verbosity=0)
        if problems and media_root.exists():
            shutil.rmtree(media_root)
        source = work / "media"
        if source.exists():
            shutil.copytree(source, media_root, dirs_exist_ok=True)
    counts = table_counts(alias)
    differences = {
        t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n
    }
    if differences:
        raise BackupError(
            f"row counts differ after restore (table: expected, found): "
            f"{dict(list(differences.items())[:10])}"
        )
    missing = [
        name
        for name, meta in manifest["files"].items()
        if name.startswith("media/")
        and not _same_file(media_root / name.removeprefix("media/"), meta["sha256"])
    ]
    if missing:
        raise BackupError(f"media files differ after restore: {missing[:5]}")
    return manifest


def summary(manifest: dict[str, Any]) -> str:
    media = sum(1 for name in manifest["files"] if name.startswith("media/"))
    return (
        f"{sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables, "
        f"{media} media files, written {manifest['created_at']}"
    )
