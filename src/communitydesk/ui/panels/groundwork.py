"""The groundwork report on screen: choose a period, read the report as it prints, then save it
as PDF or CSV, or print it.

The report is counted and laid out as a PDF on the task runner; the preview shows that very
file, so what is read, saved and printed is one and the same.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Final

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, format_date
from communitydesk.services.activity_stats import Period
from communitydesk.services.groundwork import GroundworkReport, GroundworkService
from communitydesk.services.periods import PERIODS, named_period
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.messages import report_problem

CUSTOM: Final = "custom"
LAST_12_MONTHS: Final = "last_12_months"
FISCAL: Final = ("this_fiscal_year", "last_fiscal_year")
QUARTERS_SHOWN: Final = 5  # this quarter and the four before it
EDIT_DELAY_MS: Final = 400  # typing a date makes one report, not one per digit


def quarter(day: date) -> Period:
    """The calendar quarter holding `day`."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = date(first.year + first.month // 10, (first.month + 2) % 12 + 1, 1)
    return Period(first, following - timedelta(days=1))


def last_12_months(today: date) -> Period:
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return Period(year_ago + timedelta(days=1), today)


@dataclass(frozen=True)
class _Made:
    period: Period
    report: GroundworkReport
    draft: Path


class GroundworkPanel(QWidget):
    def __init__(
        self,
        groundwork: GroundworkService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._groundwork = groundwork
        self._tasks = tasks
        self._today = today or date.today()
        self._fiscal_month = 4
        self.report: GroundworkReport | None = None
        self.draft: Path | None = None
        self.saved_to: Path | None = None
        self.printing: PdfPreview | None = None
        # Drafts not deleted yet, in a list of their own: deleted with the panel.
        self._drafts: list[Path] = []
        self.destroyed.connect(partial(_delete_all, self._drafts))

        self.period = QComboBox()
        self.period.addItem(_("The last 12 months"), LAST_12_MONTHS)
        for key in ("this_year", "last_year"):
            self.period.addItem(_(PERIODS[key]), key)
        for index in range(QUARTERS_SHOWN):
            start = quarter(self._today).start
            for _step in range(index):
                start = quarter(start - timedelta(days=1)).start
            period = quarter(start)
            label = _("{start} to {end}").format(
                start=format_date(period.start, "MMMM"), end=format_date(period.end, "MMMM yyyy")
            )
            self.period.addItem(label, f"quarter:{period.start.isoformat()}")
        self.period.addItem(_("Dates of my choice"), CUSTOM)
        self.start = date_edit(self._today)
        self.end = date_edit(self._today)
        period_label = QLabel(_("&Period:"))
        period_label.setBuddy(self.period)
        choose = QHBoxLayout()
        for part in (period_label, self.period, self.start, QLabel("–"), self.end):
            choose.addWidget(part)
        choose.addStretch(1)

        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.csv_button = QPushButton(_("Save as CSV…"))
        self.print_button = QPushButton(_("Print…"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.pdf_button, self.csv_button, self.print_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addWidget(self.notice, 1)

        self.pdf = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        purpose = QLabel(
            _(
                "For a partnership meeting: the people the group prepared and referred, to "
                "which services, and what came of it. Counts under 5 are not shown."
            )
        )
        purpose.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Groundwork report"))))
        layout.addWidget(purpose)
        layout.addLayout(choose)
        layout.addLayout(buttons)
        layout.addWidget(self.preview, 1)

        self._edited = QTimer(self)
        self._edited.setSingleShot(True)
        self._edited.setInterval(EDIT_DELAY_MS)
        self._edited.timeout.connect(self.refresh)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        self.pdf_button.clicked.connect(lambda: self._ask_and_save(".pdf"))
        self.csv_button.clicked.connect(lambda: self._ask_and_save(".csv"))
        self.print_button.clicked.connect(self.print_report)
        self._pending: Period | None = None
        self._set_dates()  # the report itself is made when the panel is first shown
        self._tasks.run(lambda _task: self._groundwork.fiscal_start_month(), self._add_fiscal)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.report is None and self._pending is None:
            self.refresh()

    # --- choosing the period ------------------------------------------------------------------

    def chosen_period(self) -> Period:
        return Period(to_date(self.start), to_date(self.end))

    def choose(self, key: str) -> None:
        """Show the period `key` (one offered in the list)."""
        self.period.setCurrentIndex(self.period.findData(key))

    def _named(self, key: str) -> Period:
        if key == LAST_12_MONTHS:
            return last_12_months(self._today)
        if key.startswith("quarter:"):
            return quarter(date.fromisoformat(key.removeprefix("quarter:")))
        return named_period(key, self._today, self._fiscal_month)

    def _set_dates(self) -> None:
        key = str(self.period.currentData())
        if key != CUSTOM:
            period = self._named(key)
            for edit, day in ((self.start, period.start), (self.end, period.end)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)

    def _period_chosen(self) -> None:
        self._set_dates()
        self.refresh()

    def _dates_edited(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(CUSTOM))
        self.period.blockSignals(False)
        self._edited.start()

    def _add_fiscal(self, month: int) -> None:
        """The fiscal years, once the organization's is known (after the calendar ones)."""
        self._fiscal_month = month
        if month == 1 or self.period.findData(FISCAL[0]) >= 0:
            return  # a calendar fiscal year is already offered as such
        after = self.period.findData("last_year") + 1
        for offset, key in enumerate(FISCAL):
            self.period.insertItem(after + offset, _(PERIODS[key]), key)

    # --- the report -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Count and lay out the report for the chosen period (again: what it counts may have
        changed in another tab), then show it."""
        self._edited.stop()
        period = self.chosen_period()
        if period.end < period.start:
            self._ready(False, _("The period ends before it starts."))
            return
        if period == self._pending:
            return  # already being made
        self._pending = period
        self._ready(False, _("Preparing the report…"))
        self._tasks.run(partial(self._make, period), self._show, self._failed)

    def _make(self, period: Period, _task: Task) -> _Made:
        report = self._groundwork.build(period.start, period.end)
        return _Made(period, report, draft_file(report.write))

    def _show(self, made: _Made) -> None:
        if made.period == self._pending:
            self._pending = None
        if made.period != self.chosen_period():
            made.draft.unlink(missing_ok=True)  # an older choice; the newer one is on its way
            return
        previous = self.draft
        self._drafts.append(made.draft)
        self.report, self.draft = made.report, made.draft
        self.pdf.load(str(made.draft))
        if previous is not None:
            self._forget(previous)
        self._ready(True, "")

    def _forget(self, draft: Path) -> None:
        with contextlib.suppress(ValueError):
            self._drafts.remove(draft)
        draft.unlink(missing_ok=True)

    def _ask_and_save(self, suffix: str) -> None:
        if self.report is None:
            return
        kinds = {".pdf": _("PDF file (*.pdf)"), ".csv": _("CSV file (*.csv)")}
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as PDF") if suffix == ".pdf" else _("Save as CSV"),
            str(Path.home() / f"{self.report.document().name}{suffix}"),
            kinds[suffix],
        )
        if target:
            self.save(Path(target).with_suffix(suffix))

    def save(self, target: Path) -> None:
        """Write the report shown to `target` (.pdf or .csv) on the task runner."""
        report = self.report
        if report is None:
            return
        self._ready(False, _("Saving…"))

        def saved(path: Path) -> None:
            self.saved_to = path
            self._ready(True, _("Saved to {path}").format(path=path))

        self._tasks.run(lambda _task: report.write(target), saved, self._failed)

    def print_report(self) -> None:
        """The printer's dialog, then the pages previewed (from a copy the printing owns)."""
        report, draft = self.report, self.draft
        if report is None or draft is None:
            return
        self._ready(False, _("Preparing the report…"))

        def copy(_task: Task) -> Path:
            return draft_file(lambda target: shutil.copyfile(draft, target))

        def ask(copied: Path) -> None:
            self._ready(True, "")
            self.printing = PdfPreview(report.document(), copied, parent=self)
            try:
                self.printing.ask_and_print()
            finally:
                self.printing.done(0)  # deletes the copy

        self._tasks.run(copy, ask, self._failed)

    def _ready(self, ready: bool, notice: str) -> None:
        for button in (self.pdf_button, self.csv_button, self.print_button):
            button.setEnabled(ready and self.report is not None)
        self.notice.setText(notice)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        self._ready(True, "")
        report_problem(self, error)


def _delete_all(drafts: list[Path]) -> None:
    for draft in drafts:
        draft.unlink(missing_ok=True)
    drafts.clear()
