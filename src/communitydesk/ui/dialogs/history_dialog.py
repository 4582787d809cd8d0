"""The change history: the whole log with filters, or one record's story (a person, a household)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, format_datetime, format_number, ngettext
from communitydesk.services.history import (
    KINDS,
    HistoryEntry,
    HistoryFilter,
    HistoryPage,
    HistoryService,
    actor_text,
    change_text,
    entry_text,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.tables import read_only_table

SHOWN = 500


class HistoryDialog(QDialog):
    """With `record_uid`, that record's story; without, the log of everything, filtered."""

    def __init__(
        self,
        history: HistoryService,
        record_uid: str = "",
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._record_uid = record_uid
        self._tasks = TaskRunner(parent=self)
        self.pending: Task | None = None
        self.setWindowTitle(title or _("Change history"))
        self.resize(980, 640)
        self.explanation = QLabel(
            _(
                "Every change is recorded with who made it and when. The history cannot be "
                "edited; it keeps what a sensitive note said out of it."
            )
        )
        self.explanation.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem(_("Everything"), "")
        for code, label in KINDS.items():
            self.kind.addItem(_(label), code)
        self.actor = QComboBox()
        self.count = QLabel()
        self.table = read_only_table([_("When"), _("Who"), _("What"), _("Details")])
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel(_("Kind")))
        filters.addWidget(self.kind, 1)
        filters.addWidget(QLabel(_("Who")))
        filters.addWidget(self.actor, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        if not record_uid:
            layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.actor.currentIndexChanged.connect(self.refresh)
        if not record_uid:
            self._tasks.run(lambda _task: history.actors(), self._show_actors)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._debounce.isActive() or self.pending is not None

    def _show_actors(self, actors: tuple[str, ...]) -> None:
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItem(_("Anyone"), None)
        for actor in actors:
            self.actor.addItem(actor_text(actor), actor)
        self.actor.blockSignals(False)

    def current_filter(self) -> HistoryFilter:
        actor = self.actor.currentData()
        return HistoryFilter(
            text=self.search.text(),
            kind=str(self.kind.currentData() or ""),
            actor=None if actor is None else str(actor),
        )

    def refresh(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        if self._record_uid:
            uid = self._record_uid

            def story(_task: Task) -> HistoryPage:
                entries = self._history.for_record(uid, limit=SHOWN)
                return HistoryPage(entries, len(entries))

            self.pending = self._tasks.run(story, self._show)
        else:
            wanted = self.current_filter()
            self.pending = self._tasks.run(
                lambda _task: self._history.log(wanted, limit=SHOWN), self._show
            )

    def _show(self, page: HistoryPage) -> None:
        self.pending = None
        if page.total > len(page.entries):
            self.count.setText(
                _("The newest {shown} of {total} changes").format(
                    shown=format_number(len(page.entries)), total=format_number(page.total)
                )
            )
        else:
            self.count.setText(
                ngettext("{count} change", "{count} changes", page.total).format(
                    count=format_number(page.total)
                )
            )
        self.table.setRowCount(len(page.entries))
        for row, entry in enumerate(page.entries):
            for column, text in enumerate(self.cells(entry)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    @staticmethod
    def cells(entry: HistoryEntry) -> list[str]:
        return [
            format_datetime(entry.at, "short"),
            actor_text(entry.actor),
            entry_text(entry),
            "\n".join(change_text(change) for change in entry.changes),
        ]
