import pytest

from huanghe_portal.models import WorkerHeartbeat
from huanghe_portal.tasks import heartbeat_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres]


def test_a_real_worker_on_redis_runs_a_task_that_writes_to_the_database(celery_worker):
    result = heartbeat_task.delay("ci-check")

    written_at = result.get(timeout=30)

    beat = WorkerHeartbeat.objects.get(name="ci-check")
    assert beat.beat_at.isoformat() == written_at


def test_healthz_reports_the_worker_that_answered(client, celery_worker, mediator):
    client.force_login(mediator)
    # A worker that has just started may miss the first 0.5 s ping on a busy machine.
    for _ in range(5):
        response = client.get("/healthz")
        if response.json()["status"] == "ok":
            break

    data = response.json()
    assert response.status_code == 200
    assert data["status"] == "ok"
    assert data["checks"]["database"]["ok"] is True
    assert data["checks"]["broker"] == {"ok": True, "mode": "broker"}
    assert data["checks"]["worker"] == {"ok": True, "mode": "broker", "workers": 1}
