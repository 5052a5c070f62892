import datetime as dt

import pytest

TODAY = dt.date(2024, 6, 14)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Freeze "today" (2024-06-14, a Friday) for services, selectors and serializers."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY
