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
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import openpyxl
import xlrd
from django.contrib.auth import models as auth
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import limits
from .exceptions import TransitionNotAllowed
from .roles import Role, User, has_role, require_role

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.datavalidation import DataValidationList
    from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder
    from openpyxl.worksheet.page import PrintPageSetup
    from openpyxl.worksheet.properties import WorksheetProperties

    class _WriteOnlySheet(WriteOnlyWorksheet):
        """openpyxl's write-only sheet as it is at run time: `Worksheet._setup` gives it these,
        which its stubs leave out."""

        column_dimensions: DimensionHolder[str, ColumnDimension]
        data_validations: DataValidationList
        page_setup: PrintPageSetup
        sheet_properties: WorksheetProperties


# openpyxl parses the sheets' XML with defusedxml when it is installed (requirements.txt): no
# DOCTYPE, no entity expansion, no external entities in an uploaded workbook.
if not openpyxl.DEFUSEDXML:
    raise ImproperlyConfigured("defusedxml must be installed for ledger imports")

# What one import may hold: a township's ledger for a year is a few hundred rows.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_MAX_COLUMNS = 100
# How far down the header row is looked for, below the title rows offices put above it.
HEADER_SEARCH_ROWS = 10
PROGRESS_EVERY = 10  # rows between two progress writes
# An Excel 97–2003 (.xls) file is an OLE2 compound document.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A text cell starting with one of these is a formula (or a DDE call) to a spreadsheet program
# (OWASP, "CSV Injection"): such cells are written as text with the quote prefix.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# One row of a ledger: values keyed by `Column.key` (and `_row`, the spreadsheet row, on import).
Row = dict[str, Any]

