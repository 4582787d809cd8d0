from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.ui.panels.partners import PartnerDialog, PartnersPanel
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner

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


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> PartnersPanel:
    panel = PartnersPanel(services.funding, services.lookups, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel.new_button.isEnabled())
    return panel


def _cells(panel: PartnersPanel, row: int) -> list[str]:
    items = [panel.table.item(row, c) for c in range(panel.table.columnCount())]
    return [item.text() if item is not None else "" for item in items]


@pytest.mark.parametrize(("language", "level"), [("en", "Cooperation"), ("fr", "Coopération")])
def test_add_edit_delete_and_undo_a_partner(
    organized: Services,
    tasks: TaskRunner,
    qapp: QApplication,
    qtbot: QtBot,
    language: str,
    level: str,
) -> None:
    apply_language(qapp, language)
    panel = _panel(organized, tasks, qtbot)
    assert panel.table.rowCount() == 0

    def add(dialog: PartnerDialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.fields["name"].error.isVisibleTo(dialog)
        qtbot.keyClicks(dialog.name, "Public library")
        dialog.level.setCurrentIndex(dialog.level.findText(level))
        qtbot.keyClicks(dialog.contribution, "Lends its hall on Saturdays")
        qtbot.keyClicks(dialog.contact, "Ana, 819-555-0101")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(PartnerDialog, add))
    panel.new_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    assert _cells(panel, 0) == [
        "Public library",
        level,
        "Lends its hall on Saturdays",
        "Ana, 819-555-0101",
    ]
    [saved] = organized.funding.partners()
    assert saved.collaboration_level == "cooperation"

    def edit(dialog: PartnerDialog) -> None:
        assert dialog.name.text() == "Public library"
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "Gatineau public library")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(PartnerDialog, edit))
    panel.edit_button.click()
    qtbot.waitUntil(lambda: not panel.busy and _cells(panel, 0)[0] == "Gatineau public library")
    assert organized.funding.partners()[0].name == "Gatineau public library"

    panel.delete_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 0)
    assert organized.funding.partners() == ()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    assert _cells(panel, 0)[0] == "Gatineau public library"
