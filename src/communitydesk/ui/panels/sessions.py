"""Sessions, newest first, of one program or all, in a period: add one or a series, edit, send to
the Trash with undo, and take attendance. Sessions still to come show as planned."""

from __future__ import annotations

import calendar
from datetime import date, time
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import NotFoundError
from communitydesk.core.i18n import _, embedded, format_date, format_number, format_time, ngettext
from communitydesk.services.attendance import AttendanceService
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramRecord, ProgramService, VenueRecord
from communitydesk.services.sessions import SessionRecord, SessionService
from communitydesk.services.sign_in_sheet import SignInSheetService
from communitydesk.ui.dialogs.session_dialog import SessionDialog
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, undo_stack
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

if TYPE_CHECKING:
    from communitydesk.ui.dialogs.attendance_dialog import AttendanceDialog

PLANNED = QColor("#5f6368")
Loaded = tuple[tuple[SessionRecord, ...], tuple[ProgramRecord, ...], tuple[VenueRecord, ...]]
MONTHS_BACK = 3
MONTHS_AHEAD = 1


def months_from(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def time_text(starts: time | None, ends: time | None) -> str:
    """'2:00 p.m. – 4:00 p.m.', '2:00 p.m.', or '', as the attendance window writes them."""
    if starts is None:
        return ""
    if ends is None:
        return format_time(starts)
    # Each time kept whole, so that right to left the start still reads first.
    return f"{embedded(format_time(starts))} – {embedded(format_time(ends))}"


class SessionColumn(IntEnum):
    DATE = 0
    TIME = 1
    PROGRAM = 2
    TOPIC = 3
    VENUE = 4
    PRESENT = 5


class SessionsTableModel(RowsTableModel[SessionRecord]):
    columns = SessionColumn

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()

    def headers(self) -> dict[Any, str]:
        return {
            SessionColumn.DATE: _("Date"),
            SessionColumn.TIME: _("Time"),
            SessionColumn.PROGRAM: _("Program"),
            SessionColumn.TOPIC: _("Topic"),
            SessionColumn.VENUE: _("Venue"),
            SessionColumn.PRESENT: _("Present"),
        }

    def planned(self, row: SessionRecord) -> bool:
        return row.held_on > self.today

    def display(self, row: SessionRecord, column: Any) -> str:
        if column == SessionColumn.DATE:
            return format_date(row.held_on)
        if column == SessionColumn.TIME:
            return time_text(row.starts_at, row.ends_at)
        if column == SessionColumn.PROGRAM:
            return row.program_name
        if column == SessionColumn.TOPIC:
            return row.topic
        if column == SessionColumn.VENUE:
            return row.venue_name
        if self.planned(row):
            return _("planned")
        return format_number(row.present) if row.present else "—"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.FontRole and self.planned(row):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self.planned(row):
            return QBrush(PLANNED)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() == SessionColumn.PRESENT:
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.planned(row):
                return _("Planned: attendance is taken on the day.")
            if index.column() == SessionColumn.PRESENT:
                return _("{named} by name, {counted} counted without names").format(
                    named=format_number(row.named), counted=format_number(row.anonymous)
                )
            return row.notes or None
        return super().data(index, role)


class SessionsPanel(QWidget):
    def __init__(
        self,
        sessions: SessionService,
        programs: ProgramService,
        attendance: AttendanceService,
        people: PeopleService,
        tasks: TaskRunner,
        sign_in: SignInSheetService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._programs = programs
        self._attendance = attendance
        self._people = people
        self._tasks = tasks
        self._sign_in = sign_in
        self._pending: Task | None = None
        self._program_uid = ""  # the program filter; "" for all
        self._program_list: tuple[ProgramRecord, ...] = ()
        self._venues: tuple[VenueRecord, ...] = ()
        self._loaded = False
        self._shown_before = False
        self._to_select: set[str] = set()  # sessions just added: chosen once the list shows them
        self.attendance_dialog: AttendanceDialog | None = None

        self.program = QComboBox()
        self.program.setMinimumContentsLength(22)
        self.program.addItem(_("All programs"), "")
        self.program.currentIndexChanged.connect(self._program_filter_changed)
        today = date.today()
        self.start = date_edit(months_from(today, -MONTHS_BACK))
        self.end = date_edit(months_from(today, MONTHS_AHEAD))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        self.start.dateChanged.connect(self._debounce.start)
        self.end.dateChanged.connect(self._debounce.start)
        self.count = QLabel()
        self.note = QLabel()  # what a series skipped
        self.note.setWordWrap(True)
        self.note.hide()

        self.model = SessionsTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SessionColumn.TOPIC, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.new_button = QPushButton(_("New session…"))
        self.new_button.clicked.connect(self.new_session)
        self.new_button.setEnabled(False)  # until the programs are loaded
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash with its attendance; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self.refresh)
        self.attendance_button = QPushButton(_("Take attendance…"))
        self.attendance_button.clicked.connect(self.take_attendance)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Program")))
        filters.addWidget(self.program)
        filters.addSpacing(12)
        filters.addWidget(QLabel(_("From")))
        filters.addWidget(self.start)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.end)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.attendance_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self._selection_changed()
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.writes.busy or self._debounce.isActive()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Programs added on another tab belong in the filter: shown again, it is read again.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._debounce.stop()
        sessions, programs = self._sessions, self._programs
        uid, start, end = self._program_uid, to_date(self.start), to_date(self.end)

        def load(_task: Task) -> Loaded:
            return sessions.sessions(uid, start, end), programs.programs(), programs.venues()

        self._pending = self._tasks.run(load, self.show_sessions, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self._pending = None
        if isinstance(error, NotFoundError) and self._program_uid:
            self.show_program("")  # the program went to the Trash meanwhile: show them all
        else:
            report_problem(self, error)

    def show_sessions(self, result: Loaded) -> None:
        self._pending = None
        rows, self._program_list, self._venues = result
        self._loaded = True
        self._fill_programs()
        current = self.selected()
        wanted = self._to_select or ({current.uid} if current else set())
        self.model.today = date.today()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        planned = sum(1 for row in rows if self.model.planned(row))
        text = ngettext("{count} session", "{count} sessions", len(rows)).format(
            count=format_number(len(rows))
        )
        if planned:
            text += " " + _("({count} planned)").format(count=format_number(planned))
        self.count.setText(text)
        self.new_button.setEnabled(bool(self._program_list))
        self.new_button.setToolTip("" if self._program_list else _("Add a program first."))
        chosen = [index for index, row in enumerate(rows) if row.uid in wanted]
        if chosen:
            select_row(self.table, chosen[-1])  # of a new series: its first session
        elif rows:
            select_row(self.table, self._nearest_row(rows))
        self._to_select = set()
        self._selection_changed()

    def _nearest_row(self, rows: tuple[SessionRecord, ...]) -> int:
        """The row of today's session, or of the latest one held (rows are newest first)."""
        today = self.model.today
        for index, row in enumerate(rows):
            if row.held_on <= today:
                return index
        return len(rows) - 1

    def _fill_programs(self) -> None:
        today = date.today()
        self.program.blockSignals(True)
        self.program.clear()
        self.program.addItem(_("All programs"), "")
        for program in self._program_list:
            ended = program.has_ended(today)
            label = _("{name} (ended)").format(name=program.name) if ended else program.name
            self.program.addItem(label, program.uid)
        self.program.setCurrentIndex(max(0, self.program.findData(self._program_uid)))
        self.program.blockSignals(False)

    def _program_filter_changed(self) -> None:
        self._program_uid = str(self.program.currentData() or "")
        self.refresh()

    def show_program(self, uid: str) -> None:
        """Show the sessions of this program only ("" for all programs)."""
        self._program_uid = uid
        index = self.program.findData(uid)
        if index >= 0:
            self.program.blockSignals(True)
            self.program.setCurrentIndex(index)
            self.program.blockSignals(False)
        self.refresh()  # also when the program is newer than the list: it comes with the rows

    # --- the selected session ------------------------------------------------------------------

    def selected(self) -> SessionRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(row is not None)
        can_take = row is not None and not self.model.planned(row)
        self.attendance_button.setEnabled(can_take)
        self.attendance_button.setToolTip(
            _("Attendance is taken on the day of the session.")
            if row is not None and not can_take
            else ""
        )

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.open_selected()

    def open_selected(self) -> None:
        """Enter or a double-click: attendance for a session held, the form for one planned."""
        row = self.selected()
        if row is None:
            return
        if self.model.planned(row):
            self.edit_selected()
        else:
            self.take_attendance()

    # --- actions ---------------------------------------------------------------------------------

    def new_session(self) -> None:
        if not self._loaded:
            return
        dialog = SessionDialog(
            self._sessions,
            self._tasks,
            self._program_list,
            self._venues,
            program_uid=self._program_uid,
            parent=self,
        )
        if not dialog.exec():
            return
        if not dialog.saved:
            self._show_note(_("No session was added: the program already meets on those dates."))
            return
        uids = [record.uid for record in dialog.saved]
        skipped = dialog.planned - len(uids)
        self._show_note(
            ngettext(
                "{count} date was skipped: the program already meets then.",
                "{count} dates were skipped: the program already meets then.",
                skipped,
            ).format(count=format_number(skipped))
            if skipped
            else ""
        )
        self._to_select = set(uids)
        self._widen_period(
            min(r.held_on for r in dialog.saved), max(r.held_on for r in dialog.saved)
        )
        sessions = self._sessions
        name = dialog.saved[0].program_name
        text = (
            _("add a session of {name}").format(name=name)
            if len(uids) == 1
            else _("add {count} sessions of {name}").format(
                count=format_number(len(uids)), name=name
            )
        )

        self.undo_stack.push(
            self.writes.change(
                text, redo=lambda: sessions.restore(*uids), undo=lambda: sessions.delete(*uids)
            )
        )

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None or not self._loaded:
            return
        dialog = SessionDialog(
            self._sessions, self._tasks, self._program_list, self._venues, row, parent=self
        )
        if not dialog.exec() or not dialog.saved or dialog.saved[0] == row:
            return
        uid, sessions = row.uid, self._sessions
        before, after = row.as_input(), dialog.saved[0].as_input()
        self._to_select = {uid}
        self._widen_period(after.held_on, after.held_on)
        self.undo_stack.push(
            self.writes.change(
                _("edit the session of {date}").format(date=embedded(format_date(after.held_on))),
                redo=lambda: sessions.update(uid, after),
                undo=lambda: sessions.update(uid, before),
            )
        )

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        uid, sessions = row.uid, self._sessions
        self.undo_stack.push(
            self.writes.change(
                _("delete the session of {date}").format(date=embedded(format_date(row.held_on))),
                redo=lambda: sessions.delete(uid),
                undo=lambda: sessions.restore(uid),
            )
        )

    def take_attendance(self) -> None:
        row = self.selected()
        if row is None or self.model.planned(row):
            return
        # Imported when first used: the attendance window is large and most visits never open it.
        from communitydesk.ui.dialogs.attendance_dialog import AttendanceDialog

        dialog = AttendanceDialog(
            row.uid,
            self._attendance,
            self._people,
            self._tasks,
            parent=self,
            sign_in=self._sign_in,
        )
        dialog.saved.connect(self.refresh)
        self.attendance_dialog = dialog
        dialog.open()

    def _widen_period(self, first: date, last: date) -> None:
        """Sessions just added or moved outside the period shown: the period grows to show them."""
        for edit, outside in (
            (self.start, first < to_date(self.start)),
            (self.end, last > to_date(self.end)),
        ):
            if outside:
                edit.blockSignals(True)
                edit.setDate(qdate(first if edit is self.start else last))
                edit.blockSignals(False)

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
