"""信访登记台账: the register as .xlsx both ways, imported all or nothing (docs/ledgers.md)."""

from __future__ import annotations

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huanghe_portal import ledgers as lg
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Village

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


def export(petitions: QuerySet[Petition]) -> bytes:
    rows = []
    for p in petitions.select_related("village").order_by("received_on", "seq"):
        rows.append({c.key: getattr(p, c.key) for c in COLUMNS})
    return lg.export_xlsx(COLUMNS, rows, title="信访登记台账")


@transaction.atomic
def import_ledger(upload, *, actor: auth.User) -> list[Petition]:
    """Create every row's petition (accepted and replied when the row says so), or none."""
    rows = lg.read_table(upload, COLUMNS)
    errors: list[lg.LedgerError] = []
    created = []
    for row in rows:
        number = row.pop("_row")
        accepted_on, replied_on = row.pop("accepted_on"), row.pop("replied_on")
        outcome, opinion = row.pop("outcome"), row.pop("opinion")
        data = {k: v for k, v in row.items() if v is not None}
        for key in OPTIONAL_TEXT:
            data.setdefault(key, "")
        try:
            with transaction.atomic():
                petition = services.register_petition(actor=actor, **data)
                if accepted_on:
                    petition = services.accept_petition(
                        petition, actor=actor, accepted_on=accepted_on
                    )
                if replied_on:
                    if not (outcome and opinion):
                        raise ValidationError(
                            {"outcome": _("有答复日期时须填写处理结果和处理意见。")}
                        )
                    petition = services.reply_petition(
                        petition,
                        actor=actor,
                        replied_on=replied_on,
                        outcome=outcome,
                        opinion=opinion,
                    )
            created.append(petition)
        except ValidationError as exc:
            for field, messages in getattr(exc, "message_dict", {"": exc.messages}).items():
                header = next((c.header for c in COLUMNS if c.key == field), field)
                errors.append(lg.LedgerError(number, header, " ".join(messages)))
        except TransitionNotAllowed as exc:
            errors.append(lg.LedgerError(number, "", str(exc)))
    if errors:
        raise lg.LedgerImportError(errors)
    return created
