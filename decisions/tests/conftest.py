import datetime as dt

import pytest

TODAY = dt.date(2022, 12, 15)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Every test of this area runs on 2022-12-15 (chinesecalendar knows 2022)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY
