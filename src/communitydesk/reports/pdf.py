"""The money reports as PDF, written with reportlab: no Qt, so a worker thread can print.

The document model says what to print; this module decides how it looks on a Letter page.
Text goes through `pdf_text`, which joins Arabic letters and orders right-to-left lines, since
reportlab does neither. Tables are drawn here rather than with reportlab's Table: a transaction
list of 20,000 rows must print in seconds, and reportlab's Table re-measures every remaining row
each time it splits at a page end.
"""

from __future__ import annotations

import functools
import math
import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _, format_number, without_isolates
from communitydesk.core.paths import resource_dir
from communitydesk.reports.document import (
    CHART_HEIGHT,
    CHART_WIDTH,
    Chart,
    Document,
    Section,
    Table,
)
from communitydesk.reports.pdf_text import Fonts, Line, lines, markup, single_line, text_width

REGULAR = Fonts("NotoSans-Regular", "NotoSansArabic-Regular")
BOLD = Fonts("NotoSans-Bold", "NotoSansArabic-Bold")

MARGIN = 15 * mm
BAND = 18.0  # the header line above the text and the footer line below it
SMALL = 8.0  # header and footer type

CELL_SIZE = 9.0
# Arabic letters reach further above and below the line than Latin ones.
CELL_LEADING = 12.0
CELL_PAD_X = 3.0
CELL_PAD_Y = 2.5
TALL_ROW = 26.0  # room for a signature
GRID_LINE = HexColor("#999999")
HEADER_FILL = HexColor("#e6e6e6")
EMPHASIS_FILL = HexColor("#f3f3f3")
GREY_TEXT = HexColor("#555555")

_fonts_lock = threading.Lock()
_fonts_registered = False


def write_pdf(document: Document, target: Path) -> Path:
    """Print `document` to `target`, whole or not at all (a failure leaves what was there)."""
    _register_fonts()
    with written_whole(target) as partial:
        _build(document, partial)
    return target


def _register_fonts() -> None:
    global _fonts_registered
    with _fonts_lock:
        if _fonts_registered:
            return
        folder = resource_dir() / "fonts"
        for name in (REGULAR.latin, REGULAR.arabic, BOLD.latin, BOLD.arabic):
            registerFont(TTFont(name, str(folder / f"{name}.ttf")))
        _fonts_registered = True


@dataclass(frozen=True)
class _Page:
    """The geometry and direction every part of the layout needs."""

    width: float  # of the text area
    height: float
    right_to_left: bool


def _build(document: Document, path: Path) -> None:
    size = landscape(letter) if document.landscape else letter
    page = _Page(size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - 2 * BAND, document.right_to_left)
    story = _story(document, page)
    frame = Frame(
        MARGIN,
        MARGIN + BAND,
        page.width,
        page.height,
        leftPadding=0,
        bottomPadding=0,
        rightPadding=0,
        topPadding=0,
    )
    template = BaseDocTemplate(
        str(path),
        pagesize=size,
        pageTemplates=[PageTemplate("page", [frame])],
        title=without_isolates(document.title),
        author=without_isolates(document.organization),
        creator="CommunityDesk",
    )
    furniture = _Furniture(document, size[0], size[1])
    template.build(story, canvasmaker=functools.partial(_NumberedCanvas, furniture=furniture))


# --- The flow of text ---------------------------------------------------------------------


def _style(name: str, fonts: Fonts, size: float, page: _Page, **more: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=fonts.latin,
        fontSize=size,
        leading=size * 1.35,
        alignment=TA_RIGHT if page.right_to_left else TA_LEFT,
        **more,
    )


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def for_page(cls, page: _Page) -> _Styles:
        return cls(
            title=_style("title", BOLD, 16, page, spaceAfter=4),
            subtitle=_style("subtitle", REGULAR, 10.5, page, textColor=GREY_TEXT, spaceAfter=8),
            body=_style("body", REGULAR, 10, page, spaceAfter=5),
            heading=_style("heading", BOLD, 12, page, spaceBefore=10, spaceAfter=4),
            note=_style("note", REGULAR, 8.5, page, textColor=GREY_TEXT, spaceAfter=2),
        )


