import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def today(monkeypatch):
    """Freeze "today" (default 2024-12-20); call the fixture's result to move it."""
    state = {"day": dt.date(2024, 12, 20)}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: state["day"])

    def set_day(day: dt.date) -> dt.date:
        state["day"] = day
        return day

    set_day.day = lambda: state["day"]
    return set_day
