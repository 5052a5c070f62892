from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huanghe_portal import backup


class Command(BaseCommand):
    help = (
        "Write one archive of the database (pg_dump custom format, or dumpdata on SQLite), "
        "every media file and a manifest (rows per table, SHA-256 per file)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            type=Path,
            help="archive to write, e.g. /var/backups/huanghe/portal-2026-12-04.tar",
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            manifest = backup.create(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written: {path} ({backup.summary(manifest)})")
