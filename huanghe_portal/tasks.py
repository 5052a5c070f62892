from celery import shared_task

from . import health, services


@shared_task
def heartbeat_task(name: str = "worker") -> str:
    """Proves that a worker takes tasks from the broker and writes to the database."""
    beat = services.record_heartbeat(name)
    return beat.beat_at.isoformat()


@shared_task
def sweep_stale_task_results_task() -> int:
    """A task still "started" past the hard time limit lost its worker: mark it failed."""
    return health.sweep_stale_task_results()
