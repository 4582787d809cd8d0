from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from docx import Document as WordDocument
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.funding import ApplicationInput
from communitydesk.services.programs import ProgramInput
from communitydesk.ui.dialogs.application_dialog import ApplicationDialog
from communitydesk.ui.dialogs.funder_template_dialog import FunderTemplatesDialog
from communitydesk.ui.panels.applications import (
    ApplicationColumn,
    ApplicationsPanel,
    FunderReportDialog,
)
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.tables import select_row

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _on_modal(kind: type[W], act: Callable[[W], None], tries: int = 250) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        if tries:
            QTimer.singleShot(20, lambda: _on_modal(kind, act, tries - 1))
        return
    try:
        act(dialog)
    except BaseException:
        dialog.close()
        raise


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> ApplicationsPanel:
    s = services
    panel = ApplicationsPanel(s.funding, s.programs, s.practices, s.lookups, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel.new_button.isEnabled())
    return panel


def _cells(panel: ApplicationsPanel, row: int) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for column in range(model.columnCount())]


def test_a_new_application_typed_shows_in_the_list(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    program = organized.programs.create(ProgramInput("Homework club")).uid
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.model.rowCount() == 0
    assert "No funding applications yet" in panel.count.text()

    def fill(dialog: ApplicationDialog) -> None:
        qtbot.keyClicks(dialog.title, "Homework club 2027")
        qtbot.keyClicks(dialog.funder, "City of Gatineau")
        dialog.program.setCurrentIndex(dialog.program.findData(program))
        qtbot.keyClicks(dialog.amount, "7,250")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(ApplicationDialog, fill))
    panel.new_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not panel.busy)
    cells = _cells(panel, 0)
    assert cells[ApplicationColumn.TITLE] == "Homework club 2027"
    assert cells[ApplicationColumn.FUNDER] == "City of Gatineau"
    assert cells[ApplicationColumn.PROGRAM] == "Homework club"
    assert cells[ApplicationColumn.AMOUNT] == "$7,250.00"
    assert cells[ApplicationColumn.STATUS] == "Idea"
    assert panel.count.text() == "1 application"
    [saved] = organized.funding.applications()
    assert saved.amount_cents == 725000


def test_edit_by_double_click_then_delete_and_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    granted = organized.funding.save(
        ApplicationInput(
            "Youth grant",
            funder="United Way",
            amount_cents=500000,
            status="granted",
            submitted_on=date(2026, 3, 1),
            decided_on=date(2026, 5, 1),
        )
    )
    organized.funding.add_deadline(granted.uid, date(2026, 12, 15), "Final report")
    panel = _panel(organized, tasks, qtbot)
    cells = _cells(panel, 0)
    assert cells[ApplicationColumn.STATUS] == "Granted"
    assert cells[ApplicationColumn.NEXT_REPORT].endswith("Final report")

    def rename(dialog: ApplicationDialog) -> None:
        dialog.title.selectAll()
        qtbot.keyClicks(dialog.title, "Youth grant 2026")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(ApplicationDialog, rename))
    where = panel.table.visualRect(panel.model.index(0, 0)).center()
    # A double click is a click, then a second one: the view opens what both landed on.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: not panel.busy and _cells(panel, 0)[0] == "Youth grant 2026")

    panel.delete_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 0)
    assert organized.funding.applications() == ()
    assert panel.changes.button.text() == "Undo: delete Youth grant 2026"
    panel.activateWindow()  # back from the form, as on a desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _cells(panel, 0)[0] == "Youth grant 2026"
    assert organized.funding.get(granted.uid).granted_cents == 500000


def test_save_as_word(organized: Services, tasks: TaskRunner, qtbot: QtBot, tmp_path: Path) -> None:
    organized.funding.save(ApplicationInput("Spring call", funder="City of Gatineau"))
    panel = _panel(organized, tasks, qtbot)
    target = tmp_path / "spring"
    panel.save_word_to(panel.model.row_at(0).uid, target)
    qtbot.waitUntil(lambda: not tasks.busy)
    text = "\n".join(p.text for p in WordDocument(str(tmp_path / "spring.docx")).paragraphs)
    assert "Spring call" in text


