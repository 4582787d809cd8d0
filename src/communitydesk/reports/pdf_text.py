"""Text for the PDF renderer: lines broken to a width, Arabic joined, right-to-left put in order.

reportlab draws characters one after the other from the left, in the font it is told. So Arabic
must arrive here already shaped (arabic-reshaper picks each letter's joined form) and in visual
order (python-bidi). Ordering is done line by line after breaking the logical text, or a wrapped
Arabic paragraph would print its end on the first line. Each run of one script is set in the
bundled font that has its letters, since no single font here has both.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from html import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

_ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run of Arabic script, spaces between its words included: fewer font changes to write
# (the spaces the Arabic font has; a narrow no-break space stays in the other font).
_ARABIC_RUN = re.compile(f"([{_ARABIC_CHARS}](?:[{_ARABIC_CHARS} \u00a0]*[{_ARABIC_CHARS}])?)")
_ARABIC = re.compile(f"[{_ARABIC_CHARS}]")
_ARABIC_WORD = re.compile(f"\\S*[{_ARABIC_CHARS}]\\S*")
# Hebrew to Arabic and the right-to-left presentation forms: text that needs reordering
# (Arabic included, so text without these has nothing to shape either).
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff]")

# Direction marks, embeddings and isolates: they steer the ordering and must never be drawn.
_CONTROLS = dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_LRE, _RLE, _PDF = "\u202a", "\u202b", "\u202c"
_LRI, _RLI, _FSI, _PDI = "\u2066", "\u2067", "\u2068", "\u2069"


@dataclass(frozen=True)
class Fonts:
    """The registered font names for one weight: Latin and everything else, and Arabic."""

    latin: str
    arabic: str


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line, left to right, as (font name, text) runs."""

    runs: tuple[tuple[str, str], ...]
    width: float


def runs(text: str, fonts: Fonts) -> tuple[tuple[str, str], ...]:
    parts = _ARABIC_RUN.split(text)
    # re.split with a group alternates: other text, Arabic, other text, ...
    return tuple(
        (fonts.arabic if index % 2 else fonts.latin, part)
        for index, part in enumerate(parts)
        if part
    )


def text_width(text: str, fonts: Fonts, size: float) -> float:
    if not _ARABIC.search(text):
        return _width(text, fonts.latin, size)
    return sum(_width(part, font, size) for font, part in runs(text, fonts))


@functools.lru_cache(maxsize=8192)
def _width(text: str, font: str, size: float) -> float:
    # Money reports repeat themselves (funds, categories, dates), and reportlab measures slowly.
    return float(stringWidth(text, font, size))


def without_controls(text: str) -> str:
    return text.translate(_CONTROLS)


