"""The printable resource directory, as PDF (reportlab, no Qt).

A title page, a table of contents by category, then each category's services in two columns
with the date each was last checked. The layout is measured whole before anything is drawn, so
the contents can give the page where each category starts, and the footer "Page N of M".
Everything is placed by hand from measured lines: a hub's two thousand services print in seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from communitydesk.core.files import written_whole
from communitydesk.core.i18n import without_isolates
from communitydesk.reports.pdf import (
    BAND,
    BOLD,
    GREY_TEXT,
    GRID_LINE,
    MARGIN,
    REGULAR,
    SMALL,
    Block,
    Pen,
    field_block,
    label_width,
    register_fonts,
    stacked,
    text_block,
)
from communitydesk.reports.pdf_text import single_line

PAGE_WIDTH, PAGE_HEIGHT = letter
COLUMN_GAP: Final = 18.0
TEXT_SIZE: Final = 8.0
STALE_COLOR: Final = HexColor("#a11d1d")
ENTRY_GAP: Final = 9.0
HEADING_GAP: Final = 10.0
TOC_SIZE: Final = 10.5
TOC_LEADING: Final = 18.0


@dataclass(frozen=True)
class DirectoryEntry:
    """One service as printed, every label and value already in the directory's language."""

    name: str
    organization: str
    fields: tuple[tuple[str, str], ...] = ()  # (label, value)
    notes: str = ""  # "Service in French · Served regardless of immigration status"
    verified: str = ""  # "Last verified on June 1, 2026"
    stale: str = ""  # "Not checked for over a year", "Never checked"; empty when current


@dataclass(frozen=True)
class DirectoryCategory:
    title: str
    entries: tuple[DirectoryEntry, ...]


@dataclass(frozen=True)
class DirectoryBook:
    title: str
    organization: str
    printed: str  # "Printed on November 23, 2026"
    contents: str  # "Contents"
    # "Page {page} of {pages}" in the directory's language, placeholders kept.
    page_label: str
    right_to_left: bool = False
    selection: str = ""  # what the list was narrowed to, when it was
    legend: str = ""  # how stale services are marked
    empty: str = ""  # said when no service is listed
    categories: tuple[DirectoryCategory, ...] = field(default=())

    def text(self) -> str:
        """Every word the directory prints but page numbers (for tests and searching)."""
        parts = [self.organization, self.title, self.printed, self.selection, self.legend]
        if not self.categories:
            parts.append(self.empty)
        for category in self.categories:
            parts.append(category.title)
            for entry in category.entries:
                parts += [entry.name, entry.organization]
                parts += [part for pair in entry.fields for part in pair]
                parts += [entry.notes, entry.verified, entry.stale]
        return without_isolates("\n".join(part for part in parts if part))


@dataclass(frozen=True)
class _Geometry:
    left: float = MARGIN
    right: float = PAGE_WIDTH - MARGIN
    top: float = PAGE_HEIGHT - MARGIN - BAND
    bottom: float = MARGIN + BAND

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def column_width(self) -> float:
        return (self.width - COLUMN_GAP) / 2


PAGE: Final = _Geometry()


@dataclass
class _ContentPage:
    # (block, column, y from the top of the column)
    items: list[tuple[Block, int, float]] = field(default_factory=list)


@dataclass(frozen=True)
class DirectoryLayout:
    """Where everything goes: the pages of services, and the page each category starts on."""

    contents_pages: int
    pages: tuple[_ContentPage, ...]
    starts: tuple[int, ...]  # the printed page number of each category's heading

    @property
    def total(self) -> int:
        return 1 + self.contents_pages + max(len(self.pages), 1)


def _entry_block(entry: DirectoryEntry, width: float, labelled: float, rtl: bool) -> Block:
    return stacked(
        (
            text_block(entry.name, width, BOLD, 9.5, rtl),
            text_block(entry.organization, width, REGULAR, 8.5, rtl, GREY_TEXT),
            stacked(
                [
                    # The eligibility of a directory line is a reminder, not the whole text.
                    field_block(label, value, width, labelled, TEXT_SIZE, rtl, most_lines=3)
                    for label, value in entry.fields
                ],
                gap=1.5,
            ),
            text_block(entry.notes, width, BOLD, TEXT_SIZE, rtl),
            text_block(entry.verified, width, REGULAR, 7.5, rtl, GREY_TEXT),
            text_block(entry.stale, width, BOLD, 7.5, rtl, STALE_COLOR),
        ),
        gap=1.5,
    )


