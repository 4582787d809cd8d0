from __future__ import annotations

import shutil
import subprocess
import threading
import unicodedata
from pathlib import Path
from typing import cast

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QLineSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from communitydesk.reports.document import Chart, Document, Section, Table
from communitydesk.ui.printing import render_charts, save_pdf
from communitydesk.ui.qt_language import load_bundled_fonts
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.charts import COLOURS, chart_image, chart_view

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun")
VISITS = Chart("Visits per month", "bar", MONTHS, (("Visits", (12, 19, 7, 25, 31, 18)),))
HOURS = Chart(
    "Bénévoles actifs par mois",
    "line",
    ("janv.", "févr.", "mars", "avr.", "mai", "juin"),
    (("Bénévoles", (4, 6, 5, 9, 12, 11)), ("Heures données", (20, 31, 18, 40, 52, 47))),
)
ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو")
ARABIC = Chart(
    "الزيارات حسب الشهر",
    "bar",
    ARABIC_MONTHS,
    (("زيارات", (12, 19, 7, 25, 31, 18)), ("مكالمات", (5, 8, 11, 4, 9, 14))),
    right_to_left=True,
)


@pytest.fixture(autouse=True)
def _fonts(qapp: QApplication) -> None:
    # As the app does on start: Arabic labels need the bundled Noto Sans Arabic.
    load_bundled_fonts()


def _report(chart: Chart, right_to_left: bool = False) -> Document:
    rows = tuple(
        (label, str(value)) for label, value in zip(chart.labels, chart.series[0][1], strict=True)
    )
    return Document(
        title="Activity report",
        right_to_left=right_to_left,
        sections=(
            Section(heading="Visits", paragraphs=("Spring was busy.",), chart=chart),
            Section(heading="Numbers", table=Table(("Month", "Visits"), rows)),
        ),
    )


def _pdf_text(path: Path) -> str:
    # pypdf may join words with tabs: Qt places each word on its own.
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _pictures(page: PageObject) -> list[tuple[int, int, str]]:
    """Each image on the page: its width, height and compression, read from the PDF's own
    dictionaries (pypdf's image decoding would need Pillow, which the app does not)."""
    resources = cast(DictionaryObject, page["/Resources"].get_object())
    if "/XObject" not in resources:
        return []
    found = []
    for entry in cast(DictionaryObject, resources["/XObject"].get_object()).values():
        picture = cast(DictionaryObject, entry.get_object())
        if picture.get("/Subtype") == "/Image":
            width, height = (int(str(picture[key])) for key in ("/Width", "/Height"))
            found.append((width, height, str(picture.get("/Filter"))))
    return found


def _coloured_pixels(image: QImage, colour: str, tolerance: int = 40) -> int:
    wanted = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - wanted.red())
                + abs(pixel.green() - wanted.green())
                + abs(pixel.blue() - wanted.blue())
                <= tolerance
            ):
                count += 1
    return count


def test_a_bar_chart_shows_its_series_and_labels(qtbot: QtBot) -> None:
    view = chart_view(VISITS)
    qtbot.addWidget(view)
    chart = view.chart()
    assert chart.title() == "Visits per month"
    (bars,) = chart.series()
    assert isinstance(bars, QBarSeries)
    (visits,) = bars.barSets()
    assert visits.label() == "Visits"
    assert [visits.at(index) for index in range(visits.count())] == [12, 19, 7, 25, 31, 18]
    assert visits.color() == QColor(COLOURS[0])
    categories = chart.axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(categories, QBarCategoryAxis)
    assert categories.categories() == list(MONTHS)
    values = chart.axes(Qt.Orientation.Vertical)[0]
    assert isinstance(values, QValueAxis)
    assert values.labelFormat() == "%d"
    assert values.min() == 0 and values.max() >= 31
    # Whole-number ticks only.
    step = (values.max() - values.min()) / (values.tickCount() - 1)
    assert step == int(step)
    # One series needs no legend.
    assert not chart.legend().isVisible()


def test_long_labels_stand_one_word_a_line_and_are_never_cut(qtbot: QtBot) -> None:
    chart = Chart("Ages", "bar", ("janv. 2025", "<18 & up"), (("People", (3, 4)),))
    view = chart_view(chart)
    qtbot.addWidget(view)
    categories = view.chart().axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(categories, QBarCategoryAxis)
    # Qt Charts reads labels as rich text: what people typed is escaped.
    assert categories.categories() == ["janv.<br>2025", "&lt;18<br>&amp;<br>up"]
    assert not categories.truncateLabels()