def break_lines(text: str, width: float, fonts: Fonts, size: float) -> list[str]:
    """The logical text cut into lines no wider than `width`, at spaces where it can be."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        # Only plain spaces part words: a no-break space holds "1 234,50 $" together.
        lines += _fill([word for word in paragraph.split(" ") if word], width, fonts, size)
    return lines


def _fill(words: list[str], width: float, fonts: Fonts, size: float) -> list[str]:
    if not words:
        return [""]
    space = text_width(" ", fonts, size)
    lines: list[str] = []
    current, used = "", 0.0
    for word in words:
        word_width = text_width(word, fonts, size)
        if current and used + space + word_width <= width:
            current, used = f"{current} {word}", used + space + word_width
            continue
        if current:
            lines.append(current)
        pieces = _cut(word, width, fonts, size) if word_width > width else [word]
        lines += pieces[:-1]
        current = pieces[-1]
        used = text_width(current, fonts, size)
    lines.append(current)
    return lines


def _cut(word: str, width: float, fonts: Fonts, size: float) -> list[str]:
    """A word wider than the line (an e-mail address, an account number) cut where it must be."""
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, fonts, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current]


def as_embeddings(text: str) -> str:
    """Isolates as the embeddings that the older algorithm understands (close enough here)."""
    out = []
    for index, char in enumerate(text):
        if char == _FSI:
            char = _RLE if _first_strong_is_rtl(text, index + 1) else _LRE
        out.append({_LRI: _LRE, _RLI: _RLE, _PDI: _PDF}.get(char, char))
    return "".join(out)


def _first_strong_is_rtl(text: str, start: int) -> bool:
    for char in text[start:]:
        if char == _PDI:
            break
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL", "L"):
            return kind != "L"
    return False


def _has_mirrored(text: str) -> bool:
    return any(unicodedata.mirrored(char) for char in text)


def visual(line: str, right_to_left: bool) -> str:
    """One line in drawing order, without direction controls."""
    from bidi import get_display

    base = "R" if right_to_left else "L"
    if _has_mirrored(line):
        # The Rust get_display of python-bidi 0.6 does not mirror: "(" would print where ")"
        # belongs. The pure-Python one does, but is twenty times slower, so only lines with a
        # bracket or the like take it.
        from bidi.algorithm import get_display as get_display_mirrored

        line = str(get_display_mirrored(as_embeddings(line), base_dir=base))
    else:
        line = str(get_display(line, base_dir=base))
    return without_controls(line)


def logical_lines(text: str, width: float, fonts: Fonts, size: float) -> list[str]:
    """The text as printed lines, each still in reading order (for callers that reorder)."""
    if _ARABIC.search(text):
        # Shaped before measuring: joined letters are narrower than the isolated ones.
        text = _ARABIC_WORD.sub(lambda word: _shaped(word.group()), text)
    return break_lines(text, width, fonts, size)


@functools.lru_cache(maxsize=8192)
def _shaped(word: str) -> str:
    # Letters join only within a word, so words can be shaped one at a time, and a report
    # repeats its words: arabic-reshaper re-reads its settings on every call.
    import arabic_reshaper

    return str(arabic_reshaper.reshape(word))


def visual_lines(
    text: str, width: float, fonts: Fonts, size: float, right_to_left: bool
) -> list[str]:
    """The text broken to `width` and each line put in drawing order."""
    if not _RIGHT_TO_LEFT.search(text):
        # Nothing to reorder: a name, an amount, an English sentence.
        return break_lines(without_controls(text), width, fonts, size)
    return [visual(line, right_to_left) for line in logical_lines(text, width, fonts, size)]


@functools.lru_cache(maxsize=4096)
def lines(
    text: str, width: float, fonts: Fonts, size: float, right_to_left: bool
) -> tuple[Line, ...]:
    """The text as drawable lines, measured (for table cells, headers and footers).

    Cached: a long table repeats its funds, categories and dates on every page.
    """
    if "\n" not in text and not _RIGHT_TO_LEFT.search(text):
        # The common cell, "1,234.50" or "Maria Lopez": one measure and done.
        text = without_controls(text)
        used = _width(text, fonts.latin, size)
        if used <= width:
            return (Line(((fonts.latin, text),), used),)
    return tuple(
        Line(runs(line, fonts), text_width(line, fonts, size))
        for line in visual_lines(text, width, fonts, size, right_to_left)
    )


def single_line(text: str, width: float, fonts: Fonts, size: float, right_to_left: bool) -> Line:
    """The text on one line, cut short with an ellipsis if it must be (page headers, footers)."""
    ellipsis = "\u2026"
    room = width - text_width(ellipsis, fonts, size)
    logical = logical_lines(text.replace("\n", " "), room, fonts, size)
    first = logical[0] + (ellipsis if len(logical) > 1 else "")
    if _RIGHT_TO_LEFT.search(first):
        first = visual(first, right_to_left)
    else:
        first = without_controls(first)
    return Line(runs(first, fonts), text_width(first, fonts, size))


def markup(text: str, width: float, fonts: Fonts, size: float, right_to_left: bool) -> str:
    """Paragraph markup for reportlab whose base font is `fonts.latin`, one line per <br/>."""
    out = []
    for line in visual_lines(text, width, fonts, size, right_to_left):
        out.append(
            "".join(
                escape(part, quote=False)
                if font == fonts.latin
                else f'<font name="{font}">{escape(part, quote=False)}</font>'
                for font, part in runs(line, fonts)
            )
        )
    return "<br/>".join(out)
