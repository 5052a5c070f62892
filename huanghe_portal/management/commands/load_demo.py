"""`python manage.py load_demo`: idempotent demo data, each area contributing its own part."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the fictional demo data (township, villages, one user per role, 2021–2023 records)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            import_module("huanghe_portal.demo").load(self.stdout)
            # The catalogue first: other areas publish into its categories.
            for app in sorted(settings.AREA_APPS, key=lambda a: a != "disclosure"):
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").load(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
