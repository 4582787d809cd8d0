"""Find people by name as you type, off the UI thread, and pick one with the keyboard alone
(Down/Up, Enter): the name box of the attendance window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
)
from communitydesk.services.people import PeoplePage, PeopleService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.attendance_parts import (
    expected_problem,
    person_label,
)
from communitydesk.ui.widgets.person_picker import MIN_LETTERS, SEARCH_DELAY_MS, SHOWN


class RosterSearch(QWidget):
    """A name box over the whole roster, with its matches below; Enter chooses the highlighted."""

    chosen = Signal(str, str, str)  # uid, name, Latin spelling

    def __init__(
        self,
        people: PeopleService,
        tasks: TaskRunner,
        is_present: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._tasks = tasks
        self._is_present = is_present
        self.pending: Task | None = None
        # Enter pressed before the matches arrived: choose the best one when they do.
        self._choose_when_found = False
        self._rows: PeoplePage = PeoplePage((), 0)
        self.box = QLineEdit()
        self.box.setPlaceholderText(_("Type a name, then Enter to tick them present"))
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.results = QListWidget()
        self.results.itemActivated.connect(self._choose_item)
        self.results.installEventFilter(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._start_search)
        self.box.textChanged.connect(self._debounce.start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)

    @property
    def busy(self) -> bool:
        return self._debounce.isActive() or self.pending is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.results and enter:
            self._enter()
            return True  # ticked; the dialog's default button must not save as well
        if watched is self.box:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if enter:
                self._enter()
                return True  # Enter ticks here; it never presses the dialog's default button
            if key == Qt.Key.Key_Escape and self.box.text():
                self.clear()
                return True
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        self._debounce.stop()
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self._choose_when_found = False
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        self._show(PeoplePage((), 0))

    def refresh_marks(self) -> None:
        """Mark again who is present among the matches (after a tick elsewhere)."""
        current = self.results.currentRow()
        self._show(self._rows, keep_pending=True)
        if 0 <= current < self.results.count():
            self.results.setCurrentRow(current)

    def _move(self, step: int) -> None:
        count = self.results.count()
        if count:
            row = min(max(self.results.currentRow() + step, 0), count - 1)
            self.results.setCurrentRow(row)

    def _enter(self) -> None:
        if self._debounce.isActive():
            self._debounce.stop()
            self._start_search()
        if self.pending is not None:
            self._choose_when_found = True
            return
        item = self.results.currentItem()
        if item is not None:
            self._choose_item(item)

    def _start_search(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        text = self.box.text()
        if len(text.strip()) < MIN_LETTERS:
            self._choose_when_found = False
            self._show(PeoplePage((), 0))
            return
        self.pending = self._tasks.run(
            lambda _task: self._people.search(text, limit=SHOWN + 1), self._found, self._failed
        )

    def _found(self, page: PeoplePage) -> None:
        self.pending = None
        self._show(page)
        if self._choose_when_found:
            self._choose_when_found = False
            self._enter()

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self._choose_when_found = False
        self.hint.setText(expected_problem(error).message)
        self.hint.show()

    def _show(self, page: PeoplePage, keep_pending: bool = False) -> None:
        if not keep_pending:
            self.pending = None
        self._rows = page
        self.results.clear()
        for row in page.rows[:SHOWN]:
            label = person_label(row.display_name, row.latin_name)
            if row.household:
                label += " — " + row.household
            if self._is_present(row.uid):
                label = _("{name} (present)").format(name=label)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (row.uid, row.display_name, row.latin_name))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        searched = len(self.box.text().strip()) >= MIN_LETTERS
        if searched and not page.rows:
            self.hint.setText(_("Nobody by that name: is it a newcomer?"))
        elif len(page.rows) > SHOWN:
            self.hint.setText(_("More people match: type more of the name."))
        self.hint.setVisible(searched and (not page.rows or len(page.rows) > SHOWN))

    def _choose_item(self, item: QListWidgetItem) -> None:
        uid, name, latin = item.data(Qt.ItemDataRole.UserRole)
        self.clear()
        self.chosen.emit(uid, name, latin)
