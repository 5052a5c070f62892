import datetime as dt

import pytest

TODAY = dt.date(2022, 12, 15)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Every test of this area runs on 2022-12-15 (chinesecalendar knows 2022)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def submit_rate(monkeypatch):
    """Set the public-submission throttle to `rate` (e.g. "2/hour") for one test."""
    from huanghe_portal.api.throttles import PublicSubmitThrottle

    def set_rate(rate: str) -> None:
        monkeypatch.setattr(
            PublicSubmitThrottle,
            "THROTTLE_RATES",
            {**PublicSubmitThrottle.THROTTLE_RATES, "public_submit": rate},
        )

    return set_rate
