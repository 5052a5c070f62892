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


def test_the_portal_stays_chinese_for_an_english_browser(client, township):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "工作人员入口" in response.content.decode()


def test_a_visitor_can_switch_to_english_and_back(client, township):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    chinese = client.get(reverse("home")).content.decode()

    assert "Staff sign-in" in english and 'lang="en"' in english
    assert "工作人员入口" in chinese


def test_errors_are_chinese_pages(client, mediator):
    client.force_login(mediator)

    missing = client.get("/no-such-page/")
    forbidden = client.get(reverse("staff-list"))

    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    assert forbidden.status_code == 403 and "无权访问" in forbidden.content.decode()


def test_every_user_facing_string_has_an_english_translation():
    import re
    from pathlib import Path

    from django.conf import settings

    po = (Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n\n', po)
    fuzzy = re.findall(r"\n#, fuzzy.*\nmsgid \"(.+)\"", po)

    assert entries == []
    assert fuzzy == []
