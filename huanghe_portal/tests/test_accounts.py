import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from huanghe_portal.models import AccountAudit, StaffProfile

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_five_failed_logins_lock_the_account_with_a_chinese_message(client, mediator):
    for _ in range(5):
        client.post(reverse("login"), {"username": "t_mediator", "password": "wrong"})

    response = client.post(
        reverse("login"), {"username": "t_mediator", "password": "pw-for-tests-1"}
    )

    assert response.status_code == 429
    assert "已被锁定15分钟" in response.content.decode()


def test_a_correct_password_logs_in_after_four_failures(client, mediator):
    for _ in range(4):
        client.post(reverse("login"), {"username": "t_mediator", "password": "wrong"})

    response = client.post(
        reverse("login"), {"username": "t_mediator", "password": "pw-for-tests-1"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_the_office_creates_a_staff_account_with_roles(client, report_office):
    client.force_login(report_office)

    response = client.post(
        reverse("staff-create"),
        {
            "username": "new_clerk",
            "full_name": "新干部",
            "title": "干事",
            "roles": ["petition_clerk", "mediator"],
            "submit": "保存",
        },
        follow=True,
    )

    user = User.objects.get(username="new_clerk")
    assert set(user.groups.values_list("name", flat=True)) == {"petition_clerk", "mediator"}
    assert user.portal_profile.must_change_password is True
    message = response.content.decode()
    assert "已创建账号 new_clerk" in message
    password = re.search(r"初始密码：(\S+?)（", message).group(1)
    assert user.check_password(password)


def test_a_duplicate_login_name_is_refused_on_the_field(client, report_office, mediator):
    client.force_login(report_office)

    response = client.post(
        reverse("staff-create"),
        {"username": "T_MEDIATOR", "full_name": "重名", "roles": ["mediator"]},
    )

    assert "该登录名已被使用。" in response.content.decode()
    assert User.objects.filter(username__iexact="t_mediator").count() == 1


def test_the_office_deactivates_an_account_and_it_can_no_longer_log_in(
    client, report_office, mediator
):
    client.force_login(report_office)

    client.post(
        reverse("staff-edit", args=[mediator.pk]),
        {"full_name": "调解员甲", "roles": ["mediator"], "is_active": "", "version": 1},
    )

    mediator.refresh_from_db()
    assert mediator.is_active is False
    assert [(a.action, a.actor) for a in AccountAudit.objects.filter(target=mediator)] == [
        ("deactivated", report_office)
    ]
    client.logout()
    response = client.post(
        reverse("login"), {"username": "t_mediator", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 200
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_reset_password_must_be_changed_at_the_next_login(client, report_office, mediator):
    client.force_login(report_office)
    response = client.post(reverse("staff-reset-password", args=[mediator.pk]), follow=True)
    password = re.search(r"新密码：(\S+?)（", response.content.decode()).group(1)
    client.logout()

    client.post(reverse("login"), {"username": "t_mediator", "password": password})
    blocked = client.get(reverse("dashboard"))
    changed = client.post(
        reverse("password-change"),
        {
            "old_password": password,
            "new_password1": "Qz-new-secret-77",
            "new_password2": "Qz-new-secret-77",
        },
    )

    assert blocked.status_code == 302 and blocked["Location"] == reverse("password-change")
    assert changed.status_code == 302
    assert StaffProfile.objects.get(user=mediator).must_change_password is False
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize(
    "url_name", ["staff-list", "staff-create", "village-list", "holiday-list", "township-edit"]
)
def test_only_the_office_manages_settings(client, mediator, url_name):
    client.force_login(mediator)

    response = client.get(reverse(url_name))

    assert response.status_code == 403
    assert "您没有执行此操作的权限" in response.content.decode()


def test_the_office_edits_the_township_profile(client, report_office, township):
    client.force_login(report_office)

    client.post(
        reverse("township-edit"),
        {
            "name": "黄鹤镇",
            "government_name": "石柱土家族自治县黄鹤镇人民政府",
            "county": "重庆市石柱土家族自治县",
            "reception_phone": "023-73309999",
            "doc_prefix": "黄鹤",
            "address": "",
            "office_hours": "",
            "introduction": "",
            "version": township.version,
        },
    )

    township.refresh_from_db()
    assert township.reception_phone == "023-73309999"
    assert township.history.count() == 2
    assert "023-73309999" in client.get(reverse("home")).content.decode()


def test_leaders_read_the_change_history_of_a_record(
    client, leader, report_office, township, monkeypatch
):
    from huanghe_portal import visibility
    from huanghe_portal.models import Township

    monkeypatch.setitem(visibility._selectors, Township, lambda user: Township.objects.all())
    township.reception_phone = "023-00000000"
    township.save()
    client.force_login(leader)

    response = client.get(
        reverse("record-history", args=["huanghe_portal", "township", township.pk])
    )

    assert response.status_code == 200
    assert "023-00000000" in response.content.decode()
    client.force_login(report_office)
    assert (
        client.get(
            reverse("record-history", args=["huanghe_portal", "township", township.pk])
        ).status_code
        == 403
    )


def test_a_record_without_history_rows_shows_an_empty_history(
    client, leader, township, monkeypatch
):
    from huanghe_portal import visibility
    from huanghe_portal.models import Township

    monkeypatch.setitem(visibility._selectors, Township, lambda user: Township.objects.all())
    township.history.all().delete()  # as after a bulk import
    client.force_login(leader)

    response = client.get(
        reverse("record-history", args=["huanghe_portal", "township", township.pk])
    )

    assert response.status_code == 200
    assert "暂无修改记录" in response.content.decode()
