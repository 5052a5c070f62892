from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huanghe_portal import key_rotation


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS (and "
        "recompute the blind indexes), in batches; safe to interrupt and run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        results = key_rotation.rotate(batch_size=batch_size)
        for r in results:
            self.stdout.write(
                f"{r.table}: {r.rows} rows, {r.reencrypted} values re-encrypted, "
                f"{r.rehashed} blind indexes recomputed"
            )
        self.stdout.write(f"done: {sum(r.reencrypted for r in results)} values re-encrypted")
