from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Run one periodic task of CELERY_BEAT_SCHEDULE here and now, without the broker: the "
        "retry for reminders or publications missed while Redis or the workers were down "
        "(every periodic task is safe to run twice). Without a name: list them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="a key of CELERY_BEAT_SCHEDULE")

    def handle(self, *args: Any, name: str | None, **options: Any) -> None:
        from huanghe_portal.celery import app

        schedule = settings.CELERY_BEAT_SCHEDULE
        if not name:
            for key, entry in schedule.items():
                self.stdout.write(f"{key}: {entry['task']}")
            return
        if name not in schedule:
            raise CommandError(f"unknown periodic task {name!r}; known: {', '.join(schedule)}")
        app.loader.import_default_modules()
        task_name = str(schedule[name]["task"])
        result = app.tasks[task_name].apply()
        if result.failed():
            raise CommandError(f"{name} failed: {result.result!r}")
        self.stdout.write(f"{name}: {result.result!r}")
