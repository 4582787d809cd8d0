"""Make a report document into a PDF, preview it, print it, or save it.

Qt lays the document out: its text engine shapes and orders every script, so Arabic letters join
and right-to-left tables read from the right. Laying out a long list takes seconds (about a
millisecond a row), so the PDF is always made on the task runner; the preview then shows that
very file, page by page, and printing sends its pages to the printer. What is previewed, saved
and printed is one and the same.

Charts print as images drawn by Qt Charts, which works on the GUI thread only. A caller that
makes a PDF with charts on the task runner first calls `render_charts` on the GUI thread and
passes its images along; without them, only the GUI thread can make such a PDF.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QMarginsF,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QThread,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
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
from communitydesk.reports.document import (
    CHART_HEIGHT,
    CHART_WIDTH,
    Chart,
    Document,
    charts,
    to_html,
)
from communitydesk.ui.qt_language import UI_FONT_FAMILIES
from communitydesk.ui.widgets.charts import chart_image
from communitydesk.ui.widgets.messages import show_error

# Letter, the paper Canadian and US groups buy; A4 printers scale it without cutting anything.
PAGE_SIZE = QPageSize.PageSizeId.Letter
MARGINS_MM = QMarginsF(15, 15, 15, 15)
PDF_RESOLUTION = 300
PRINT_DPI = 200  # pages are sent to the printer as images of this sharpness
# Qt lays out many small tables faster than one long one; each repeats its header row.
ROWS_PER_TABLE = 40
# Chart images have three pixels for each one they print on (about 290 dpi): sharp on paper.
CHART_SCALE = 3


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
            part = replace(table, rows=rows, blank_rows=table.blank_rows if last else 0)
            if start == 0:
                sections.append(replace(section, table=part))
            else:
                sections.append(
                    replace(
                        section, heading="", paragraphs=(), table=part, new_page=False, chart=None
                    )
                )
    return replace(document, sections=tuple(sections))


class _ChartPrinter(QPyTextObject):
    """Prints each chart image ("chart:N") as one piece: the chart's title, the picture below.

    A page break can separate a paragraph from the image after it, never one object's parts. The
    title stays text in the PDF (searchable, copyable), and the picture is stored losslessly:
    Qt would otherwise store it as a JPEG, blurring thin lines and small labels.
    """

    def __init__(self, charts: tuple[Chart, ...], parent: QObject) -> None:
        super().__init__(parent)
        self.charts = charts

    def _chart(self, text_format: QTextFormat) -> Chart:
        name = text_format.toImageFormat().name()
        return self.charts[int(name.removeprefix("chart:"))]

    def _title(self, doc: QTextDocument, chart: Chart, width: float) -> tuple[QFont, float]:
        """The title's font, and its height with half a line below, in the page's units."""
        font = QFont(doc.defaultFont())
        font.setBold(True)
        device = doc.documentLayout().paintDevice()
        metrics = QFontMetricsF(font) if device is None else QFontMetricsF(font, device)
        flags = int(Qt.TextFlag.TextWordWrap)
        wrapped = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, chart.title)
        return font, wrapped.height() + metrics.height() / 2

    def intrinsicSize(  # noqa: N802 (Qt's name)
        self, doc: QTextDocument, position: int, text_format: QTextFormat
    ) -> QSizeF:
        # Qt lays out a printed document in the printer's pixels; the HTML's sizes are CSS pixels.
        device = doc.documentLayout().paintDevice()
        scale = 1.0 if device is None else device.logicalDpiX() / 96
        image = text_format.toImageFormat()
        width = image.width() * scale
        _font, title_height = self._title(doc, self._chart(text_format), width)
        return QSizeF(width, title_height + image.height() * scale)

    def drawObject(  # noqa: N802 (Qt's name)
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        position: int,
        text_format: QTextFormat,
    ) -> None:
        area = QRectF(rect)
        chart = self._chart(text_format)
        font, title_height = self._title(doc, chart, area.width())
        title = QRectF(area.left(), area.top(), area.width(), title_height)
        picture = QRectF(area.left(), title.bottom(), area.width(), area.height() - title_height)
        image = doc.resource(
            QTextDocument.ResourceType.ImageResource, QUrl(text_format.toImageFormat().name())
        )
        # The title starts where the chart's language starts a line: on the right in Arabic.
        option = QTextOption(Qt.AlignmentFlag.AlignLeading)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft
            if chart.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        painter.save()
        try:
            painter.setFont(font)
            painter.setPen(QColor(Qt.GlobalColor.black))
            painter.drawText(title, chart.title, option)
            painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            if isinstance(image, QImage):
                painter.drawImage(picture, image)
        finally:
            painter.restore()


def render_charts(document: Document) -> dict[int, QImage]:
    """The images of the document's charts, by number, for `save_pdf` (GUI thread only)."""
    return {
        number: chart_image(
            chart,
            CHART_WIDTH * CHART_SCALE,
            CHART_HEIGHT * CHART_SCALE,
            scale=CHART_SCALE,
            # _ChartPrinter prints the title as text above the image.
            with_title=False,
        )
        for number, chart in enumerate(charts(document))
    }


def text_document(document: Document, images: dict[int, QImage] | None = None) -> QTextDocument:
    """The document laid out by Qt; `images` are its charts' from `render_charts`.

    Without `images`, a document with charts can only be made on the GUI thread.
    """
    wanted = charts(document)
    if wanted and images is None:
        if not QThread.isMainThread():
            raise RuntimeError(
                "A document with charts needs render_charts() on the GUI thread first"
            )
        images = render_charts(document)
    text = QTextDocument()
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSizeF(10)
    text.setDefaultFont(font)
    for number in range(len(wanted)):
        if images is None or number not in images:
            raise RuntimeError(f"No image for chart {number} of {len(wanted)}")
        text.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{number}"), images[number]
        )
    # The document's only images are its charts.
    text.documentLayout().registerHandler(
        QTextFormat.ObjectTypes.ImageObject, _ChartPrinter(wanted, parent=text)
    )
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


def save_pdf(document: Document, target: Path, images: dict[int, QImage] | None = None) -> Path:
    """Write `document` to `target`; a failed write leaves no file.

    Safe on a worker thread, given the images of the document's charts, if any, from
    `render_charts` on the GUI thread.
    """
    # Before the file is opened: a chart without its image is a bug that should write nothing.
    text = text_document(document, images)
    with written_whole(target) as partial:
        writer = QPdfWriter(str(partial))
        writer.setPageLayout(_page_layout())
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(document.title)
        writer.setCreator("CommunityDesk")
        text.print_(writer)
        del writer  # closes the file
    return target


def draft_file(write: Callable[[Path], object], suffix: str = ".pdf") -> Path:
    """A private temporary file (readable by this user only) filled by `write`, for a preview;
    nothing is left behind when writing fails."""
    handle, name = tempfile.mkstemp(prefix="communitydesk-", suffix=suffix)
    os.close(handle)
    try:
        write(Path(name))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def draft_pdf(document: Document, images: dict[int, QImage] | None = None) -> Path:
    """The document as a private temporary PDF laid out by Qt, for the preview.

    On a worker thread, a document with charts needs their `images` (see `save_pdf`).
    """
    return draft_file(lambda target: save_pdf(document, target, images))


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
