"""Find a service of the directory by typing: "Food bank — Moisson Sud".

Like the person picker, typing is debounced and the search runs in SQL on the task runner, so a
hub's directory of thousands of services never freezes the form; only the answer to the latest
text is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from communitydesk.core.i18n import _
from communitydesk.services.directory import DirectoryFilter, ServiceDirectory, ServiceRow
from communitydesk.ui.tasks import Task, TaskRunner

SEARCH_DELAY_MS = 200
MIN_LETTERS = 2
SHOWN = 30

Choice = tuple[str, str]  # (label, uid)


def service_label(service: str, organization: str) -> str:
    return _("{service} — {organization}").format(service=service, organization=organization)


class SearchPicker(QWidget):
    """A search box and the choices it finds; `uid()` is the one chosen ("" when none).

    Subclasses give `search_step(text)`, run off the UI thread, returning (label, uid) pairs."""

    chosen = Signal(str)  # the uid now chosen ("" for none)
    found = Signal(int)  # how many choices the latest search found

    def __init__(
        self,
        tasks: TaskRunner,
        placeholder: str,
        none_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._none_label = none_label
        self.pending: Task | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.choices = QComboBox()
        self.choices.setMinimumContentsLength(18)
        self.choices.setPlaceholderText(_("type two letters or more"))
        self.choices.currentIndexChanged.connect(self._index_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._start_search)
        self.search.textChanged.connect(self._debounce.start)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The choice ("service — organization") is the longer text: it gets more of the row.
        layout.addWidget(self.search, 2)
        layout.addWidget(self.choices, 3)
        self.setFocusProxy(self.search)
        self._show([])

    @property
    def busy(self) -> bool:
        return self._debounce.isActive() or self.pending is not None

    def uid(self) -> str:
        return str(self.choices.currentData() or "")

    def set_choice(self, label: str, uid: str) -> None:
        """Show one known choice, chosen, without searching (a form opened on a record)."""
        self._debounce.stop()
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._show([(label, uid)])

    def _index_changed(self) -> None:
        self.choices.setToolTip(self.choices.currentText())  # a long name cut short is read here
        self.chosen.emit(self.uid())

    def search_step(self, text: str) -> Callable[[], list[Choice]]:
        raise NotImplementedError

    def _start_search(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        text = self.search.text()
        if len(text.strip()) < MIN_LETTERS:
            self.pending = None
            self._show([])
            return
        step = self.search_step(text)
        self.pending = self._tasks.run(lambda _task: step(), self._found)

    def _found(self, choices: list[Choice]) -> None:
        self.pending = None
        self._show(choices)

    def _show(self, choices: list[Choice]) -> None:
        self.choices.blockSignals(True)
        self.choices.clear()
        if self._none_label:
            self.choices.addItem(self._none_label, "")
        for label, uid in choices[:SHOWN]:
            self.choices.addItem(label, uid)
        if choices:
            # With a placeholder, a combo box chooses nothing by itself: offer the best match.
            self.choices.setCurrentIndex(1 if self._none_label else 0)
        self.choices.blockSignals(False)
        self._index_changed()
        self.found.emit(min(len(choices), SHOWN))


class ServicePicker(SearchPicker):
    """Active services whose names, organization, descriptions or contacts hold every word."""

    def __init__(
        self,
        directory: ServiceDirectory,
        tasks: TaskRunner,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        self._directory = directory
        super().__init__(
            tasks, placeholder or _("Service: type its name or the organization's"), parent=parent
        )

    def search_step(self, text: str) -> Callable[[], list[Choice]]:
        directory = self._directory

        def search() -> list[Choice]:
            rows: list[ServiceRow] = directory.browse(DirectoryFilter(text=text), limit=SHOWN)
            return [(service_label(row.name, row.organization), row.uid) for row in rows]

        return search
