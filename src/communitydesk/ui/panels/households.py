"""The households list: search by family name, open a household, add a new one."""

from __future__ import annotations

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
from communitydesk.services.households import HouseholdRow, HouseholdService
from communitydesk.services.people import PeopleService
from communitydesk.ui.dialogs.household_dialog import HouseholdDialog
from communitydesk.ui.item_models.households_table import HouseholdsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import show_error


class HouseholdsPanel(QWidget):
    def __init__(
        self,
        households: HouseholdService,
        people: PeopleService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._households = households
        self._people = people
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
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
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
            self.table.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.open_selected()

    def new_household(self) -> None:
        dialog = HouseholdDialog(self._households, self._people, parent=self)
        if dialog.exec():
            self.refresh()

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        try:
            detail = self._households.get(self.model.row_at(rows[0].row()).uid)
        except CommunityDeskError as error:
            show_error(self, error)
            self.refresh()
            return
        HouseholdDialog(self._households, self._people, detail, parent=self).exec()
        self.refresh()  # members may have changed even when the form was cancelled
