from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from huanghe_portal.access_matrix import render_markdown


class Command(BaseCommand):
    help = "Write docs/permissions.md from the permission matrix (--check: fail if out of date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / "docs" / "permissions.md"
        text = render_markdown()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(
                    "docs/permissions.md is out of date: run `python manage.py permissions_doc`"
                )
            self.stdout.write("docs/permissions.md is current.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {path}")
