"""The portal serves everything itself: town intranets have no internet."""

import re
from pathlib import Path

from django.conf import settings

OUTSIDE = re.compile(r"""(src|href|url)\s*[=(]\s*["']?(https?:)?//""", re.IGNORECASE)


def _files(*folders: str):
    for folder in folders:
        for path in Path(settings.BASE_DIR, folder).rglob("*"):
            if path.is_file() and path.suffix in {".html", ".css", ".js", ".txt", ".xml"}:
                yield path


def test_no_template_or_static_file_references_an_outside_url():
    offenders = [str(p) for p in _files("templates", "static") if OUTSIDE.search(p.read_text())]

    assert offenders == []


def test_bootstrap_comes_from_the_npm_lock_file_not_the_tree():
    tracked = [p for p in _files("static") if "bootstrap" in p.name.lower()]
    assert tracked == []
    assert (Path(settings.BASE_DIR) / "package-lock.json").exists()
