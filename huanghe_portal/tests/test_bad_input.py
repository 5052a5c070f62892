"""Bad input is a 400 naming the field, never a 500 (issue 13 point 4, issue 12 point 8)."""

import io
import json
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from huanghe_portal import limits
from huanghe_portal.ledgers import IMPORT_MAX_ROWS

pytestmark = pytest.mark.django_db

YEAR_MESSAGE = "年度应为2000至2100之间的整数。"
BAD_YEARS = ["0", "-1", "1999", "2101", "99999999999999999999", "abc", "２０２４"]


@pytest.fixture
def as_user():
    def login(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
            client.force_login(user)
        return client

    return login


@pytest.mark.parametrize("year", BAD_YEARS)
@pytest.mark.parametrize("path", ["/api/v1/legal-education/events/", "/api/v1/reception-days/"])
def test_anonymous_public_api_refuses_a_year_out_of_range_naming_it(as_user, path, year):
    response = as_user().get(path, {"year": year})

    assert response.status_code == 400
    assert response.json()["fields"] == {"year": [YEAR_MESSAGE]}


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/api/v1/disputes/", "mediator"),
        ("/api/v1/petitions/", "petition_clerk"),
        ("/api/v1/deputy-suggestions/", "petition_clerk"),
        ("/api/v1/disclosure/applications/", "disclosure_officer"),
        ("/api/v1/legal-education/consultations/", "educator"),
        ("/disputes/", "mediator"),
        ("/disputes/screening/", "mediator"),
        ("/disputes/ledger.xlsx", "mediator"),
        ("/petitions/", "petition_clerk"),
        ("/petitions/suggestions/", "petition_clerk"),
        ("/petitions/ledger/export/", "petition_clerk"),
        ("/disclosure/", "disclosure_officer"),
        ("/disclosure/applications/ledger.xlsx", "disclosure_officer"),
        ("/decisions/advisers/", "leader"),
        ("/decisions/ledger.xlsx", "leader"),
        ("/reports/", "report_office"),
        ("/staff/holidays/", "report_office"),
    ],
)
def test_staff_pages_and_exports_refuse_a_year_out_of_range(as_user, request, path, role):
    client = as_user(request.getfixturevalue(role))

    for year in ("0", "99999999999999999999", "abc"):
        response = client.get(path, {"year": year})

        assert response.status_code == 400, (path, year)
        assert YEAR_MESSAGE in response.content.decode()


def test_a_year_in_range_still_filters(as_user, mediator):
    response = as_user(mediator).get("/api/v1/disputes/", {"year": "2024"})

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "\x01", "\x1b[31m", "\x7f"])
@pytest.mark.parametrize(
    ("path", "param", "role"),
    [
        ("/petitions/", "q", "petition_clerk"),
        ("/decisions/", "q", "leader"),
        ("/api/v1/decisions/", "search", "leader"),
        ("/reports/", "category", "report_office"),
        ("/decisions/ledger.xlsx", "q", "leader"),
    ],
)
def test_control_characters_in_a_query_are_refused_naming_the_parameter(
    as_user, request, path, param, role, value
):
    response = as_user(request.getfixturevalue(role)).get(path, {param: value})

    assert response.status_code == 400
    assert f"{param}: 含有不允许的控制字符。" in response.content.decode()


def test_tabs_and_line_breaks_are_ordinary_text(as_user, leader):
    response = as_user(leader).get("/decisions/", {"q": "土地\t流转\r\n"})

    assert response.status_code == 200


def test_an_overlong_query_value_is_refused(as_user, leader):
    response = as_user(leader).get("/api/v1/decisions/", {"search": "地" * 501})

    assert response.status_code == 400
    assert response.json()["fields"] == {"search": ["不能超过500个字符。"]}


PETITION = {
    "received_on": "2024-05-02",
    "channel": "visit",
    "source": "direct",
    "category": "appeal",
    "petitioner_name": "冉某",
    "summary": "请求解决灌溉用水。",
}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"persons_count": 99999999999999999999}, "persons_count", "2147483647"),
        ({"persons_count": "99999999999999999999"}, "persons_count", "2147483647"),
        ({"summary": "反映\u0000事项"}, "summary", "控制字符"),
        ({"petitioner_name": "冉\u0007某"}, "petitioner_name", "控制字符"),
        ({"summary": "水" * (limits.SUMMARY_MAX + 1)}, "summary", "5000"),
        ({"summary": "水" * (limits.BODY_MAX + 1)}, "summary", "20000"),
    ],
)
def test_api_refuses_bad_petition_fields_naming_them(
    as_user, petition_clerk, township, change, field, message
):
    response = as_user(petition_clerk).post(
        "/api/v1/petitions/", {**PETITION, **change}, format="json"
    )

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert field in fields and message in " ".join(fields[field])


