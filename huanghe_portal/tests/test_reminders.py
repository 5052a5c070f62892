"""One reminder writer for every area (huanghe_portal.reminders) and the staff profile page where
each user sets the e-mail and phone reminders use."""

import datetime as dt

import pytest
from django.urls import reverse

from disputes.tests.factories import DisputeFactory
from huanghe_portal import reminders
from huanghe_portal.models import Notification, StaffProfile
from petitions import services as petition_services
from petitions.tests.factories import PetitionFactory
from reports import deadlines

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a reminder job and run what it queued after the commit (the e-mails)."""

    def call(job, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job(*args, **kwargs)

    return call


def _with_address(user, address, *, wants=True):
    user.email = address
    user.save(update_fields=["email"])
    StaffProfile.objects.filter(user=user).update(email_reminders=wants)
    return user


def test_a_reminder_is_written_and_mailed_once_per_record_and_tier(run, mediator, mailoutbox):
    _with_address(mediator, "tiaojie@example.com")
    case = DisputeFactory()

    first = run(
        reminders.remind,
        mediator,
        key="dispute_overdue",
        message="纠纷已超期",
        url="/disputes/1/",
        record=case,
    )
    again = run(
        reminders.remind,
        mediator,
        key="dispute_overdue",
        message="纠纷已超期",
        url="/disputes/1/",
        record=case,
    )
    next_tier = run(
        reminders.remind, mediator, key="dispute_overdue_2", message="超期两月", record=case
    )

    assert (first, again, next_tier) == (True, False, True)
    assert Notification.objects.filter(user=mediator).count() == 2
    assert [m.to for m in mailoutbox] == [["tiaojie@example.com"]] * 2
    assert "纠纷已超期" in mailoutbox[0].body and "/disputes/1/" in mailoutbox[0].body


def test_no_mail_without_an_address_or_when_turned_off(run, mediator, other_mediator, mailoutbox):
    _with_address(other_mediator, "yi@example.com", wants=False)
    case = DisputeFactory()
    for user in (mediator, other_mediator):
        run(reminders.remind, user, key="dispute_overdue", message="纠纷已超期", record=case)
    assert Notification.objects.count() == 2
    assert mailoutbox == []


def test_a_failing_mail_server_does_not_break_the_reminder_job(run, mediator, monkeypatch):
    _with_address(mediator, "tiaojie@example.com")

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    assert run(reminders.remind, mediator, key="k", message="提醒") is True
    assert Notification.objects.filter(user=mediator, kind="k").exists()


def test_every_area_reminds_through_the_one_writer(
    run, petition_clerk, leader, report_office, mailoutbox
):
    """Petitions and the reports deadlines: same rule, same e-mail."""
    _with_address(leader, "zhenzhang@example.com")
    PetitionFactory(
        received_on=dt.date(2024, 5, 1), registered_by=petition_clerk, leader_in_charge=leader
    )
    assert run(petition_services.send_due_reminders) == 2
    assert run(petition_services.send_due_reminders) == 0
    assert run(deadlines.send_reminders, dt.date(2027, 1, 24)) > 0
    assert run(deadlines.send_reminders, dt.date(2027, 1, 24)) == 0
    assert len(mailoutbox) == 2  # the leader: one per run that had something new
    assert "已超期" in mailoutbox[0].body and "2027-01-31" in mailoutbox[1].body


# --- The profile page ---------------------------------------------------------------------------


def _profile_data(user, **changes):
    profile = StaffProfile.objects.get(user=user)
    data = {"email": user.email, "phone": profile.phone, "version": profile.version}
    if profile.email_reminders:
        data["email_reminders"] = "on"
    data.update(changes)
    return data


def test_staff_set_their_own_email_phone_and_preference(client, mediator):
    client.force_login(mediator)
    page = client.get(reverse("profile")).content.decode()
    assert "电子邮箱" in page and "联系电话" in page and "通过电子邮件接收工作提醒" in page
    assert reverse("profile") in client.get(reverse("dashboard")).content.decode()  # menu link

    response = client.post(
        reverse("profile"),
        _profile_data(mediator, email=" tiaojie@example.com ", phone="１３８ 0000 1234"),
    )

    assert response.status_code == 302
    mediator.refresh_from_db()
    profile = StaffProfile.objects.get(user=mediator)
    assert mediator.email == "tiaojie@example.com"
    assert profile.phone == "13800001234"  # normalised like personal_data
    assert profile.email_reminders is True


def test_profile_refuses_a_bad_phone_or_address_in_chinese(client, mediator):
    client.force_login(mediator)
    response = client.post(
        reverse("profile"), _profile_data(mediator, email="not-an-address", phone="12345")
    )
    page = response.content.decode()
    assert "电子邮箱格式不正确" in page and "电话号码格式不正确" in page
    mediator.refresh_from_db()
    assert mediator.email == ""


def test_profile_turns_email_reminders_off(client, mediator):
    client.force_login(mediator)
    data = _profile_data(mediator, email="tiaojie@example.com")
    data.pop("email_reminders")
    client.post(reverse("profile"), data)
    assert StaffProfile.objects.get(user=mediator).email_reminders is False


def test_a_stale_profile_form_is_refused(client, mediator):
    client.force_login(mediator)
    stale = _profile_data(mediator, phone="13800001234")
    client.post(reverse("profile"), _profile_data(mediator, phone="13900001234"))
    response = client.post(reverse("profile"), stale)
    assert response.status_code == 409
    assert StaffProfile.objects.get(user=mediator).phone == "13900001234"
