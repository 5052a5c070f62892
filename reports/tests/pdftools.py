"""Reading a rendered PDF back in tests: text lines with their position (pt from the top-left
corner) and font, and the fonts fontconfig resolves for the embedded faces."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from functools import cache

import pypdf
from fontTools.ttLib import TTFont

from huanghe_portal import pdf

MM = 72 / 25.4
BODY_FONT = "FandolFang"  # 仿宋 (GB/T 9704 5.2.2), from texlive-lang-chinese


def _gray_page(data: bytes, page: int, dpi: int, *, colour: bool = False):
    """One page rendered by poppler's pdftoppm: (width, height, pixels), 8-bit gray (P5) or
    RGB (P6) rows."""
    mode = [] if colour else ["-gray"]
    out = subprocess.run(
        ["pdftoppm", "-r", str(dpi), *mode, "-f", str(page), "-l", str(page), "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    magic, size, _maxval, pixels = out.split(b"\n", 3)
    assert magic == (b"P6" if colour else b"P5")
    width, height = map(int, size.split())
    return width, height, pixels


def red_rows(data: bytes, page: int, dpi: int = 150) -> list[tuple[float, float, float]]:
    """The rows holding red ink (the 发文机关标志 and the separator): (y, left, right) in mm."""
    width, height, pixels = _gray_page(data, page, dpi, colour=True)
    px = dpi / 25.4
    found = []
    for y in range(height):
        row = pixels[y * width * 3 : (y + 1) * width * 3]
        red = [
            x
            for x in range(width)
            if row[3 * x] > 180 and row[3 * x + 1] < 100 and row[3 * x + 2] < 100
        ]
        if red:
            found.append((y / px, red[0] / px, red[-1] / px))
    return found


def ink_below_text_block(data: bytes, page: int, dpi: int = 300) -> dict[str, float]:
    """Where the page number's ink lies under the 版心 (mm from the page's top-left corner):
    `top`/`bottom`/`left`/`right` of all its ink, and `dash_top`, the top of its first 一字线."""
    width, height, pixels = _gray_page(data, page, dpi)
    px = dpi / 25.4
    first_row = round((297 - 35 + 0.5) * px)  # just under the 版心
    rows = []
    for y in range(first_row, height):
        row = pixels[y * width : (y + 1) * width]
        dark = [x for x in range(width) if row[x] < 128]
        if dark:
            rows.append((y, dark[0], dark[-1]))
    left = min(r[1] for r in rows)
    dash_end = left + round(3 * px)  # the first 一字线: the 3 mm from the ink's left end
    dash_rows = [y for y, a, _b in rows if a <= dash_end]
    return {
        "top": rows[0][0] / px,
        "bottom": rows[-1][0] / px,
        "left": left / px,
        "right": max(r[2] for r in rows) / px,
        "dash_top": min(dash_rows) / px,
    }


@dataclass
class Line:
    text: str
    x: float  # pt from the left edge
    y: float  # baseline, pt from the top edge
    font: str  # embedded font name without the subset prefix
    size: float  # pt


def lines(pdf: bytes) -> list[list[Line]]:
    """The text runs of each page (WeasyPrint draws in CSS px: 0.75 pt, y downwards)."""
    pages = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        runs: list[Line] = []

        def visit(text, cm, tm, font_dict, font_size, runs=runs):
            if not text.strip() or font_dict is None:
                return
            scale = cm[0]
            runs.append(
                Line(
                    text.strip(),
                    tm[4] * scale,
                    tm[5] * scale,
                    font_dict["/BaseFont"].split("+", 1)[-1],
                    font_size * scale,
                )
            )

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height))
        for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


def text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@cache
def font_chars(embedded_name: str) -> frozenset[str]:
    """The characters of the installed font behind an embedded name ("Noto-Serif-CJK-SC-Bold"
    → fontconfig "Noto Serif CJK SC:style=Bold"), read with fontTools."""
    family = re.sub(r"-(Bold|Regular|Light|Heavy|Black)$", "", embedded_name).replace("-", " ")
    declared = pdf.font_files()  # faces declared by file (TeX Live's FandolFang)
    if family in declared:
        with TTFont(declared[family], lazy=True) as font:
            return frozenset(chr(c) for c in font.getBestCmap())
    style = ":style=Bold" if embedded_name.endswith("-Bold") else ""
    found = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}|%{family[0]}", family + style],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path, index, resolved = found.split("|")
    assert resolved.replace(" ", "") == family.replace(" ", ""), (family, resolved)
    with TTFont(path, fontNumber=int(index), lazy=True) as font:
        return frozenset(chr(c) for c in font.getBestCmap())


def missing_glyphs(source: str, embedded_name: str) -> list[str]:
    chars = font_chars(embedded_name)
    return sorted({c for c in source if not c.isspace() and c not in chars})
