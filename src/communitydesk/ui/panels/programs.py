"""The programs a group runs: what each is, who leads it, where it meets, and how many sessions
it held; add, edit, or send one to the Trash with undo; the venues they meet in."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    current_language,
    embedded,
    format_date,
    format_number,
    ngettext,
)
from communitydesk.services.lookups import LookupService
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.ui.dialogs.program_dialog import (
    ProgramChoices,
    ProgramDialog,
    load_program_choices,
)
from communitydesk.ui.dialogs.venue_dialog import VenuesDialog
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, undo_stack
from communitydesk.ui.widgets.tables import select_row


class ProgramColumn(IntEnum):
    NAME = 0
    CATEGORY = 1
    LEADER = 2
    VENUE = 3
    HELD = 4
    LAST = 5
    NEXT = 6
    STATUS = 7


class ProgramsTableModel(RowsTableModel[ProgramRecord]):
    columns = ProgramColumn

    def __init__(self) -> None:
        super().__init__()
        self.categories: dict[str, str] = {}  # code -> label in the window's language
        self.today = date.today()

    def headers(self) -> dict[Any, str]:
        return {
            ProgramColumn.NAME: _("Program"),
            ProgramColumn.CATEGORY: _("Category"),
            ProgramColumn.LEADER: _("Leader"),
            ProgramColumn.VENUE: _("Venue"),
            ProgramColumn.HELD: _("Sessions held"),
            ProgramColumn.LAST: _("Last session"),
            ProgramColumn.NEXT: _("Next session"),
            ProgramColumn.STATUS: _("Status"),
        }

    def display(self, row: ProgramRecord, column: Any) -> str:
        if column == ProgramColumn.NAME:
            return row.name
        if column == ProgramColumn.CATEGORY:
            return self.categories.get(row.category, row.category)
        if column == ProgramColumn.LEADER:
            return row.leader_name
        if column == ProgramColumn.VENUE:
            return row.venue_name
        if column == ProgramColumn.HELD:
            return format_number(row.sessions_held)
        if column == ProgramColumn.LAST:
            return format_date(row.last_session) if row.last_session else ""
        if column == ProgramColumn.NEXT:
            return format_date(row.next_session) if row.next_session else ""
        return status_text(row, self.today)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            if index.column() == ProgramColumn.HELD:
                return Qt.AlignmentFlag.AlignCenter
            return None
        return super().data(index, role)


def status_text(program: ProgramRecord, today: date) -> str:
    if program.ongoing:
        return _("Ongoing")
    if not program.has_ended(today) and program.ends_on is not None:
        return _("Until {date}").format(date=embedded(format_date(program.ends_on)))
    if program.ends_on is not None:
        return _("Ended on {date}").format(date=embedded(format_date(program.ends_on)))
    return _("Ended")


class ProgramsPanel(QWidget):
    """Emits `program_chosen` with a program's uid when the user asks for its sessions."""

    program_chosen = Signal(str)

    def __init__(
        self,
        programs: ProgramService,
        lookups: LookupService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._programs = programs
        self._lookups = lookups
        self._people = people
        self._tasks = tasks
        self._currency = currency
        self._pending: Task | None = None
        self._choices: ProgramChoices | None = None
        self._shown_before = False
        self._to_select = ""  # a program just added: chosen once the list shows it
        self.show_ended = QCheckBox(_("Show ended programs"))
        self.show_ended.toggled.connect(self.refresh)
        self.count = QLabel()
        self.model = ProgramsTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.new_button = QPushButton(_("New program…"))
        self.new_button.clicked.connect(self.new_program)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(
            _("To the Trash with its sessions and attendance; Undo brings them all back")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self.refresh)
        self.sessions_button = QPushButton(_("Sessions of this program"))
        self.sessions_button.clicked.connect(self._sessions_of_selected)
        self.venues_button = QPushButton(_("Venues…"))
        self.venues_button.clicked.connect(self.edit_venues)
        for button in (self.new_button, self.edit_button):
            button.setEnabled(False)  # until the lists to choose from are loaded
        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.show_ended)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.undo_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.sessions_button)
        buttons.addWidget(self.venues_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.writes.busy

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Sessions added on another tab change the counts: shown again, the list is read again.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        programs, lookups = self._programs, self._lookups
        language = current_language().code

        def load(_task: Task) -> tuple[tuple[ProgramRecord, ...], ProgramChoices]:
            return programs.programs(), load_program_choices(programs, lookups, language)

        self._pending = self._tasks.run(load, self.show_programs)

    def show_programs(self, result: tuple[tuple[ProgramRecord, ...], ProgramChoices]) -> None:
        self._pending = None
        everything, self._choices = result
        today = date.today()
        records = everything
        if not self.show_ended.isChecked():
            records = tuple(r for r in everything if not r.has_ended(today))
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self.model.today = today
        self.model.categories = {e.code: e.label for e in self._choices.categories.entries}
        self.model.set_rows(records)
        self.table.resizeColumnsToContents()
        if records:
            text = ngettext("{count} program", "{count} programs", len(records)).format(
                count=format_number(len(records))
            )
        elif everything:
            text = _("No program is running: tick “Show ended programs” to see the others.")
        else:
            text = _("No programs yet: add the group's first one with “New program…”.")
        self.count.setText(text)
        uids = [r.uid for r in records]
        if chosen in uids:
            self._to_select = ""
            select_row(self.table, uids.index(chosen))
        elif records:
            select_row(self.table, 0)
        for button in (self.new_button, self.edit_button):
            button.setEnabled(True)

    def selected(self) -> ProgramRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    def _dialog(self, program: ProgramRecord | None) -> ProgramDialog | None:
        if self._choices is None:
            return None
        return ProgramDialog(
            self._programs,
            self._people,
            self._tasks,
            self._currency,
            self._choices,
            program,
            parent=self,
        )

    def new_program(self) -> None:
        dialog = self._dialog(None)
        if dialog is None or not dialog.exec() or dialog.saved is None:
            self.refresh()  # a venue may have been added from the form
            return
        uid, programs = dialog.saved.uid, self._programs
        self._to_select = uid
        if dialog.saved.has_ended(date.today()):
            self.show_ended.setChecked(True)  # a program entered after the fact: show it
        self.undo_stack.push(
            self.writes.change(
                _("add {name}").format(name=dialog.saved.name),
                redo=lambda: programs.restore(uid),
                undo=lambda: programs.delete(uid),
            )
        )

    def edit_selected(self) -> None:
        program = self.selected()
        dialog = self._dialog(program) if program is not None else None
        if program is None or dialog is None:
            return
        if not dialog.exec() or dialog.saved is None or dialog.saved == program:
            self.refresh()
            return
        uid, programs = program.uid, self._programs
        before, after = program.as_input(), dialog.saved.as_input()
        self.undo_stack.push(
            self.writes.change(
                _("edit {name}").format(name=dialog.saved.name),
                redo=lambda: programs.update(uid, after),
                undo=lambda: programs.update(uid, before),
            )
        )

    def delete_selected(self) -> None:
        program = self.selected()
        if program is None:
            return
        uid, programs = program.uid, self._programs
        self.undo_stack.push(
            self.writes.change(
                _("delete {name}").format(name=program.name),
                redo=lambda: programs.delete(uid),
                undo=lambda: programs.restore(uid),
            )
        )

    def edit_venues(self) -> None:
        dialog = VenuesDialog(self._programs, self._tasks, self._currency, parent=self)
        dialog.exec()
        if dialog.changed:
            self.refresh()  # venue names show in the list

    def _sessions_of_selected(self) -> None:
        program = self.selected()
        if program is not None:
            self.program_chosen.emit(program.uid)
