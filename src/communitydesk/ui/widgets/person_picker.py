"""Find a person by name to add somewhere: a household, a role's backup, a membership.

Typing is debounced and the search runs on the task runner, like the roster's, so a large
roster never freezes the dialog; only the answer to the latest text is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from communitydesk.core.i18n import _
from communitydesk.services.people import PeoplePage, PeopleService
from communitydesk.ui.tasks import Task, TaskRunner

SEARCH_DELAY_MS = 200
MIN_LETTERS = 2
SHOWN = 30


class PersonPicker(QWidget):
    """A name box and the people it finds; `uid()` is the one chosen ("" when none)."""

    found = Signal(int)  # how many people the latest search found

    def __init__(
        self,
        people: PeopleService,
        placeholder: str,
        none_label: str = "",
        exclude: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._none_label = none_label
        self._exclude = exclude
        self._tasks = TaskRunner(parent=self)
        self.pending: Task | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.choices = QComboBox()
        self.choices.setMinimumContentsLength(18)
        self.choices.setPlaceholderText(_("type two letters or more"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._start_search)
        self.search.textChanged.connect(self._debounce.start)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.choices, 1)
        self._show(PeoplePage((), 0))

    @property
    def busy(self) -> bool:
        return self._debounce.isActive() or self.pending is not None

    def uid(self) -> str:
        return str(self.choices.currentData() or "")

    def clear(self) -> None:
        self.search.clear()
        self._debounce.stop()
        self._show(PeoplePage((), 0))

    def _start_search(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        text = self.search.text()
        if len(text.strip()) < MIN_LETTERS:
            self.pending = None
            self._show(PeoplePage((), 0))
            return
        self.pending = self._tasks.run(
            lambda _task: self._people.search(text, limit=SHOWN + 1), self._show
        )

    def _show(self, page: PeoplePage) -> None:
        self.pending = None
        self.choices.clear()
        if self._none_label:
            self.choices.addItem(self._none_label, "")
        rows = [row for row in page.rows if row.uid != self._exclude][:SHOWN]
        for row in rows:
            label = row.display_name + (f" ({row.household})" if row.household else "")
            self.choices.addItem(label, row.uid)
        if rows:
            # With a placeholder, a combo box chooses nothing by itself: offer the best match.
            self.choices.setCurrentIndex(1 if self._none_label else 0)
        self.found.emit(len(rows))
