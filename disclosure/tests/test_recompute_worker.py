"""Issue 14 must-have 2 with a real worker: entering a year's notice enqueues ONE background job
after the commit, and that job moves the stored due dates."""

import datetime as dt
import time

import pytest

from huanghe_portal import services as portal_services
from huanghe_portal.models import CalendarChange

from ..models import Application
from .factories import ApplicationFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres]


def test_the_notice_is_followed_by_one_background_recomputation(celery_worker, report_office):
    stale = ApplicationFactory(received_on=dt.date(2026, 12, 4), reply_due=dt.date(2027, 1, 1))

    _notice, change = portal_services.enter_holiday_notice(
        actor=report_office,
        year=2027,
        source="国务院办公厅关于2027年部分节假日安排的通知",
        holidays=[(dt.date(2027, 1, 1), dt.date(2027, 1, 3), "元旦")],
        makeup_days=[],
        complete=True,
    )

    for _attempt in range(60):  # the worker answers within 30 s or the test fails
        change.refresh_from_db()
        if change.finished_at is not None:
            break
        time.sleep(0.5)
    assert change.moved == 1
    assert CalendarChange.objects.count() == 1
    assert Application.objects.get(pk=stale.pk).reply_due == dt.date(2027, 1, 4)
