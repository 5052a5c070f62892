"""The permission matrix (issue: security, point 9): every HTML page and every API operation, sent
as anonymous, a signed-in user with no role, a superuser, each of the eight roles and a second
user of the owning role, against the demo data; each answer compared with
`huanghe_portal.access_matrix`. Writes are sent with an empty body inside a savepoint that is
rolled back, so no request changes what the next one sees."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from huanghe_portal import access_matrix as m
from huanghe_portal import notify_applicant
from huanghe_portal.models import StaffProfile
from huanghe_portal.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def html_patterns() -> dict[str, str]:
    """URL name → pattern for every staff and public page (Django admin and the API aside)."""
    found: dict[str, str] = {}

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = (
                    f"{namespace}:{p.namespace}"
                    if namespace and p.namespace
                    else (p.namespace or namespace)
                )
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif p.name:
                found[f"{namespace}:{p.name}" if namespace else p.name] = prefix + str(p.pattern)

    walk(get_resolver().url_patterns)
    return {
        name: pattern
        for name, pattern in found.items()
        if not pattern.startswith(("admin/", "api/")) and name not in m.HTML_SKIPPED
    }


def api_operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }


def first(queryset):
    obj = queryset.order_by("pk").first()
    assert obj is not None, f"the demo data has no {queryset.model.__name__}"
    return obj


def build_samples() -> dict[str, dict]:
    """One record of each kind from the demo data, plus the few the demo does not make."""
    from decisions.models import CommentWindow, DecisionCatalogItem, LegalAdviser, Matter, Meeting
    from decisions.selectors import open_windows
    from disclosure.models import Application, Category, Item
    from disputes.models import Committee, Dispute, ScreeningRound
    from huanghe_portal.attachments import add_attachment
    from huanghe_portal.models import Holiday, Notification, Village
    from legal_education.models import (
        Consultation,
        Event,
        KnowledgeTest,
        LegalLiaison,
        StudySession,
    )
    from petitions.models import DeputySuggestion, Petition, ReceptionDay
    from petitions.services import register_petition
    from reports.services import create_report

    User = get_user_model()
    mediator = User.objects.get(username="mediator")
    clerk = User.objects.get(username="petition_clerk")
    dispute = first(Dispute.objects.filter(status="archived"))
    item = first(Item.objects.filter(status="published"))
    window = first(CommentWindow.objects.all())
    application = first(Application.objects.all())
    event = first(Event.objects.all())
    accusation = register_petition(
        actor=clerk,
        received_on=dt.date(2026, 11, 2),
        channel="letter",
        category="accusation",
        petitioner_name="王检举",
        summary="举报村干部王某某挪用资金",
    )
    dispute_file = add_attachment(dispute, SimpleUploadedFile("a.pdf", PDF), actor=mediator)
    public_file = add_attachment(
        item,
        SimpleUploadedFile("b.pdf", PDF),
        actor=User.objects.get(username="disclosure_officer"),
        is_public=True,
    )
    draft = create_report(
        actor=User.objects.get(username="report_office"), year=2023, kind="disclosure"
    )
    holiday = Holiday.objects.first() or Holiday.objects.create(
        date=dt.date(2030, 6, 3), name="端午节"
    )
    photo = event_photo(event)
    superuser = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "matrix_root", "", "pw-for-tests-1"
    )
    return {
        "": {},
        "notification": {
            "pk": Notification.objects.create(user=mediator, kind="t", message="t").pk
        },
        "village": {"pk": first(Village.objects.all()).pk},
        "holiday": {"pk": holiday.pk},
        "account": {"pk": User.objects.get(username="educator").pk},
        "account_superuser": {"pk": superuser.pk},
        "dispute_history": {"app_label": "disputes", "model": "dispute", "pk": dispute.pk},
        "dispute_file": {"pk": dispute_file.pk},
        "public_file": {"pk": public_file.pk},
        "dispute": {"pk": dispute.pk},
        "party": {"pk": dispute.pk, "party_id": first(dispute.parties.all()).pk},
        "committee": {"pk": first(Committee.objects.all()).pk},
        "screening": {"pk": first(ScreeningRound.objects.all()).pk},
        "petition": {"pk": first(Petition.objects.filter(category="suggestion")).pk},
        "accusation": {"pk": accusation.pk},
        "notice": {
            "pk": first(
                Petition.objects.filter(category="suggestion", accepted_on__isnull=False)
            ).pk,
            "kind": "acceptance",
        },
        "reception_day": {"pk": first(ReceptionDay.objects.all()).pk},
        "suggestion": {"pk": first(DeputySuggestion.objects.all()).pk},
        "matter": {"pk": first(Matter.objects.all()).pk},
        "matter_step": {"pk": first(Matter.objects.all()).pk, "step": "hearing"},
        "window": {"pk": window.matter_id, "window_pk": window.pk},
        "draft": {"pk": first(open_windows()).pk},
        "meeting": {"pk": first(Meeting.objects.all()).pk},
        "adviser": {"pk": first(LegalAdviser.objects.all()).pk},
        "catalogue": {"pk": (DecisionCatalogItem.objects.first() or _catalogue_item()).pk},
        "application": {"pk": application.pk},
        "unsubscribe": {"token": notify_applicant.unsubscribe_token(application)},
        "application_document": {"pk": application.pk, "kind": "receipt"},
        "remedy": {"pk": application.pk, "remedy_pk": _remedy(application).pk},
        "item": {"pk": item.pk},
        "category": {"pk": first(Category.objects.all()).pk},
        "category_code": {"code": item.category.code},
        "event": {"pk": event.pk},
        "event_void": {"noun": "event", "pk": event.pk},
        "photo": {"pk": photo.pk},
        "consultation": {"pk": first(Consultation.objects.all()).pk},
        "study": {"pk": first(StudySession.objects.all()).pk},
        "test": {"pk": first(KnowledgeTest.objects.all()).pk},
        "liaison": {"pk": first(LegalLiaison.objects.all()).pk},
        "ledger_which": {"which": "events"},
        "ledger_key": {"key": "disputes"},
        "ledger_upload": {"pk": ledger_upload(mediator).pk},
        "figure": {"key": "petitions.received"},
        "report": {"pk": draft.pk},
        "public_report": {"pk": published_report_with_pdf(draft.__class__).pk},
    }


def ledger_upload(mediator):
    """An upload waiting for its uploader's confirmation."""
    from disputes.ledgers import LEDGER
    from huanghe_portal.services import upload_ledger

    return upload_ledger(
        "disputes", SimpleUploadedFile("ledger.xlsx", LEDGER.template()), actor=mediator
    )


