import datetime as dt

import pytest

from decisions import services
from decisions.models import Kind, Matter, NormativeDocument
from decisions.tests.factories import discussed_matter
from huanghe_portal import handover, timeline
from huanghe_portal.models import RecordLink

pytestmark = pytest.mark.django_db
D = dt.date


def signed(reviewer, **kwargs) -> Matter:
    matter = discussed_matter(reviewer, **kwargs)
    Matter.objects.filter(pk=matter.pk).update(
        status=Matter.Status.SIGNED_OFF, signed_off_on=D(2022, 5, 8)
    )
    matter.refresh_from_db()
    return matter


@pytest.fixture
def fake_disclosure(monkeypatch, django_user_model):
    """A stand-in handler recording what the decisions area hands over."""
    calls = []

    def handler(*, actor, source, **data):
        calls.append(data)
        return django_user_model.objects.create_user(f"item{len(calls)}")  # any saved record

    monkeypatch.setitem(handover._handlers, "disclosure_item", handler)
    return calls


def test_publication_hands_the_decision_to_the_catalogue(fake_disclosure, leader, legal_reviewer):
    matter = signed(legal_reviewer, title="黄鹤镇集镇农贸市场改造方案")
    services.publish_matter(matter, actor=leader)
    (data,) = fake_disclosure
    assert data["title"] == "黄鹤镇集镇农贸市场改造方案"
    assert data["category_code"] == "decisions" and data["generated_on"] == D(2022, 5, 8)
    assert "集体讨论决定" in data["body"]
    assert RecordLink.objects.filter(kind="disclosure_item", source_id=matter.pk).exists()
    assert "handed_over_disclosure_item" in [e.action for e in timeline.entries_for(matter)]


def test_normative_document_goes_to_its_category_with_its_number(
    fake_disclosure, report_office, legal_reviewer
):
    matter = signed(legal_reviewer, kind=Kind.NORMATIVE_DOCUMENT)
    NormativeDocument.objects.create(
        matter=matter,
        document_number="黄鹤府发〔2022〕3号",
        issued_on=D(2022, 5, 9),
        effective_on=D(2022, 6, 1),
    )
    services.publish_matter(matter, actor=report_office)
    assert fake_disclosure[0]["category_code"] == "normative_documents"
    assert fake_disclosure[0]["document_number"] == "黄鹤府发〔2022〕3号"


def test_publication_creates_a_published_catalogue_item(client, leader, legal_reviewer):
    matter = signed(legal_reviewer, title="黄鹤镇地质灾害隐患点搬迁安置方案")
    services.publish_matter(matter, actor=leader)
    link = RecordLink.objects.get(kind="disclosure_item", source_id=matter.pk)
    item = link.target
    assert item.title == "黄鹤镇地质灾害隐患点搬迁安置方案"
    assert item.status == "published"
