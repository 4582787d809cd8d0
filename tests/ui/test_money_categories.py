from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.ui.panels.money_categories import CategoriesPanel, CategoryDialog, MoveDialog
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner
from tests.ui.test_money_funds import on_modal, warnings_shown


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> CategoriesPanel:
    panel = CategoriesPanel(services.categories, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy)
    return panel


def _uid(services: Services, code: str) -> str:
    return next(c.uid for c in services.categories.tree() if c.code == code)


def _item(panel: CategoriesPanel, name: str) -> QTreeWidgetItem:
    [item] = panel.tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return item


def _top(panel: CategoriesPanel, number: int) -> QTreeWidgetItem:
    group = panel.tree.topLevelItem(number)
    assert group is not None
    return group


def _names(item: QTreeWidgetItem) -> list[str]:
    return [child.text(0) for i in range(item.childCount()) if (child := item.child(i))]


def _choose(panel: CategoriesPanel, name: str) -> None:
    panel.tree.setFocus()
    panel.tree.setCurrentItem(_item(panel, name))


def test_two_groups_and_the_defaults_on_first_showing(
    services: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    # A data folder from before the books: no categories until the panel first shows.
    assert services.categories.tree() == ()
    panel = _panel(services, tasks, qtbot)
    groups = [_top(panel, i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups == ["Income", "Expenses"]
    assert "Donations" in _names(_top(panel, 0))
    assert _names(_item(panel, "Transport")) == ["Bus tickets and passes", "Mileage and taxis"]


def test_rename_in_french_shows_the_french_name_in_french(
    organized: Services, tasks: TaskRunner, qapp: QApplication, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    _choose(panel, "Room rental")

    def rename(dialog: CategoryDialog) -> None:
        assert list(dialog.names) == ["en", "fr", "ar"]  # the window's language first
        assert dialog.names["fr"].text() == "Location de salle"
        dialog.names["fr"].selectAll()
        qtbot.keyClicks(dialog.names["fr"], "Salle communautaire")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: on_modal(CategoryDialog, rename))
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.undo_button.isEnabled())
    chosen = panel.selected()
    assert chosen is not None and chosen.name == "Room rental"

    apply_language(qapp, "fr")
    french = _panel(organized, tasks, qtbot)
    expenses = _names(_top(french, 1))
    assert "Salle communautaire" in expenses
    assert "Nourriture et rafraîchissements" in expenses  # the others in French as shipped

    def look(dialog: CategoryDialog) -> None:
        assert list(dialog.names) == ["fr", "en", "ar"]
        assert dialog.names["fr"].text() == "Salle communautaire"
        assert dialog.names["en"].text() == "Room rental"
        dialog.reject()

    _choose(french, "Salle communautaire")
    QTimer.singleShot(0, lambda: on_modal(CategoryDialog, look))
    french.rename_button.click()


def test_add_under_the_chosen_category_then_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    _choose(panel, "Transport")

    def add(dialog: CategoryDialog) -> None:
        assert dialog.place is not None and dialog.place.currentText().strip() == "Transport"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.fields["name"].error.text() == "Give the category a name."
        qtbot.keyClicks(dialog.names["en"], "Parking")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: on_modal(CategoryDialog, add))
    panel.add_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Parking" in _names(_item(panel, "Transport")))
    current = panel.tree.currentItem()
    assert current is not None and current.text(0) == "Parking"

    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Parking" not in _names(_item(panel, "Transport")))


def test_add_at_the_top_when_a_group_is_chosen(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    panel.tree.setCurrentItem(_top(panel, 0))

    def add(dialog: CategoryDialog) -> None:
        assert dialog.place is not None and dialog.place.currentText() == "At the top of Income"
        qtbot.keyClicks(dialog.names["en"], "Raffle")
        dialog.names["ar"].insert("يانصيب")  # as an Arabic keyboard's input method gives it
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: on_modal(CategoryDialog, add))
    panel.add_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Raffle" in _names(_top(panel, 0)))
    [raffle] = [c for c in organized.categories.tree() if c.name == "Raffle"]
    assert (raffle.kind, raffle.parent_uid, dict(raffle.labels)) == (
        "income",
        "",
        {"en": "Raffle", "ar": "يانصيب"},
    )


def test_retire_then_ctrl_z_and_restore_from_the_retired(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    assert not panel.restore_button.isVisibleTo(panel)
    _choose(panel, "Insurance")
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and "Insurance" not in _names(_item(panel, "Expenses")))
    assert panel.undo_button.text() == "Undo: retire Insurance"

    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and "Insurance" in _names(_item(panel, "Expenses")))
    assert "insurance" in {c.code for c in organized.categories.tree()}

    organized.categories.retire(_uid(organized, "insurance"))
    panel.show_retired.click()
    qtbot.waitUntil(
        lambda: (
            not panel.busy
            and bool(
                panel.tree.findItems(
                    "Insurance (retired)", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
                )
            )
        )
    )
    assert panel.restore_button.isVisibleTo(panel)
    _choose(panel, "Insurance (retired)")
    assert panel.restore_button.isEnabled() and not panel.rename_button.isEnabled()
    panel.restore_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Insurance" in _names(_item(panel, "Expenses")))


def test_retire_is_refused_while_categories_are_under_it(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = warnings_shown(monkeypatch)
    panel = _panel(organized, tasks, qtbot)
    _choose(panel, "Transport")
    panel.retire_button.click()
    qtbot.waitUntil(lambda: not panel.busy and bool(shown))
    assert shown == ["Move or retire the categories under this one first."]
    assert "Transport" in _names(_item(panel, "Expenses"))
    assert not panel.undo_button.isEnabled()


def test_move_a_category_to_the_top_then_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    _choose(panel, "Bus tickets and passes")

    def move(dialog: MoveDialog) -> None:
        offered = [dialog.place.itemText(i).strip() for i in range(dialog.place.count())]
        assert offered[0] == "At the top of Expenses"
        assert "Donations" not in offered  # income: not a place for an expense
        assert dialog.place.currentText().strip() == "Transport"
        dialog.place.setCurrentIndex(0)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, lambda: on_modal(MoveDialog, move))
    panel.move_button.click()
    qtbot.waitUntil(
        lambda: not panel.busy and "Bus tickets and passes" in _names(_item(panel, "Expenses"))
    )
    assert _names(_item(panel, "Transport")) == ["Mileage and taxis"]

    panel.undo_button.click()
    qtbot.waitUntil(
        lambda: not panel.busy and "Bus tickets and passes" in _names(_item(panel, "Transport"))
    )
