"""Account management by rules (issue 12, point 1): who may manage whom, what a reset does, and
the append-only account audit that superusers and leaders read."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.authtoken.models import Token

from huanghe_portal import services
from huanghe_portal.models import AccountAudit, StaffProfile

pytestmark = pytest.mark.django_db
User = get_user_model()


def edit(client, user, **overrides):
    """Post the account form as a person would: with the version the page was read at."""
    profile = StaffProfile.objects.filter(user=user).first()
    data = {
        "full_name": "改过的名字",
        "title": "",
        "roles": ["mediator"],
        "is_active": "on",
        "version": profile.version if profile else "",
    }
    data.update(overrides)
    return client.post(
        reverse("staff-edit", args=[user.pk]), {k: v for k, v in data.items() if v is not None}
    )


def roles_of(user):
    return set(user.groups.values_list("name", flat=True))


# --- What the office may not do ---------------------------------------------------------------


def test_the_office_cannot_open_reset_or_edit_a_superuser(client, report_office, superuser):
    client.force_login(report_office)

    opened = client.get(reverse("staff-edit", args=[superuser.pk]))
    reset = client.post(reverse("staff-reset-password", args=[superuser.pk]))
    edited = edit(client, superuser, roles=["mediator"])

    assert (opened.status_code, reset.status_code, edited.status_code) == (403, 403, 403)
    assert "只能由系统管理员管理" in opened.content.decode()
    superuser.refresh_from_db()
    assert superuser.check_password("pw-admin-1")
    assert roles_of(superuser) == set()
    assert not AccountAudit.objects.exists()


def test_the_office_cannot_manage_another_office_account(client, report_office, django_user_model):
    from conftest import _make_user

    colleague = _make_user(django_user_model, "t_office2", "report_office")
    client.force_login(report_office)

    assert client.post(reverse("staff-reset-password", args=[colleague.pk])).status_code == 403
    assert edit(client, colleague, roles=["report_office"], is_active=None).status_code == 403
    colleague.refresh_from_db()
    assert colleague.is_active is True and colleague.check_password("pw-for-tests-1")


def test_the_office_cannot_give_itself_roles_or_reset_its_own_password(client, report_office):
    client.force_login(report_office)

    response = edit(client, report_office, roles=["report_office", "mediator", "petition_clerk"])
    reset = client.post(reverse("staff-reset-password", args=[report_office.pk]))

    assert response.status_code == 403
    assert "不能管理自己的账号" in response.content.decode()
    assert reset.status_code == 403
    assert roles_of(report_office) == {"report_office"}


def test_the_office_cannot_grant_the_office_role(client, report_office, mediator):
    client.force_login(report_office)

    response = edit(client, mediator, roles=["mediator", "report_office"])
    form = client.get(reverse("staff-edit", args=[mediator.pk])).content.decode()

    assert response.status_code == 200  # the form again, with the field's message
    assert "选择一个有效的选项" in response.content.decode()
    assert roles_of(mediator) == {"mediator"}
    assert 'value="report_office"' not in form
    assert 'name="is_superuser"' not in form


def test_the_service_refuses_what_the_forms_do_not_offer(report_office, mediator):
    with pytest.raises(PermissionDenied, match="不能授予以下角色：综治办"):
        services.update_staff_user(
            mediator,
            actor=report_office,
            full_name="x",
            title="",
            roles=["report_office"],
            is_active=True,
        )
    with pytest.raises(PermissionDenied, match="只有系统管理员可以授予系统管理员身份"):
        services.create_staff_user(
            actor=report_office,
            username="sneaky",
            full_name="x",
            roles=["mediator"],
            is_superuser=True,
        )
    assert not User.objects.filter(username="sneaky").exists()
    assert not AccountAudit.objects.exists()


def test_other_roles_manage_no_accounts(mediator, petition_clerk):
    with pytest.raises(PermissionDenied):
        services.reset_staff_password(petition_clerk, actor=mediator)


# --- What the office may do, and what a superuser may do --------------------------------------


def test_the_office_grants_and_removes_roles_of_a_colleague_and_the_audit_says_so(
    client, report_office, mediator
):
    client.force_login(report_office)

    response = edit(client, mediator, roles=["petition_clerk"])

    assert response.status_code == 302
    assert roles_of(mediator) == {"petition_clerk"}
    audit = AccountAudit.objects.get(target=mediator)
    assert (audit.actor, audit.action) == (report_office, "roles_changed")
    assert audit.before["roles"] == ["mediator"] and audit.after["roles"] == ["petition_clerk"]
    assert audit.granted == ["信访干部"] and audit.removed == ["调解员"]


def test_a_superuser_manages_office_accounts_and_grants_superuser_status(
    client, superuser, report_office
):
    client.force_login(superuser)

    response = edit(client, report_office, roles=["report_office", "leader"], is_superuser="on")

    assert response.status_code == 302
    report_office.refresh_from_db()
    assert report_office.is_superuser and roles_of(report_office) == {"report_office", "leader"}
    audit = AccountAudit.objects.get(target=report_office)
    assert audit.before["is_superuser"] is False and audit.after["is_superuser"] is True


def test_no_one_changes_their_own_roles_or_deactivates_themselves(client, superuser):
    client.force_login(superuser)

    roles = edit(client, superuser, roles=["mediator"], is_superuser="on")
    deactivate = edit(client, superuser, roles=[], is_superuser="on", is_active=None)
    name_only = edit(client, superuser, roles=[], is_superuser="on", full_name="管理员")

    assert roles.status_code == deactivate.status_code == 403
    assert "不能变更自己的角色，也不能停用自己的账号。" in deactivate.content.decode()
    assert name_only.status_code == 302
    superuser.refresh_from_db()
    assert superuser.is_active and roles_of(superuser) == set()
    assert superuser.portal_profile.full_name == "管理员"


def test_a_created_account_is_audited(client, report_office):
    client.force_login(report_office)

    client.post(
        reverse("staff-create"), {"username": "new_one", "full_name": "新人", "roles": ["educator"]}
    )

    audit = AccountAudit.objects.get(target__username="new_one")
    assert (audit.action, audit.actor, audit.before) == ("created", report_office, {})
    assert audit.after["roles"] == ["educator"] and audit.after["must_change_password"] is True


# --- A reset ------------------------------------------------------------------------------------


def test_a_reset_shows_the_password_once_and_ends_tokens_and_sessions(
    client, report_office, mediator
):
    from django.test import Client

    token = Token.objects.create(user=mediator)
    victim = Client()
    victim.force_login(mediator)
    assert victim.get(reverse("dashboard")).status_code == 200
    client.force_login(report_office)

    shown = client.post(reverse("staff-reset-password", args=[mediator.pk]), follow=True)
    again = client.get(reverse("staff-edit", args=[mediator.pk]))

    password = re.search(r"新密码：(\S+?)（", shown.content.decode()).group(1)
    assert password not in again.content.decode()
    assert not Token.objects.filter(key=token.key).exists()
    assert victim.get(reverse("dashboard")).status_code == 302  # the session has ended
    mediator.refresh_from_db()
    assert mediator.check_password(password)
    assert StaffProfile.objects.get(user=mediator).must_change_password is True
    audit = AccountAudit.objects.get(target=mediator)
    assert (audit.action, audit.actor) == ("password_reset", report_office)
    assert password not in str(audit.before) + str(audit.after)


def test_deactivation_ends_the_api_token(client, report_office, mediator, api_client):
    token = Token.objects.create(user=mediator)
    client.force_login(report_office)

    edit(client, mediator, is_active=None)

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/disputes/").status_code == 401


def test_changing_ones_password_ends_old_tokens_and_is_audited(client, mediator):
    token = Token.objects.create(user=mediator)
    client.force_login(mediator)

    response = client.post(
        reverse("password-change"),
        {
            "old_password": "pw-for-tests-1",
            "new_password1": "Qz-new-secret-77",
            "new_password2": "Qz-new-secret-77",
        },
    )

    assert response.status_code == 302
    assert not Token.objects.filter(key=token.key).exists()
    assert AccountAudit.objects.get(target=mediator).action == "password_changed"


# --- The audit page -----------------------------------------------------------------------------


def test_leaders_and_superusers_read_the_account_audit_others_get_403(
    client, report_office, mediator, leader, superuser
):
    services.update_staff_user(
        mediator,
        actor=report_office,
        full_name="调解员甲",
        title="",
        roles=["mediator", "legal_adviser"],
        is_active=True,
        version=mediator.portal_profile.version,
    )

    pages = {}
    for user in (leader, superuser, report_office, mediator):
        client.force_login(user)
        pages[user.username] = client.get(reverse("account-audit"))

    assert pages["t_leader"].status_code == pages["t_admin"].status_code == 200
    text = pages["t_leader"].content.decode()
    assert "t_office" in text and "t_mediator" in text and "授予：法律顾问" in text
    assert 'href="/staff/accounts/audit/"' in text  # the staff navigation entry
    assert pages["t_office"].status_code == pages["t_mediator"].status_code == 403
    client.force_login(report_office)
    assert 'href="/staff/accounts/audit/"' not in client.get(reverse("dashboard")).content.decode()


def test_account_audit_rows_cannot_be_changed_or_deleted(report_office, mediator):
    services.reset_staff_password(mediator, actor=report_office)
    audit = AccountAudit.objects.get()

    audit.action = "created"
    with pytest.raises(ValueError, match="append-only"):
        audit.save()
    with pytest.raises(ValueError, match="append-only"):
        audit.delete()
    assert AccountAudit.objects.get().action == "password_reset"


# --- Django admin, the superusers' other door -------------------------------------------------


def test_role_changes_and_passwords_set_in_django_admin_are_audited(client, superuser, mediator):
    from django.contrib.auth.models import Group

    token = Token.objects.create(user=mediator)
    client.force_login(superuser)
    url = reverse("admin:auth_user_change", args=[mediator.pk])

    changed = client.post(
        url,
        {
            "username": mediator.username,
            "first_name": "",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "groups": [Group.objects.get(name="leader").pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "08:00:00",
        },
    )
    password = client.post(
        reverse("admin:auth_user_password_change", args=[mediator.pk]),
        {"password1": "Qz-admin-set-88", "password2": "Qz-admin-set-88", "usable_password": "true"},
    )

    assert changed.status_code == password.status_code == 302
    rows = list(AccountAudit.objects.filter(target=mediator).order_by("pk"))
    assert [(r.action, r.actor) for r in rows] == [
        ("roles_changed", superuser),
        ("password_reset", superuser),
    ]
    assert rows[0].granted == ["领导"] and rows[0].removed == ["调解员"]
    assert not Token.objects.filter(key=token.key).exists()


@pytest.mark.postgres
def test_the_database_refuses_to_change_or_delete_audit_rows(report_office, mediator):
    from django.db import DatabaseError, connection, transaction

    services.reset_staff_password(mediator, actor=report_office)

    for sql in (
        "UPDATE huanghe_portal_accountaudit SET action = 'created'",
        "DELETE FROM huanghe_portal_accountaudit",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql)
    assert AccountAudit.objects.get().action == "password_reset"
