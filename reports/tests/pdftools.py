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

MM = 72 / 25.4


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
