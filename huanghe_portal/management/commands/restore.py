from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huanghe_portal import backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty database and media folder; "
        "verifies every checksum first and the row counts afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite a database with tables and a media folder with files",
        )

    def handle(self, *args: Any, path: Path, force: bool, **options: Any) -> None:
        try:
            manifest = backup.restore(path, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored and verified: {path} ({backup.summary(manifest)})")