def published_report_with_pdf(Report):
    from reports.services import render_job, request_render

    report = first(Report.objects.filter(status="published"))
    render_job(request_render(report, actor=report.compiled_by).pk)
    return report


def event_photo(event):
    """A public photo of any demo event (not every event has one)."""
    from django.contrib.contenttypes.models import ContentType

    from huanghe_portal.models import Attachment

    return first(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(event), is_public=True, voided=False
        )
    )


def _catalogue_item():
    from decisions.models import DecisionCatalogItem

    return DecisionCatalogItem.objects.create(year=2023, title="目录事项")


def _remedy(application):
    from disclosure.models import Remedy

    return Remedy.objects.filter(application=application).first() or Remedy.objects.create(
        application=application, kind="reconsideration", filed_on=dt.date(2023, 3, 1)
    )


@pytest.fixture
def world(settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("load_demo", stdout=io.StringIO())
    # The demo's staff have changed their first password, as real staff have.
    StaffProfile.objects.update(must_change_password=False)
    User = get_user_model()
    users = {"anonymous": None, "norole": User.objects.create_user("matrix_norole", password="x")}
    users["superuser"] = User.objects.create_superuser("matrix_su", "", "pw-for-tests-1")
    for role in Role:
        users[role.value] = User.objects.get(username=role.value)
        peer = User.objects.create_user(f"matrix_peer_{role.value}", password="x")
        peer.groups.add(Group.objects.get(name=role.value))
        users[f"peer:{role.value}"] = peer
    return users, build_samples()


def _outcome(response) -> str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return m.LOGIN
    return str(response.status_code)


def _passes(actual: str, expected: str) -> bool:
    if expected == m.OK:
        return actual in {"200", "201", "202", "204", "302", "400", "409", "415"}
    return actual == expected


class Principals:
    """One signed-in browser and one API token per principal, made once for the whole run."""

    def __init__(self, users):
        self.browsers, self.tokens = {}, {}
        for name, user in users.items():
            browser = Client(HTTP_HOST="127.0.0.1")
            if user is not None:
                browser.force_login(user)
                self.tokens[name] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
            self.browsers[name] = browser

    def send(self, principal, access, method, url, *, api) -> str:
        name = f"peer:{access.owner.value}" if principal == "peer" else principal
        headers = {"HTTP_AUTHORIZATION": self.tokens[name]} if api and name in self.tokens else {}
        client = Client(HTTP_HOST="127.0.0.1") if api else self.browsers[name]
        savepoint = transaction.savepoint()
        try:
            if method == "GET":
                return _outcome(client.get(url, **headers))
            return _outcome(
                client.generic(method, url, data="{}", content_type="application/json", **headers)
            )
        finally:
            transaction.savepoint_rollback(savepoint)


def _api_url(path: str, kwargs: dict) -> str:
    return (
        path.replace("{id}", str(kwargs.get("pk", "")))
        .replace("{party_id}", str(kwargs.get("party_id", "")))
        .replace("{year}", "2022")
        .replace("{tracking_code}", "UNKNOWNCODE1")
    )


def test_every_page_and_operation_is_in_the_matrix():
    pages = set(html_patterns())
    assert pages - set(m.HTML) == set(), "pages without a row in access_matrix.HTML"
    assert set(m.HTML) - pages == set(), "rows for pages that no longer exist"
    operations = api_operations()
    documented = {key for key in m.API if key[0] != "DELETE"}
    assert operations - set(m.API) == set(), "API operations without a row in access_matrix.API"
    assert documented - operations == set(), "rows for API operations that no longer exist"


def test_every_principal_gets_what_the_matrix_says(world):
    users, samples = world
    principals = Principals(users)
    rows = [("html", "GET", name, access, sample) for name, (access, sample) in m.HTML.items()]
    rows += [
        ("api", method, path, access, sample) for (method, path), (access, sample) in m.API.items()
    ]
    rows += m.EXTRA
    wrong = []
    for kind, method, target, access, sample in rows:
        if kind == "html":
            url = reverse(target, kwargs=samples[sample])
        else:
            url = _api_url(target, samples[sample])
        for principal in m.PRINCIPALS:
            expected = access.expect(principal, api=kind == "api")
            actual = principals.send(principal, access, method, url, api=kind == "api")
            if not _passes(actual, expected):
                wrong.append(f"{method} {url} as {principal}: expected {expected}, got {actual}")
    assert wrong == [], f"{len(wrong)} answers differ from the matrix:\n" + "\n".join(wrong)


def test_the_permissions_document_is_current():
    from pathlib import Path

    from django.conf import settings

    current = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert current == m.render_markdown(), (
        "docs/permissions.md is out of date: run `python manage.py permissions_doc`"
    )