_T = TypeVar("_T")


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
    row: int  # the spreadsheet's row number as Excel shows it; 0 for the file as a whole
    column: str  # the column header
    message: str

    def __str__(self) -> str:
        if not self.row:  # the file as a whole
            return self.message
        if not self.column:  # a whole row, refused by a service
            return _("第%(row)s行：%(message)s") % {"row": self.row, "message": self.message}
        return _("第%(row)s行“%(column)s”：%(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


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
    """A whole number: 12 or "12" (or 12.0, as spreadsheets store numbers); 12.5 is refused,
    never cut down to 12 (issue 17 point 5)."""
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        raw = str(value).strip()
        number = int(raw.split(".")[0]) if re.fullmatch(r"-?\d+(\.0*)?", raw) else None
    if number is None:
        raise ValidationError(_("应为整数，“%(value)s”不是整数。") % {"value": _shown(value)})
    if number < 0:
        raise ValidationError(_("不能为负数。"))
    return number


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def money(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(_("应为金额（元），如 1200.00。")) from None
    if amount < 0:
        raise ValidationError(_("金额不能为负数。"))
    return amount


@dataclass(frozen=True)
class Choices(Generic[_T]):
    """A parser whose values come from a fixed list: `options`, the template's drop-down list."""

    parse: Callable[[Any], _T]
    options: list[str]

    def __call__(self, value: Any) -> _T:
        return self.parse(value)


def choice(choices: Iterable[tuple[str, Any]]) -> Choices[str]:
    """Accept a choice's Chinese label (or its code); return the code."""
    by_label = {str(label): code for code, label in choices}
    codes = set(by_label.values())

    def parse(value: Any) -> str:
        raw = str(value).strip()
        if raw in by_label:
            return by_label[raw]
        if raw in codes:
            return raw
        raise ValidationError(
            _("“%(value)s”不是可选项，可选：%(options)s。")
            % {"value": raw, "options": "、".join(by_label)}
        )

    return Choices(parse, list(by_label))


def label_of(choices: Iterable[tuple[str, Any]]) -> Callable[[Any], str]:
    mapping = {code: str(label) for code, label in choices}
    return lambda code: mapping.get(code, code or "")


def _yes_no(value: Any) -> bool:
    raw = str(value).strip().lower()
    if raw in {"是", "y", "yes", "true", "1"}:
        return True
    if raw in {"否", "n", "no", "false", "0"}:
        return False
    raise ValidationError(_("应填“是”或“否”。"))


yes_no = Choices(_yes_no, ["是", "否"])


def fmt_yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


# --- Export -----------------------------------------------------------------------------------


def write_xlsx(
    out: IO[bytes],
    columns: list[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    title: str,
    title_row: bool = False,
    examples: Iterable[Mapping[str, Any]] = (),
    choice_lists: bool = False,
) -> None:
    """Write the ledger to the binary file `out` with openpyxl's write-only mode, which streams
    rows to disk instead of keeping every cell in memory (50,000 rows: docs/benchmarks.md).

    Printed as offices print a 台账: landscape, fitted to the page width, the header row (and the
    title row, when there is one) repeated on every page, the title in the page header.
    """
    workbook = Workbook(write_only=True)
    sheet: _WriteOnlySheet = workbook.create_sheet(title[:31])
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    header_row = 2 if title_row else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"1:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    assert sheet.sheet_properties.pageSetUpPr is not None  # made with the sheet
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    assert sheet.oddHeader is not None and sheet.oddFooter is not None  # made with the sheet
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "&P / &N"
    if choice_lists:
        _add_choice_lists(sheet, columns, header_row + 1)
    if title_row:
        sheet.append([_styled(sheet, title, Font(bold=True, size=14))])
    sheet.append([_styled(sheet, c.header, Font(bold=True)) for c in columns])
    for row in examples:
        sheet.append([_cell(sheet, column.fmt(row.get(column.key))) for column in columns])
    for row in rows:
        sheet.append([_cell(sheet, column.fmt(row.get(column.key))) for column in columns])
    workbook.save(out)


def export_xlsx(columns: list[Column], rows: Iterable[Mapping[str, Any]], *, title: str) -> bytes:
    """The ledger as bytes (tests and small callers); pages stream it with `xlsx_response`."""
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, title=title)
    return buffer.getvalue()


def xlsx_response(
    columns: list[Column], rows: Iterable[Mapping[str, Any]], *, title: str, filename: str
) -> FileResponse:
    """The ledger as a download streamed from a temporary file, never held whole in memory."""
    out = tempfile.TemporaryFile()
    write_xlsx(out, columns, rows, title=title)
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _styled(sheet: WriteOnlyWorksheet, value: Any, font: Font) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        # Keep the value as typed (so that the export re-imports identically), but as a string
        # cell that Excel and WPS show and keep as text: never a live formula.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


# --- Reading an upload --------------------------------------------------------------------------


def _refuse(message: str) -> LedgerImportError:
    return LedgerImportError([LedgerError(0, "", message)])


def _bounded(rows: Iterable[Any]) -> list[list[Any]]:
    table: list[list[Any]] = []
    for row in rows:
        if len(table) > IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _refuse(_("表格超过%(n)s行，请分批导入。") % {"n": IMPORT_MAX_ROWS})
        table.append(list(row)[:IMPORT_MAX_COLUMNS])
    return table


def _raw_rows(upload: IO[bytes]) -> list[list[Any]]:
    upload.seek(0)
    data = upload.read(IMPORT_MAX_BYTES + 1)
    if len(data) > IMPORT_MAX_BYTES:
        raise _refuse(_("文件超过%(mb)sMB。") % {"mb": IMPORT_MAX_BYTES // 1024 // 1024})
    if data.startswith(OLE2_MAGIC):
        return _xls_rows(data)
    if (getattr(upload, "name", "") or "").lower().endswith(".csv"):
        return _csv_rows(data)
    return _xlsx_rows(data)


def _csv_rows(data: bytes) -> list[list[Any]]:
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


def _xlsx_rows(data: bytes) -> list[list[Any]]:
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
        raise _refuse(_("文件不是有效的 .xlsx 或 .xls 表格。")) from None


def _xls_rows(data: bytes) -> list[list[Any]]:
    """The first sheet of an Excel 97–2003 / older WPS workbook (BIFF8, read by xlrd)."""
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        try:
            sheet = book.sheet_by_index(0)
            if sheet.nrows > IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _refuse(_("表格超过%(n)s行，请分批导入。") % {"n": IMPORT_MAX_ROWS})
            return _bounded(
                [_xls_value(cell, book.datemode) for cell in sheet.row(r)]
                for r in range(sheet.nrows)
            )
        finally:
            book.release_resources()
    except LedgerImportError:
        raise
    except Exception:  # noqa: BLE001 - xlrd raises many kinds on a damaged file
        raise _refuse(_("文件不是有效的 .xlsx 或 .xls 表格。")) from None


def _xls_value(cell: Any, datemode: int) -> Any:  # an xlrd Cell (xlrd ships no types)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)  # .xls stores every number as a float; .xlsx readers give ints
    return cell.value


def _header_row(rows: list[list[Any]], columns: list[Column]) -> int:
    """The index of the header row: the first of the top rows holding every required header,
    below any title rows (单位、台账名称、填报日期) that offices put above it."""
    wanted = {c.header for c in columns}
    required = {c.header for c in columns if c.required}
    best, best_found = 0, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {_header_text(v) for v in row} & wanted
        if required <= found and found:
            return index
        if len(found) > best_found:
            best, best_found = index, len(found)
    return best


def _header_text(value: Any) -> str:
    return "" if value is None else "".join(str(value).split())


@dataclass
class Table:
    """An upload read and checked: clean rows, every error, and each row's cells as text for
    the preview page."""

    rows: list[Row]
    errors: list[LedgerError]
    cells: dict[int, list[str]]  # spreadsheet row number → the row's values in column order
    header_row: int


def parse_table(upload: IO[bytes], columns: list[Column]) -> Table:
    """Parse and check every row without writing anything. A file that cannot be read, or that
    lacks a required column, raises LedgerImportError; row errors are returned."""
    rows = _raw_rows(upload)
    if not any(any(v not in (None, "") for v in row) for row in rows):
        raise LedgerImportError([LedgerError(1, "", _("表格为空。"))])
    index = _header_row(rows, columns)
    if (
        sum(1 for row in rows[index + 1 :] if any(v not in (None, "") for v in row))
        > IMPORT_MAX_ROWS
    ):
        raise _refuse(_("表格超过%(n)s行，请分批导入。") % {"n": IMPORT_MAX_ROWS})
    header = [_header_text(h) for h in rows[index]]
    positions: dict[str, int] = {}
    missing: list[LedgerError] = []
    for column in columns:
        if column.header in header:
            positions[column.key] = header.index(column.header)
        elif column.required:
            missing.append(LedgerError(index + 1, column.header, _("缺少此列。")))
    if missing:
        raise LedgerImportError(missing)
    table = Table(rows=[], errors=[], cells={}, header_row=index + 1)
    for number, raw in enumerate(rows[index + 1 :], start=index + 2):
        if all(v is None or str(v).strip() == "" for v in raw):
            continue
        values = [
            raw[positions[c.key]] if positions.get(c.key, len(raw)) < len(raw) else None
            for c in columns
        ]
        table.cells[number] = ["" if v is None else _shown(v) for v in values]
        table.rows.append(_clean_row(number, columns, values, table.errors))
    return table


def _clean_row(
    number: int, columns: list[Column], values: list[Any], errors: list[LedgerError]
) -> Row:
    item: Row = {"_row": number}
    for column, value in zip(columns, values, strict=True):
        item[column.key] = None
        if isinstance(value, str) and (
            problem := limits.string_errors(value, max_length=limits.BODY_MAX)
        ):
            errors.append(LedgerError(number, column.header, problem["non_field_errors"][0]))
            continue
        if value is None or str(value).strip() == "":
            if column.required:
                errors.append(LedgerError(number, column.header, _("不能为空。")))
            continue
        try:
            item[column.key] = column.parse(value)
        except ValidationError as exc:
            errors.append(LedgerError(number, column.header, " ".join(exc.messages)))
    return item


def read_table(upload: UploadedFile[bytes], columns: list[Column]) -> list[Row]:
    """Parse every row; raise LedgerImportError listing every problem, or return clean rows.

    Each returned dict carries `_row`, the spreadsheet row number, for errors found later.
    """
    table = parse_table(upload, columns)
    if table.errors:
        raise LedgerImportError(table.errors)
    return table.rows


# --- One ledger of one area, imported through that area's services ---------------------------


@dataclass(frozen=True)
class Ledger:
    """What the shared import flow needs to know of an area's ledger.

    `create_row(row, actor=…)` creates one row's records through the area's services and returns
    False when the row is already there (an export re-imported); it raises ValidationError,
    TransitionNotAllowed or PermissionDenied, which become errors of that row. `check_rows`
    finds errors of rows that need no write to be found (shown on the preview page).
    """

    key: str
    title: str
    columns: Callable[[], list[Column]]
    create_row: Callable[..., bool]
    importers: tuple[Role, ...]
    done_url: str  # the URL name to go to once imported
    upload_url: tuple[str, tuple[Any, ...]] = ("", ())  # the URL name (and args) of the upload page
    check_rows: Callable[[list[Row]], list[LedgerError]] | None = None
    field_headers: dict[str, str] = field(default_factory=dict)
    example: dict[str, Any] = field(default_factory=dict)  # a fictional row for the template

    @property
    def upload_href(self) -> str:
        return reverse(self.upload_url[0], args=self.upload_url[1])

    def may_import(self, user: User) -> bool:
        return has_role(user, *self.importers)

    def parse(self, upload: IO[bytes]) -> Table:
        table = parse_table(upload, self.columns())
        if self.check_rows is not None:
            clean = [r for r in table.rows if not _has_error(table, r["_row"])]
            table.errors.extend(self.check_rows(clean))
            table.errors.sort(key=lambda e: e.row)
        return table

    def import_rows(
        self,
        rows: list[Row],
        *,
        actor: auth.User,
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, int]:
        """Create every row's records, or none: one transaction, each row in a savepoint so
        that all the rows' errors are listed, then everything rolled back if there was one."""
        require_role(actor, *self.importers)
        errors = self.check_rows(rows) if self.check_rows is not None else []
        if errors:
            raise LedgerImportError(errors)
        headers = {**{c.key: c.header for c in self.columns()}, **self.field_headers}
        created = skipped = 0
        with transaction.atomic():
            for done, row in enumerate(rows, start=1):
                number = row["_row"]
                try:
                    with transaction.atomic():
                        if self.create_row(dict(row), actor=actor):
                            created += 1
                        else:
                            skipped += 1
                except ValidationError as exc:
                    errors.extend(row_errors(number, exc, headers))
                except (TransitionNotAllowed, PermissionDenied) as exc:
                    errors.append(LedgerError(number, "", str(exc)))
                if progress is not None:
                    progress(done)
            if errors:
                raise LedgerImportError(errors)
        return {"created": created, "skipped": skipped}

    def import_file(self, upload: IO[bytes], *, actor: auth.User) -> dict[str, int]:
        """Read and import an upload at once (the API; pages go through the preview)."""
        require_role(actor, *self.importers)
        table = self.parse(upload)
        if table.errors:
            raise LedgerImportError(table.errors)
        return self.import_rows(table.rows, actor=actor)

    def template(self) -> bytes:
        """An empty ledger to fill in: the title row, the header row, one fictional example row,
        and drop-down lists for the columns with fixed choices."""
        buffer = io.BytesIO()
        write_xlsx(
            buffer,
            self.columns(),
            [],
            title=self.title,
            title_row=True,
            examples=[self.example] if self.example else [],
            choice_lists=True,
        )
        return buffer.getvalue()


def _has_error(table: Table, number: int) -> bool:
    return any(e.row == number for e in table.errors)


def row_errors(number: int, exc: ValidationError, headers: dict[str, str]) -> list[LedgerError]:
    """A service's ValidationError as errors of spreadsheet row `number`, one per message, each
    named by the column header of its field."""
    if not hasattr(exc, "error_dict"):
        return [LedgerError(number, "", m) for m in exc.messages]
    return [
        LedgerError(number, headers.get(name, "" if name == "__all__" else name), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def _add_choice_lists(sheet: _WriteOnlySheet, columns: list[Column], first_row: int) -> None:
    """Drop-down lists for the columns with fixed choices (the template)."""
    for i, column in enumerate(columns, start=1):
        options = getattr(column.parse, "options", None)
        joined = ",".join(options or [])
        # Excel caps an inline list at 255 characters; longer lists stay free text.
        if not options or len(joined) > 255 or '"' in joined or "," in "".join(options):
            continue
        letter = get_column_letter(i)
        validation = DataValidation(type="list", formula1=f'"{joined}"', allow_blank=True)
        validation.add(f"{letter}{first_row}:{letter}{first_row + IMPORT_MAX_ROWS}")
        sheet.data_validations.append(validation)


def set_progress(job_id: int, rows_done: int) -> None:
    """How far a running import is. Kept in the cache, not the database: the import's own
    transaction holds its writes until the end, and the page polls while it runs."""
    if rows_done % PROGRESS_EVERY == 0:
        cache.set(f"ledger-import-progress:{job_id}", rows_done, timeout=3600)


def progress_of(job_id: int) -> int:
    done: int | None = cache.get(f"ledger-import-progress:{job_id}")
    return done or 0


LEDGERS = {
    "disputes": "disputes.ledgers.LEDGER",
    "petitions": "petitions.ledgers.LEDGER",
    "decisions": "decisions.ledgers.LEDGER",
    "disclosure": "disclosure.ledgers.LEDGER",
    "legal-education-events": "legal_education.ledgers.EVENT_LEDGER",
    "legal-education-consultations": "legal_education.ledgers.CONSULTATION_LEDGER",
}


def get_ledger(key: str) -> Ledger:
    """The area's ledger by key (KeyError for an unknown key)."""
    ledger = import_string(LEDGERS[key])
    assert isinstance(ledger, Ledger)
    return ledger
