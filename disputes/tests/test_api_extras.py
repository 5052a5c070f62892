"""What the pages can do, the API can do too; and the list's query count stays flat."""

import io

import pytest
from django.urls import reverse

from huanghe_portal.attachments import attachments_of

from .. import ledgers
from ..models import Committee, Dispute
from .factories import DisputeFactory

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_api_serves_the_agreement_pdf(api_as, mediator, township):
    dispute = DisputeFactory(succeeded=True)

    response = api_as(mediator).get(reverse("api:dispute-agreement-pdf", args=[dispute.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_mediator_uploads_an_attachment_and_the_leader_may_not(api_as, mediator, leader):
    dispute = DisputeFactory()
    upload = io.BytesIO(PNG)
    upload.name = "协议书扫描件.png"

    response = api_as(mediator).post(
        reverse("api:dispute-attachments", args=[dispute.pk]), {"file": upload}, format="multipart"
    )

    assert response.status_code == 201
    assert [a.original_name for a in attachments_of(dispute)] == ["协议书扫描件.png"]
    upload.seek(0)
    assert (
        api_as(leader)
        .post(
            reverse("api:dispute-attachments", args=[dispute.pk]),
            {"file": upload},
            format="multipart",
        )
        .status_code
        == 403
    )


def test_api_ledger_import_lists_errors_by_row(api_as, mediator, township):
    DisputeFactory(received_on=__import__("datetime").date(2024, 5, 1))
    data = ledgers.export(mediator, Dispute.objects.all())
    Dispute.objects.update(number="黄鹤调〔2024〕99号")  # so that the row counts as new
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    headers = [c.value for c in book.active[1]]
    book.active.cell(2, headers.index("被申请人") + 1, "")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"

    response = api_as(mediator).post(
        reverse("api:dispute-ledger-import"), {"file": buffer}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["fields"]["file"] == ["第2行“被申请人”：不能为空。"]
    assert Dispute.objects.count() == 1


def test_committee_can_be_edited_through_the_api(api_as, mediator):
    committee = Committee.objects.create(name="旧名称", level="township")

    response = api_as(mediator).patch(
        reverse("api:dispute-committee-detail", args=[committee.pk]),
        {"name": "黄鹤镇调委会", "version": committee.version},
        format="json",
    )

    assert response.status_code == 200
    committee.refresh_from_db()
    assert committee.name == "黄鹤镇调委会"


@pytest.mark.parametrize("cases", [3, 30])
def test_list_queries_do_not_grow_with_the_data(
    client, mediator, django_assert_max_num_queries, cases
):
    for _ in range(cases):
        DisputeFactory(accepted=True, mediator_names="调解员甲").mediators.add(mediator)
    client.force_login(mediator)
    client.get(reverse("disputes:index"))  # warm the filter-choice cache

    with django_assert_max_num_queries(10):
        response = client.get(reverse("disputes:index"), {"status": "accepted"})

    assert response.status_code == 200
    assert response.content.decode().count("调解员甲") >= min(cases, 20)


def test_detail_page_needs_at_most_twelve_queries(client, mediator, django_assert_max_num_queries):
    dispute = DisputeFactory(succeeded=True)
    client.force_login(mediator)

    with django_assert_max_num_queries(12):
        response = client.get(dispute.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    "step",
    [
        "accept",
        "reject",
        "session",
        "succeed",
        "fail",
        "withdraw",
        "follow-up",
        "confirmation",
        "party",
        "archive",
        "void",
    ],
)
def test_every_step_page_shows_its_form(client, mediator, step):
    dispute = DisputeFactory(accepted=True)
    client.force_login(mediator)

    page = client.get(reverse(f"disputes:dispute-{step}", args=[dispute.pk]))

    assert page.status_code == 200
    assert dispute.number in page.content.decode()


def test_a_respondent_handed_over_as_unknown_is_added_later(api_as, mediator):
    dispute = DisputeFactory()

    response = api_as(mediator).post(
        reverse("api:dispute-parties", args=[dispute.pk]),
        {"role": "respondent", "kind": "person", "name": "王二", "phone": "023-73331234"},
        format="json",
    )

    assert response.status_code == 200
    assert [p["name"] for p in response.json()["parties"]] == ["张三", "李四", "王二"]
    dispute.refresh_from_db()
    assert dispute.party_names == "张三、李四、王二"


def test_judicial_confirmation_is_recorded_through_the_api(api_as, mediator):
    dispute = DisputeFactory(succeeded=True)

    data = (
        api_as(mediator)
        .post(
            reverse("api:dispute-judicial-confirmation", args=[dispute.pk]),
            {
                "applied_on": "2024-03-28",
                "court": "石柱县人民法院",
                "result": "confirmed",
                "decided_on": "2024-04-05",
            },
            format="json",
        )
        .json()
    )

    assert data["judicial_confirmation"]["result_display"] == "裁定有效"
    assert data["confirmation_due"] == "2024-04-19"


def test_committee_members_are_added_through_the_api(api_as, mediator):
    committee = Committee.objects.create(name="黄鹤镇调委会", level="township")

    data = (
        api_as(mediator)
        .post(
            reverse("api:dispute-committee-members", args=[committee.pk]),
            {"name": "冉秀兰", "position": "deputy", "gender": "female", "ethnic_group": "土家族"},
            format="json",
        )
        .json()
    )

    assert data["members"][0]["gender_display"] == "女"
    assert data["warnings"] == ["调委会由委员三至九人组成，现有1人。"]


def test_leader_reads_the_change_history_of_a_case(client, leader):
    dispute = DisputeFactory()
    client.force_login(leader)

    detail = client.get(dispute.get_absolute_url()).content.decode()
    history = reverse("record-history", args=["disputes", "dispute", dispute.pk])

    assert history in detail
    assert client.get(history).status_code == 200


def test_nothing_of_a_case_reaches_anonymous_visitors(client, api_client, township):
    dispute = DisputeFactory()

    assert "张三" not in client.get("/").content.decode()
    assert client.get(dispute.get_absolute_url()).status_code == 302  # to the login page
    assert api_client.get(reverse("api:dispute-detail", args=[dispute.pk])).status_code == 401
    assert api_client.get(reverse("api:dispute-list")).status_code == 401


def test_the_respondent_to_be_completed_is_corrected_on_both_surfaces(client, api_as, mediator):
    from huanghe_portal.models import PersonalDataAccess

    from ..models import Party
    from .factories import valid_id

    dispute = DisputeFactory()
    respondent = dispute.parties.get(role="respondent")
    client.force_login(mediator)

    form = client.get(reverse("disputes:party-edit", args=[dispute.pk, respondent.pk]))
    assert valid_id("50024019820202002") in form.content.decode()  # shown in full, audited
    assert PersonalDataAccess.objects.filter(user=mediator, object_id=respondent.pk).exists()
    page = client.post(
        reverse("disputes:party-edit", args=[dispute.pk, respondent.pk]),
        {
            "role": "respondent",
            "kind": "person",
            "name": "李四光",
            "phone": "13900001111",
            "version": 1,
        },
    )
    assert page.status_code == 302
    api = api_as(mediator).patch(
        reverse("api:dispute-party", args=[dispute.pk, respondent.pk]),
        {"address": "石龙村三组", "version": 2},
        format="json",
    )

    assert api.status_code == 200
    respondent = Party.objects.get(pk=respondent.pk)
    assert (respondent.name, respondent.phone, respondent.address) == (
        "李四光",
        "13900001111",
        "石龙村三组",
    )
    dispute.refresh_from_db()
    assert dispute.party_names == "张三、李四光"


def test_the_last_respondent_cannot_become_an_applicant(api_as, mediator):
    dispute = DisputeFactory()
    respondent = dispute.parties.get(role="respondent")

    response = api_as(mediator).patch(
        reverse("api:dispute-party", args=[dispute.pk, respondent.pk]),
        {"role": "applicant", "version": respondent.version},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["fields"]["role"] == ["案件至少需要一名申请人和一名被申请人。"]


def test_a_file_for_a_voided_case_is_refused_on_the_page_with_a_message(client, mediator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dispute = DisputeFactory(status="voided", void_reason="重复登记")
    client.force_login(mediator)

    response = client.post(
        reverse("disputes:dispute-attachment", args=[dispute.pk]),
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")},
        follow=True,
    )

    assert "已作废的案件不能上传附件" in response.content.decode()
