from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.funding import ApplicationInput
from communitydesk.services.programs import ProgramInput
from communitydesk.ui.dialogs.application_dialog import (
    ApplicationDialog,
    load_application_choices,
)
from communitydesk.ui.tasks import TaskRunner

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _on_modal(kind: type[W], act: Callable[[W], None], tries: int = 250) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        if tries:
            QTimer.singleShot(20, lambda: _on_modal(kind, act, tries - 1))
        return
    act(dialog)


def _dialog(
    services: Services, tasks: TaskRunner, qtbot: QtBot, uid: str = ""
) -> ApplicationDialog:
    choices = load_application_choices(services.funding, services.programs, services.practices)
    record = services.funding.get(uid) if uid else None
    dialog = ApplicationDialog(services.funding, tasks, choices, record)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _box(dialog: ApplicationDialog, key: str) -> int:
    return next(i for i, b in enumerate(dialog.section_boxes) if b.section.key == key)


def test_a_new_application_typed_is_saved_with_cents(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    program = organized.programs.create(ProgramInput("Homework club")).uid
    dialog = _dialog(organized, tasks, qtbot)
    assert dialog.template.currentText() == "Community foundation grant"
    assert [b.section.title for b in dialog.section_boxes][:2] == [
        "About your organization",
        "The need in your community",
    ]
    qtbot.keyClicks(dialog.amount, "12,500.50")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.fields["title"].error.text() == "Give the application a title."
    qtbot.keyClicks(dialog.title, "Homework club 2027")
    qtbot.keyClicks(dialog.funder, "Grand Montreal Foundation")
    dialog.program.setCurrentIndex(dialog.program.findData(program))
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.section_boxes[_box(dialog, "need")].text, "Families wait months.")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    [saved] = organized.funding.applications()
    assert (saved.title, saved.funder, saved.program_name) == (
        "Homework club 2027",
        "Grand Montreal Foundation",
        "Homework club",
    )
    assert saved.amount_cents == 1250050
    assert saved.status == "idea"
    need = next(s for s in saved.sections if s.key == "need")
    assert need.text == "Families wait months."


def test_a_bad_amount_is_shown_on_the_details_tab(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    qtbot.keyClicks(dialog.title, "Spring call")
    qtbot.keyClicks(dialog.amount, "a lot")
    dialog.tabs.setCurrentIndex(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.tabs.currentIndex() == 0
    assert dialog.fields["amount_cents"].error.text() == "Write an amount, e.g. 25.00."
    assert organized.funding.applications() == ()


def test_drafting_fills_empty_sections_and_leaves_written_ones(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    dialog.tabs.setCurrentIndex(1)
    about = dialog.section_boxes[_box(dialog, "organization")]
    need = dialog.section_boxes[_box(dialog, "need")]
    qtbot.keyClicks(need.text, "Our own words.")
    assert about.is_empty()
    dialog.draft_all_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert about.text.toPlainText().startswith("Cercle des aînés")
    assert need.text.toPlainText() == "Our own words."

    # One section's Draft asks before replacing what is written; "No" keeps it.
    def refuse(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.No).click()

    about.text.setPlainText("Mine.")
    QTimer.singleShot(0, lambda: _on_modal(QMessageBox, refuse))
    about.draft_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert about.text.toPlainText() == "Mine."

    def accept(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, lambda: _on_modal(QMessageBox, accept))
    about.draft_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and about.text.toPlainText() != "Mine.")
    assert about.text.toPlainText().startswith("Cercle des aînés")
    assert need.text.toPlainText() == "Our own words."


def test_copy_puts_the_section_text_on_the_clipboard(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    dialog.tabs.setCurrentIndex(1)
    box = dialog.section_boxes[_box(dialog, "need")]
    qtbot.keyClicks(box.text, "Forty families are waiting.")
    box.copy_button.click()
    assert QApplication.clipboard().text() == "Forty families are waiting."


def test_reporting_deadlines_of_a_granted_application(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    uid = organized.funding.save(
        ApplicationInput(
            "Youth grant",
            amount_cents=500000,
            status="granted",
            submitted_on=date(2026, 3, 1),
            decided_on=date(2026, 5, 1),
        )
    ).uid
    dialog = _dialog(organized, tasks, qtbot, uid)
    dialog.tabs.setCurrentIndex(2)
    table = dialog.deadlines_table
    assert table is not None

    def cell(row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    dialog.add_deadline_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.what_field.error.text() == "Say what is due, e.g. Interim report."
    qtbot.keyClicks(dialog.what, "Interim report")
    dialog.add_deadline_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and table.rowCount() == 1)
    assert cell(0, 1) == "Interim report"
    assert cell(0, 2) == ""
    dialog.sent_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and cell(0, 2) != "")
    [owed] = organized.funding.get(uid).deadlines
    assert owed.done_on == date.today()
    dialog.delete_deadline_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and table.rowCount() == 0)
    assert organized.funding.get(uid).deadlines == ()


def test_reporting_waits_for_a_granted_application(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    assert dialog.deadlines_table is None
