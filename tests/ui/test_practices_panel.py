from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QTableWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.practices import Assessment, PracticeInput
from communitydesk.services.programs import ProgramInput
from communitydesk.ui.dialogs.practice_dialog import PracticeDialog
from communitydesk.ui.panels.practices import PracticesPanel
from communitydesk.ui.tasks import TaskRunner

D = TypeVar("D", bound=QDialog)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> PracticesPanel:
    panel = PracticesPanel(
        services.practices,
        services.practice_evidence,
        services.practice_profiles,
        services.programs,
        tasks,
    )
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy)
    return panel


def _on_modal(kind: type[D], act: Callable[[D], None], tries: int = 250) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        if tries:
            QTimer.singleShot(20, lambda: _on_modal(kind, act, tries - 1))
        return
    try:
        act(dialog)
    except BaseException:
        dialog.done(0)
        raise


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _cells(panel: PracticesPanel) -> list[list[str]]:
    table = panel.table
    return [
        [_text(table, row, column) for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_a_practice_typed_in_the_dialog_is_saved_and_listed(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.programs.create(ProgramInput("Homework club"))
    panel = _panel(organized, tasks, qtbot)
    assert panel.count.text().startswith("No practices yet")
    typed: list[bool] = []

    def fill(dialog: PracticeDialog) -> None:
        qtbot.waitUntil(lambda: dialog.program_checks.count() == 1)
        qtbot.keyClicks(dialog.name, "Parents as tutors")
        item = dialog.program_checks.item(0)
        dialog.program_checks.setCurrentItem(item)
        qtbot.keyClick(dialog.program_checks, Qt.Key.Key_Space)
        dialog.level.setCurrentIndex(dialog.level.findData("good"))
        assert "not yet been repeated elsewhere" in dialog.level_meaning.text()
        dialog.tabs.setCurrentIndex(1)
        qtbot.keyClicks(dialog.answers["what_it_is"], "Parents tutor children on Tuesdays.")
        dialog.tabs.setCurrentIndex(2)
        how, evidence = dialog.elements.boxes["volunteers"]
        qtbot.keyClicks(how, "Six parents take turns.")
        qtbot.keyClicks(evidence, "Sign-in sheets")
        typed.append(True)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )

    _on_modal(PracticeDialog, fill)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert typed
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    name, level, programs, shareable, _changed = _cells(panel)[0]
    assert (name, level, programs, shareable) == (
        "Parents as tutors",
        "Good practice",
        "Homework club",
        "No",
    )
    assert panel.count.text() == "1 practice"
    saved = organized.practices.get(organized.practices.list()[0].uid)
    assert saved.answers == {"what_it_is": "Parents tutor children on Tuesdays."}
    assert saved.elements == {"volunteers": Assessment("Six parents take turns.", "Sign-in sheets")}


def test_delete_then_ctrl_z_brings_the_practice_back(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.practices.save(PracticeInput("Seniors' tea"))
    organized.practices.save(PracticeInput("Homework club"))
    panel = _panel(organized, tasks, qtbot)
    assert [row[0] for row in _cells(panel)] == ["Homework club", "Seniors' tea"]
    panel.table.setFocus()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    assert [row[0] for row in _cells(panel)] == ["Seniors' tea"]
    assert panel.changes.button.text() == "Undo: delete Homework club"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 2)
    assert [p.name for p in organized.practices.list()] == ["Homework club", "Seniors' tea"]


def test_export_then_import_gives_a_second_copy(
    organized: Services,
    tasks: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    organized.practices.save(
        PracticeInput("Homework club", answers={"purpose": "Children finish school."})
    )
    panel = _panel(organized, tasks, qtbot)
    target = tmp_path / "homework.cdpractice.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and bool(panel.outcome.text()))
    assert panel.outcome.text() == "Saved homework.cdpractice.json."
    assert target.exists()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(target), ""))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 2)
    assert panel.outcome.text() == "Imported homework.cdpractice.json as a new practice."
    copies = organized.practices.list()
    assert [p.name for p in copies] == ["Homework club", "Homework club"]
    assert {organized.practices.get(p.uid).answers["purpose"] for p in copies} == {
        "Children finish school."
    }


def test_a_broken_practice_file_is_refused_with_a_message(
    organized: Services,
    tasks: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = _panel(organized, tasks, qtbot)
    broken = tmp_path / "notes.txt"
    broken.write_text("hello", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "communitydesk.ui.widgets.messages.QMessageBox.warning",
        lambda _parent, _title, text: shown.append(text),
    )
    panel.import_from(broken)
    qtbot.waitUntil(lambda: not panel.busy)
    assert shown == ["This is not a practice file exported by CommunityDesk."]
    assert organized.practices.list() == ()


def _practice_to_print(services: Services) -> None:
    services.practices.save(
        PracticeInput(
            "Parents as tutors",
            language="en",
            answers={"what_it_is": "Parents tutor children on Tuesdays."},
        )
    )


def test_print_profile_previews_the_practice_s_profile(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    _practice_to_print(organized)
    panel = _panel(organized, tasks, qtbot)
    panel.table.selectRow(0)
    assert panel.print_button.isEnabled()
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.preview_dialog is not None and not panel.busy)
    preview = panel.preview_dialog
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.isVisible()
    text = " ".join(page.extract_text() or "" for page in PdfReader(preview.draft).pages)
    assert "Parents as tutors" in text
    assert "Parents tutor children on Tuesdays." in " ".join(text.split())
    preview.close()


def test_save_as_word_writes_the_profile_where_chosen(
    organized: Services,
    tasks: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _practice_to_print(organized)
    panel = _panel(organized, tasks, qtbot)
    panel.table.selectRow(0)
    # Typed without the extension: the panel adds it.
    chosen = tmp_path / "tutors"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(chosen), ""))
    qtbot.mouseClick(panel.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and bool(panel.outcome.text()))
    assert panel.outcome.text() == "Saved tutors.docx."
    word = WordDocument(str(tmp_path / "tutors.docx"))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert any("Parents as tutors" in text for text in texts)
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert any(heading.startswith("What it is") for heading in headings)
    assert "Parents tutor children on Tuesdays." in texts
