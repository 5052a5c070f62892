from celery import shared_task

from . import services


@shared_task
def heartbeat_task(name: str = "worker") -> str:
    """Proves that a worker takes tasks from the broker and writes to the database."""
    beat = services.record_heartbeat(name)
    return beat.beat_at.isoformat()