def test_print_previews_the_application(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.funding.save(ApplicationInput("Spring call", funder="City of Gatineau"))
    panel = _panel(organized, tasks, qtbot)
    panel.print_button.click()
    qtbot.waitUntil(lambda: panel.preview_dialog is not None)
    preview = panel.preview_dialog
    assert preview is not None
    assert preview.windowTitle() == "Spring call"
    assert preview.pdf.pageCount() >= 1
    preview.done(0)


def test_funder_report_only_for_a_granted_application(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    program = organized.programs.create(ProgramInput("Homework club")).uid
    organized.funding.save(
        ApplicationInput("A draft", funder="United Way", program_uid=program, status="drafting")
    )
    organized.funding.save(
        ApplicationInput(
            "Homework grant",
            funder="City of Gatineau",
            program_uid=program,
            amount_cents=500000,
            status="granted",
            submitted_on=date(2026, 1, 10),
            decided_on=date(2026, 3, 1),
            starts_on=date(2026, 4, 1),
            ends_on=date(2026, 9, 30),
        )
    )
    panel = _panel(organized, tasks, qtbot)
    titles = [_cells(panel, row)[0] for row in range(panel.model.rowCount())]
    select_row(panel.table, titles.index("A draft"))
    assert not panel.report_button.isEnabled()
    select_row(panel.table, titles.index("Homework grant"))
    assert panel.report_button.isEnabled()

    def preview(dialog: FunderReportDialog) -> None:
        assert dialog.period() == (date(2026, 4, 1), date(2026, 9, 30))
        dialog.preview_button.click()

    QTimer.singleShot(0, lambda: _on_modal(FunderReportDialog, preview))
    panel.report_button.click()
    qtbot.waitUntil(lambda: panel.preview_dialog is not None)
    shown = panel.preview_dialog
    assert shown is not None
    assert shown.windowTitle() == "Report to City of Gatineau: Homework grant"
    assert shown.pdf.pageCount() >= 1
    shown.done(0)


def test_funder_report_period_defaults_to_the_last_twelve_months(
    organized: Services, qtbot: QtBot
) -> None:
    granted = organized.funding.save(
        ApplicationInput(
            "Open-ended grant",
            status="granted",
            submitted_on=date(2026, 1, 10),
            decided_on=date(2026, 3, 1),
        )
    )
    dialog = FunderReportDialog(granted)
    qtbot.addWidget(dialog)
    starts, ends = dialog.period()
    assert ends == date.today()
    assert starts.year == ends.year - 1 and starts > ends.replace(day=1, year=ends.year - 1)
    dialog.ends_on.setDate(dialog.starts_on.date().addDays(-1))
    dialog.word_button.click()
    assert dialog.error.text() == "The period ends before it starts."
    assert dialog.choice == ""


def test_funder_report_saved_as_word(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    granted = organized.funding.save(
        ApplicationInput(
            "Homework grant",
            funder="City of Gatineau",
            status="granted",
            submitted_on=date(2026, 1, 10),
            decided_on=date(2026, 3, 1),
        )
    )
    panel = _panel(organized, tasks, qtbot)
    panel.save_report_word_to(granted.uid, date(2026, 1, 1), date(2026, 6, 30), tmp_path / "r")
    qtbot.waitUntil(lambda: not tasks.busy)
    text = "\n".join(p.text for p in WordDocument(str(tmp_path / "r.docx")).paragraphs)
    assert "Homework grant" in text


def test_funder_templates_button_opens_the_templates(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    seen: list[str] = []

    def look(dialog: FunderTemplatesDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy and dialog.template_list.count() == 2)
        seen.append(dialog.template_list.item(0).text())
        dialog.buttons.rejected.emit()

    QTimer.singleShot(0, lambda: _on_modal(FunderTemplatesDialog, look))
    panel.templates_button.click()
    assert seen == ["Community foundation grant"]
    qtbot.waitUntil(lambda: not panel.busy)
