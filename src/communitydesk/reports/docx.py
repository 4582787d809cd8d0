"""A document as an editable Word file (.docx), written with python-docx: no Qt, no reportlab.

Funders' forms are Word files or web forms, so a leader pastes from this rather than from a PDF.
What it says matches the PDF; how it looks is left to Word's styles (Title, Heading 1, Table
Grid), so the group's edits keep one look. A chart becomes a small table of its figures, which
pastes anywhere and stays editable.

Right-to-left documents get Word's own settings: bidi paragraphs, right-to-left runs, tables whose
first column is on the right. Word reads a paragraph's "left" and "right" alignment as its start
and end when the paragraph is right-to-left, so RIGHT is "the end of the line" in both directions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _, format_number, without_isolates
from communitydesk.reports.document import Chart, Document, Section, Table
from communitydesk.reports.pdf_text import as_embeddings

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section as WordSection
    from docx.section import _Footer, _Header
    from docx.table import Table as WordTable
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

MARGIN_MM = 15  # as the PDF's: tables get the same room
HEADER_FILL = "E6E6E6"
EMPHASIS_FILL = "F3F3F3"
GREY_TEXT = "555555"
NOTE_POINTS = 8.5
FURNITURE_POINTS = 8.0
TALL_ROW_MM = 9  # room for a signature
# Bidi classes of letters written from the right (Hebrew, Arabic and their kin).
_RIGHT_TO_LEFT_CLASSES = frozenset(("R", "AL"))
# What follows w:bidi in a paragraph's properties (ECMA-376 CT_PPr), to insert it in its place.
_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# What follows w:shd in a cell's properties (CT_TcPr).
_AFTER_SHADING = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
# What follows w:tblHeader in a row's properties (CT_TrPr).
_AFTER_TABLE_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_PAGE_FIELDS = re.compile(r"(\{page\}|\{pages\})")


def write_docx(document: Document, target: Path) -> Path:
    """Write `document` to `target` as .docx, whole or not at all (a failure leaves what was
    there)."""
    # python-docx brings lxml and its templates: loaded with the first document, not at start-up.
    import docx

    word = docx.Document()
    _Writer(word, document).write()
    with written_whole(target) as partial:
        word.save(str(partial))
    return target


def _word_text(text: str) -> str:
    # Word lays out the older embeddings everywhere; isolates only in recent versions.
    return as_embeddings(text)


def _reads_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT_CLASSES for char in text)


class _Writer:
    def __init__(self, word: WordDocument, document: Document) -> None:
        self.word = word
        self.document = document
        self.rtl = document.right_to_left

    def write(self) -> None:
        from docx.shared import Mm

        document = self.document
        properties = self.word.core_properties
        properties.title = without_isolates(document.title)
        properties.author = without_isolates(document.organization)
        properties.comments = "CommunityDesk"
        section = self.word.sections[0]
        self._page(section)
        self.text_width = int(section.page_width or 0) - 2 * int(Mm(MARGIN_MM))
        self._paragraph(document.title, style="Title")
        if document.subtitle:
            self._paragraph(document.subtitle, style="Subtitle")
        for text in document.introduction:
            self._paragraph(text)
        for part in document.sections:
            self._section(part)
        for text in document.footnotes:
            self._paragraph(text, size=NOTE_POINTS, color=GREY_TEXT)
        self._furniture(section)

    # --- Page ---------------------------------------------------------------------------------

    def _page(self, section: WordSection) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Inches, Mm

        # Letter, as the PDF: the groups are Canadian.
        width, height = Inches(8.5), Inches(11)
        if self.document.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
        section.header_distance = section.footer_distance = Mm(MARGIN_MM / 2)
        if self.rtl:
            # The section's own direction: page numbers and columns start on the right.
            _add_flag(section._sectPr, "w:bidi", ("w:docGrid", "w:printerSettings"))

    def _furniture(self, section: WordSection) -> None:
        """Organization and title above the text, "Prepared by …" and the page number below,
        like the PDF: each pair at the two ends of the line."""
        document = self.document
        start, end = document.organization, document.title
        if not start:
            start, end = end, ""
        header = section.header
        self._ends(_table_in(header, self.text_width), start, end)
        footer = section.footer
        cells = self._ends(_table_in(footer, self.text_width), document.prepared, "")
        self._page_number(cells[1].paragraphs[0])

    def _ends(self, table: WordTable, start: str, end: str) -> Sequence[_Cell]:
        from docx.enum.table import WD_TABLE_DIRECTION
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if self.rtl:
            table.table_direction = WD_TABLE_DIRECTION.RTL
        cells = table.rows[0].cells
        for cell, words, at_end in ((cells[0], start, False), (cells[1], end, True)):
            paragraph = cell.paragraphs[0]
            self._direction(paragraph)
            if at_end:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if words:
                self._run(paragraph, words, size=FURNITURE_POINTS, color=GREY_TEXT)
        return cells

    def _page_number(self, paragraph: Paragraph) -> None:
        """ "Page N of M" with Word's fields, so it counts the pages Word lays out."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        wording = _("Page {page} of {pages}")
        for part in _PAGE_FIELDS.split(wording):
            if part in ("{page}", "{pages}"):
                field = OxmlElement("w:fldSimple")
                field.set(qn("w:instr"), "PAGE" if part == "{page}" else "NUMPAGES")
                paragraph._p.append(field)
                holder = self._run(paragraph, "1", size=FURNITURE_POINTS, color=GREY_TEXT)
                # The run shows until Word updates the field: it belongs inside it.
                field.append(holder._r)
            elif part:
                self._run(paragraph, part, size=FURNITURE_POINTS, color=GREY_TEXT)

    # --- Text ---------------------------------------------------------------------------------

    def _section(self, section: Section) -> None:
        heading = None
        if section.heading:
            heading = self._paragraph(section.heading, style="Heading 1")
            heading.paragraph_format.keep_with_next = True
        if section.new_page:
            # Word drops a page break before the first paragraph of a page: harmless.
            first = heading or self._paragraph("")
            first.paragraph_format.page_break_before = True
        for text in section.paragraphs:
            self._paragraph(text)
        if section.chart is not None:
            self._chart(section.chart)
        if section.table is not None and section.table.headers:
            self._table(section.table)

    def _paragraph(
        self,
        text: str,
        style: str | None = None,
        bold: bool = False,
        size: float | None = None,
        color: str | None = None,
    ) -> Paragraph:
        paragraph = self.word.add_paragraph(style=style)
        self._direction(paragraph)
        if text:
            self._run(paragraph, text, bold=bold, size=size, color=color)
        return paragraph

    def _direction(self, paragraph: Paragraph) -> None:
        if self.rtl:
            _add_flag(paragraph._p.get_or_add_pPr(), "w:bidi", _AFTER_BIDI)

    def _run(
        self,
        paragraph: Paragraph,
        text: str,
        bold: bool = False,
        size: float | None = None,
        color: str | None = None,
    ) -> Run:
        from docx.shared import Pt, RGBColor

        # Run.text turns "\n" into Word's line breaks.
        run = paragraph.add_run(_word_text(text))
        font = run.font
        if bold:
            # Arabic is complex script: Word bolds it by its own flag.
            font.bold = font.cs_bold = True
        if size is not None:
            font.size = Pt(size)
            rpr = run._r.get_or_add_rPr()
            # The complex-script size follows, or Arabic would stay at the style's size.
            _set_value(rpr, "w:szCs", str(round(size * 2)), _AFTER_SIZE_CS)
        if color is not None:
            font.color.rgb = RGBColor.from_string(color)
        if self.rtl and _reads_right_to_left(text):
            font.rtl = True
        return run

    # --- Tables -------------------------------------------------------------------------------

    def _chart(self, chart: Chart) -> None:
        """The chart's figures as a table under its title: a label column, a column a series."""
        title = self._paragraph(chart.title, style="Heading 2")
        title.paragraph_format.keep_with_next = True
        names = tuple(name for name, _values in chart.series)
        rows = tuple(
            (label, *(format_number(values[index]) for _name, values in chart.series))
            for index, label in enumerate(chart.labels)
        )
        count = len(names)
        self._table(Table(("", *names), rows, numeric=tuple(range(1, count + 1))))

    def _table(self, table: Table) -> None:
        from docx.enum.table import WD_TABLE_DIRECTION
        from docx.shared import Emu

        count = len(table.headers)
        made = self.word.add_table(rows=1, cols=count)
        made.style = "Table Grid"
        made.autofit = False
        if self.rtl:
            made.table_direction = WD_TABLE_DIRECTION.RTL
        widths = self._widths(table)
        for column, width in zip(made.columns, widths, strict=True):
            column.width = Emu(width)
        header = made.rows[0]
        _repeat_as_header(header)
        self._row(header, table.headers, table, widths, bold=True, fill=HEADER_FILL)
        tall = table.tall_rows
        emphasized = set(table.emphasized)
        for index, cells in enumerate(table.rows):
            strong = index in emphasized
            fill = EMPHASIS_FILL if strong else None
            self._row(made.add_row(), cells, table, widths, strong, fill, tall)
        for _index in range(table.blank_rows):
            self._row(made.add_row(), (), table, widths, False, None, tall)
        # Word wants a paragraph between two tables, and a little room after each.
        self._paragraph("")

    def _widths(self, table: Table) -> list[int]:
        count = len(table.headers)
        shares = table.widths if len(table.widths) == count and sum(table.widths) > 0 else ()
        if not shares:
            return [self.text_width // count] * count
        return [self.text_width * share // sum(shares) for share in shares]

    def _row(
        self,
        row: _Row,
        cells: Sequence[str],
        table: Table,
        widths: Sequence[int],
        bold: bool,
        fill: str | None,
        tall: bool = False,
    ) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Emu, Mm

        if tall:
            row.height = Mm(TALL_ROW_MM)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for index, cell in enumerate(row.cells):
            cell.width = Emu(widths[index])
            paragraph = cell.paragraphs[0]
            self._direction(paragraph)
            if index in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            text = cells[index] if index < len(cells) else ""
            if text:
                self._run(paragraph, text, bold=bold)
            if fill is not None:
                _shade(cell, fill)


# What follows w:szCs in a run's properties (CT_RPr).
_AFTER_SIZE_CS = (
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def _add_flag(parent: BaseOxmlElement, tag: str, successors: Sequence[str]) -> None:
    """An on/off element such as w:bidi, in its schema place (Word refuses files otherwise)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if parent.find(qn(tag)) is None:
        parent.insert_element_before(OxmlElement(tag), *successors)


def _set_value(parent: BaseOxmlElement, tag: str, value: str, successors: Sequence[str]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = parent.insert_element_before(OxmlElement(tag), *successors)
    found.set(qn("w:val"), value)


def _shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement(
        "w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}
    )
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *_AFTER_SHADING)


def _repeat_as_header(row: _Row) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    _add_flag(row._tr.get_or_add_trPr(), "w:tblHeader", _AFTER_TABLE_HEADER)


def _table_in(part: _Header | _Footer, width: int) -> WordTable:
    """A borderless two-cell table in a page header or footer, above the paragraph that Word
    needs after a table there, made tiny so it adds no blank line."""
    from docx.shared import Emu, Pt

    table = part.add_table(1, 2, Emu(width))
    first = part.paragraphs[0]
    # A new header holds one empty paragraph, before the table: it moves after it.
    table._tbl.addnext(first._p)
    first.paragraph_format.space_before = first.paragraph_format.space_after = Pt(0)
    first.paragraph_format.line_spacing = Pt(1)
    return table