def test_a_line_chart_has_one_line_per_series_and_a_legend(qtbot: QtBot) -> None:
    view = chart_view(HOURS)
    qtbot.addWidget(view)
    chart = view.chart()
    lines = chart.series()
    assert [line.name() for line in lines] == ["Bénévoles", "Heures données"]
    assert all(isinstance(line, QLineSeries) for line in lines)
    assert isinstance(lines[1], QLineSeries)
    assert [point.y() for point in lines[1].points()] == [20, 31, 18, 40, 52, 47]
    categories = chart.axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(categories, QBarCategoryAxis)
    assert categories.categories() == list(HOURS.labels)
    assert chart.legend().isVisible()


def test_a_right_to_left_chart_reads_from_the_right(qtbot: QtBot) -> None:
    view = chart_view(ARABIC)
    qtbot.addWidget(view)
    chart = view.chart()
    categories = chart.axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(categories, QBarCategoryAxis)
    # Categories are drawn from left to right: January comes last, on the right.
    assert categories.categories() == list(reversed(ARABIC_MONTHS))
    values = chart.axes(Qt.Orientation.Vertical)[0]
    assert values.alignment() == Qt.AlignmentFlag.AlignRight
    (bars,) = chart.series()
    assert isinstance(bars, QBarSeries)
    # The first series stands right of the second in each month, in its usual colour.
    _second, first = bars.barSets()
    assert (first.label(), first.at(5)) == ("زيارات", 12)
    assert first.color() == QColor(COLOURS[0])
    # The labels' fonts have Arabic letters, so nothing is drawn as empty boxes.
    metrics = QFontMetricsF(categories.labelsFont())
    assert all(metrics.inFontUcs4(ord(letter)) for letter in "".join(ARABIC_MONTHS))


def test_chart_image_draws_on_white(qtbot: QtBot) -> None:
    image = chart_image(ARABIC, 1200, 600, scale=2)
    assert (image.width(), image.height()) == (1200, 600)
    assert image.pixelColor(2, 2) == QColor(Qt.GlobalColor.white)
    assert _coloured_pixels(image, COLOURS[0]) > 1000
    assert _coloured_pixels(image, COLOURS[1]) > 500


def test_the_pdf_has_the_chart_title_as_text_and_its_picture(qtbot: QtBot, tmp_path: Path) -> None:
    target = save_pdf(_report(VISITS), tmp_path / "report.pdf")
    text = _pdf_text(target)
    assert "Visits per month" in text
    assert text.index("Spring was busy.") < text.index("Visits per month") < text.index("Month")
    page = PdfReader(target).pages[0]
    # One picture, sharp in print (about 290 dpi), and stored without JPEG blur.
    assert _pictures(page) == [(1620, 810, "/FlateDecode")]
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", target, tmp_path / "page"],
        check=True,
    )
    rendered = QImage(str(tmp_path / "page-1.png"))
    assert _coloured_pixels(rendered, COLOURS[0]) > 200


def test_a_right_to_left_arabic_report_prints_its_chart(qtbot: QtBot, tmp_path: Path) -> None:
    target = save_pdf(_report(ARABIC, right_to_left=True), tmp_path / "report.pdf")
    # Arabic comes out of a PDF as presentation forms in visual order: fold them, mirror words.
    text = unicodedata.normalize("NFKC", _pdf_text(target))
    for word in ARABIC.title.split():
        assert word[::-1] in text
    assert len(_pictures(PdfReader(target).pages[0])) == 1


def test_a_worker_thread_prints_charts_drawn_beforehand(qtbot: QtBot, tmp_path: Path) -> None:
    document = _report(HOURS)
    images = render_charts(document)
    runner = TaskRunner()
    made: list[Path] = []
    runner.run(lambda _task: save_pdf(document, tmp_path / "report.pdf", images), made.append)
    qtbot.waitUntil(lambda: bool(made))
    assert "Bénévoles actifs par mois" in _pdf_text(made[0])


def test_a_worker_thread_cannot_draw_charts_itself(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        for draw in (
            lambda: save_pdf(_report(VISITS), tmp_path / "report.pdf"),
            lambda: render_charts(_report(VISITS)),
        ):
            try:
                draw()
            except RuntimeError as error:
                errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    # A clear error, not a crash; and no half-written file.
    assert "render_charts" in str(errors[0])
    assert "GUI thread" in str(errors[1])
    assert not list(tmp_path.iterdir())