def _paragraph(text: str, style: ParagraphStyle, page: _Page) -> Paragraph:
    fonts = BOLD if style.fontName == BOLD.latin else REGULAR
    # A point to spare, so reportlab never breaks again a line measured here.
    return Paragraph(markup(text, page.width - 1, fonts, style.fontSize, page.right_to_left), style)


def _story(document: Document, page: _Page) -> list[Flowable]:
    styles = _Styles.for_page(page)
    story: list[Flowable] = [_paragraph(document.title, styles.title, page)]
    if document.subtitle:
        story.append(_paragraph(document.subtitle, styles.subtitle, page))
    story += [_paragraph(text, styles.body, page) for text in document.introduction]
    for section in document.sections:
        story += _section(section, page, styles)
    if document.footnotes:
        story.append(Spacer(0, 6))
        story += [_paragraph(text, styles.note, page) for text in document.footnotes]
    return story


def _section(section: Section, page: _Page, styles: _Styles) -> list[Flowable]:
    out: list[Flowable] = [PageBreak()] if section.new_page else []
    grid = _Grid.of(section.table, page) if section.table and section.table.headers else None
    if section.heading:
        heading = _paragraph(section.heading, styles.heading, page)
        if section.paragraphs or section.chart is not None:
            heading.keepWithNext = True
        elif grid is not None:
            # keepWithNext would carry a long table whole to the next page: ask instead for
            # room for the heading and the table's first rows.
            _width, height = heading.wrap(page.width, page.height)
            space = styles.heading.spaceBefore + styles.heading.spaceAfter
            # Never more than a third of a page, or one tall row would leave a page blank.
            needed = min(height + space + grid.opening_height(), page.height / 3)
            out.append(CondPageBreak(needed))
        out.append(heading)
    out += [_paragraph(text, styles.body, page) for text in section.paragraphs]
    if section.chart is not None:
        out += _chart(section.chart, page)
    if grid is not None:
        out += [_GridPart(grid, 0, len(grid.rows)), Spacer(0, 6)]
    return out


# --- Tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    cells: tuple[tuple[Line, ...], ...]  # in printed order, left to right
    height: float
    fill: Color | None


@dataclass(frozen=True)
class _Columns:
    """A table's columns as printed, left to right."""

    order: tuple[int, ...]  # each printed column's index in the table
    widths: tuple[float, ...]
    # Amounts line up at the end of the cell: the right in English, the left in Arabic.
    flush_right: tuple[bool, ...]
    right_to_left: bool
    # No row may be taller than a page under the header, or it could never be printed.
    most_lines: int

    @classmethod
    def of(cls, table: Table, page: _Page) -> _Columns:
        count = len(table.headers)
        order = tuple(reversed(range(count))) if page.right_to_left else tuple(range(count))
        shares = table.widths if len(table.widths) == count and sum(table.widths) > 0 else ()
        widths = tuple(
            page.width * (shares[i] / sum(shares) if shares else 1 / count) for i in order
        )
        flush_right = tuple((i in table.numeric) != page.right_to_left for i in order)
        return cls(order, widths, flush_right, page.right_to_left, _lines_in(page.height))

    def row(self, cells: Sequence[str], fonts: Fonts, fill: Color | None, minimum: float) -> _Row:
        printed = tuple(
            self._cut_short(
                lines(
                    cells[i] if i < len(cells) else "",
                    width - 2 * CELL_PAD_X,
                    fonts,
                    CELL_SIZE,
                    self.right_to_left,
                )
            )
            for i, width in zip(self.order, self.widths, strict=True)
        )
        height = max(len(cell) for cell in printed) * CELL_LEADING + 2 * CELL_PAD_Y
        return _Row(printed, max(height, minimum), fill)

    def _cut_short(self, cell: tuple[Line, ...]) -> tuple[Line, ...]:
        if len(cell) <= self.most_lines:
            return cell
        # An ellipsis on the last line: the reader sees that the note goes on.
        more = lines("\u2026", CELL_SIZE * 2, REGULAR, CELL_SIZE, self.right_to_left)
        return (*cell[: self.most_lines - 1], *more)


