"""Print a report document, preview it, or save it as a PDF.

Qt lays the document out: its text engine shapes and orders every script, so Arabic letters join
and right-to-left tables read from the right. Saving a PDF needs no window and runs on the task
runner; the preview and the printer run on the UI thread, as Qt requires.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _
from communitydesk.reports.document import Document, to_html
from communitydesk.ui.qt_language import UI_FONT_FAMILIES
from communitydesk.ui.widgets.messages import show_error

# Letter, the paper Canadian and US groups buy; A4 printers scale it without cutting anything.
PAGE_SIZE = QPageSize.PageSizeId.Letter
MARGINS_MM = QMarginsF(15, 15, 15, 15)
PDF_RESOLUTION = 300


def text_document(document: Document) -> QTextDocument:
    text = QTextDocument()
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSizeF(10)
    text.setDefaultFont(font)
    text.setHtml(to_html(document))
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
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = QPdfWriter(str(partial))
        writer.setPageLayout(_page_layout())
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(document.title)
        writer.setCreator("CommunityDesk")
        text_document(document).print_(writer)
        del writer  # closes the file
        if not partial.exists() or partial.stat().st_size == 0:
            raise OSError(_("nothing was written"))
        partial.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise CommunityDeskError(
            _("The file could not be written to {path}: {error}").format(
                path=target, error=error.strerror or error
            )
        ) from error
    return target


def suggested_pdf_path(document: Document, folder: Path) -> Path:
    return folder / f"{document.name}.pdf"


class PreviewDialog(QPrintPreviewDialog):
    """Qt's print preview, with a "Save as PDF…" button beside its print button."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        # Kept referenced: the dialog does not own the printer it is given.
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setPageLayout(_page_layout())
        self._printer.setDocName(document.title)
        super().__init__(self._printer, parent)
        self.document = document
        self.setWindowTitle(document.title)
        self._text = text_document(document)
        self.paintRequested.connect(self._paint)
        self.saved_to: Path | None = None
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            self.save_action = toolbar.addAction(_("Save as PDF…"))
            self.save_action.triggered.connect(self.ask_and_save)
        self.resize(QSizeF(900, 1000).toSize())

    def _paint(self, printer: QPrinter) -> None:
        self._text.print_(printer)

    def ask_and_save(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as PDF"),
            str(suggested_pdf_path(self.document, Path.home())),
            _("PDF file (*.pdf)"),
        )
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        try:
            self.saved_to = save_pdf(self.document, target)
        except CommunityDeskError as error:
            show_error(self, error)
