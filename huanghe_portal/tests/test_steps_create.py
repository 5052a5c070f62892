"""The step runner's pages that make and correct a record: a create step (no record yet: the
page opens what the service returns), an edit step whose ModelForm gets its instance through
`form_kwargs`, and the status of a form shown again for bad input."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from huanghe_portal.roles import Role
from huanghe_portal.steps import Step, Steps, step_page
from huanghe_portal.versioning import VersionedFormMixin
from legal_education.models import Event
from legal_education.tests.factories import EventFactory

pytestmark = pytest.mark.django_db
TEMPLATE = "staff/simple_form.html"


class TitleForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title"]


def create(*, actor, title):
    if title == "重复":
        raise ValidationError({"title": "已有同名活动。"})
    return EventFactory(title=title)


def rename(event, *, actor, version, title):
    Event.objects.filter(pk=event.pk).update(title=title)
    return event


def own_copy(event):
    return {"instance": Event.objects.get(pk=event.pk)}


TABLE = Steps(
    "legal_education:event-{slug}",
    [
        Step("create", TitleForm, create, "登记", "已登记。", (Role.EDUCATOR,), button=False),
        Step(
            "edit",
            TitleForm,
            rename,
            "修改",
            "已修改。",
            (Role.EDUCATOR,),
            repeatable=False,
            form_kwargs=own_copy,
            button=False,
        ),
    ],
    context_name="event",
)


def request_by(user, data=None):
    factory = RequestFactory()
    request = factory.post("/", data) if data is not None else factory.get("/")
    request.user = user
    request.session = SessionBase()
    request._messages = FallbackStorage(request)
    return request


def test_a_create_step_opens_the_record_its_service_made(educator):
    request = request_by(educator, {"title": "宪法宣传周"})

    response = step_page(request, TABLE, None, "create", template=TEMPLATE)

    event = Event.objects.get(title="宪法宣传周")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert [str(m) for m in get_messages(request)] == ["已登记。"]


def test_a_create_form_has_no_version_and_keeps_bad_input_with_the_status_asked(educator):
    page = step_page(request_by(educator), TABLE, None, "create", template=TEMPLATE)
    refused = step_page(
        request_by(educator, {"title": "重复"}), TABLE, None, "create", template=TEMPLATE
    )
    kept = step_page(
        request_by(educator, {"title": "重复"}),
        TABLE,
        None,
        "create",
        template=TEMPLATE,
        invalid=200,
    )

    assert page.status_code == 200 and 'name="version"' not in page.content.decode()
    assert refused.status_code == 400 and kept.status_code == 200
    assert "已有同名活动。" in refused.content.decode()
    assert not Event.objects.filter(title="重复").exists()


def test_a_create_step_checks_the_role(leader):
    with pytest.raises(PermissionDenied):
        step_page(request_by(leader), TABLE, None, "create", template=TEMPLATE)


def test_an_edit_form_gets_its_own_copy_of_the_record(educator):
    event = EventFactory(title="旧名")

    page = step_page(request_by(educator), TABLE, event, "edit", template=TEMPLATE)
    saved = step_page(
        request_by(educator, {"title": "新名", "version": event.version}),
        TABLE,
        event,
        "edit",
        template=TEMPLATE,
    )

    assert 'value="旧名"' in page.content.decode()
    assert f'name="version" value="{event.version}"' in page.content.decode()
    assert saved.status_code == 302 and saved["Location"] == event.get_absolute_url()
    event.refresh_from_db()
    assert event.title == "新名"
