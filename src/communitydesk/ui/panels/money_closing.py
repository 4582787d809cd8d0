"""Closed periods of the books: close a month or a fiscal year once it is reported; the treasurer
reopens one, with a reason that stays on record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_datetime,
    format_number,
    month_name,
    ngettext,
)
from communitydesk.services.activity_stats import Period
from communitydesk.services.closed_periods import ClosedPeriodRecord, ClosedPeriodService
from communitydesk.services.periods import fiscal_year, fiscal_year_of, month
from communitydesk.ui.panels.money_budget import fiscal_year_label
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.tables import read_only_table, select_row

REOPENED = QColor("#5f6368")
YEARS_BACK = 10  # a group closes this year's or last year's books; ten years covers catching up


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MonthDialog(QDialog):
    """Which month to close: last month by default."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close a month"))
        previous = today.replace(day=1) - timedelta(days=1)
        self.month = QComboBox()
        for number in range(1, 13):
            self.month.addItem(month_name(number), number)
        self.month.setCurrentIndex(previous.month - 1)
        self.year = QSpinBox()
        self.year.setRange(today.year - YEARS_BACK, today.year)
        self.year.setValue(previous.year)
        self.year.setGroupSeparatorShown(False)
        self.buttons = _buttons(self)
        form = QFormLayout()
        form.addRow(_("Month"), self.month)
        form.addRow(_("Year"), self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def period(self) -> Period:
        return month(self.year.value(), int(self.month.currentData()))


class FiscalYearDialog(QDialog):
    """Which fiscal year to close: the last one ended by default."""

    def __init__(self, today: date, start_month: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close the fiscal year"))
        self._start_month = start_month
        current = fiscal_year_of(today, start_month)
        self.year = QComboBox()
        for year in range(current, current - YEARS_BACK - 1, -1):
            self.year.addItem(fiscal_year_label(year, start_month), year)
        self.year.setCurrentIndex(1)  # the current year is rarely over yet
        self.buttons = _buttons(self)
        form = QFormLayout()
        form.addRow(_("Fiscal year"), self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def period(self) -> Period:
        return fiscal_year(int(self.year.currentData()), self._start_month)


class ReopenDialog(SavingDialog):
    """Why a closed period is reopened (required: it stays on record); `saved` once reopened."""

    def __init__(
        self,
        closed: ClosedPeriodService,
        tasks: TaskRunner,
        period: ClosedPeriodRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._closed = closed
        self._period = period
        self.saved: ClosedPeriodRecord | None = None
        self.setWindowTitle(_("Reopen closed books"))
        self.setMinimumWidth(520)
        what = QLabel(
            _(
                "The books from {start} to {end} will be open again: entries dated in them can "
                "be added, changed and deleted. Say why; it stays on record."
            ).format(
                start=embedded(format_date(period.starts_on)),
                end=embedded(format_date(period.ends_on)),
            )
        )
        what.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("e.g. A cheque from March was found after closing"))
        self.reason.setFixedHeight(80)
        self.fields["reason"] = FieldWithError(self.reason)
        why = QLabel(_("Why is it reopened?"))
        why.setBuddy(self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addSpacing(8)
        layout.addWidget(why)
        layout.addWidget(self.fields["reason"])
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def save_step(self) -> Callable[[], ClosedPeriodRecord]:
        uid, reason, closed = self._period.uid, self.reason.toPlainText(), self._closed
        return lambda: closed.reopen(uid, reason)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, ClosedPeriodRecord)
        self.saved = result


class ClosedPeriodsPanel(QWidget):
    def __init__(
        self,
        closed: ClosedPeriodService,
        tasks: TaskRunner,
        fiscal_start_month: int,
        can_reopen: bool,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._closed = closed
        self._tasks = tasks
        self._start_month = fiscal_start_month
        self._can_reopen = can_reopen
        self._fixed_today = today
        self._pending: Task | None = None
        self._writing: Task | None = None
        self._shown_before = False
        self._periods: tuple[ClosedPeriodRecord, ...] = ()
        self._to_select = ""

        self.intro = QLabel(
            _(
                "Close a month or a year once it is reported: nothing dated in it can be added, "
                "changed or deleted afterwards. Only the treasurer can reopen it, with a reason "
                "that stays on record."
            )
        )
        self.intro.setWordWrap(True)
        self.count = QLabel()
        self.table = read_only_table(
            [
                _("From"),
                _("To"),
                _("Status"),
                _("Closed by"),
                _("Closed on"),
                _("Reopened by"),
                _("Reopened on"),
                _("Why"),
            ]
        )
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.month_button = QPushButton(_("Close a month…"))
        self.month_button.clicked.connect(self.close_month)
        self.year_button = QPushButton(_("Close the fiscal year…"))
        self.year_button.clicked.connect(self.close_year)
        self.reopen_button = QPushButton(_("Reopen…"))
        self.reopen_button.clicked.connect(self.reopen_selected)
        buttons = QHBoxLayout()
        for button in (self.month_button, self.year_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        self.refresh()

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self._writing is not None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self._tasks.run(
            lambda _task: self._closed.periods(), self._show, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        self._writing = None
        report_problem(self, error)

    def _show(self, periods: tuple[ClosedPeriodRecord, ...]) -> None:
        self._pending = None
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self._to_select = ""
        self._periods = periods
        self.table.setRowCount(len(periods))
        for row, period in enumerate(periods):
            cells = [
                format_date(period.starts_on),
                format_date(period.ends_on),
                _("Closed") if period.in_force else _("Reopened"),
                period.closed_by,
                format_datetime(period.closed_at, "short"),
                period.reopened_by,
                format_datetime(period.reopened_at, "short") if period.reopened_at else "",
                period.reopen_reason,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not period.in_force:
                    item.setForeground(QBrush(REOPENED))
                if column == len(cells) - 1:
                    item.setToolTip(text)  # a long reason is cut in the table
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        in_force = sum(1 for p in periods if p.in_force)
        reopened = len(periods) - in_force
        if periods:
            text = ngettext("{count} period closed", "{count} periods closed", in_force).format(
                count=format_number(in_force)
            )
            if reopened:
                text = ngettext(
                    "{closed}; {count} reopened", "{closed}; {count} reopened", reopened
                ).format(closed=text, count=format_number(reopened))
            self.count.setText(text)
        else:
            self.count.setText(_("No period is closed yet: every entry can still be changed."))
        uids = [p.uid for p in periods]
        if chosen in uids:
            select_row(self.table, uids.index(chosen))
        self._update_buttons()

    def selected(self) -> ClosedPeriodRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._periods):
            return None
        return self._periods[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        if not self._can_reopen:
            self.reopen_button.setEnabled(False)
            self.reopen_button.setToolTip(_("Only the treasurer can reopen closed books."))
            return
        self.reopen_button.setEnabled(chosen is not None and chosen.in_force)
        self.reopen_button.setToolTip(
            _("Open the chosen period again, saying why")
            if chosen is None or chosen.in_force
            else _("This period is already open.")
        )

    # --- changes -------------------------------------------------------------------------------

    def close_month(self) -> None:
        dialog = MonthDialog(self.today, parent=self)
        if dialog.exec():
            self._close(dialog.period())

    def close_year(self) -> None:
        dialog = FiscalYearDialog(self.today, self._start_month, parent=self)
        if dialog.exec():
            self._close(dialog.period())

    def _close(self, period: Period) -> None:
        start, end = embedded(format_date(period.start)), embedded(format_date(period.end))
        text = _(
            "Close the books from {start} to {end}?\n\nAfterwards, no entry dated in this period "
            "can be added, changed or deleted, and no entry can be moved into it. Only the "
            "treasurer can reopen it, with a reason that stays on record."
        ).format(start=start, end=end)
        if period.end >= self.today:
            text += "\n\n" + _(
                "This period is not over yet: entries still to come will be refused."
            )
        answer = QMessageBox.question(
            self,
            _("Close the books"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        closed = self._closed
        self._writing = self._tasks.run(
            lambda _task: closed.close(period.start, period.end), self._closed_one, self._failed
        )

    def _closed_one(self, record: ClosedPeriodRecord) -> None:
        self._writing = None
        self._to_select = record.uid
        self.refresh()

    def reopen_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.in_force or not self._can_reopen:
            return
        dialog = ReopenDialog(self._closed, self._tasks, chosen, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._to_select = dialog.saved.uid
            self.refresh()
