"""Run slow work off the UI thread; results come back on the main thread.

    handle = runner.run(lambda task: services.people.search(text),
                        on_success=model.show_page, on_failure=show_error)
    handle.cancel()   # a superseded search: its result is dropped

The function receives a `Task` to report progress (`task.progress(done, total)`) and to see
whether it was cancelled (`task.cancelled`). Expected problems (`CommunityDeskError`) go to
`on_failure`, or to `default_failure` when none is given; bugs reach `sys.excepthook`, which the
app turns into the crash dialog.
"""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import Shiboken

from communitydesk.core.errors import CommunityDeskError

T = TypeVar("T")


class TaskCancelled(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by a task function that noticed it was cancelled."""


class _JobSignals(QObject):
    """Made in the worker thread for one job, so it never outlives or crosses its thread.

    The runner (a child of some window) may be deleted while the job runs; Qt then drops the
    queued deliveries, and nothing touches a deleted object.
    """

    finished = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)
    cancelled = Signal(int)


@dataclass
class Task:
    id: int
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    _signals: _JobSignals | None = field(default=None, repr=False)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, total: int) -> None:
        """Report progress; raises TaskCancelled if the user cancelled (a convenient stop)."""
        if self.cancelled:
            raise TaskCancelled
        if self._signals is not None:
            self._signals.progressed.emit(self.id, done, total)


@dataclass
class _Callbacks(Generic[T]):
    success: Callable[[T], None]
    failure: Callable[[BaseException], None] | None
    progress: Callable[[int, int], None] | None
    task: Task


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task: Task, fn: Callable[[Task], Any]) -> None:
        super().__init__()
        self._runner, self._task, self._fn = runner, task, fn

    def run(self) -> None:
        signals = _JobSignals()
        try:
            signals.finished.connect(self._runner._on_finished)
            signals.failed.connect(self._runner._on_failed)
            signals.progressed.connect(self._runner._on_progress)
            signals.cancelled.connect(self._runner._on_cancelled)
        except RuntimeError:  # the runner is already deleted: nobody waits for this result
            return
        self._task._signals = signals
        try:
            try:
                result = self._fn(self._task)
            except TaskCancelled:
                signals.cancelled.emit(self._task.id)
            except BaseException as error:  # delivered to the main thread, never lost
                signals.failed.emit(self._task.id, error)
            else:
                signals.finished.emit(self._task.id, result)
        except RuntimeError:
            pass  # Qt is shutting down and has deleted the signals: nobody is listening
        finally:
            self._task._signals = None


def _alive(callback: Callable[..., object]) -> bool:
    """False when the callback is a method of a widget that was deleted meanwhile
    (a panel rebuilt by a language switch while its query ran)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or Shiboken.isValid(owner)


class TaskRunner(QObject):
    """Lives on the main thread; its signals carry results back there from the pool."""

    busy_changed = Signal(bool)

    def __init__(
        self,
        default_failure: Callable[[CommunityDeskError], None] | None = None,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks[Any]] = {}
        self._default_failure = default_failure

    def run(
        self,
        fn: Callable[[Task], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        task = Task(next(self._ids))
        was_idle = not self._pending
        self._pending[task.id] = _Callbacks(on_success, on_failure, on_progress, task)
        if was_idle:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self, task, fn))
        return task

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """For shutdown and tests: wait for the pool (results still arrive through events)."""
        return bool(self._pool.waitForDone(msecs))

    def _take(self, task_id: int) -> _Callbacks[Any] | None:
        callbacks = self._pending.pop(task_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if callbacks is None or callbacks.task.cancelled or not _alive(callbacks.success):
            return None
        return callbacks

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        callbacks = self._take(task_id)
        if callbacks:
            callbacks.success(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, error: BaseException) -> None:
        callbacks = self._take(task_id)
        if callbacks is None:
            return
        if callbacks.failure:
            callbacks.failure(error)
        elif isinstance(error, CommunityDeskError) and self._default_failure:
            self._default_failure(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    @Slot(int, int, int)
    def _on_progress(self, task_id: int, done: int, total: int) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks and callbacks.progress and not callbacks.task.cancelled:
            callbacks.progress(done, total)

    @Slot(int)
    def _on_cancelled(self, task_id: int) -> None:
        self._take(task_id)
