"""What every benchmark script starts with: the repository on the path, settings from the
environment with a database of the script's own, and that database created and migrated."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(database: str) -> None:
    """Call before importing Django: `database` is used unless DATABASE_URL is set."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{database}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huanghe_portal.settings")
    os.environ.setdefault("DEBUG", "true")


def setup_database() -> None:
    from huanghe_portal import dbsetup

    dbsetup.main()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
