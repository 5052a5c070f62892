"""信访登记台账: the register as .xlsx both ways, imported all or nothing (docs/ledgers.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huanghe_portal import ledgers as lg
from huanghe_portal.models import Village
from huanghe_portal.personal_data import record_access
from huanghe_portal.roles import Role

from . import services
from .models import Petition


def _village(value) -> Village:
    village = Village.objects.filter(name=str(value).strip()).first()
    if village is None:
        raise ValidationError(_("没有名为“%(v)s”的村（社区）。") % {"v": value})
    return village


def _representatives(value) -> list[str]:
    raw = str(value).replace("，", "、").replace(",", "、")
    return [n.strip() for n in raw.split("、") if n.strip()]


COLUMNS = [
    lg.Column("编号", "number", lg.text(40), required=False, width=20),
    lg.Column("收到日期", "received_on", lg.date, fmt=lambda d: d),
    lg.Column(
        "信访形式",
        "channel",
        lg.choice(Petition.Channel.choices),
        fmt=lg.label_of(Petition.Channel.choices),
    ),
    lg.Column(
        "来源",
        "source",
        lg.choice(Petition.Source.choices),
        fmt=lg.label_of(Petition.Source.choices),
    ),
    lg.Column(
        "类别",
        "category",
        lg.choice(Petition.Category.choices),
        fmt=lg.label_of(Petition.Category.choices),
    ),
    lg.Column("信访人", "petitioner_name", lg.text(100)),
    lg.Column("身份证号码", "id_number", lg.text(20), required=False, width=22),
    lg.Column("联系电话", "phone", lg.text(20), required=False),
    lg.Column("住址", "address", lg.text(200), required=False, width=24),
    lg.Column("村（社区）", "village", _village, required=False, fmt=lambda v: v.name if v else ""),
    lg.Column("人数", "persons_count", lg.non_negative_int),
    lg.Column(
        "代表",
        "representatives",
        _representatives,
        required=False,
        fmt=lambda names: "、".join(names or []),
    ),
    lg.Column("反映事项", "summary", lg.text(), width=40),
    lg.Column("12345工单号", "hotline_ticket_no", lg.text(40), required=False),
    lg.Column("信访信息系统编号", "xinfang_system_no", lg.text(40), required=False),
    lg.Column("越级", "is_skip_level", lg.yes_no, required=False, fmt=lg.fmt_yes_no),
    lg.Column("受理日期", "accepted_on", lg.date, required=False),
    lg.Column("答复日期", "replied_on", lg.date, required=False),
    lg.Column(
        "处理结果",
        "outcome",
        lg.choice(Petition.Outcome.choices),
        required=False,
        fmt=lg.label_of(Petition.Outcome.choices),
    ),
    lg.Column("处理意见", "opinion", lg.text(), required=False, width=40),
]
OPTIONAL_TEXT = ("id_number", "phone", "address", "hotline_ticket_no", "xinfang_system_no")


TITLE = "信访登记台账"


def export_rows(
    petitions: QuerySet[Petition], *, user: auth.User | None = None, reason: str = ""
) -> Iterator[dict]:
    """The register's rows, read in chunks. The clerks' file holds ID numbers and phones
    unmasked: with `user`, each petition that has one is audited with the reason given."""
    shown: list[Petition] = []
    for p in (
        petitions.select_related("village")
        .order_by("received_on", "seq")
        .iterator(chunk_size=EXPORT_CHUNK)
    ):
        if user is not None and (p.id_number or p.phone):
            shown.append(p)
            if len(shown) >= EXPORT_CHUNK:
                record_access(user, shown, "id_number,phone", purpose="export", reason=reason)
                shown = []
        yield {c.key: getattr(p, c.key) for c in COLUMNS}
    if user is not None and shown:
        record_access(user, shown, "id_number,phone", purpose="export", reason=reason)


def identities_in(petitions: QuerySet[Petition]) -> int:
    return petitions.exclude(id_number="", phone="").count()


def export(petitions: QuerySet[Petition]) -> bytes:
    return lg.export_xlsx(COLUMNS, export_rows(petitions), title=TITLE)


def _create_row(row: dict, *, actor: auth.User) -> bool:
    """Register the row's petition, accepted and replied when the row says so."""
    row.pop("_row")
    accepted_on, replied_on = row.pop("accepted_on"), row.pop("replied_on")
    outcome, opinion = row.pop("outcome"), row.pop("opinion")
    data = {k: v for k, v in row.items() if v is not None}
    for key in OPTIONAL_TEXT:
        data.setdefault(key, "")
    petition = services.register_petition(actor=actor, **data)
    if accepted_on:
        petition = services.accept_petition(petition, actor=actor, accepted_on=accepted_on)
    if replied_on:
        if not (outcome and opinion):
            raise ValidationError({"outcome": _("有答复日期时须填写处理结果和处理意见。")})
        services.reply_petition(
            petition, actor=actor, replied_on=replied_on, outcome=outcome, opinion=opinion
        )
    return True


EXPORT_CHUNK = 2000
LEDGER = lg.Ledger(
    key="petitions",
    title=TITLE,
    columns=lambda: COLUMNS,
    create_row=_create_row,
    importers=(Role.PETITION_CLERK,),
    done_url="petitions:index",
    upload_url=("petitions:ledger-import", ()),
    example={
        "received_on": dt.date(2024, 3, 5),
        "channel": Petition.Channel.choices[0][0],
        "source": Petition.Source.DIRECT,
        "category": Petition.Category.choices[0][0],
        "petitioner_name": "王某某",
        "persons_count": 1,
        "summary": "（示例，导入前请删除此行）反映村道路灯损坏。",
    },
)
import_ledger = LEDGER.import_file
