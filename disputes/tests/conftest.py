import datetime as dt

import pytest

TODAY = dt.date(2024, 6, 14)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Steps refuse future dates: pin "today" so that the tests never drift with the calendar."""
    import django.utils.timezone as tz

    real_now = tz.now

    def fake_localdate(value=None, timezone=None):
        if value is not None:
            return tz.localtime(value, timezone).date()
        return TODAY

    monkeypatch.setattr(tz, "localdate", fake_localdate)
    yield real_now


@pytest.fixture
def mediator_client(client, mediator):
    client.force_login(mediator)
    return client


@pytest.fixture
def api_as(api_client):
    def login(user):
        api_client.force_authenticate(user)
        return api_client

    return login