def _clipped(block: Block, room: float) -> Block:
    """A service too long for a whole column (a pasted page of text) keeps what fits."""
    if block.height <= room:
        return block
    return Block(tuple(p for p in block.placed if p.y + p.size * 0.3 <= room), room)


def _contents_rows_per_page() -> int:
    first = PAGE.height - 2 * TOC_LEADING  # the heading above the rows
    return max(1, int(first // TOC_LEADING))


def layout(book: DirectoryBook) -> DirectoryLayout:
    """Measure every service and flow them into two columns a page."""
    rtl = book.right_to_left
    width = PAGE.column_width
    labels = {label for c in book.categories for e in c.entries for label, _v in e.fields}
    labelled = label_width(sorted(labels), TEXT_SIZE, width * 0.32)
    contents_pages = (
        math.ceil(len(book.categories) / _contents_rows_per_page()) if book.categories else 0
    )
    pages: list[_ContentPage] = [_ContentPage()]
    column, used = 0, 0.0
    room = PAGE.height

    def next_column() -> None:
        nonlocal column, used
        column, used = column + 1, 0.0
        if column == 2:
            pages.append(_ContentPage())
            column = 0

    def put(block: Block, gap: float) -> None:
        nonlocal used
        top = used + gap if used else 0.0
        pages[-1].items.append((block, column, top))
        used = top + block.height

    starts = []
    for category in book.categories:
        heading = text_block(category.title, width, BOLD, 12, rtl)
        entries = [_clipped(_entry_block(e, width, labelled, rtl), room) for e in category.entries]
        # A heading never ends a column: it goes with its first service.
        first = entries[0].height if entries else 0.0
        if used and used + HEADING_GAP * 2 + heading.height + first > room:
            next_column()
        put(heading, HEADING_GAP * 2)
        starts.append(1 + contents_pages + len(pages))
        for index, block in enumerate(entries):
            gap = HEADING_GAP / 2 if index == 0 else ENTRY_GAP
            if used + gap + block.height > room:
                next_column()
            put(block, gap)
    return DirectoryLayout(contents_pages, tuple(pages), tuple(starts))


def write_directory(book: DirectoryBook, target: Path) -> Path:
    """Print the directory to `target`, whole or not at all."""
    register_fonts()
    plan = layout(book)
    with written_whole(target) as partial:
        canvas = Canvas(str(partial), pagesize=letter)
        canvas.setTitle(without_isolates(book.title))
        canvas.setAuthor(without_isolates(book.organization))
        canvas.setCreator("CommunityDesk")
        number = 1
        _title_page(canvas, book)
        _furniture(canvas, book, number, plan.total, with_header=False)
        canvas.showPage()
        rows_per_page = _contents_rows_per_page()
        for start in range(0, len(book.categories), rows_per_page):
            number += 1
            _contents_page(canvas, book, plan, start, start + rows_per_page)
            _furniture(canvas, book, number, plan.total)
            canvas.showPage()
        for page in plan.pages:
            number += 1
            _content_page(canvas, book, page)
            _furniture(canvas, book, number, plan.total)
            canvas.showPage()
        canvas.save()
    return target


def _title_page(canvas: Canvas, book: DirectoryBook) -> None:
    width = PAGE.width
    rtl = book.right_to_left
    block = stacked(
        (
            text_block(book.organization, width, BOLD, 22, rtl),
            text_block(book.title, width, BOLD, 16, rtl),
            text_block(book.printed, width, REGULAR, 11, rtl, GREY_TEXT),
            text_block(book.selection, width, REGULAR, 10, rtl),
            text_block(book.legend, width * 0.8, REGULAR, 9, rtl, GREY_TEXT),
        ),
        gap=14,
    )
    # Centred on the page, each line on its own.
    centred = Block(
        tuple(replace(p, x=(width - p.line.width) / 2) for p in block.placed), block.height
    )
    pen = Pen(canvas)
    centred.draw(pen, PAGE.left, PAGE.bottom + PAGE.height * 0.62 + block.height / 2)
    canvas.drawText(pen.text)


def _contents_page(
    canvas: Canvas, book: DirectoryBook, plan: DirectoryLayout, start: int, stop: int
) -> None:
    rtl = book.right_to_left
    pen = Pen(canvas)
    y = PAGE.top
    if start == 0:
        text_block(book.contents, PAGE.width, BOLD, 14, rtl).draw(pen, PAGE.left, y)
    y -= 2 * TOC_LEADING
    leaders: list[tuple[float, float, float]] = []
    for category, page in zip(book.categories[start:stop], plan.starts[start:stop], strict=True):
        number = single_line(str(page), 40, REGULAR, TOC_SIZE, rtl)
        title = single_line(category.title, PAGE.width - 60, REGULAR, TOC_SIZE, rtl)
        if rtl:
            title_x, number_x = PAGE.right - title.width, PAGE.left
            leaders.append((number_x + number.width + 6, title_x - 6, y))
        else:
            title_x, number_x = PAGE.left, PAGE.right - number.width
            leaders.append((title_x + title.width + 6, number_x - 6, y))
        pen.write_in(black, title, title_x, y, TOC_SIZE)
        pen.write_in(black, number, number_x, y, TOC_SIZE)
        y -= TOC_LEADING
    canvas.drawText(pen.text)
    canvas.saveState()
    canvas.setStrokeColor(GRID_LINE)
    canvas.setLineWidth(0.8)
    canvas.setDash(1, 3)
    for start_x, end_x, baseline in leaders:
        if end_x > start_x:
            canvas.line(start_x, baseline, end_x, baseline)
    canvas.restoreState()


def _content_page(canvas: Canvas, book: DirectoryBook, page: _ContentPage) -> None:
    rtl = book.right_to_left
    width = PAGE.column_width
    pen = Pen(canvas)
    if not page.items and not book.categories:
        text_block(book.empty, PAGE.width, REGULAR, 11, rtl).draw(pen, PAGE.left, PAGE.top)
    placed = []
    for block, column, y in page.items:
        # The first column is the one a reader starts with: on the right in Arabic.
        slot = 1 - column if rtl else column
        left, top = PAGE.left + slot * (width + COLUMN_GAP), PAGE.top - y
        placed += [(p, left, top) for p in block.placed]
    # A colour at a time: changing it for every line would double the size of the page.
    placed.sort(key=lambda item: id(item[0].color))
    for p, left, top in placed:
        pen.write_in(p.color, p.line, left + p.x, top - p.y, p.size)
    canvas.drawText(pen.text)


def _furniture(
    canvas: Canvas, book: DirectoryBook, page: int, pages: int, with_header: bool = True
) -> None:
    """The organization and title above the text, the page number below it."""
    rtl = book.right_to_left
    half = PAGE.width / 2 - 6
    top = PAGE_HEIGHT - MARGIN - SMALL
    bottom = MARGIN + 2
    pen = Pen(canvas)

    def put(words: str, y: float, at_start: bool) -> None:
        if not words:
            return
        line = single_line(words, half, REGULAR, SMALL, rtl)
        x = PAGE.left if at_start != rtl else PAGE.right - line.width
        pen.write_in(GREY_TEXT, line, x, y, SMALL)

    if with_header:
        put(book.organization, top, at_start=True)
        put(book.title, top, at_start=False)
    put(book.page_label.format(page=page, pages=pages), bottom, at_start=False)
    canvas.drawText(pen.text)
    canvas.saveState()
    canvas.setStrokeColor(GRID_LINE)
    canvas.setLineWidth(0.5)
    if with_header:
        canvas.line(PAGE.left, top - 4, PAGE.right, top - 4)
    canvas.line(PAGE.left, bottom + SMALL + 2, PAGE.right, bottom + SMALL + 2)
    canvas.restoreState()
