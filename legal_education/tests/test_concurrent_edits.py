"""Two educators edit the same event at once: the second save never undoes the first (issue 13)."""

import pytest
from django.urls import reverse

from huanghe_portal.tests.sessions import api, browser, form_version

from .factories import (
    ConsultationFactory,
    EventFactory,
    LegalLiaisonFactory,
    StudySessionFactory,
)
from .test_views import FORM

pytestmark = pytest.mark.django_db


def test_a_stale_event_form_is_refused_and_keeps_the_input(educator, colleague):
    event = EventFactory(
        held_on="2023-05-20",
        title="宪法进校园",
        kind="outreach",
        place="黄鹤小学",
        participants=300,
        materials=150,
        consultations_on_site=4,
        summary="讲解宪法基本知识。",
    )
    url = reverse("legal_education:event-edit", args=[event.pk])
    a, b = browser(educator), browser(colleague("educator"))
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))

    saved = a.post(url, {**FORM, "participants": "320", "version": version_a})
    refused = b.post(url, {**FORM, "title": "宪法进校园（第二场）", "version": version_b})

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "参与人数：对方保存为“320”，您填写的是“300”。" in page
    assert 'value="宪法进校园（第二场）"' in page
    assert form_version(refused) == 2
    event.refresh_from_db()
    assert (event.participants, event.title) == (320, "宪法进校园")


def test_a_stale_event_patch_is_409_with_the_current_event(educator, colleague):
    event = EventFactory(participants=10)
    url = reverse("api:legal-education-event-detail", args=[event.pk])
    a, b = api(educator), api(colleague("educator"))
    version = a.get(url).json()["version"]

    saved = a.patch(url, {"participants": 25, "version": version}, format="json")
    stale = b.patch(url, {"materials": 99, "version": version}, format="json")
    missing = b.patch(url, {"materials": 99}, format="json")

    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    assert stale.status_code == 409
    assert stale.json()["current"]["participants"] == 25
    assert missing.status_code == 409
    event.refresh_from_db()
    assert (event.participants, event.materials) == (25, 100)


@pytest.mark.parametrize(
    ("noun", "factory"),
    [
        ("consultation", ConsultationFactory),
        ("study", StudySessionFactory),
        ("liaison", LegalLiaisonFactory),
    ],
)
def test_every_edit_page_carries_the_version(educator, noun, factory):
    record = factory()

    page = browser(educator).get(reverse(f"legal_education:{noun}-edit", args=[record.pk]))

    assert form_version(page) == type(record).objects.get(pk=record.pk).version


def test_a_double_click_on_add_training_adds_one_training(educator):
    liaison = LegalLiaisonFactory()
    client = browser(educator)
    version = form_version(client.get(liaison.get_absolute_url()))
    data = {"trained_on": "2022-07-01", "subject": "民法典培训", "hours": "3", "version": version}
    url = reverse("legal_education:liaison-training", args=[liaison.pk])

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert "这一步已经办理" in second.content.decode()
    assert liaison.trainings.count() == 1
