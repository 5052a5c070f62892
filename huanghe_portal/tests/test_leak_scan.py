"""The leak scan (issue 12, point 10): every area is filled with records carrying valid ID
numbers, mobile numbers, accusations and drafts; then an anonymous visitor crawls every public
page, feed, sitemap, iCal calendar, public API answer and published PDF/DOCX, and none of it
may appear."""

import datetime as dt
import html
import io
import json
import re
from collections import Counter, deque
from typing import Any
from urllib.parse import urljoin, urlsplit

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from decisions import services as decisions
from disclosure import services as disclosure
from disclosure.models import Category
from disputes import services as disputes
from huanghe_portal.api_urls import router
from huanghe_portal.attachments import add_attachment
from huanghe_portal.personal_data import (
    ALWAYS_BLOCKS,
    extract_text,
    find_personal_data,
    id_check_char,
)
from legal_education import services as legal_education
from petitions import services as petitions
from reports import services as reports

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Valid GB 11643 numbers and mobiles that exist nowhere but in the records planted below.
IDS = [
    first17 + id_check_char(first17)
    for first17 in (
        "11010519491231002",
        "50024019850315231",
        "50024019921108002",
        "50024019770707001",
    )
]
LEGACY_ID = "500240770707001"
PHONES = ["13712340001", "15923450002", "18634560003", "13545670004", "17756780005"]
ACCUSATION = "检举村会计挪用危房改造补助款线索编号甲"
DRAFTS = [
    "未公开草稿：集镇征地补偿标准调整方案",
    "已审查未发布：低保对象名单复核情况",
    "已撤回：黄鹤村土地流转合同清单",
    "决策草案：黄鹤场镇停车收费方案",
    "未发布报告：内部征求意见稿",
]
PRIVATE_NAMES = ["柏秘甲", "郎秘乙", "粟秘丙"]
VOIDED_EVENT = "已作废活动：错误录入的普法讲座"
PUBLIC_DOCX_MARKER = "公开附件可读标记"
SKIP = (
    "/static/",
    "/admin/",
    "/accounts/",
    "/i18n/",
    "/jsi18n/",
    "/api/docs/",
    "/api/schema/",
    "/staff/",
    "/media/",
    "/healthz",
)
PER_PATH = 25  # query-string variants of one path (pages, filters) worth crawling
D = dt.date(2023, 6, 1)


def _docx(text: str) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("公开附件.docx", out.getvalue())


def plant(users) -> None:
    """One record of every private kind, through the areas' own services."""
    disputes.create_dispute(
        actor=users["mediator"],
        received_on=D,
        source="application",
        category="03",
        summary=f"{PRIVATE_NAMES[0]}与{PRIVATE_NAMES[1]}宅基地纠纷，电话{PHONES[0]}",
        parties=[
            {
                "role": "applicant",
                "kind": "person",
                "name": PRIVATE_NAMES[0],
                "id_number": IDS[0],
                "phone": PHONES[0],
                "address": "平桥村三组",
            },
            {
                "role": "respondent",
                "kind": "person",
                "name": PRIVATE_NAMES[1],
                "id_number": LEGACY_ID,
                "phone": PHONES[1],
            },
        ],
    )
    petitions.register_petition(
        actor=users["petition_clerk"],
        received_on=D,
        channel="letter",
        category="accusation",
        petitioner_name=PRIVATE_NAMES[2],
        summary=ACCUSATION,
        id_number=IDS[1],
        phone=PHONES[2],
    )
    petitions.submit_online_petition(
        petitioner_name="网上信访人秘丁", phone=PHONES[3], summary=f"网上反映事项，身份证{IDS[2]}"
    )
    disclosure.submit_application(
        actor=None,
        applicant_kind="natural_person",
        applicant_name="申请人秘戊",
        phone=PHONES[4],
        id_number=IDS[3],
        description="申请公开本人低保审批材料",
        delivery="pickup",
    )
    officer = users["disclosure_officer"]
    category = Category.objects.get(code="decisions")
    review: dict[str, Any] = {"secrecy_checked": True, "privacy_checked": True}
    disclosure.create_item(actor=officer, title=DRAFTS[0], category=category, generated_on=D)
    reviewed = disclosure.create_item(
        actor=officer, title=DRAFTS[1], category=category, generated_on=D
    )
    disclosure.review_item(reviewed, actor=officer, **review)
    withdrawn = disclosure.create_item(
        actor=officer, title=DRAFTS[2], category=category, generated_on=D
    )
    disclosure.review_item(withdrawn, actor=officer, **review)
    disclosure.publish_item(withdrawn, actor=officer)
    disclosure.withdraw_item(withdrawn, actor=officer, reason="含有不应公开的内容")
    public = disclosure.create_item(
        actor=officer, title="公开附件测试通知", category=category, generated_on=D, body="正文。"
    )
    add_attachment(public, _docx(PUBLIC_DOCX_MARKER), actor=officer, is_public=True)
    disclosure.review_item(public, actor=officer, **review)
    disclosure.publish_item(public, actor=officer)
    decisions.create_matter(
        actor=users["leader"],
        title=DRAFTS[3],
        kind="major_decision",
        summary=f"联系人{PRIVATE_NAMES[0]}",
        sponsor_unit="镇规划办",
    )
    report = reports.create_report(actor=users["report_office"], year=2023, kind="rule_of_law")
    reports.update_report(
        report, actor=users["report_office"], title=DRAFTS[4], version=report.version
    )
    event = legal_education.create_event(
        actor=users["educator"],
        held_on=D,
        title=VOIDED_EVENT,
        kind="lecture",
        place="镇会议室",
        organiser="镇司法所",
    )
    legal_education.void_event(event, actor=users["educator"], reason="重复录入")


