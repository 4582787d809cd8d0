"""A report's chart drawn with Qt Charts: a view for the window, an image for the printer.

Qt Charts draws with graphics items, which, like widgets, belong to the GUI thread: call both
functions there. A PDF made on the task runner gets its chart images made beforehand (see
`printing.render_charts`).
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt, QThread
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QWidget

from communitydesk.reports.document import Chart
from communitydesk.ui.qt_language import UI_FONT_FAMILIES

# Sizes in points: at print size a chart is about as wide as the text, so these match the body.
LABEL_POINTS = 9.0
TITLE_POINTS = 11.0
LINE_WIDTH = 2.5
# Okabe and Ito's colours: told apart by colour-blind readers, and by lightness on a grey printer.
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
# About this many steps up the value axis, each a whole number.
TICKS = 5


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _step(span: int) -> int:
    """The first of 1, 2, 5, 10, 20, 50… that climbs `span` in at most TICKS steps."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if factor * power * TICKS >= span:
                return factor * power
        power *= 10


def _scale(low: int, high: int) -> tuple[int, int, int]:
    """Axis ends and a step such that every tick is a whole number (labels are "%d")."""
    step = _step(max(high - low, 1))
    bottom = math.floor(low / step) * step
    top = max(math.ceil(high / step) * step, bottom + step)
    return bottom, top, step


def _value_axis(chart: Chart) -> QValueAxis:
    values = [value for _name, series in chart.series for value in series]
    bottom, top, step = _scale(min([0, *values]), max([0, *values]))
    axis = QValueAxis()
    axis.setRange(bottom, top)
    axis.setTickCount((top - bottom) // step + 1)
    axis.setLabelFormat("%d")
    axis.setMinorTickCount(0)
    return axis


def _category(label: str) -> str:
    """A label as Qt Charts' rich text, one word a line: twelve "janv. 2025" fit side by side."""
    return "<br>".join(escape(word) for word in label.split())


def _colour(index: int) -> QColor:
    return QColor(COLOURS[index % len(COLOURS)])


def _bars(series: list[tuple[int, str, list[int]]]) -> list[QAbstractSeries]:
    bars = QBarSeries()
    for index, name, values in series:
        bar_set = QBarSet(name)
        bar_set.append([float(value) for value in values])
        bar_set.setColor(_colour(index))
        bar_set.setBorderColor(_colour(index))
        bars.append(bar_set)
    return [bars]


def _lines(series: list[tuple[int, str, list[int]]]) -> list[QAbstractSeries]:
    lines: list[QAbstractSeries] = []
    for index, name, values in series:
        line = QLineSeries()
        line.setName(name)
        # A category axis puts category i at x = i, in the middle of its slot.
        line.append([QPointF(x, value) for x, value in enumerate(values)])
        line.setPen(QPen(_colour(index), LINE_WIDTH))
        line.setColor(_colour(index))
        line.setPointsVisible(True)
        lines.append(line)
    return lines


def build_chart(chart: Chart, with_title: bool = True) -> QChart:
    """The Qt chart for `chart`, not yet shown anywhere (GUI thread only)."""
    if not QThread.isMainThread():
        # Elsewhere Qt would crash or draw garbage, not raise.
        raise RuntimeError("Qt Charts works on the GUI thread only")
    made = QChart()
    # The theme first: it resets fonts and colours.
    made.setTheme(QChart.ChartTheme.ChartThemeLight)
    made.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    made.setBackgroundRoundness(0)
    layout = made.layout()
    if layout is not None:  # the white background reaches the edges, with no grey frame
        layout.setContentsMargins(0, 0, 0, 0)
    made.setMargins(QMargins(8, 8, 8, 8))
    if with_title:
        made.setTitle(chart.title)
        made.setTitleFont(_font(TITLE_POINTS, bold=True))
    # Qt Charts cannot reverse a bar chart's axis, so right to left the data itself is turned
    # around: the first label on the right, the first series at the right of each group and of
    # the legend, each series keeping its colour.
    labels = list(chart.labels)
    series = [(index, name, list(values)) for index, (name, values) in enumerate(chart.series)]
    if chart.right_to_left:
        labels.reverse()
        series = [(index, name, values[::-1]) for index, name, values in reversed(series)]
    drawn = _lines(series) if chart.kind == "line" else _bars(series)
    for one in drawn:
        made.addSeries(one)
    categories = QBarCategoryAxis()
    categories.append([_category(label) for label in labels])
    # Qt would cut "mars" and "mai" both down to "m…"; words on their own lines fit instead.
    categories.setTruncateLabels(False)
    categories.setGridLineVisible(False)
    values = _value_axis(chart)
    values.setGridLinePen(QPen(QColor("#d0d0d0"), 1))
    edge = Qt.AlignmentFlag.AlignRight if chart.right_to_left else Qt.AlignmentFlag.AlignLeft
    axes: list[tuple[QAbstractAxis, Qt.AlignmentFlag]] = [
        (categories, Qt.AlignmentFlag.AlignBottom),
        (values, edge),
    ]
    for axis, alignment in axes:
        axis.setLabelsFont(_font(LABEL_POINTS))
        made.addAxis(axis, alignment)
        for one in drawn:
            one.attachAxis(axis)
    legend = made.legend()
    legend.setVisible(len(chart.series) >= 2)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setFont(_font(LABEL_POINTS))
    return made


def chart_view(chart: Chart, parent: QWidget | None = None) -> QChartView:
    """A widget showing `chart` (GUI thread only)."""
    view = QChartView(build_chart(chart), parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def chart_image(
    chart: Chart, width_px: int, height_px: int, *, scale: float = 1.0, with_title: bool = True
) -> QImage:
    """`chart` drawn on a white image of `width_px` by `height_px` (GUI thread only).

    The chart is laid out at `1/scale` of that size and drawn `scale` times larger, so text keeps
    its point size relative to the picture: an image made at scale 3 and printed at a third of
    its pixel size is sharp and its labels print at their point size.
    """
    made = build_chart(chart, with_title)
    scene = QGraphicsScene()
    scene.addItem(made)
    logical = QRectF(0, 0, width_px / scale, height_px / scale)
    made.setGeometry(logical)
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scene.render(painter, QRectF(0, 0, width_px, height_px), logical)
    finally:
        painter.end()
    return image
