"""The directory import window and the export, driven by clicking."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.directory import DirectoryFilter
from communitydesk.ui.dialogs.directory_exchange_dialog import (
    DirectoryExchangeDialog,
    export_folder,
    open_export,
    open_import,
)
from communitydesk.ui.tasks import TaskRunner
from tests.services.test_directory_exchange import edit, read_rows, seed, write_rows


def texts(dialog: DirectoryExchangeDialog) -> list[list[str]]:
    """The tree as shown: each line's columns, indented by its depth."""
    lines: list[list[str]] = []

    def walk(item: Any, depth: int) -> None:
        lines.append(["  " * depth + item.text(0), item.text(1), item.text(2)])
        for index in range(item.childCount()):
            walk(item.child(index), depth + 1)

    for index in range(dialog.changes.topLevelItemCount()):
        walk(dialog.changes.topLevelItem(index), 0)
    return lines


def counts(dialog: DirectoryExchangeDialog) -> list[list[str]]:
    table = dialog.counts
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]  # type: ignore[union-attr]
        for row in range(table.rowCount())
    ]


@pytest.fixture
def hub(organized: Services, tmp_path: Path) -> tuple[Path, str]:
    """An export, then a new service and two changes in the files; one of them edited here too."""
    organization, service = seed(organized)
    organized.directory_exchange.export(tmp_path / "hub")
    record = organized.directory.service(service)
    organized.directory.save_service(replace(record.as_input(), cost="$2"), service)
    edit(tmp_path / "hub", "services.csv", "id", service, fees_description="$3")
    edit(tmp_path / "hub", "organizations.csv", "id", organization, alternate_name="CCPSC")
    headers, rows = read_rows(tmp_path / "hub" / "services.csv")
    rows.append(
        dict.fromkeys(headers, "")
        | {"id": "hub-1", "organization_id": organization, "name": "Dental bus"}
    )
    write_rows(tmp_path / "hub" / "services.csv", headers, rows)
    return tmp_path / "hub", service


def test_import_with_a_conflict_taken_from_the_file(
    organized: Services, qtbot: QtBot, hub: tuple[Path, str]
) -> None:
    folder, service = hub
    tasks = TaskRunner()
    parent = QWidget()
    qtbot.addWidget(parent)
    refreshed: list[bool] = []
    dialog = open_import(
        parent, organized.directory_exchange, tasks, lambda: refreshed.append(True)
    )
    imported: list[Any] = []
    dialog.imported.connect(imported.append)
    assert not dialog.import_button.isEnabled()

    dialog.open_path(folder)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.plan is not None)

    assert counts(dialog) == [
        ["Organizations", "0", "1", "0", "0"],
        ["Locations", "0", "0", "1", "0"],
        ["Services", "1", "0", "0", "1"],
        ["Contact people", "0", "0", "2", "0"],
        ["All", "1", "1", "3", "1"],
    ]
    clinic = "Clinique communautaire Pointe-Saint-Charles"
    assert texts(dialog) == [
        ["1 conflict: edited here and in the file", "", ""],
        [f"  Service: Walk-in clinic ({clinic})", "", ""],
        ["    Cost", "$2", "$3"],
        ["    Version to keep", "", ""],
        ["1 record changed in the file (updated here)", "", ""],
        [f"  Organization: {clinic}", "", ""],
        ["    Other name", "—", "CCPSC"],
        ["1 new record (added)", "", ""],
        [f"  Service: Dental bus ({clinic})", "", ""],
    ]
    assert dialog.hint.isVisible() and dialog.import_button.isEnabled()
    choice = dialog.choices[service]
    mine, theirs = choice.button(0), choice.button(1)
    assert isinstance(mine, QRadioButton) and isinstance(theirs, QRadioButton)
    assert (mine.text(), theirs.text(), mine.isChecked()) == ("Keep mine", "Take theirs", True)

    # On its round button: the widget is as wide as the column, its text much shorter.
    qtbot.mouseClick(theirs, Qt.MouseButton.LeftButton, pos=QPoint(6, theirs.height() // 2))
    assert theirs.isChecked() and dialog.chosen() == {service: "theirs"}
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.summary is not None)

    assert dialog.outcome.text() == "Imported: 1 added, 2 updated, 3 unchanged."
    assert [s.took_theirs for s in imported] == [1] and refreshed == [True]
    assert organized.directory.service(service).cost == "$3"
    assert organized.directory.count(DirectoryFilter(text="dental")) == 1
    assert not dialog.import_button.isEnabled() and not theirs.isEnabled()
    tasks.wait_for_done()


def test_import_keeping_mine_by_default_then_nothing_left_to_do(
    organized: Services, qtbot: QtBot, hub: tuple[Path, str]
) -> None:
    folder, service = hub
    tasks = TaskRunner()
    dialog = DirectoryExchangeDialog(organized.directory_exchange, tasks)
    qtbot.addWidget(dialog)
    dialog.open_path(folder)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.plan is not None)
    qtbot.mouseClick(dialog.take_all, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == {service: "theirs"}
    qtbot.mouseClick(dialog.keep_all, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == {service: "mine"}
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.summary is not None)

    assert dialog.outcome.text() == (
        "Imported: 1 added, 1 updated, 3 unchanged. 1 record edited here was kept as it is here."
    )
    assert organized.directory.service(service).cost == "$2"

    dialog.open_path(folder)  # the same files again
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.plan is not None)
    assert dialog.outcome.text() == "Everything in the files is already here: nothing to import."
    assert not dialog.import_button.isEnabled() and not dialog.changes.isVisible()
    tasks.wait_for_done()


def test_a_file_that_cannot_be_used_says_where(
    organized: Services, qtbot: QtBot, hub: tuple[Path, str]
) -> None:
    folder, service = hub
    edit(folder, "services.csv", "id", service, assured_date="someday")
    tasks = TaskRunner()
    dialog = DirectoryExchangeDialog(organized.directory_exchange, tasks)
    qtbot.addWidget(dialog)
    dialog.open_path(folder)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.error.text() != "")

    assert dialog.error.text().startswith("services.csv, row 2, column “assured_date”: ")
    assert not dialog.import_button.isEnabled()
    tasks.wait_for_done()


def test_export_to_a_chosen_folder(
    organized: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(organized)
    shown: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_args: str(tmp_path))
    )
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    tasks = TaskRunner()
    parent = QWidget()
    qtbot.addWidget(parent)

    open_export(parent, organized.directory_exchange, tasks)
    qtbot.waitUntil(lambda: bool(shown))

    target = export_folder(tmp_path)
    assert shown[0].splitlines()[:3] == [
        f"The directory was written to {target}:",
        "",
        "organizations.csv: 1 row",
    ]
    assert (target / "services.csv").exists() and (target / "README.txt").exists()
    tasks.wait_for_done()
