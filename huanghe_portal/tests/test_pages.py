import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_home_page_shows_the_township_in_chinese(client, township):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "石柱土家族自治县黄鹤镇人民政府" in content
    assert 'lang="zh-CN"' in content


def test_anonymous_visitor_is_sent_to_login_from_the_dashboard(client):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_mediator_sees_a_card_for_disputes_but_not_for_disclosure(client, mediator):
    client.force_login(mediator)

    response = client.get(reverse("dashboard"))

    content = response.content.decode()
    assert "矛盾纠纷调处" in content
    assert "政府信息公开" not in content