def _text(response) -> str:
    kind = response.get("Content-Type", "").split(";")[0]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "application/pdf":
        return extract_text(io.BytesIO(body), "pdf")
    if kind.endswith("wordprocessingml.document"):
        return extract_text(io.BytesIO(body), "docx")
    if kind.endswith("spreadsheetml.sheet"):
        return extract_text(io.BytesIO(body), "xlsx")
    if kind.startswith("image/"):
        return ""
    text = body.decode("utf-8", "replace")
    if kind == "application/json":
        return json.dumps(json.loads(text), ensure_ascii=False)
    if kind == "text/calendar":
        text = text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")
    return html.unescape(text)


def _links(url: str, text: str) -> set[str]:
    found = re.findall(r'(?:href|src)="([^"]+)"', text)
    found += re.findall(r"<loc>([^<]+)</loc>", text)
    found += re.findall(r'"(https?://testserver/[^"]*|/[^"\s]*)"', text)  # JSON values
    found += re.findall(r"^URL(?:;[^:]*)?:(\S+)", text, flags=re.M)  # iCal
    links = set()
    for link in found:
        parts = urlsplit(urljoin(url, link.strip()))
        if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIP):
            continue
        links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def crawl(client: Client, seeds: list[str]) -> dict[str, str]:
    """Breadth-first over every link an anonymous visitor can follow; url → text of each 200."""
    pages: dict[str, str] = {}
    seen = set(seeds)
    per_path: Counter[str] = Counter()
    queue = deque(seeds)
    while queue:
        url = queue.popleft()
        accept = "application/json" if url.startswith("/api/") else "*/*"
        response = client.get(url, HTTP_ACCEPT=accept)
        if response.status_code != 200:
            continue
        pages[url] = text = _text(response)
        for link in _links(url, text) - seen:
            path = link.split("?")[0]
            if "?" in link and per_path[path] >= PER_PATH:
                continue
            per_path[path] += "?" in link
            seen.add(link)
            queue.append(link)
    return pages


@pytest.fixture
def users(mediator, petition_clerk, disclosure_officer, leader, report_office, educator):
    return locals()


def test_nothing_private_reaches_any_public_page(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the published reports' PDFs
        call_command("load_demo", stdout=io.StringIO())
        plant(users)

    # Every list the API router knows; those not public answer 401 and are left out.
    api_lists = [f"/api/v1/{prefix}/" for prefix, _viewset, _name in router.registry]
    seeds = [
        "/",
        "/sitemap.xml",
        "/disclosure/public/feed/",
        "/legal-education/public/events.ics",
        *api_lists,
    ]
    pages = crawl(Client(), seeds)

    secrets = IDS + [LEGACY_ID] + PHONES + [ACCUSATION, VOIDED_EVENT] + DRAFTS + PRIVATE_NAMES
    leaks = [
        (url, secret)
        for url, text in pages.items()
        for flat in (text, re.sub(r"\s+", "", text))
        for secret in secrets
        if secret in flat
    ]
    assert leaks == []
    # Beyond the planted values: no full ID or mobile number anywhere, demo data included.
    found = find_personal_data(pages.items(), names=set())
    assert [f for f in found if f.kind in ALWAYS_BLOCKS or f.kind == "mobile"] == []

    # The crawl really reached every kind of public output.
    kinds = {
        "catalogue item": "/disclosure/public/items/",
        "feed": "/disclosure/public/feed/",
        "sitemap": "/sitemap.xml",
        "iCal": "/legal-education/public/events.ics",
        "event": "/legal-education/public/events/",
        "report": "/reports/public/",
        "reception days": "/petitions/public/reception-days/",
        "drafts": "/decisions/public/",
        "public API": "/api/v1/disclosure/items/",
        "attachment": "/public/files/",
    }
    assert [k for k, prefix in kinds.items() if not any(u.startswith(prefix) for u in pages)] == []
    assert any(PUBLIC_DOCX_MARKER in text for text in pages.values())  # DOCX text was read
    assert any(u.endswith(".pdf") and "法治政府建设" in t for u, t in pages.items())  # report PDF
    assert len(pages) > 300
    print(f"\nleak scan: {len(pages)} public pages crawled")  # noqa: T201
