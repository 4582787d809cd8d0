"""What the group achieved in a period: the activity figures, charts of the trend and of who
took part, the programs most attended, and the report for funders.

The figures are computed in SQL on the task runner; QtCharts loads with the first figures, so
the first screen opens without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    format_money,
    format_number,
    is_right_to_left,
    language_name,
    left_to_right,
)
from communitydesk.reports.document import Chart
from communitydesk.services.activity_report import (
    ActivityReport,
    ActivityReportService,
    month_label,
)
from communitydesk.services.activity_stats import (
    ActivityFigures,
    ActivityStatsService,
    MonthPoint,
    Period,
)
from communitydesk.services.attendance import HEAD_COUNT_GENDERS
from communitydesk.services.periods import PERIODS, named_period
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.services.volunteer_hours import hours_number
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import qdate, to_date
from communitydesk.ui.widgets.messages import report_problem

CARD_STYLE = (
    "QFrame#figure { border: 1px solid palette(mid); border-radius: 6px; "
    "background: palette(base); }"
)
CUSTOM = "custom"
CHARTS_DELAY_MS = 150


@dataclass(frozen=True)
class DashboardFigures:
    period: Period
    figures: ActivityFigures
    trend: tuple[MonthPoint, ...]
    top: tuple[tuple[str, str, int], ...]


class _Figure(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("figure")
        self.setStyleSheet(CARD_STYLE)
        self.value = QLabel("…")
        self.value.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addStretch(1)


class ActivityDashboard(QWidget):
    def __init__(
        self,
        stats: ActivityStatsService,
        programs: ProgramService,
        report: ActivityReportService,
        currency: str,
        fiscal_start_month: int,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._stats, self._programs, self._report = stats, programs, report
        self._currency, self._fiscal_month, self._tasks = currency, fiscal_start_month, tasks
        self.period = QComboBox()
        for key, label in PERIODS.items():
            self.period.addItem(_(label), key)
        self.period.addItem(_("Dates of my choice"), CUSTOM)
        self.period.setCurrentIndex(self.period.findData("this_fiscal_year"))
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.program = QComboBox()
        self.program.addItem(_("All programs"), "")
        self.report_button = QPushButton(_("Activity &report…"))
        self.report_button.setToolTip(_("The figures per program for funders, as PDF or CSV."))
        self.report_button.clicked.connect(self.make_report)

        choose = QHBoxLayout()
        period_label = QLabel(_("&Period:"))
        period_label.setBuddy(self.period)
        program_label = QLabel(_("Pro&gram:"))
        program_label.setBuddy(self.program)
        for part in (period_label, self.period, self.start, QLabel("–"), self.end):
            choose.addWidget(part)
        choose.addSpacing(12)
        choose.addWidget(program_label)
        choose.addWidget(self.program, 1)
        choose.addWidget(self.report_button)

        self.figures = {
            "sessions": _Figure(_("sessions held")),
            "participations": _Figure(_("participations")),
            "unique": _Figure(_("different people took part")),
            "newcomers": _Figure(_("newcomers reached")),
            "households": _Figure(_("households reached")),
            "languages": _Figure(_("languages served")),
            "hours": _Figure(_("volunteer hours")),
            "contacts": _Figure(_("one-to-one support contacts")),
        }
        grid = QGridLayout()
        for index, card in enumerate(self.figures.values()):
            grid.addWidget(card, index // 4, index % 4)

        self.charts = QHBoxLayout()
        self.top = QListWidget()
        self.top.setMaximumHeight(130)
        self.languages = QListWidget()
        self.languages.setMaximumHeight(130)
        lists = QHBoxLayout()
        for title, widget in (
            (_("Most attended programs"), self.top),
            (_("Languages of the participants"), self.languages),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(widget)
            lists.addLayout(column)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("What the group did"))))
        layout.addLayout(choose)
        layout.addLayout(grid)
        layout.addLayout(self.charts, 1)
        layout.addLayout(lists)
        self._chart_views: list[QWidget] = []
        self._shown: DashboardFigures | None = None

        self.period.currentIndexChanged.connect(self._period_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        self.program.currentIndexChanged.connect(lambda _index: self.refresh())
        self._period_chosen()
        self._tasks.run(lambda _task: self._programs.programs(), self._show_programs)

    # --- choosing what to show -----------------------------------------------------------------

    def chosen_period(self) -> Period:
        return Period(to_date(self.start), to_date(self.end))

    def _period_chosen(self) -> None:
        key = str(self.period.currentData())
        if key != CUSTOM:
            period = named_period(key, date.today(), self._fiscal_month)
            for edit, day in ((self.start, period.start), (self.end, period.end)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.refresh()

    def _dates_edited(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(CUSTOM))
        self.period.blockSignals(False)
        self.refresh()

    def _show_programs(self, programs: tuple[ProgramRecord, ...]) -> None:
        chosen = self.program.currentData()
        self.program.blockSignals(True)
        while self.program.count() > 1:
            self.program.removeItem(1)
        for program in programs:
            self.program.addItem(program.name, program.uid)
        self.program.setCurrentIndex(max(self.program.findData(chosen), 0))
        self.program.blockSignals(False)

    # --- the figures ---------------------------------------------------------------------------

    def refresh(self) -> None:
        period = self.chosen_period()
        if period.end < period.start:
            return
        program = str(self.program.currentData() or "")
        self._tasks.run(partial(self._load, period, program), self.show_figures)

    def _load(self, period: Period, program: str, _task: Task) -> DashboardFigures:
        today = date.today()
        return DashboardFigures(
            period,
            self._stats.figures(period, program or None, today),
            self._stats.trend(period, program or None, today),
            () if program else self._stats.top_programs(period, 5, today),
        )

    def show_figures(self, shown: DashboardFigures) -> None:
        if shown.period != self.chosen_period():
            return  # an older request; the newer one is on its way
        self._shown = shown
        figures = shown.figures
        values = {
            "sessions": format_number(figures.sessions_held),
            "participations": format_number(figures.attendances),
            "unique": format_number(figures.unique_participants),
            "newcomers": format_number(figures.newcomers),
            "households": format_number(figures.households),
            "languages": format_number(len(figures.languages)),
            "hours": hours_number(figures.volunteer_minutes),
            "contacts": format_number(figures.support_contacts),
        }
        for key, value in values.items():
            self.figures[key].value.setText(value)
        self.figures["participations"].detail.setText(
            _("{named} by name, {anonymous} counted without names").format(
                named=format_number(figures.named_attendances),
                anonymous=format_number(figures.anonymous_attendances),
            )
        )
        self.figures["hours"].detail.setText(
            _("worth {value} in kind, by {count} volunteers").format(
                value=format_money(figures.volunteer_value_cents, self._currency),
                count=format_number(figures.volunteers),
            )
        )
        self.top.clear()
        for _uid, name, count in shown.top:
            self.top.addItem(f"{name} — {format_number(count)}")
        self.languages.clear()
        for code, count in figures.languages:
            self.languages.addItem(f"{language_name(code)} — {format_number(count)}")
        # The figures paint first; QtCharts (a tenth of a second to load) follows them.
        QTimer.singleShot(CHARTS_DELAY_MS, self, lambda: self._draw_charts_of(shown))

    def _draw_charts_of(self, shown: DashboardFigures) -> None:
        if shown is self._shown:  # figures for another period may have arrived meanwhile
            self._draw_charts(shown)

    def _draw_charts(self, shown: DashboardFigures) -> None:
        from communitydesk.ui.widgets.charts import chart_view

        for view in self._chart_views:
            self.charts.removeWidget(view)
            view.deleteLater()
        right_to_left = is_right_to_left()
        trend = Chart(
            _("Participations by month"),
            "bar",
            tuple(month_label(point.month) for point in shown.trend),
            ((_("Participations"), tuple(point.attendances for point in shown.trend)),),
            right_to_left,
        )
        figures = shown.figures
        ages = Chart(
            _("Who took part"),
            "bar",
            tuple(left_to_right(band) or _("Not noted") for band, _count in figures.age_bands),
            ((_("People"), tuple(count for _band, count in figures.age_bands)),),
            right_to_left,
        )
        genders = Chart(
            _("Gender"),
            "bar",
            tuple(_(HEAD_COUNT_GENDERS[key]) for key, _count in figures.genders),
            ((_("People"), tuple(count for _key, count in figures.genders)),),
            right_to_left,
        )
        self._chart_views = []
        # Gender's four long labels need about as much room as the seven age bands.
        for chart, stretch in ((trend, 5), (ages, 4), (genders, 3)):
            view = chart_view(chart)
            view.setMinimumHeight(220)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.charts.addWidget(view, stretch)
            self._chart_views.append(view)

    # --- the report ----------------------------------------------------------------------------

    def make_report(self) -> None:
        period = self.chosen_period()
        program = str(self.program.currentData() or "")
        target, chosen_filter = QFileDialog.getSaveFileName(
            self,
            _("Save the activity report"),
            str(Path.home() / f"activity-report-{period.start}-{period.end}.pdf"),
            _("PDF document (*.pdf);;Spreadsheet (*.csv)"),
        )
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() not in (".pdf", ".csv"):
            path = path.with_suffix(".csv" if "csv" in chosen_filter else ".pdf")
        self.write_report(period, program, path)

    def write_report(self, period: Period, program: str, path: Path) -> None:
        """Build the report off the UI thread; a PDF's charts are drawn here first (Qt needs
        the GUI thread for them), then the file is written on the task runner."""
        self.report_button.setEnabled(False)
        report = self._report

        def built(result: ActivityReport) -> None:
            if path.suffix.lower() == ".csv":
                self._tasks.run(
                    lambda _task: report.write_csv(result, path), self._written, self._failed
                )
                return
            from communitydesk.ui.printing import render_charts, save_pdf

            document = report.document(result)
            images = render_charts(document)
            self._tasks.run(
                lambda _task: save_pdf(document, path, images), self._written, self._failed
            )

        self._tasks.run(lambda _task: report.build(period, program), built, self._failed)

    def _written(self, path: Path) -> None:
        self.report_button.setEnabled(True)
        self.written: Path | None = path
        parent = self.window()
        status = getattr(parent, "statusBar", None)
        if callable(status):
            status().showMessage(_("Saved: {path}").format(path=path), 8000)

    def _failed(self, error: BaseException) -> None:
        self.report_button.setEnabled(True)
        report_problem(self, error)
