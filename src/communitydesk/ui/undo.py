"""Undo for the last edits of a list (Ctrl+Z), each step done again or undone through services.

A change is pushed once it has been made; pushing applies its "redo" step again, which puts the
same state back and so costs one harmless write. Each step is one service call, so one
transaction: an undo either happens whole or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThreadPool
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.messages import report_problem, show_error

UNDO_LIMIT = 50


class Change(QUndoCommand):
    def __init__(
        self,
        text: str,
        owner: QWidget,
        redo: Callable[[], object],
        undo: Callable[[], object],
        after: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._owner, self._redo, self._undo, self._after = owner, redo, undo, after

    def redo(self) -> None:
        self._apply(self._redo)

    def undo(self) -> None:
        self._apply(self._undo)

    def _apply(self, step: Callable[[], object]) -> None:
        try:
            step()
        except CommunityDeskError as error:
            show_error(self._owner, error)
        self._after()


def already_done(step: Callable[[], object]) -> Callable[[], object]:
    """An undo step's redo for a change already made (and checked) before it is pushed:
    pushing runs redo once, which must not make the change a second time."""
    first = [True]

    def run() -> object:
        if first[0]:
            first[0] = False
            return None
        return step()

    return run


def guarded(
    redo: Callable[[], object], undo: Callable[[], object]
) -> tuple[Callable[[], None], Callable[[], None]]:
    """Steps whose undo does nothing when the redo was refused (an entry in a closed period, an
    account with entries): the refusal is shown once, and Undo does not repeat it."""
    done = threading.Event()

    def do() -> None:
        redo()
        done.set()

    def take_back() -> None:
        if done.is_set():
            undo()
            done.clear()

    return do, take_back


def undo_stack(owner: QWidget) -> tuple[QUndoStack, QPushButton]:
    """A stack for `owner`, with Ctrl+Z and Ctrl+Shift+Z inside it and a button naming the step."""
    stack = QUndoStack(owner)
    stack.setUndoLimit(UNDO_LIMIT)
    button = QPushButton(_("Undo"))
    button.setEnabled(False)
    button.clicked.connect(stack.undo)
    stack.canUndoChanged.connect(button.setEnabled)
    stack.undoTextChanged.connect(
        lambda text: button.setText(_("Undo: {what}").format(what=text) if text else _("Undo"))
    )
    for keys, slot in (
        (QKeySequence.StandardKey.Undo, stack.undo),
        (QKeySequence.StandardKey.Redo, stack.redo),
    ):
        shortcut = QShortcut(QKeySequence(keys), owner)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
    return stack, button


class OrderedWrites(QObject):
    """Service calls off the UI thread, one after the other in the order asked; `then` runs on
    the UI thread after each (also after a failure, which is shown to the user)."""

    def __init__(self, owner: QWidget, then: Callable[[], None]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._then = then
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)  # one thread: first asked, first done
        self._runner = TaskRunner(pool=pool, parent=self)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def run(self, step: Callable[[], object]) -> None:
        self._runner.run(lambda _task: step(), self._done, self._failed)

    def change(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> Change:
        """An undo step whose service calls run here."""
        return Change(
            text,
            self._owner,
            redo=lambda: self.run(redo),
            undo=lambda: self.run(undo),
            after=lambda: None,  # `then` runs once the write is done, not when it is asked
        )

    def _done(self, _result: object) -> None:
        self._then()

    def _failed(self, error: BaseException) -> None:
        report_problem(self._owner, error)
        self._then()


class BackgroundChanges(OrderedWrites):
    """An undo stack (with its button) whose steps are `OrderedWrites`; `after` runs once each
    write is done."""

    def __init__(self, owner: QWidget, after: Callable[[], None]) -> None:
        super().__init__(owner, after)
        self.stack, self.button = undo_stack(owner)

    def push(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        """Record a change already made; its redo step runs once more (a harmless write)."""
        self.stack.push(self.change(text, redo, undo))

    def attempt(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        """Make a change the books may refuse (a fund in use, a category with others under it):
        it runs first, in turn with the other writes, and only once it is made does an undo
        step record it. A refusal is shown once and leaves nothing to undo."""

        def made(_result: object) -> None:
            self.stack.push(self.change(text, already_done(do), undo))
            self._then()

        self._runner.run(lambda _task: do(), made, self._failed)
