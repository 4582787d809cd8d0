"""The households list: search by family name; open, add or delete a household, with undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_number, ngettext
from communitydesk.services.households import HouseholdRow, HouseholdService, HouseholdSnapshot
from communitydesk.services.people import PeopleService
from communitydesk.services.support import SupportService
from communitydesk.ui.dialogs.household_dialog import HouseholdDialog
from communitydesk.ui.item_models.households_table import HouseholdsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import Change, undo_stack
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import select_row


class HouseholdsPanel(QWidget):
    def __init__(
        self,
        households: HouseholdService,
        people: PeopleService,
        support: SupportService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._households = households
        self._people = people
        self._support = support
        self._tasks = tasks
        self._pending: Task | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search households by name"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = HouseholdsTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)
        self.new_button = QPushButton(_("New household"))
        self.new_button.clicked.connect(self.new_household)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(_("Delete household"))
        self.delete_button.setToolTip(_("Its members stay in the roster, without a household"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        text = self.search.text()
        self._pending = self._tasks.run(lambda _task: self._households.list(text), self.show_rows)

    def show_rows(self, rows: tuple[HouseholdRow, ...]) -> None:
        self._pending = None
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(
            ngettext("{count} household", "{count} households", len(rows)).format(
                count=format_number(len(rows))
            )
        )
        if rows:
            select_row(self.table, 0)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.open_selected()

    def selected(self) -> HouseholdRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _push(self, text: str, after: HouseholdSnapshot, before: HouseholdSnapshot) -> None:
        self.undo_stack.push(
            Change(
                text,
                self,
                redo=lambda: self._households.put_back(after),
                undo=lambda: self._households.put_back(before),
                after=self.refresh,
            )
        )

    def new_household(self) -> None:
        dialog = HouseholdDialog(self._households, self._people, self._support, parent=self)
        if dialog.exec() and dialog.detail is not None:
            after = self._households.snapshot(dialog.detail.uid)
            before = replace(after, deleted=True, placements=())
            self._push(_("add {name}").format(name=after.household.name), after, before)

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            detail = self._households.get(row.uid)
            before = self._households.snapshot(row.uid)
        except CommunityDeskError as error:
            show_error(self, error)
            self.refresh()
            return
        dialog = HouseholdDialog(self._households, self._people, self._support, detail, parent=self)
        dialog.exec()  # members may change even when the form is cancelled
        before = before.including(tuple(dialog.touched.values()))
        people = tuple(p.person_uid for p in before.placements)
        try:
            after = self._households.snapshot(row.uid, people)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        if after != before:
            self._push(_("edit {name}").format(name=after.household.name), after, before)
        else:
            self.refresh()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        uid = row.uid
        try:
            before = self._households.snapshot(uid)
        except CommunityDeskError as error:
            show_error(self, error)
            self.refresh()
            return
        self.undo_stack.push(
            Change(
                _("delete {name}").format(name=row.name),
                self,
                redo=lambda: self._households.delete(uid),
                undo=lambda: self._households.put_back(before),
                after=self.refresh,
            )
        )
