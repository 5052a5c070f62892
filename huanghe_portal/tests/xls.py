"""A minimal Excel 97–2003 (.xls, BIFF8 in an OLE2 compound file) writer for tests.

No .xls writer is installed (xlwt is unmaintained) and LibreOffice is not on the build machines,
so the .xls fixtures are built here: one sheet of text and number cells, the way WPS and old
Excel save a 台账. Enough for xlrd; not a general writer.
"""

from __future__ import annotations

import struct

SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _text(value: str, lenlen: int) -> bytes:
    encoded = value.encode("utf-16-le")
    return struct.pack("<H" if lenlen == 2 else "<B", len(value)) + b"\x01" + encoded


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _cell(row: int, col: int, value) -> bytes:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _record(0x0203, struct.pack("<HHHd", row, col, 15, float(value)))
    return _record(0x0204, struct.pack("<HHH", row, col, 15) + _text(str(value), 2))


def _workbook_stream(rows: list[list], sheet_name: str) -> bytes:
    font = _record(
        0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _text("Arial", 1)
    )
    # 15 style XFs and one cell XF (index 15), all with the General number format.
    style_xf = _record(
        0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    )
    cell_xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    sheet = bytearray(_bof(0x0010))
    width = max((len(r) for r in rows), default=0)
    sheet += _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None and value != "":
                sheet += _cell(r, c, value)
    sheet += _record(0x000A, b"")
    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + font * 5
    head += style_xf * 15 + cell_xf
    name = _text(sheet_name, 1)
    boundsheet_len = 4 + 4 + 2 + len(name)
    sheet_offset = len(head) + boundsheet_len + 4  # + the globals' EOF record
    globals_ = head + _record(0x0085, struct.pack("<IBB", sheet_offset, 0, 0) + name)
    globals_ += _record(0x000A, b"")
    return bytes(globals_ + sheet)


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = FREE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", FREE, FREE, child)
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16
        + struct.pack("<IQ", start, size)
    )


def xls_bytes(rows: list[list], *, sheet_name: str = "Sheet1") -> bytes:
    """The bytes of an .xls file holding `rows` (str, int or float cells; None for empty)."""
    stream = _workbook_stream(rows, sheet_name)
    # Streams under 4096 bytes would live in the mini stream: pad to stay in normal sectors.
    stream = stream.ljust(max(4096, -(-len(stream) // SECTOR) * SECTOR), b"\0")
    n = len(stream) // SECTOR
    fat = [FAT_SECTOR, END_OF_CHAIN] + [2 + i + 1 for i in range(n - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    directory = (
        _dir_entry("Root Entry", 5, END_OF_CHAIN, 0, child=1)
        + _dir_entry("Workbook", 2, 2, len(stream))
        + _dir_entry("", 0, FREE, 0) * 2
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    return header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + stream