def test_a_nested_control_character_names_its_path(as_user, mediator, township):
    party = {"role": "applicant", "kind": "person", "name": "张\u0000三"}
    response = as_user(mediator).post(
        "/api/v1/disputes/",
        {
            "received_on": "2024-06-01",
            "source": "application",
            "category": "02",
            "summary": "纠纷",
            "parties": [party],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"parties.0.name": ["含有不允许的控制字符。"]}


def test_html_form_with_a_control_character_is_refused_naming_the_field(
    client, petition_clerk, township
):
    client.force_login(petition_clerk)

    response = client.post(
        reverse("petitions:petition-create"),
        {"received_on": "2024-05-02", "petitioner_name": "冉\x01某", "summary": "x"},
    )

    assert response.status_code == 400
    assert "petitioner_name: 含有不允许的控制字符。" in response.content.decode()


def test_html_form_shows_the_length_limit_on_the_field(client, petition_clerk, township):
    client.force_login(petition_clerk)

    response = client.post(
        reverse("petitions:petition-create"),
        {
            **PETITION,
            "received_on": "2024-05-02",
            "persons_count": "1",
            "summary": "水" * (limits.SUMMARY_MAX + 1),
        },
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert 'name="summary"' in body and "5000" in body  # the form again, with the message


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet_xml(xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["登记日期"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, xml if item.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HOSTILE_SHEETS = {
    "external entity": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<worksheet " + SHEET_NS.encode() + b'><sheetData><row r="1"><c r="A1" t="inlineStr">'
        b"<is><t>&xxe;</t></is></c></row></sheetData></worksheet>"
    ),
    "entity expansion": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<worksheet " + SHEET_NS.encode() + b'><sheetData><row r="1"><c r="A1" t="inlineStr">'
        b"<is><t>&c;</t></is></c></row></sheetData></worksheet>"
    ),
    "truncated": b"<worksheet " + SHEET_NS.encode() + b"><sheetData><row",
}


@pytest.mark.parametrize("kind", list(HOSTILE_SHEETS))
@pytest.mark.parametrize(
    ("url_name", "role"),
    [
        ("petitions:ledger-import", "petition_clerk"),
        ("disputes:ledger-import", "mediator"),
        ("decisions:ledger-import", "leader"),
        ("disclosure:application-ledger-import", "disclosure_officer"),
    ],
)
def test_a_hostile_or_malformed_workbook_is_refused_not_parsed(
    client, request, township, url_name, role, kind
):
    client.force_login(request.getfixturevalue(role))
    upload = io.BytesIO(_with_sheet_xml(HOSTILE_SHEETS[kind]))
    upload.name = "ledger.xlsx"

    response = client.post(reverse(url_name), {"file": upload}, follow=True)

    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert "文件不是有效的 .xlsx 或 .xls 表格。" in body
    assert "root:" not in body


def test_a_workbook_with_too_many_rows_is_refused(client, petition_clerk, township):
    client.force_login(petition_clerk)
    upload = io.BytesIO(_xlsx([["登记日期"]] + [["2024-01-01"]] * (IMPORT_MAX_ROWS + 1)))
    upload.name = "ledger.xlsx"

    response = client.post(reverse("petitions:ledger-import"), {"file": upload})

    assert response.status_code == 400
    assert f"表格超过{IMPORT_MAX_ROWS}行" in response.content.decode()


def test_a_unique_race_the_services_missed_is_a_409(rf):
    from django.db import IntegrityError

    from huanghe_portal.middleware import BadInputMiddleware

    class UniqueViolation(Exception):
        pgcode = "23505"

    error = IntegrityError("duplicate key")
    error.__cause__ = UniqueViolation()
    middleware = BadInputMiddleware(lambda request: None)

    response = middleware.process_exception(rf.post("/api/v1/reports/"), error)

    assert response.status_code == 409
    assert "冲突" in json.loads(response.content)["detail"]


def test_an_api_body_over_the_upload_limit_is_a_json_400(as_user, petition_clerk, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = as_user(petition_clerk).post(
        "/api/v1/petitions/", {**PETITION, "summary": "水" * 2000}, format="json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["detail"] == "请求无效或过大。"


# Written by the portal itself, never typed: a timeline note copies a bounded input, a render
# job's error is the renderer's message.
SYSTEM_TEXT = {"huanghe_portal.TimelineEntry.note", "reports.RenderJob.error"}


def test_every_free_text_column_people_type_into_has_a_maximum_length(settings):
    from django.apps import apps
    from django.db import models

    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in [*settings.AREA_APPS, "huanghe_portal"]
        and not model.__name__.startswith("Historical")
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
        and field.editable
        and not field.max_length
        # Encrypted personal data: validated to its own format (ID, phone, name, address).
        and not type(field).__name__.startswith("Encrypted")
    ]

    assert sorted(set(unbounded) - SYSTEM_TEXT) == []
