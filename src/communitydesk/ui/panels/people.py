"""The roster: search as you type over names in every script; the query runs in SQL, off the
UI thread, and only its latest answer is shown."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from communitydesk.core.i18n import _, format_number, ngettext
from communitydesk.services.people import PeoplePage, PeopleService
from communitydesk.ui.item_models.people_table import PeopleTableModel
from communitydesk.ui.tasks import Task, TaskRunner

SEARCH_DELAY_MS = 200
PAGE_SIZE = 500


class PeoplePanel(QWidget):
    def __init__(
        self, people: PeopleService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._tasks = tasks
        self._pending: Task | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, in any script or its Latin spelling"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = PeopleTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Size columns on the first rows only: measuring 500 rows would block for 50 ms.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("People"))))
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        text = self.search.text()
        self._pending = self._tasks.run(
            lambda _task: self._people.search(text, limit=PAGE_SIZE), self.show_page
        )

    def show_page(self, page: PeoplePage) -> None:
        self._pending = None
        self.model.set_rows(page.rows)
        self.table.resizeColumnsToContents()
        if page.total > len(page.rows):
            text = _("Showing the first {shown} of {total} people").format(
                shown=format_number(len(page.rows)), total=format_number(page.total)
            )
        else:
            text = ngettext("{count} person", "{count} people", page.total).format(
                count=format_number(page.total)
            )
        self.count.setText(text)