def _lines_in(height: float) -> int:
    return max(1, int((height - 2 * CELL_PAD_Y) // CELL_LEADING))


@dataclass(frozen=True)
class _Grid:
    """A table measured once: every row broken into lines at its column widths."""

    columns: _Columns
    header: _Row
    rows: tuple[_Row, ...]
    # tops[i] is the height of the rows before row i, so any run of rows is measured at once.
    tops: tuple[float, ...]

    @classmethod
    def of(cls, table: Table, page: _Page) -> _Grid:
        columns = _Columns.of(table, page)
        header = columns.row(table.headers, BOLD, HEADER_FILL, 0.0)
        columns = replace(columns, most_lines=_lines_in(page.height - header.height))
        emphasized = set(table.emphasized)
        minimum = TALL_ROW if table.tall_rows else 0.0
        rows = [
            columns.row(cells, BOLD, EMPHASIS_FILL, minimum)
            if index in emphasized
            else columns.row(cells, REGULAR, None, minimum)
            for index, cells in enumerate(table.rows)
        ]
        rows += [columns.row((), REGULAR, None, minimum)] * table.blank_rows
        tops = [0.0]
        for row in rows:
            tops.append(tops[-1] + row.height)
        return cls(columns, header, tuple(rows), tuple(tops))

    def opening_height(self) -> float:
        """The header and the first few rows: not worth starting a table with less."""
        return self.header.height + self.tops[min(3, len(self.rows))]


class _GridPart(Flowable):  # type: ignore[misc]
    """Rows start..stop of a table under its header: a page's share, or the whole table."""

    def __init__(self, grid: _Grid, start: int, stop: int) -> None:
        super().__init__()
        self.grid, self.start, self.stop = grid, start, stop
        self.width = sum(grid.columns.widths)
        self.height = grid.header.height + grid.tops[stop] - grid.tops[start]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        tops = self.grid.tops
        # A hair of tolerance: the frame compares the same sums added in another order.
        room = available_height - self.grid.header.height - 0.01
        end = bisect_right(tops, tops[self.start] + room, self.start, self.stop + 1) - 1
        if end <= self.start:
            return []  # not even one row fits: the whole part moves to the next page
        if end >= self.stop:
            return [self]
        return [_GridPart(self.grid, self.start, end), _GridPart(self.grid, end, self.stop)]

    def draw(self) -> None:
        rows = [self.grid.header, *self.grid.rows[self.start : self.stop]]
        ys = [self.height]
        for row in rows:
            ys.append(ys[-1] - row.height)
        columns = self.grid.columns
        xs = [0.0]
        for width in columns.widths:
            xs.append(xs[-1] + width)
        canvas = self.canv
        for row, bottom in zip(rows, ys[1:], strict=True):
            if row.fill is not None:
                canvas.setFillColor(row.fill)
                canvas.rect(0, bottom, self.width, row.height, stroke=0, fill=1)
        canvas.setFillColor(black)
        pen = _Pen(canvas)
        for row, top in zip(rows, ys[:-1], strict=True):
            for x, width, right, cell in zip(
                xs, columns.widths, columns.flush_right, row.cells, strict=False
            ):
                _put_cell(pen, cell, x, width, right, top)
        canvas.drawText(pen.text)
        canvas.setStrokeColor(GRID_LINE)
        canvas.setLineWidth(0.5)
        canvas.grid(xs, ys)


def _put_cell(
    pen: _Pen, cell: tuple[Line, ...], x: float, width: float, right: bool, top: float
) -> None:
    baseline = top - CELL_PAD_Y - CELL_SIZE
    for line in cell:
        left = x + width - CELL_PAD_X - line.width if right else x + CELL_PAD_X
        pen.write(line, left, baseline, CELL_SIZE)
        baseline -= CELL_LEADING


class _Pen:
    """A reportlab text object that remembers its font and size."""

    def __init__(self, canvas: Any) -> None:
        self.text = canvas.beginText()
        self.font: tuple[str, float] | None = None

    def write(self, line: Line, x: float, y: float, size: float) -> None:
        if not line.runs:
            return
        self.text.setTextOrigin(x, y)
        *leading, (last_font, last_part) = line.runs
        for font, part in leading:
            self._use(font, size)
            self.text.textOut(part)
        self._use(last_font, size)
        # textLine, unlike textOut, does not measure the text again to move the cursor across:
        # the next line sets its own origin anyway.
        self.text.textLine(last_part)

    def _use(self, font: str, size: float) -> None:
        # Setting the same font again would write it again, once per cell of a long table.
        if self.font != (font, size):
            self.text.setFont(font, size)
            self.font = (font, size)


# --- Charts -------------------------------------------------------------------------------
#
# reportlab.graphics draws the bars and lines; every word and number around them is set here
# through `pdf_text`, like the rest of the page, since reportlab's chart labels neither join
# Arabic nor order it.

CHART_TITLE_SIZE = 10.5
CHART_LABEL_SIZE = 8.0
CHART_LEADING = 10.0
# The window's palette (ui/widgets/charts.py), Okabe and Ito's: told apart by colour-blind
# readers, and by lightness on a grey printer.
CHART_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
CHART_GRID = HexColor("#d0d0d0")
CHART_TICKS = 5  # about this many whole-number steps up the value axis
CHART_MOST_HEIGHT = 230.0  # two charts and their titles fit on a page
SWATCH = 7.0


def _chart(chart: Chart, page: _Page) -> list[Flowable]:
    if not chart.labels:
        return []
    title = _paragraph(
        chart.title, _style("chart", BOLD, CHART_TITLE_SIZE, page, spaceAfter=4), page
    )
    title.keepWithNext = True
    return [title, _ChartDrawing(chart, page), Spacer(0, 8)]


def chart_scale(values: Sequence[int]) -> tuple[int, int, int]:
    """The value axis's ends and step, every tick a whole number: the step is the first of
    1, 2, 5, 10, 20, 50... that climbs from the lowest value (or 0) to the highest in at most
    CHART_TICKS steps."""
    low, high = min([0, *values]), max([0, *values])
    span = max(high - low, 1)
    power = 1
    step = 0
    while not step:
        step = next((f * power for f in (1, 2, 5) if f * power * CHART_TICKS >= span), 0)
        power *= 10
    bottom = math.floor(low / step) * step
    top = max(math.ceil(high / step) * step, bottom + step)
    return bottom, top, step


class _ChartDrawing(Flowable):  # type: ignore[misc]
    """A bar or line chart as wide as the text: values up one side, labels under their bars,
    and a legend below when there are several series. Right to left, the first label is on the
    right and the values on the right side, like the window's chart."""

    def __init__(self, chart: Chart, page: _Page) -> None:
        super().__init__()
        self.chart = chart
        self.rtl = chart.right_to_left or page.right_to_left
        self.width = page.width
        self.height = min(page.width * CHART_HEIGHT / CHART_WIDTH, CHART_MOST_HEIGHT)
        values = [value for _name, series in chart.series for value in series]
        self.bottom, self.top, self.step = chart_scale(values)
        self.ticks = [
            (
                value,
                single_line(
                    format_number(value), self.width / 4, REGULAR, CHART_LABEL_SIZE, self.rtl
                ),
            )
            for value in range(self.bottom, self.top + 1, self.step)
        ]
        axis_room = max(line.width for _value, line in self.ticks) + 6
        # Left to right as drawn: right to left, the data is turned around, as in the window.
        order = list(range(len(chart.labels)))
        self.series = list(enumerate(chart.series))
        if self.rtl:
            order.reverse()
            self.series.reverse()
        self.order = order
        self.plot_left = 2.0 if self.rtl else axis_room
        self.plot_width = self.width - axis_room - 2.0
        slot = self.plot_width / len(order)
        self.labels = [
            lines(
                chart.labels[i],
                max(slot - 4, CHART_LABEL_SIZE),
                REGULAR,
                CHART_LABEL_SIZE,
                self.rtl,
            )
            for i in order
        ]
        label_rows = max(len(found) for found in self.labels)
        self.legend = (
            [
                (index, single_line(name, self.width / 2, REGULAR, CHART_LABEL_SIZE, self.rtl))
                for index, (name, _values) in self.series
            ]
            if len(chart.series) >= 2
            else []
        )
        legend_room = CHART_LEADING + 6 if self.legend else 0.0
        self.plot_bottom = legend_room + label_rows * CHART_LEADING + 4
        self.plot_height = self.height - self.plot_bottom - CHART_LABEL_SIZE / 2 - 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _plot(self) -> Any:
        from reportlab.graphics.charts.barcharts import VerticalBarChart
        from reportlab.graphics.charts.linecharts import HorizontalLineChart
        from reportlab.graphics.widgets.markers import makeMarker

        data = [tuple(values[i] for i in self.order) for _index, (_name, values) in self.series]
        plot = HorizontalLineChart() if self.chart.kind == "line" else VerticalBarChart()
        plot.x, plot.y = self.plot_left, self.plot_bottom
        plot.width, plot.height = self.plot_width, self.plot_height
        plot.data = data
        plot.categoryAxis.categoryNames = [str(i) for i in self.order]
        plot.categoryAxis.visibleLabels = 0
        plot.categoryAxis.visibleTicks = 0
        plot.categoryAxis.strokeColor = GRID_LINE
        axis = plot.valueAxis
        axis.valueMin, axis.valueMax, axis.valueStep = self.bottom, self.top, self.step
        axis.visibleLabels = axis.visibleAxis = axis.visibleTicks = 0
        axis.visibleGrid = 1
        axis.gridStrokeColor = CHART_GRID
        axis.gridStrokeWidth = 0.5
        for drawn, (index, _series) in enumerate(self.series):
            colour = HexColor(CHART_COLOURS[index % len(CHART_COLOURS)])
            if self.chart.kind == "line":
                plot.lines[drawn].strokeColor = colour
                plot.lines[drawn].strokeWidth = 1.8
                plot.lines[drawn].symbol = makeMarker(
                    "FilledCircle", size=3.5, fillColor=colour, strokeColor=colour
                )
            else:
                plot.bars[drawn].fillColor = colour
                plot.bars[drawn].strokeColor = colour
        if self.chart.kind != "line":
            plot.barSpacing = 1
            plot.groupSpacing = max(4.0, self.plot_width / len(self.order) * 0.25)
        return plot

    def draw(self) -> None:
        from reportlab.graphics.renderPDF import draw as render
        from reportlab.graphics.shapes import Drawing

        drawing = Drawing(self.width, self.height)
        drawing.add(self._plot())
        canvas = self.canv
        render(drawing, canvas, 0, 0)
        canvas.setFillColor(black)
        pen = _Pen(canvas)
        span = self.top - self.bottom
        for value, line in self.ticks:
            y = self.plot_bottom + (value - self.bottom) / span * self.plot_height
            x = self.width - line.width if self.rtl else self.plot_left - 4 - line.width
            pen.write(line, x, y - CHART_LABEL_SIZE * 0.35, CHART_LABEL_SIZE)
        slot = self.plot_width / len(self.order)
        legend_room = CHART_LEADING + 6 if self.legend else 0.0
        for position, found in enumerate(self.labels):
            middle = self.plot_left + (position + 0.5) * slot
            baseline = self.plot_bottom - CHART_LABEL_SIZE - 3
            for line in found:
                pen.write(line, middle - line.width / 2, baseline, CHART_LABEL_SIZE)
                baseline -= CHART_LEADING
        if self.legend:
            self._draw_legend(pen, legend_room)
        canvas.drawText(pen.text)

    def _draw_legend(self, pen: _Pen, room: float) -> None:
        canvas = self.canv
        gap = 12.0
        total = sum(SWATCH + 3 + line.width for _index, line in self.legend) + gap * (
            len(self.legend) - 1
        )
        x = self.plot_left + (self.plot_width - total) / 2
        y = room - CHART_LEADING
        for index, line in self.legend:
            canvas.setFillColor(HexColor(CHART_COLOURS[index % len(CHART_COLOURS)]))
            # Right to left, the swatch follows the name on its right: the name is read first.
            swatch_x = x + line.width + 3 if self.rtl else x
            text_x = x if self.rtl else x + SWATCH + 3
            canvas.rect(swatch_x, y - 0.5, SWATCH, SWATCH, stroke=0, fill=1)
            pen.write(line, text_x, y, CHART_LABEL_SIZE)
            x += SWATCH + 3 + line.width + gap
        canvas.setFillColor(black)


# --- Header and footer --------------------------------------------------------------------


class _Furniture:
    """What every page carries: who and what above the text, when and which page below it."""

    def __init__(self, document: Document, page_width: float, page_height: float) -> None:
        self.document = document
        self.page_width, self.page_height = page_width, page_height

    def draw(self, canvas: Any, page: int, pages: int) -> None:
        document = self.document
        start, end = (document.organization, document.title)
        if not start:
            start, end = end, ""
        numbers = _("Page {page} of {pages}").format(
            page=format_number(page), pages=format_number(pages)
        )
        top = self.page_height - MARGIN - SMALL
        bottom = MARGIN + 2
        canvas.saveState()
        canvas.setFillColor(GREY_TEXT)
        pen = _Pen(canvas)
        for words, y, at_start in (
            (start, top, True),
            (end, top, False),
            (document.prepared, bottom, True),
            (numbers, bottom, False),
        ):
            self._put(pen, words, y, at_start)
        canvas.drawText(pen.text)
        canvas.setStrokeColor(GRID_LINE)
        canvas.setLineWidth(0.5)
        rule_top = self.page_height - MARGIN - SMALL - 4
        canvas.line(MARGIN, rule_top, self.page_width - MARGIN, rule_top)
        canvas.line(MARGIN, bottom + SMALL + 2, self.page_width - MARGIN, bottom + SMALL + 2)
        canvas.restoreState()

    def _put(self, pen: _Pen, words: str, y: float, at_start: bool) -> None:
        if not words:
            return
        rtl = self.document.right_to_left
        half = (self.page_width - 2 * MARGIN) / 2 - 6
        line = single_line(words, half, REGULAR, SMALL, rtl)
        on_left = at_start != rtl
        x = MARGIN if on_left else self.page_width - MARGIN - line.width
        pen.write(line, x, y, SMALL)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, when the page count is known, then adds the furniture."""

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture.draw(self, number, len(self._pages))
            super().showPage()
        super().save()


# --- Blocks: for documents laid out by hand (the referral card, the resource directory) -----
#
# A card has a fixed size and a directory of thousands of services must print in seconds: both
# measure their text into blocks of placed lines and draw them where they fit, without platypus.


def register_fonts() -> None:
    """Make the bundled fonts known to reportlab (once per process)."""
    _register_fonts()


class Pen(_Pen):
    """A pen that also remembers its colour, for text of several colours in one text object."""

    def __init__(self, canvas: Any) -> None:
        super().__init__(canvas)
        self.color: Color | None = None

    def write_in(self, color: Color, line: Line, x: float, y: float, size: float) -> None:
        if self.color != color:
            self.text.setFillColor(color)
            self.color = color
        self.write(line, x, y, size)


@functools.lru_cache(maxsize=1)
def _drawable_characters() -> frozenset[int]:
    from reportlab.pdfbase.pdfmetrics import getFont

    _register_fonts()
    found: set[int] = set()
    for name in (REGULAR.latin, REGULAR.arabic):
        found.update(getFont(name).face.charToGlyph)
    return frozenset(found)


def drawable(text: str) -> bool:
    """Whether the bundled fonts have every letter of `text`: Latin, Greek, Cyrillic and Arabic
    script do; Ethiopic, Chinese or Devanagari would print as empty boxes."""
    import unicodedata

    known = _drawable_characters()
    return all(
        ord(char) in known or unicodedata.category(char)[0] in ("Z", "C") for char in set(text)
    )


@dataclass(frozen=True, slots=True)
class Placed:
    """A measured line, its baseline `y` points below the top of its block."""

    line: Line
    x: float
    y: float
    size: float
    color: Color


@dataclass(frozen=True)
class Block:
    placed: tuple[Placed, ...]
    height: float

    def below(self, other: Block, gap: float = 0.0) -> Block:
        """This block with `other` under it."""
        return stacked((self, other), gap)

    def shifted(self, dx: float) -> Block:
        return Block(
            tuple(Placed(p.line, p.x + dx, p.y, p.size, p.color) for p in self.placed),
            self.height,
        )

    def draw(self, pen: Pen, left: float, top: float) -> None:
        for p in self.placed:
            pen.write_in(p.color, p.line, left + p.x, top - p.y, p.size)


EMPTY_BLOCK = Block((), 0.0)


def stacked(blocks: Sequence[Block], gap: float = 0.0) -> Block:
    """The blocks one under another, `gap` apart; empty ones take no room."""
    placed: list[Placed] = []
    height = 0.0
    for block in blocks:
        if not block.placed:
            continue
        if placed:
            height += gap
        # Built directly, not with dataclasses.replace: a directory places a million lines.
        placed += [Placed(p.line, p.x, p.y + height, p.size, p.color) for p in block.placed]
        height += block.height
    return Block(tuple(placed), height)


def _cut_to(
    found: tuple[Line, ...], most: int, fonts: Fonts, size: float, rtl: bool
) -> tuple[Line, ...]:
    if most <= 0 or len(found) <= most:
        return found
    more = lines("\u2026", size * 2, fonts, size, rtl)
    return (*found[: most - 1], *more)


def text_block(
    text: str,
    width: float,
    fonts: Fonts,
    size: float,
    right_to_left: bool,
    color: Color = black,
    most_lines: int = 0,
    leading: float = 1.3,
) -> Block:
    """The text broken to `width`, each line set where its direction starts a line."""
    if not text:
        return EMPTY_BLOCK
    step = size * leading
    found = _cut_to(
        lines(text, width, fonts, size, right_to_left), most_lines, fonts, size, right_to_left
    )
    return Block(
        tuple(
            Placed(
                line, width - line.width if right_to_left else 0.0, size + index * step, size, color
            )
            for index, line in enumerate(found)
        ),
        len(found) * step,
    )


def field_block(
    label: str,
    value: str,
    width: float,
    label_width: float,
    size: float,
    right_to_left: bool,
    most_lines: int = 0,
    label_color: Color = GREY_TEXT,
) -> Block:
    """A label and its value side by side: the label first in reading order, in bold."""
    gap = size * 0.6
    value_width = width - label_width - gap
    named = text_block(label, label_width, BOLD, size, right_to_left, label_color)
    told = text_block(value, value_width, REGULAR, size, right_to_left, black, most_lines)
    if right_to_left:
        named = named.shifted(width - label_width)
    else:
        told = told.shifted(label_width + gap)
    return Block(named.placed + told.placed, max(named.height, told.height))


def label_width(labels: Sequence[str], size: float, most: float) -> float:
    """Room for the widest label, no more than `most`."""
    widest = max((text_width(label, BOLD, size) for label in labels), default=0.0)
    return min(widest + 1, most)
