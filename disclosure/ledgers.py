"""依申请公开登记台账: .xlsx export of the applications and import of rows (all or nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.contrib.auth import models as auth
from django.http import FileResponse, HttpRequest

from huanghe_portal import ledgers as L
from huanghe_portal.personal_data import mask
from huanghe_portal.roles import Role, require_role
from huanghe_portal.views import staff_required

from . import selectors, services
from .models import Application

A = Application
TITLE = "依申请公开登记台账"


def _choice(header: str, key: str, choices, width: int) -> L.Column:
    return L.Column(header, key, L.choice(choices), fmt=L.label_of(choices), width=width)


COLUMNS = [
    L.Column("查询码", "tracking_code", L.text(20), required=False, width=16),
    L.Column("收到日期", "received_on", L.date, width=12),
    _choice("申请方式", "channel", A.Channel.choices, 10),
    _choice("申请人类型", "applicant_kind", A.ApplicantKind.choices, 14),
    L.Column("申请人姓名或名称", "applicant_name", L.text(100), width=18),
    L.Column("联系电话", "phone", L.text(20), width=14),
    L.Column("所需信息的内容描述", "description", L.text(5000), width=40),
    _choice("获取方式", "delivery", A.Delivery.choices, 10),
    L.Column("答复期限", "reply_due", L.date, required=False, width=12),
    L.Column("状态", "status", L.text(), required=False, fmt=L.label_of(A.Status.choices)),
    L.Column("答复日期", "replied_on", L.date, required=False, width=12),
    L.Column(
        "办理结果",
        "outcome",
        L.choice(A.Outcome.choices),
        required=False,
        fmt=L.label_of(A.Outcome.choices),
        width=24,
    ),
    L.Column("信息处理费（元）", "fee_amount", L.money, required=False),
]


def export_rows(qs) -> Iterator[dict]:
    for app in qs.iterator(chunk_size=2000) if hasattr(qs, "iterator") else qs:
        row = {c.key: getattr(app, c.key) for c in COLUMNS}
        row["phone"] = mask("phone", app.phone)
        yield row


def _create_row(row: dict, *, actor: auth.User) -> bool:
    """Register the row through the services (replied when the row says so). A row whose 查询码
    is already registered is a re-imported export: skipped, its record unchanged."""
    if row.get("tracking_code") and A.objects.filter(tracking_code=row["tracking_code"]).exists():
        return False
    app = services.submit_application(
        actor=actor,
        applicant_kind=row["applicant_kind"],
        applicant_name=row["applicant_name"],
        phone=row["phone"],
        description=row["description"],
        delivery=row["delivery"],
        received_on=row["received_on"],
        channel=row["channel"],
    )
    if row.get("outcome") and row.get("replied_on"):
        services.reply_application(
            app,
            actor=actor,
            replied_on=row["replied_on"],
            outcome=row["outcome"],
            fee_amount=row.get("fee_amount"),
        )
    return True


LEDGER = L.Ledger(
    key="disclosure",
    title=TITLE,
    columns=lambda: COLUMNS,
    create_row=_create_row,
    importers=(Role.DISCLOSURE_OFFICER,),
    done_url="disclosure:index",
    upload_url=("disclosure:application-ledger-import", ()),
    example={
        "received_on": dt.date(2024, 3, 5),
        "channel": A.Channel.choices[0][0],
        "applicant_kind": A.ApplicantKind.choices[0][0],
        "applicant_name": "赵某某",
        "phone": "13800000000",
        "description": "（示例，导入前请删除此行）本镇2023年度财政预算。",
        "delivery": A.Delivery.choices[0][0],
    },
)


@staff_required
def export_view(request: HttpRequest) -> FileResponse:
    require_role(request.user, *selectors.READERS)
    qs = selectors.filter_applications(
        selectors.applications_visible_to(request.user), request.GET, request.user
    ).order_by("received_on", "pk")
    return L.xlsx_response(
        COLUMNS, export_rows(qs), title=TITLE, filename="disclosure-applications.xlsx"
    )
