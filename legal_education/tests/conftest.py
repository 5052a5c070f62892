import datetime as dt

import pytest

TODAY = dt.date(2023, 6, 15)


@pytest.fixture
def today(monkeypatch):
    """Freeze "today" for date checks and coming/past events."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY
