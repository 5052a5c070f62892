"""Excel ledger (台账) machinery shared by every area: one sheet, Chinese headers, validated
whole, imported all or nothing with errors listed by row and column (DESIGN: Ledgers).

An area describes its ledger as a list of `Column`s; `export_xlsx` writes rows (dicts keyed by
`Column.key`), `read_table` parses an uploaded .xlsx (or a .csv saved by WPS/old Excel in UTF-8
or GB18030) into cleaned dicts and a list of `LedgerError`s. The area's `ledgers.py` then
creates its records through its services inside one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import limits

# openpyxl parses the sheets' XML with defusedxml when it is installed (requirements.txt): no
# DOCTYPE, no entity expansion, no external entities in an uploaded workbook.
if not openpyxl.DEFUSEDXML:
    raise ImproperlyConfigured("defusedxml must be installed for ledger imports")

# What one import may hold: a township's ledger for a year is a few hundred rows.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_MAX_COLUMNS = 100

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A text cell starting with one of these is a formula (or a DDE call) to a spreadsheet program
# (OWASP, "CSV Injection"): such cells are written as text with the quote prefix.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str  # the Chinese column header, as printed in the ledger
    key: str
    parse: Callable[[Any], Any] = lambda v: v  # raises ValidationError with a Chinese message
    required: bool = True
    width: int = 14
    fmt: Callable[[Any], Any] = lambda v: v  # value → cell on export


@dataclass(frozen=True)
class LedgerError:
    row: int  # the spreadsheet's row number (the header is row 1)
    column: str  # the column header
    message: str

    def __str__(self) -> str:
        return _("第%(row)s行“%(column)s”：%(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


class LedgerImportError(Exception):
    def __init__(self, errors: list[LedgerError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


# --- Parsers --------------------------------------------------------------------------------

def text(max_length: int = 0) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        cleaned = "" if value is None else str(value).strip()
        if max_length and len(cleaned) > max_length:
            raise ValidationError(_("不能超过%(n)s个字符。") % {"n": max_length})
        return cleaned
    return parse


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"))


def non_negative_int(value: Any) -> int:
    try:
        number = int(str(value).strip().split(".")[0]) if not isinstance(value, int) else value
        if isinstance(value, float) and value != int(value):
            raise ValueError
    except ValueError:
        raise ValidationError(_("应为整数。")) from None
    if number < 0:
        raise ValidationError(_("不能为负数。"))
    return number


def money(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(_("应为金额（元），如 1200.00。")) from None
    if amount < 0:
        raise ValidationError(_("金额不能为负数。"))
    return amount


def choice(choices: Iterable[tuple[str, Any]]) -> Callable[[Any], str]:
    """Accept a choice's Chinese label (or its code); return the code."""
    by_label = {str(label): code for code, label in choices}
    codes = set(by_label.values())

    def parse(value: Any) -> str:
        raw = str(value).strip()
        if raw in by_label:
            return by_label[raw]
        if raw in codes:
            return raw
        raise ValidationError(_("“%(value)s”不是可选项，可选：%(options)s。")
                              % {"value": raw, "options": "、".join(by_label)})
    return parse


def label_of(choices: Iterable[tuple[str, Any]]) -> Callable[[Any], str]:
    mapping = {code: str(label) for code, label in choices}
    return lambda code: mapping.get(code, code or "")


def yes_no(value: Any) -> bool:
    raw = str(value).strip().lower()
    if raw in {"是", "y", "yes", "true", "1"}:
        return True
    if raw in {"否", "n", "no", "false", "0"}:
        return False
    raise ValidationError(_("应填“是”或“否”。"))


def fmt_yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


# --- Export and import ----------------------------------------------------------------------

def export_xlsx(columns: list[Column], rows: Iterable[dict[str, Any]], *, title: str) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = title[:31]
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    for row in rows:
        sheet.append([_cell(column.fmt(row.get(column.key))) for column in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                _as_text(cell)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _as_text(cell: Cell) -> None:
    """Keep the value as typed (so that the export re-imports identically), but as a string
    cell that Excel and WPS show and keep as text: never a live formula."""
    cell.data_type = "s"
    cell.quotePrefix = True


def _refuse(message: str) -> LedgerImportError:
    return LedgerImportError([LedgerError(0, "", message)])


def _bounded(rows: Iterable[Any]) -> list[list[Any]]:
    table: list[list[Any]] = []
    for row in rows:
        if len(table) > IMPORT_MAX_ROWS:
            raise _refuse(_("表格超过%(n)s行，请分批导入。") % {"n": IMPORT_MAX_ROWS})
        table.append(list(row)[:IMPORT_MAX_COLUMNS])
    return table


def _raw_rows(upload: UploadedFile[bytes]) -> list[list[Any]]:
    name = (getattr(upload, "name", "") or "").lower()
    upload.seek(0)
    data = upload.read(IMPORT_MAX_BYTES + 1)
    if len(data) > IMPORT_MAX_BYTES:
        raise _refuse(_("文件超过%(mb)sMB。") % {"mb": IMPORT_MAX_BYTES // 1024 // 1024})
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                decoded = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _refuse(_("无法识别文件编码。"))
        try:
            return _bounded(csv.reader(io.StringIO(decoded)))
        except csv.Error:
            raise _refuse(_("文件不是有效的 CSV 表格。")) from None
    # The whole read is inside the try: openpyxl reads the sheet lazily, so a malformed or
    # hostile sheet (a DOCTYPE, an entity bomb) fails in iter_rows, not in load_workbook.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > IMPORT_MAX_UNZIPPED_BYTES:
                raise _refuse(_("文件解压后过大。"))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _bounded(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    except LedgerImportError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl and the XML parser raise many kinds
        raise _refuse(_("文件不是有效的 .xlsx 表格。")) from None


def read_table(upload: UploadedFile[bytes], columns: list[Column]) -> list[dict[str, Any]]:
    """Parse every row; raise LedgerImportError listing every problem, or return clean rows.

    Each returned dict carries `_row`, the spreadsheet row number, for errors found later.
    """
    rows = _raw_rows(upload)
    if not rows:
        raise LedgerImportError([LedgerError(1, "", _("表格为空。"))])
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    errors: list[LedgerError] = []
    positions = {}
    for column in columns:
        if column.header in header:
            positions[column.key] = header.index(column.header)
        elif column.required:
            errors.append(LedgerError(1, column.header, _("缺少此列。")))
    if errors:
        raise LedgerImportError(errors)
    cleaned = []
    for number, raw in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in raw):
            continue
        item: dict[str, Any] = {"_row": number}
        for column in columns:
            pos = positions.get(column.key)
            value = raw[pos] if pos is not None and pos < len(raw) else None
            if isinstance(value, str) and (
                problem := limits.string_errors(value, max_length=limits.BODY_MAX)
            ):
                errors.append(LedgerError(number, column.header, problem["non_field_errors"][0]))
                item[column.key] = None
                continue
            if value is None or str(value).strip() == "":
                if column.required:
                    errors.append(LedgerError(number, column.header, _("不能为空。")))
                item[column.key] = None
                continue
            try:
                item[column.key] = column.parse(value)
            except ValidationError as exc:
                errors.append(LedgerError(number, column.header, " ".join(exc.messages)))
        cleaned.append(item)
    if errors:
        raise LedgerImportError(errors)
    return cleaned
