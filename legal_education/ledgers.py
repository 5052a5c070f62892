"""The 普法活动台账 and the 法治咨询登记台账 (.xlsx, one sheet, Chinese headers; docs/ledgers.md).
An import goes in whole through the services, or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from huanghe_portal import ledgers as xl
from huanghe_portal.ledgers import Column, LedgerImportError  # noqa: F401 - re-exported
from huanghe_portal.models import Village
from huanghe_portal.personal_data import personal_value
from huanghe_portal.roles import Role

from . import selectors
from .kinds import KINDS
from .models import Consultation, Event


def village(value: Any) -> Village:
    name = str(value).strip()
    found = Village.objects.filter(name=name).first()
    if found is None:
        raise ValidationError(_("“%(name)s”不是本镇的村（社区）。") % {"name": name})
    return found


def _date_text(value) -> str:
    return value.isoformat() if value else ""


def _name(value) -> str:
    return value.name if value else ""


EVENT_COLUMNS = [
    Column("活动日期", "held_on", xl.date, fmt=_date_text, width=12),
    Column("活动名称", "title", xl.text(200), width=30),
    Column("活动类型", "kind", xl.choice(Event.Kind.choices), fmt=xl.label_of(Event.Kind.choices)),
    Column("村（社区）", "village", village, required=False, fmt=_name),
    Column("活动地点", "place", xl.text(200), width=20),
    Column("主办单位", "organiser", xl.text(100), width=18),
    Column("协办单位", "co_organisers", xl.text(200), required=False, width=18),
    Column("普法责任单位", "responsible_unit", xl.text(100), required=False, width=18),
    Column("宣传法律法规", "laws_covered", xl.text(300), required=False, width=24),
    Column("参与人数", "participants", xl.non_negative_int, width=10),
    Column("发放资料（份）", "materials", xl.non_negative_int, required=False, width=12),
    Column(
        "现场咨询（人次）", "consultations_on_site", xl.non_negative_int, required=False, width=14
    ),
    Column("活动简介", "summary", xl.text(), required=False, width=40),
]

CONSULTATION_COLUMNS = [
    Column("咨询日期", "consulted_on", xl.date, fmt=_date_text, width=12),
    Column(
        "咨询类别",
        "topic",
        xl.choice(Consultation.Topic.choices),
        fmt=xl.label_of(Consultation.Topic.choices),
    ),
    Column("咨询人", "person_name", xl.text(50), required=False, width=10),
    Column("村（社区）", "village", village, required=False, fmt=_name),
    Column("咨询问题", "question", xl.text(), required=False, width=36),
    Column("解答摘要", "answer_summary", xl.text(), required=False, width=36),
    Column("解答人", "answered_by", xl.text(50), width=10),
    Column(
        "处理结果",
        "outcome",
        xl.choice(Consultation.Outcome.choices),
        fmt=xl.label_of(Consultation.Outcome.choices),
    ),
]


@dataclass(frozen=True)
class Register:
    """One of the two registers: its export here, its import through the shared flow."""

    title: str
    filename: str
    columns: list[Column]
    selector: Callable
    date_field: str
    row_of: Callable[[AbstractBaseUser, Any], dict]
    list_name: str
    ledger: xl.Ledger

    @property
    def list_url(self) -> str:
        return reverse(self.list_name)

    def records(self, user: AbstractBaseUser, *, year=None, month=None):
        qs = self.selector(user).filter(status="recorded")
        qs = selectors.filter_by_date(qs, self.date_field, year=year, month=month)
        return qs.order_by(self.date_field, "pk")

    def export_rows(self, user: AbstractBaseUser, *, year=None, month=None) -> Iterator[dict]:
        for record in self.records(user, year=year, month=month).iterator(chunk_size=2000):
            yield self.row_of(user, record)

    def export(self, user: AbstractBaseUser, *, year=None, month=None) -> bytes:
        rows = self.export_rows(user, year=year, month=month)
        return xl.export_xlsx(self.columns, rows, title=self.title)


def _creator(create: Callable) -> Callable[..., bool]:
    def create_row(row: dict, *, actor: AbstractBaseUser) -> bool:
        row.pop("_row")
        create(actor=actor, **{k: v for k, v in row.items() if v is not None})
        return True

    return create_row


def _event_row(user, event: Event) -> dict:
    return {c.key: getattr(event, c.key) for c in EVENT_COLUMNS}


def _consultation_row(user, consultation: Consultation) -> dict:
    row = {c.key: getattr(consultation, c.key) for c in CONSULTATION_COLUMNS}
    row["person_name"] = personal_value(
        user, consultation, "person_name", kind="name", owner_role=Role.EDUCATOR
    )
    return row


def _register(
    noun: str, title: str, columns: list[Column], row_of: Callable, date_field: str, example: dict
) -> Register:
    """The register of one kind of record (kinds.KINDS): its export, and its import through the
    shared flow by the educator, back to the kind's list."""
    which = f"{noun}s"  # the register's name in the URLs: events, consultations
    kind = KINDS[noun]
    return Register(
        title=title,
        filename=f"legal-education-{which}.xlsx",
        columns=columns,
        selector=kind.visible_to,
        date_field=date_field,
        row_of=row_of,
        list_name=f"legal_education:{noun}-list",
        ledger=xl.Ledger(
            key=f"legal-education-{which}",
            title=title,
            columns=lambda: columns,
            create_row=_creator(kind.create),
            importers=(Role.EDUCATOR,),
            done_url=f"legal_education:{noun}-list",
            upload_url=("legal_education:ledger-import", (which,)),
            example=example,
        ),
    )


EVENTS = _register(
    "event",
    "普法活动台账",
    EVENT_COLUMNS,
    _event_row,
    "held_on",
    {
        "held_on": dt.date(2024, 3, 15),
        "title": "（示例，导入前请删除此行）3·15 消费者权益保护法宣传",
        "kind": Event.Kind.choices[0][0],
        "place": "镇文化广场",
        "organiser": "司法所",
        "participants": 120,
        "materials": 300,
    },
)
CONSULTATIONS = _register(
    "consultation",
    "法治咨询登记台账",
    CONSULTATION_COLUMNS,
    _consultation_row,
    "consulted_on",
    {
        "consulted_on": dt.date(2024, 3, 15),
        "topic": Consultation.Topic.choices[0][0],
        "question": "（示例，导入前请删除此行）邻居占用通道如何处理？",
        "answered_by": "司法所",
        "outcome": Consultation.Outcome.choices[0][0],
    },
)

# The shared import flow finds each register's import by these names (huanghe_portal.ledgers).
EVENT_LEDGER = EVENTS.ledger
CONSULTATION_LEDGER = CONSULTATIONS.ledger
