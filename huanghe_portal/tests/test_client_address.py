"""One client address for axes, every throttle and the logs (issue 12, point 5), tested with a
forged X-Forwarded-For under both proxy settings."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from huanghe_portal.client_ip import client_ip
from huanghe_portal.throttling import PublicSubmitThrottle, PublicTrackThrottle

pytestmark = pytest.mark.django_db
NGINX = "127.0.0.1"


@pytest.fixture
def proxies(settings):
    def set_count(count: int) -> None:
        settings.NUM_PROXIES = count
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    set_count(0)
    return set_count


@pytest.fixture
def three_lookups_a_minute(monkeypatch):
    monkeypatch.setitem(PublicTrackThrottle.THROTTLE_RATES, "public_track", "3/minute")


@pytest.fixture
def two_submissions_an_hour(monkeypatch):
    monkeypatch.setitem(PublicSubmitThrottle.THROTTLE_RATES, "public_submit", "2/hour")


def track(client, xff=None, remote=NGINX):
    extra = {"REMOTE_ADDR": remote}
    if xff:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return client.get(
        reverse("api:public-track", args=["ZZZZZZZZZZZZ"]), {"phone_last4": "1111"}, **extra
    ).status_code


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (0, None, "203.0.113.5"),
        (0, "6.6.6.6", "203.0.113.5"),  # no proxy: the header is ignored
        (1, "6.6.6.6", "6.6.6.6"),  # nginx's entry
        (1, "10.9.8.7, 1.2.3.4, 6.6.6.6", "6.6.6.6"),  # forged entries on the left
        (1, None, "203.0.113.5"),  # no header at all
    ],
)
def test_the_client_address_under_both_settings(proxies, count, xff, expected):
    proxies(count)
    meta = {"REMOTE_ADDR": "203.0.113.5"}
    if xff:
        meta["HTTP_X_FORWARDED_FOR"] = xff

    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_without_proxies_a_rotating_forged_header_does_not_bypass_the_api_throttle(
    client, proxies, three_lookups_a_minute
):
    statuses = [track(client, xff=f"10.9.8.{n}") for n in range(5)]

    assert statuses == [404, 404, 404, 429, 429]


def test_behind_nginx_forged_entries_do_not_bypass_the_throttle_and_clients_are_apart(
    client, proxies, three_lookups_a_minute
):
    proxies(1)

    attacker = [track(client, xff=f"10.9.8.{n}, 198.51.100.7") for n in range(5)]
    neighbour = track(client, xff="198.51.100.8")

    assert attacker == [404, 404, 404, 429, 429]
    assert neighbour == 404


def test_the_html_tracking_page_counts_by_the_same_address(client, proxies, three_lookups_a_minute):
    statuses = [
        client.get(
            reverse("public-track"),
            {"code": "ZZZZZZZZZZZZ", "phone_last4": "1111"},
            HTTP_X_FORWARDED_FOR=f"10.9.8.{n}",
        ).status_code
        for n in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


def test_a_public_html_form_and_the_api_share_one_counter(client, proxies, two_submissions_an_hour):
    proxies(1)
    form = reverse("disclosure:public-apply")

    api = [
        client.post(
            "/api/v1/disclosure/applications/",
            {},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.7",
        ).status_code
        for n in range(2)
    ]
    page = client.post(form, {}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    other = client.post(form, {}, HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert api == [400, 400]
    assert page.status_code == 429
    assert other.status_code != 429


def _login(client, username, password, address, proxies_count):
    extra = (
        {"REMOTE_ADDR": address}
        if proxies_count == 0
        else {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"10.1.1.1, {address}"}
    )
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("count", [0, 1])
def test_a_strangers_wrong_passwords_do_not_lock_the_leader_out_elsewhere(
    client, leader, proxies, count
):
    from django.test import Client

    proxies(count)
    stranger = Client()
    for _ in range(5):
        _login(stranger, "t_leader", "guess", "198.51.100.66", count)
        _login(stranger, "someone_made_up", "guess", "198.51.100.66", count)

    blocked = _login(stranger, "t_leader", "pw-for-tests-1", "198.51.100.66", count)
    office = _login(client, "t_leader", "pw-for-tests-1", "203.0.113.10", count)

    assert blocked.status_code == 429  # the stranger's own address is locked for that name
    assert office.status_code == 302 and office["Location"] == reverse("dashboard")
