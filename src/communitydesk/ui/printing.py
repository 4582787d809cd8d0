"""Make a report document into a PDF, preview it, print it, or save it.

Qt lays the document out: its text engine shapes and orders every script, so Arabic letters join
and right-to-left tables read from the right. Laying out a long list takes seconds (about a
millisecond a row), so the PDF is always made on the task runner; the preview then shows that
very file, page by page, and printing sends its pages to the printer. What is previewed, saved
and printed is one and the same.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _, format_number, ngettext
from communitydesk.reports.document import Document, Table, to_html
from communitydesk.ui.qt_language import UI_FONT_FAMILIES
from communitydesk.ui.widgets.messages import show_error

# Letter, the paper Canadian and US groups buy; A4 printers scale it without cutting anything.
PAGE_SIZE = QPageSize.PageSizeId.Letter
MARGINS_MM = QMarginsF(15, 15, 15, 15)
PDF_RESOLUTION = 300
PRINT_DPI = 200  # pages are sent to the printer as images of this sharpness
# Qt lays out many small tables faster than one long one; each repeats its header row.
ROWS_PER_TABLE = 40


def _chunked(document: Document) -> Document:
    sections = []
    for section in document.sections:
        table = section.table
        if table is None or len(table.rows) <= ROWS_PER_TABLE:
            sections.append(section)
            continue
        for start in range(0, len(table.rows), ROWS_PER_TABLE):
            rows = table.rows[start : start + ROWS_PER_TABLE]
            last = start + ROWS_PER_TABLE >= len(table.rows)
            part = Table(table.headers, rows, table.widths, table.blank_rows if last else 0)
            if start == 0:
                sections.append(replace(section, table=part))
            else:
                sections.append(
                    replace(section, heading="", paragraphs=(), table=part, new_page=False)
                )
    return replace(document, sections=tuple(sections))


def text_document(document: Document) -> QTextDocument:
    text = QTextDocument()
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSizeF(10)
    text.setDefaultFont(font)
    text.setHtml(to_html(_chunked(document)))
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document.title)
    return text


def _page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZE),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def save_pdf(document: Document, target: Path) -> Path:
    """Write `document` to `target` (safe on a worker thread); a failed write leaves no file."""
    with written_whole(target) as partial:
        writer = QPdfWriter(str(partial))
        writer.setPageLayout(_page_layout())
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(document.title)
        writer.setCreator("CommunityDesk")
        text_document(document).print_(writer)
        del writer  # closes the file
    return target


def draft_pdf(document: Document) -> Path:
    """The document as a private temporary PDF (readable by this user only), for the preview."""
    handle, name = tempfile.mkstemp(prefix="communitydesk-", suffix=".pdf")
    os.close(handle)
    return save_pdf(document, Path(name))


class PdfPreview(QDialog):
    """The PDF as it will print, with Print and Save as PDF; the draft is deleted on closing."""

    def __init__(self, document: Document, draft: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.draft = draft
        self.saved_to: Path | None = None
        self.setWindowTitle(document.title)
        self.resize(900, 1000)
        self.pdf = QPdfDocument(self)
        self.pdf.load(str(draft))
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pages = self.pdf.pageCount()
        self.pages = QLabel(
            ngettext("{count} page", "{count} pages", pages).format(count=format_number(pages))
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.ask_and_print)
        self.save_button.clicked.connect(self.ask_and_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)

    def ask_and_save(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as PDF"),
            str(Path.home() / f"{self.document.name}.pdf"),
            _("PDF file (*.pdf)"),
        )
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        try:
            shutil.copyfile(self.draft, target)
        except OSError as error:
            show_error(
                self,
                _("The file could not be written to {path}: {error}").format(
                    path=target, error=error.strerror or error
                ),
            )
            return
        self.saved_to = target

    def ask_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(_page_layout())
        printer.setDocName(self.document.title)
        printer.setFromTo(1, self.pdf.pageCount())
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Each page of the PDF, drawn to fill the printer's page."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, _("The printer could not be opened."))
            return
        try:
            first = max(printer.fromPage(), 1) - 1
            last = (printer.toPage() or self.pdf.pageCount()) - 1
            for page in range(first, last + 1):
                if page > first:
                    printer.newPage()
                points = self.pdf.pagePointSize(page)
                size = QSize(
                    round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
                )
                image = self.pdf.render(page, size)
                area = painter.viewport()
                scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(QPointF(0, 0), scaled.toSizeF()), image)
        finally:
            painter.end()

    def done(self, result: int) -> None:
        self.pdf.close()
        with contextlib.suppress(OSError):
            self.draft.unlink(missing_ok=True)
        super().done(result)
