from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QThreadPool
from pytestqt.qtbot import QtBot

from communitydesk.core.errors import CommunityDeskError
from communitydesk.ui.tasks import Task, TaskRunner


def test_results_arrive_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, bool]] = []
    worker_threads: list[int] = []

    def work(task: Task) -> int:
        worker_threads.append(threading.get_ident())
        return 42

    runner.run(work, lambda value: seen.append((value, QThread.isMainThread())))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker_threads[0] != threading.get_ident()
    assert not runner.busy


def test_progress_and_expected_failures(qtbot: QtBot) -> None:
    shown_errors: list[str] = []
    runner = TaskRunner(default_failure=lambda error: shown_errors.append(error.message))
    progress: list[tuple[int, int]] = []

    def work(task: Task) -> None:
        for done in range(3):
            task.progress(done, 3)
        raise CommunityDeskError("The USB key is full.")

    runner.run(work, lambda _value: None, on_progress=lambda d, t: progress.append((d, t)))
    qtbot.waitUntil(lambda: bool(shown_errors))
    assert shown_errors == ["The USB key is full."]
    assert progress == [(0, 3), (1, 3), (2, 3)]


def test_a_cancelled_task_delivers_nothing(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()
    results: list[str] = []

    def slow(task: Task) -> str:
        started.set()
        release.wait(5)
        return "stale"

    task = runner.run(slow, results.append)
    started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    runner.run(lambda _task: "fresh", results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results == ["fresh"]


def test_busy_signal(qtbot: QtBot) -> None:
    runner = TaskRunner()
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    done: list[int] = []
    runner.run(lambda _task: 1, done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert states == [True, False]


def test_a_window_closed_while_its_task_runs_is_not_called_back(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget
    from shiboken6 import Shiboken

    window = QWidget()
    runner = TaskRunner(parent=window)
    started, release = threading.Event(), threading.Event()
    results: list[str] = []

    def slow(_task: Task) -> str:
        started.set()
        release.wait(5)
        return "too late"

    runner.run(slow, results.append)
    started.wait(5)
    Shiboken.delete(window)  # the window and its runner are gone mid-task
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # any queued delivery would arrive here
    assert results == []


def test_a_panel_deleted_while_its_query_runs_is_skipped(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel
    from shiboken6 import Shiboken

    runner = TaskRunner()
    label = QLabel()
    started, release = threading.Event(), threading.Event()

    def slow(_task: Task) -> str:
        started.set()
        release.wait(5)
        return "late"

    runner.run(slow, label.setText)
    started.wait(5)
    Shiboken.delete(label)  # e.g. the window was rebuilt in another language
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)  # delivered without touching the deleted label
