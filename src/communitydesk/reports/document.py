"""A printable document as plain data: a title, then sections of text, charts and tables.

Builders in this package fill it from records the services hand them; `to_html` turns it into
the HTML the window prints. Everything user-visible arrives already translated. A chart stays
data here: the HTML only points at an image, "chart:N", that the printer draws and supplies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from communitydesk.core.i18n import without_isolates


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths in percent; empty lets the printer choose.
    widths: tuple[int, ...] = ()
    # Extra empty rows to write in by hand (a sign-in sheet, a phone tree's notes).
    blank_rows: int = 0
    # Rows with room for a signature or handwriting.
    tall_rows: bool = False
    # Columns of amounts and counts, by index: they line up at the end of the cell.
    numeric: tuple[int, ...] = ()
    # Rows printed in bold, by index: totals and subtotals.
    emphasized: tuple[int, ...] = ()


CHART_KINDS = ("bar", "line")


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str  # "bar" or "line"
    # One category per label, e.g. months, read in this order (from the right when right_to_left).
    labels: tuple[str, ...]
    # Each series is a name and one count per label.
    series: tuple[tuple[str, tuple[int, ...]], ...]
    right_to_left: bool = False

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"Unknown chart kind {self.kind!r}")
        for name, values in self.series:
            if len(values) != len(self.labels):
                raise ValueError(
                    f"Series {name!r} has {len(values)} values for {len(self.labels)} labels"
                )


# How wide a chart prints, in CSS pixels (1/96 inch): Qt prints a document inside the page margins
# and 2 cm more on each side, which leaves about 553 px on a Letter page with 15 mm margins.
# Twice as wide as high: six months of bars stay readable and two charts fit on a page.
CHART_WIDTH = 540
CHART_HEIGHT = 270


@dataclass(frozen=True)
class Section:
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    # Start this section on a new page (one caller's list in a phone tree).
    new_page: bool = False
    # Printed after the paragraphs and before the table, its title as text above it.
    chart: Chart | None = None


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str = ""
    right_to_left: bool = False
    introduction: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    footnotes: tuple[str, ...] = ()
    # A file name without extension that says what the document is, e.g. "contact-list".
    name: str = "document"
    # Printed at the top of every page and at the foot with `prepared` (renderers that can).
    organization: str = ""
    # "Prepared by … on …", already translated.
    prepared: str = ""
    # Wide tables (a budget by month) print across the page.
    landscape: bool = False

    def text(self) -> str:
        """Every word the document prints, in reading order (for tests and searching)."""
        parts = [self.organization, self.title, self.subtitle, *self.introduction]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs]
            if section.chart is not None:
                chart = section.chart
                parts += [chart.title, *chart.labels, *(name for name, _values in chart.series)]
            if section.table is not None:
                parts += section.table.headers
                parts += [cell for row in section.table.rows for cell in row]
        parts += [*self.footnotes, self.prepared]
        return without_isolates("\n".join(part for part in parts if part))


_STYLE = """
body { font-size: 10pt; }
h1 { font-size: 16pt; margin-bottom: 2pt; }
h2 { font-size: 12pt; margin-top: 12pt; margin-bottom: 4pt; }
p.subtitle { color: #444444; margin-top: 0; }
p.note { font-size: 8.5pt; color: #444444; }
table { border-collapse: collapse; }
th { background-color: #e8e8e8; font-weight: bold; }
td, th { padding: 3px; border: 1px solid #999999; font-size: 9pt; }
"""


def _lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.split("\n"))


def _table(table: Table, right_to_left: bool) -> str:
    direction = ' dir="rtl" align="right"' if right_to_left else ""
    if right_to_left:
        # Written from the right: see to_html.
        table = replace(
            table,
            headers=table.headers[::-1],
            rows=tuple(row[::-1] for row in table.rows),
            widths=table.widths[::-1],
        )
    out = ['<table width="100%" cellspacing="0" cellpadding="3" border="1">', "<thead><tr>"]
    for index, header in enumerate(table.headers):
        width = f' width="{table.widths[index]}%"' if index < len(table.widths) else ""
        out.append(f"<th{width}{direction}>{_lines(header)}</th>")
    out.append("</tr></thead>")
    # Qt's rich text ignores row heights; cell padding is what makes a row tall enough to sign.
    tall = ' style="padding-top: 6px; padding-bottom: 6px"' if table.tall_rows else ""
    cell = f"<td{tall}{direction}>"
    for row in table.rows:
        out.append("<tr>" + "".join(f"{cell}{_lines(text)}</td>" for text in row) + "</tr>")
    for _ in range(table.blank_rows):
        out.append("<tr>" + f"{cell}&nbsp;</td>" * len(table.headers) + "</tr>")
    out.append("</table>")
    return "".join(out)


def charts(document: Document) -> tuple[Chart, ...]:
    """The document's charts in printing order: chart N is the image "chart:N" in `to_html`."""
    return tuple(section.chart for section in document.sections if section.chart is not None)


def _chart(chart: Chart, index: int) -> str:
    # The printer draws the title above the picture, as text, so no page break parts them.
    return (
        f'<p><img src="chart:{index}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"'
        f' alt="{escape(chart.title)}"/></p>'
    )


def to_html(document: Document) -> str:
    # A right-to-left document is written as left-to-right HTML whose every paragraph and cell
    # reads from the right, with its tables' columns reversed. Qt mirrors some tables in a
    # right-to-left body and not others; this way every table comes out the same.
    rtl = ' dir="rtl" align="right"' if document.right_to_left else ""
    out = [
        '<html><head><meta charset="utf-8"/>',
        f"<title>{escape(document.title)}</title><style>{_STYLE}</style></head>",
        "<body>",
        f"<h1{rtl}>{escape(document.title)}</h1>",
    ]
    if document.subtitle:
        out.append(f'<p class="subtitle"{rtl}>{escape(document.subtitle)}</p>')
    out += [f"<p{rtl}>{_lines(text)}</p>" for text in document.introduction]
    chart_count = 0
    for section in document.sections:
        page_break = ' style="page-break-before: always"' if section.new_page else ""
        if section.heading:
            out.append(f"<h2{page_break}{rtl}>{escape(section.heading)}</h2>")
        elif page_break:
            out.append(f"<p{page_break}></p>")
        out += [f"<p{rtl}>{_lines(text)}</p>" for text in section.paragraphs]
        if section.chart is not None:
            out.append(_chart(section.chart, chart_count))
            chart_count += 1
        if section.table is not None:
            out.append(_table(section.table, document.right_to_left))
    out += [f'<p class="note"{rtl}>{_lines(text)}</p>' for text in document.footnotes]
    out.append("</body></html>")
    return "\n".join(out)
