from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QInputDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.ui.dialogs.funder_template_dialog import (
    DRAFTED_FROM,
    HINT,
    TITLE,
    FunderTemplatesDialog,
)
from communitydesk.ui.tasks import TaskRunner

M = TypeVar("M", bound=QWidget)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _on_modal(kind: type[M], act: Callable[[M], None], tries: int = 250) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, kind):
        if tries:
            QTimer.singleShot(20, lambda: _on_modal(kind, act, tries - 1))
        return
    try:
        act(box)
    except BaseException:
        box.close()
        raise


def _dialog(services: Services, tasks: TaskRunner, qtbot: QtBot) -> FunderTemplatesDialog:
    dialog = FunderTemplatesDialog(services.funding, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.template_list.count() > 0)
    return dialog


def _names(dialog: FunderTemplatesDialog) -> list[str]:
    return [dialog.template_list.item(i).text() for i in range(dialog.template_list.count())]


def _enter(qtbot: QtBot, dialog: FunderTemplatesDialog, editor: QWidget, text: str) -> None:
    """Type into a cell's editor and press Return, as a user does; the table takes the text
    on its next turn of the event loop."""
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() == QAbstractItemView.State.NoState)


def _type_in(qtbot: QtBot, dialog: FunderTemplatesDialog, row: int, column: int, text: str) -> None:
    table = dialog.table
    item = table.item(row, column)
    assert item is not None
    table.setCurrentCell(row, column)
    table.editItem(item)
    editor = QApplication.focusWidget()
    assert editor is not None
    _enter(qtbot, dialog, editor, text)


def test_add_a_section_move_it_up_and_save(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    assert _names(dialog) == ["Community foundation grant", "Municipal community-funding call"]
    dialog.template_list.setCurrentRow(0)
    template = dialog.current_template()
    assert template is not None
    count = len(template.sections)
    assert dialog.table.rowCount() == count
    assert dialog.table.item(0, TITLE).text() == "About your organization"  # type: ignore[union-attr]

    dialog.table.setCurrentCell(count - 1, TITLE)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == count + 1
    editor = QApplication.focusWidget()
    assert editor is not None
    _enter(qtbot, dialog, editor, "Youth voice")
    _type_in(qtbot, dialog, count, HINT, "What young people told us.")
    combo = dialog.table.cellWidget(count, DRAFTED_FROM)
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Written by hand"
    combo.setCurrentIndex(combo.findText("Who we serve"))
    assert dialog.dirty

    dialog.table.setCurrentCell(count, TITLE)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.table.currentRow() == count - 1
    assert dialog.table.item(count - 1, TITLE).text() == "Youth voice"  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)

    saved = organized.funding.template(template.uid)
    assert len(saved.sections) == count + 1
    moved = saved.sections[count - 1]
    assert (moved.key, moved.title, moved.hint) == (
        "served",
        "Youth voice",
        "What young people told us.",
    )
    # The seeded sections keep their English source text, so they stay translated.
    assert saved.sections[0].title == "About your organization"
    assert saved.sections[count] == template.sections[count - 1]
    assert not dialog.dirty


def test_a_template_without_sections_is_refused_plainly(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    template = dialog.current_template()
    assert template is not None
    while dialog.table.rowCount():
        dialog.table.setCurrentCell(0, TITLE)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Add at least one section."
    assert organized.funding.template(template.uid).sections == template.sections

    def leave(box: QMessageBox) -> None:
        assert "not saved" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, lambda: _on_modal(QMessageBox, leave))
    dialog.buttons.rejected.emit()  # Close, with the changes left unsaved
    assert not dialog.isVisible()


def test_new_rename_and_delete_a_template(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)

    def answer(text: str) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, lambda: answer(text))
            return
        box.setTextValue(text)
        box.accept()

    QTimer.singleShot(0, lambda: answer("Trillium"))
    dialog.new_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "Trillium" in _names(dialog))
    current = dialog.current_template()
    assert current is not None and current.name == "Trillium"
    assert dialog.table.item(0, TITLE).text() == "Our organization"  # type: ignore[union-attr]

    QTimer.singleShot(0, lambda: answer("Ontario Trillium"))
    dialog.rename_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "Ontario Trillium" in _names(dialog))
    assert organized.funding.template(current.uid).name == "Ontario Trillium"

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, confirm)
            return
        assert "Ontario Trillium" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, confirm)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "Ontario Trillium" not in _names(dialog))
    assert [t.name for t in organized.funding.templates()] == [
        "Community foundation grant",
        "Municipal community-funding call",
    ]
