"""The project package: settings, URLs, the Celery app and the code every area shares."""

from .celery import app as celery_app

__all__ = ["celery_app"]
