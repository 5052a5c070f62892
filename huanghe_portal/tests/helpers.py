"""Small assertions shared by the areas' tests."""

import io

from openpyxl import load_workbook


def ledger_cells(content: bytes) -> list:
    """Every cell of an exported ledger's first sheet, as openpyxl reads the file back."""
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [cell for row in sheet.iter_rows() for cell in row]


def formula_cells(content: bytes) -> list[str]:
    """The coordinates of the cells a spreadsheet program would evaluate as formulas."""
    return [cell.coordinate for cell in ledger_cells(content) if cell.data_type == "f"]


def text_cell(content: bytes, value: str):
    """The cell holding exactly `value` (asserted present), to check it is plain text."""
    cells = [cell for cell in ledger_cells(content) if cell.value == value]
    assert cells, f"{value!r} is not in the ledger"
    return cells[0]


def assert_no_live_formula(content: bytes, *values: str) -> None:
    """No cell is a formula, and each of `values` is there as quote-prefixed text."""
    assert formula_cells(content) == []
    for value in values:
        cell = text_cell(content, value)
        assert (cell.data_type, cell.quotePrefix) == ("s", True), value


def import_through_pages(client, upload_url: str, upload) -> object:
    """A ledger import as a user makes it: upload, read the preview, confirm. Returns the last
    page: the upload page (file refused), the preview (rows with errors) or the outcome."""
    uploaded = client.post(upload_url, {"file": upload})
    if uploaded.status_code != 302:
        return uploaded
    preview = client.get(uploaded["Location"])
    if "确认导入" not in preview.content.decode():
        return preview
    return client.post(uploaded["Location"] + "confirm/", follow=True)
