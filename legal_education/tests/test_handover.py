"""转人民调解: the consultation hands the matter over through huanghe_portal.handover with the
fixed "dispute" signature. A stand-in handler checks the call today; the real disputes handler
is exercised in test_api.py once the branches are merged."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from huanghe_portal import handover, timeline
from huanghe_portal.models import Village
from legal_education import services
from legal_education.models import Consultation

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stand_in(monkeypatch):
    """A 'dispute' handler with exactly the signature of the brief, recording its calls."""
    calls = []

    def handler(*, actor, source, received_on, source_code, summary, parties, village=None):
        calls.append(
            {
                "actor": actor,
                "source": source,
                "received_on": received_on,
                "source_code": source_code,
                "summary": summary,
                "parties": parties,
                "village": village,
            }
        )
        return Village.objects.create(name=f"案件替身{len(calls)}", code=f"STAND{len(calls)}")

    monkeypatch.setitem(handover._handlers, "dispute", handler)
    return calls


def test_to_mediation_hands_over_with_the_dispute_signature(educator, village, today, stand_in):
    consultation = services.create_consultation(
        actor=educator,
        consulted_on=dt.date(2023, 6, 1),
        topic="neighbour",
        question="邻居修房占用通道",
        answered_by="刘春梅",
        outcome="to_mediation",
        person_name="王大山",
        village=village,
        respondent_name="李四",
    )

    (call,) = stand_in
    assert call["source"] == consultation and call["actor"] == educator
    assert (call["received_on"], call["source_code"]) == (dt.date(2023, 6, 1), "other")
    assert call["summary"] == "法治咨询转人民调解：邻居修房占用通道"
    assert call["parties"] == [
        {"role": "applicant", "kind": "person", "name": "王大山"},
        {"role": "respondent", "kind": "person", "name": "李四"},
    ]
    assert call["village"] == village
    assert services.linked_dispute_id(consultation) is not None
    actions = [e.action for e in timeline.entries_for(consultation)]
    assert actions == ["recorded", "handed_over_dispute"]


def test_unknown_respondent_is_registered_as_to_be_completed(educator, today, stand_in):
    services.create_consultation(
        actor=educator,
        consulted_on=today,
        topic="labour",
        answered_by="x",
        outcome="to_mediation",
        person_name="张三",
    )
    assert stand_in[0]["parties"][1]["name"] == "待补充"


def test_changing_the_outcome_later_hands_over_once(educator, today, stand_in):
    consultation = ConsultationFactory(person_name="张三")

    consultation = services.update_consultation(
        consultation, actor=educator, outcome="to_mediation", version=1
    )
    services.update_consultation(
        consultation, actor=educator, answer_summary="已转调委会", version=consultation.version
    )

    assert len(stand_in) == 1


def test_outcome_is_fixed_once_handed_over(educator, today, stand_in):
    consultation = services.create_consultation(
        actor=educator,
        consulted_on=today,
        topic="labour",
        answered_by="x",
        outcome="to_mediation",
        person_name="张三",
    )

    with pytest.raises(ValidationError) as exc:
        services.update_consultation(consultation, actor=educator, outcome="answered")

    assert exc.value.message_dict["outcome"] == ["已转人民调解并登记纠纷案件，不能再修改处理结果。"]


def test_html_and_api_agree_on_the_linked_case(client, educator, today, stand_in):
    client.force_login(educator)
    client.post(
        reverse("legal_education:consultation-create"),
        {
            "consulted_on": "2023-06-01",
            "topic": "neighbour",
            "answered_by": "刘春梅",
            "outcome": "to_mediation",
            "person_name": "王大山",
            "respondent_name": "",
        },
    )
    consultation = Consultation.objects.get()
    dispute_id = services.linked_dispute_id(consultation)

    page = client.get(consultation.get_absolute_url())
    api = client.get(
        reverse("api:legal-education-consultation-detail", args=[consultation.pk])
    ).json()

    assert f"已登记纠纷案件 #{dispute_id}" in page.text
    assert api["dispute"] == dispute_id
