"""Volunteer hours: each volunteer's total in a period and its in-kind value, their entries,
logging and removing hours (with undo), and a statement of hours a volunteer can take away.

Every read and write runs on the task runner; undoable steps run there too, one after another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.reports.document import Document
from communitydesk.services.hours_statement import (
    HoursStatementService,
    format_hours,
    hours_phrase,
)
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.services.sessions import SessionService
from communitydesk.services.volunteer_hours import (
    HoursRecord,
    VolunteerHoursService,
    VolunteerTotal,
    hour_value_cents,
)
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.printing import PdfPreview, draft_pdf
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.dates import from_qdate, qdate
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

FILTER_DELAY_MS = 300
ENTRIES_SHOWN = 1000
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


# --- table models ---------------------------------------------------------------------------


class TotalColumn(IntEnum):
    VOLUNTEER = 0
    HOURS = 1
    ENTRIES = 2
    FIRST = 3
    LAST = 4


class TotalsModel(RowsTableModel[VolunteerTotal]):
    columns = TotalColumn

    def headers(self) -> dict[Any, str]:
        return {
            TotalColumn.VOLUNTEER: _("Volunteer"),
            TotalColumn.HOURS: _("Hours"),
            TotalColumn.ENTRIES: _("Entries"),
            TotalColumn.FIRST: _("First"),
            TotalColumn.LAST: _("Last"),
        }

    def display(self, row: VolunteerTotal, column: Any) -> str:
        if column is TotalColumn.VOLUNTEER:
            return row.volunteer
        if column is TotalColumn.HOURS:
            return format_hours(row.minutes)
        if column is TotalColumn.ENTRIES:
            return format_number(row.entries)
        return format_date(row.first if column is TotalColumn.FIRST else row.last)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            TotalColumn.HOURS,
            TotalColumn.ENTRIES,
        ):
            return NUMBER_ALIGNMENT
        return super().data(index, role)


class EntryColumn(IntEnum):
    DATE = 0
    VOLUNTEER = 1
    PROGRAM = 2
    ROLE = 3
    HOURS = 4
    NOTE = 5


class EntriesModel(RowsTableModel[HoursRecord]):
    columns = EntryColumn

    def headers(self) -> dict[Any, str]:
        return {
            EntryColumn.DATE: _("Date"),
            EntryColumn.VOLUNTEER: _("Volunteer"),
            EntryColumn.PROGRAM: _("Program"),
            EntryColumn.ROLE: _("Role"),
            EntryColumn.HOURS: _("Hours"),
            EntryColumn.NOTE: _("Note"),
        }

    def display(self, row: HoursRecord, column: Any) -> str:
        if column is EntryColumn.DATE:
            return format_date(row.worked_on)
        if column is EntryColumn.VOLUNTEER:
            return row.volunteer
        if column is EntryColumn.PROGRAM:
            return row.program_name
        if column is EntryColumn.ROLE:
            return row.role
        if column is EntryColumn.HOURS:
            return format_hours(row.minutes)
        return row.note

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == EntryColumn.HOURS:
            return NUMBER_ALIGNMENT
        return super().data(index, role)


def rows_table(model: RowsTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


@dataclass(frozen=True)
class _Loaded:
    totals: tuple[VolunteerTotal, ...]
    cents_per_hour: int
    programs: tuple[ProgramRecord, ...]
    entries: tuple[HoursRecord, ...]
    person_uid: str


class HoursPanel(QWidget):
    def __init__(
        self,
        hours: VolunteerHoursService,
        statements: HoursStatementService,
        programs: ProgramService,
        sessions: SessionService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hours = hours
        self._statements = statements
        self._programs = programs
        self._sessions = sessions
        self._people = people
        self._tasks = tasks
        self._currency = currency
        self._programs_list: tuple[ProgramRecord, ...] = ()
        self._loading: Task | None = None
        self._entries_task: Task | None = None
        self._quiet = False  # True while the panel itself changes the selection
        self._next_uid: str | None = None  # the volunteer to show after the next refresh
        self.dialog: QWidget | None = None
        self.preview_dialog: PdfPreview | None = None
        self.statement: Document | None = None

        today = date.today()
        self.start = QDateEdit(qdate(date(today.year, 1, 1)))
        self.end = QDateEdit(qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.start.dateChanged.connect(self._debounce.start)
        self.end.dateChanged.connect(self._debounce.start)
        self.this_year = QPushButton(_("This year"))
        self.this_year.clicked.connect(self.show_this_year)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("From")))
        period.addWidget(self.start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.end)
        period.addWidget(self.this_year)
        period.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.value = QLabel()
        self.value.setWordWrap(True)

        self.log_button = QPushButton(_("Log hours…"))
        self.log_button.clicked.connect(self.log_hours)
        self.remove_button = QPushButton(_("Remove entry"))
        self.remove_button.setToolTip(_("Remove the entry chosen below; Undo brings it back"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.statement_button = QPushButton(_("Hours statement…"))
        self.statement_button.setToolTip(
            _("A signed statement of the chosen volunteer's hours in this period")
        )
        self.statement_button.clicked.connect(self.preview_statement)
        self.changes = BackgroundChanges(self, after=self.refresh)
        self.undo_stack, self.undo_button = self.changes.stack, self.changes.button
        buttons = QHBoxLayout()
        for button in (
            self.log_button,
            self.remove_button,
            self.undo_button,
            self.statement_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.notice = QLabel()
        self.notice.hide()

        self.totals_model = TotalsModel()
        self.totals = rows_table(self.totals_model)
        self.totals.horizontalHeader().setStretchLastSection(False)
        self.totals.horizontalHeader().setSectionResizeMode(
            TotalColumn.VOLUNTEER, QHeaderView.ResizeMode.Stretch
        )
        self.totals.selectionModel().selectionChanged.connect(self._volunteer_chosen)
        self.entries_title = QLabel()
        self.entries_model = EntriesModel()
        self.entries = rows_table(self.entries_model)
        self.entries.selectionModel().selectionChanged.connect(self._update_buttons)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.entries_title)
        lower_layout.addWidget(self.entries, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.totals)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addWidget(self.value)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        self._update_buttons()
        self.refresh()

    # --- reading -------------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    @property
    def busy(self) -> bool:
        return (
            self._loading is not None
            or self._entries_task is not None
            or self._debounce.isActive()
            or self.changes.busy
        )

    def show_this_year(self) -> None:
        today = date.today()
        self.start.setDate(qdate(date(today.year, 1, 1)))
        self.end.setDate(qdate(today))

    def selected_volunteer(self) -> VolunteerTotal | None:
        rows = self.totals.selectionModel().selectedRows()
        return self.totals_model.row_at(rows[0].row()) if rows else None

    def selected_entry(self) -> HoursRecord | None:
        rows = self.entries.selectionModel().selectedRows()
        return self.entries_model.row_at(rows[0].row()) if rows else None

    def refresh(self, person_uid: str | None = None) -> None:
        """Read the period again, keeping (or choosing) the volunteer shown below."""
        if person_uid is None:
            person_uid, self._next_uid = self._next_uid, None
        self._debounce.stop()
        for task in (self._loading, self._entries_task):
            if task is not None:
                task.cancel()
        self._entries_task = None
        chosen = self.selected_volunteer()
        uid = person_uid if person_uid is not None else (chosen.person_uid if chosen else "")
        start, end = self.period()

        def load(_task: Task) -> _Loaded:
            return _Loaded(
                totals=self._hours.totals(start, end),
                cents_per_hour=self._hours.hour_value(),
                programs=self._programs.programs(),
                entries=self._hours.entries(uid, start, end, limit=ENTRIES_SHOWN),
                person_uid=uid,
            )

        self._loading = self._tasks.run(load, self._show, self._failed)

    def _show(self, loaded: _Loaded) -> None:
        self._loading = None
        self._programs_list = loaded.programs
        totals = loaded.totals
        minutes = sum(total.minutes for total in totals)
        start, end = self.period()
        if start > end:
            self.summary.setText(_("The start of the period is after its end."))
        elif not totals:
            self.summary.setText(
                _("No volunteer hours between {start} and {end}.").format(
                    start=embedded(format_date(start)), end=embedded(format_date(end))
                )
            )
        else:
            self.summary.setText(
                "<b>{}</b>".format(
                    ngettext(
                        "{hours} given by {count} volunteer between {start} and {end}",
                        "{hours} given by {count} volunteers between {start} and {end}",
                        len(totals),
                    ).format(
                        hours=hours_phrase(minutes),
                        count=format_number(len(totals)),
                        start=embedded(format_date(start)),
                        end=embedded(format_date(end)),
                    )
                )
            )
        if loaded.cents_per_hour:
            self.value.setText(
                _("In-kind value: {value} (at {rate} an hour)").format(
                    value=left_to_right(
                        format_money(
                            hour_value_cents(minutes, loaded.cents_per_hour), self._currency
                        )
                    ),
                    rate=left_to_right(format_money(loaded.cents_per_hour, self._currency)),
                )
            )
        else:
            self.value.setText(
                _(
                    "Set the value of a volunteer hour in Settings to show the in-kind value "
                    "funders ask about."
                )
            )
        self._quiet = True
        try:
            self.totals_model.set_rows(totals)
            uids = [total.person_uid for total in totals]
            uid = loaded.person_uid if loaded.person_uid in uids else ""
            if uid:
                select_row(self.totals, uids.index(uid))
        finally:
            self._quiet = False
        self.totals.resizeColumnsToContents()
        if uid == loaded.person_uid:
            self._show_entries(uid, loaded.entries)
        else:  # the volunteer has no hours left in the period: show everyone's
            self._load_entries("")

    def _volunteer_chosen(self) -> None:
        if self._quiet:
            return
        chosen = self.selected_volunteer()
        self._load_entries(chosen.person_uid if chosen else "")

    def _load_entries(self, uid: str) -> None:
        if self._entries_task is not None:
            self._entries_task.cancel()
        start, end = self.period()

        def done(entries: tuple[HoursRecord, ...]) -> None:
            self._entries_task = None
            self._show_entries(uid, entries)

        self._entries_task = self._tasks.run(
            lambda _task: self._hours.entries(uid, start, end, limit=ENTRIES_SHOWN),
            done,
            self._failed,
        )

    def _show_entries(self, uid: str, entries: tuple[HoursRecord, ...]) -> None:
        chosen = self.selected_volunteer()
        if uid and chosen is not None:
            self.entries_title.setText(
                "<b>{}</b>".format(_("Entries of {name}").format(name=chosen.volunteer))
            )
        else:
            self.entries_title.setText(
                "<b>{}</b>".format(_("Latest entries of all volunteers in the period"))
            )
        self.entries_model.set_rows(entries)
        self.entries.setColumnHidden(EntryColumn.VOLUNTEER, bool(uid))
        self.entries.resizeColumnsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_entry() is not None)
        self.statement_button.setEnabled(self.selected_volunteer() is not None)

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        self._entries_task = None
        self.statement_button.setEnabled(self.selected_volunteer() is not None)
        self.notice.hide()
        report_problem(self, error)

    # --- changes -------------------------------------------------------------------------------

    def log_hours(self) -> None:
        from communitydesk.ui.dialogs.hours_dialog import HoursDialog

        chosen = self.selected_volunteer()
        dialog = HoursDialog(
            self._hours,
            self._people,
            self._sessions,
            self._tasks,
            programs=self._programs_list,
            volunteers=tuple(
                (total.person_uid, total.volunteer)
                for total in map(self.totals_model.row_at, range(self.totals_model.rowCount()))
            ),
            chosen=chosen.person_uid if chosen else "",
            parent=self,
        )
        self.dialog = dialog

        def logged() -> None:
            record = dialog.saved
            if record is None:
                return
            uid = record.uid
            self._next_uid = record.person_uid
            self.changes.push(
                _("log {name}'s hours").format(name=record.volunteer),
                redo=lambda: self._hours.reinstate(uid),
                undo=lambda: self._hours.remove(uid),
            )

        dialog.accepted.connect(logged)
        dialog.open()

    def remove_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        uid = entry.uid
        self.changes.push(
            _("remove {name}'s hours of {date}").format(
                name=entry.volunteer, date=embedded(format_date(entry.worked_on))
            ),
            redo=lambda: self._hours.remove(uid),
            undo=lambda: self._hours.reinstate(uid),
        )

    # --- the statement -------------------------------------------------------------------------

    def preview_statement(self) -> None:
        chosen = self.selected_volunteer()
        if chosen is None:
            return
        self.statement_button.setEnabled(False)
        self.notice.setText(_("Preparing the pages…"))
        self.notice.show()
        uid = chosen.person_uid
        start, end = self.period()

        def make(_task: Task) -> tuple[Document, Path]:
            document = self._statements.document(uid, start, end)
            return document, draft_pdf(document)

        def done(made: tuple[Document, Path]) -> None:
            self.statement_button.setEnabled(self.selected_volunteer() is not None)
            self.notice.hide()
            self.statement = made[0]
            self.preview_dialog = PdfPreview(*made, parent=self)
            self.preview_dialog.open()

        self._tasks.run(make, done, self._failed)
