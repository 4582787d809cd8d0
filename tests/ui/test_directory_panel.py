from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.ui.panels.directory import DirectoryPanel, ServiceColumn
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner
from tests.ui.test_money_funds import on_modal

TODAY = date.today()


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def add_organization(services: Services, name: str = "Clinique du Sud", **changes: Any) -> str:
    return services.directory.save_organization(OrganizationInput(name=name, **changes))


def add_service(services: Services, organization: str, name: str, **changes: Any) -> str:
    values: dict[str, Any] = {
        "organization_uid": organization,
        "name": name,
        "category": "health",
        "verified_on": TODAY - timedelta(days=30),
    }
    values.update(changes)
    return services.directory.save_service(ServiceInput(**values))


def open_panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> DirectoryPanel:
    panel = DirectoryPanel(services.directory, services.lookups, tasks)
    qtbot.addWidget(panel)
    panel.resize(1000, 640)
    panel.show()
    qtbot.waitExposed(panel)
    settle(panel, qtbot)
    return panel


def settle(panel: DirectoryPanel, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not panel.busy and panel.new_button.isEnabled())


def names(panel: DirectoryPanel) -> list[str]:
    model = panel.model
    return [str(model.index(row, ServiceColumn.NAME).data()) for row in range(model.rowCount())]


def row_of(panel: DirectoryPanel, name: str) -> int:
    return names(panel).index(name)


def click_row(panel: DirectoryPanel, qtbot: QtBot, name: str, control: bool = False) -> None:
    index = panel.model.index(row_of(panel, name), ServiceColumn.NAME)
    modifier = Qt.KeyboardModifier.ControlModifier if control else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        modifier,
        panel.table.visualRect(index).center(),
    )
    settle(panel, qtbot)


def card(panel: DirectoryPanel) -> str:
    return without_isolates(panel.card_text())


def choose(combo: Any, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_filters_and_words_show_the_right_services(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    clinic = add_organization(organized)
    add_service(
        organized,
        clinic,
        "Walk-in clinic",
        open_evenings=True,
        in_french=True,
        languages=("fr", "ar"),
        description={"en": "Nurses without an appointment"},
    )
    add_service(
        organized,
        clinic,
        "Homework help",
        category="schools",
        languages=("so",),
        contacts=(ContactPersonInput(name="Nadia Haddad"),),
    )
    add_service(
        organized,
        clinic,
        "Evening French classes",
        category="language_training",
        open_evenings=True,
        in_french=True,
        languages=("fr",),
    )
    add_service(organized, clinic, "Old program", is_active=False)
    panel = open_panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert names(panel) == ["Evening French classes", "Homework help", "Walk-in clinic"]
    assert panel.count.text() == "3 of 4 services shown"

    choose(panel.category_filter, "Health")
    settle(panel, qtbot)
    assert names(panel) == ["Walk-in clinic"]
    choose(panel.category_filter, "All categories")
    panel.evenings_filter.click()
    settle(panel, qtbot)
    assert names(panel) == ["Evening French classes", "Walk-in clinic"]
    panel.evenings_filter.click()
    panel.french_filter.click()
    choose(panel.category_filter, "Language training")
    settle(panel, qtbot)
    assert names(panel) == ["Evening French classes"]
    panel.french_filter.click()
    choose(panel.category_filter, "All categories")
    choose(panel.language_filter, "Somali")
    settle(panel, qtbot)
    assert names(panel) == ["Homework help"]
    choose(panel.language_filter, "Any language")

    qtbot.keyClicks(panel.search, "nadia")  # a contact person's name
    settle(panel, qtbot)
    assert names(panel) == ["Homework help"]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "appointment")  # words of a description
    settle(panel, qtbot)
    assert names(panel) == ["Walk-in clinic"]
    assert panel.count.text() == "1 of 4 services shown"
    panel.search.clear()
    panel.inactive_filter.click()
    settle(panel, qtbot)
    assert "Old program (inactive)" in names(panel)
    assert panel.count.text() == "4 services"


def test_clicking_headers_sorts_in_the_database(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    add_service(organized, add_organization(organized, "Zeta Centre"), "Alpha service")
    add_service(
        organized,
        add_organization(organized, "Alpha Centre"),
        "Beta service",
        verified_on=None,
    )
    panel = open_panel(organized, tasks, qtbot)
    header = panel.table.horizontalHeader()

    def click_header(column: ServiceColumn) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        settle(panel, qtbot)

    assert names(panel) == ["Alpha service", "Beta service"]
    click_header(ServiceColumn.ORGANIZATION)
    assert names(panel) == ["Beta service", "Alpha service"]
    click_header(ServiceColumn.NAME)
    click_header(ServiceColumn.NAME)  # again: the other way
    assert names(panel) == ["Beta service", "Alpha service"]
    click_header(ServiceColumn.CITY)  # not a sort key: the order stays
    assert names(panel) == ["Beta service", "Alpha service"]
    assert header.sortIndicatorSection() == ServiceColumn.NAME


def test_a_slow_older_search_never_replaces_a_newer_one(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = add_organization(organized)
    add_service(organized, clinic, "Walk-in clinic")
    add_service(organized, clinic, "Homework help")
    panel = open_panel(organized, tasks, qtbot)
    release = threading.Event()
    browse = organized.directory.browse

    def slow_for_clinic(wanted: Any, *args: Any, **kwargs: Any) -> Any:
        if wanted.text == "clinic":
            release.wait(20)
        return browse(wanted, *args, **kwargs)

    monkeypatch.setattr(organized.directory, "browse", slow_for_clinic)
    qtbot.keyClicks(panel.search, "clinic")
    qtbot.waitUntil(lambda: not panel._debounce.isActive())
    panel.search.clear()
    qtbot.keyClicks(panel.search, "homework")
    qtbot.waitUntil(lambda: names(panel) == ["Homework help"])
    release.set()
    tasks.wait_for_done()
    settle(panel, qtbot)
    assert names(panel) == ["Homework help"]


def test_the_card_shows_the_service_and_the_buttons_send_its_uid(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    clinic = add_organization(organized, phone="514-555-0100")
    uid = add_service(
        organized,
        clinic,
        "Walk-in clinic",
        description={"en": "Nurses without an appointment", "fr": "Soins sans rendez-vous"},
        eligibility={"en": "Anyone in the neighbourhood"},
        what_to_bring={"en": "Health card if you have one"},
        languages=("ar", "fr"),
        in_french=True,
        hours="Mon-Fri 8:00-20:00",
        open_evenings=True,
        childcare=True,
        regardless_of_status=True,
        cost="Free",
        how_to_refer="Call and ask for Nadia",
        verified_by="Amina",
        location=LocationInput(
            address_1="500 av. Ash",
            city="Montréal",
            province="QC",
            transit="Bus 57",
            wheelchair_accessible=False,
            accessibility="Stairs at the front",
        ),
        contacts=(
            ContactPersonInput(
                name="Nadia Haddad", title="Intake nurse", phone="514-555-0123", email="n@x.org"
            ),
        ),
    )
    add_service(organized, clinic, "Vaccination")
    panel = open_panel(organized, tasks, qtbot)
    click_row(panel, qtbot, "Walk-in clinic")
    text = card(panel)
    for expected in (
        "Walk-in clinic",
        "Clinique du Sud · Health",
        "Nurses without an appointment",
        "Anyone in the neighbourhood",
        "Nadia Haddad, Intake nurse",
        "514-555-0123 · n@x.org",
        "514-555-0100",  # the organization's phone, the service having none of its own
        "500 av. Ash",
        "Montréal QC",
        "Bus 57",
        "Wheelchair accessible: No",
        "Stairs at the front",
        "Mon-Fri 8:00-20:00",
        "Open evenings: Yes",
        "Arabic and French",
        "Health card if you have one",
        "Call and ask for Nadia",
        "Free",
    ):
        assert expected in text, expected
    assert "Served regardless of immigration status\nYes" in text
    assert "Childcare on site\nYes" in text
    assert "by Amina" in text

    with qtbot.waitSignal(panel.refer_requested) as referred:
        panel.refer_button.click()
    assert referred.args == [uid]
    with qtbot.waitSignal(panel.card_requested) as carded:
        panel.card_button.click()
    assert carded.args == [uid]
    with qtbot.waitSignal(panel.directory_print_requested):
        panel.print_button.click()
    with qtbot.waitSignal(panel.import_requested):
        panel.import_action.trigger()
    with qtbot.waitSignal(panel.export_requested):
        panel.export_action.trigger()


def test_the_card_follows_the_window_language(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, qapp: QApplication
) -> None:
    add_service(
        organized,
        add_organization(organized),
        "Walk-in clinic",
        description={"en": "Nurses without an appointment", "fr": "Soins sans rendez-vous"},
        eligibility={"en": "Anyone in the neighbourhood"},
    )
    apply_language(qapp, "fr")
    panel = open_panel(organized, tasks, qtbot)
    text = card(panel)
    assert "Soins sans rendez-vous" in text
    assert "Anyone in the neighbourhood" in text  # no French yet: the English one
    assert "Santé" in text


def test_delete_several_then_ctrl_z_brings_them_back_in_one_step(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    clinic = add_organization(organized)
    for name in ("Food bank", "Homework help", "Walk-in clinic"):
        add_service(organized, clinic, name)
    panel = open_panel(organized, tasks, qtbot)
    click_row(panel, qtbot, "Food bank")
    click_row(panel, qtbot, "Walk-in clinic", control=True)
    assert len(panel.selected_uids()) == 2
    panel.delete_button.click()
    settle(panel, qtbot)
    assert names(panel) == ["Homework help"]
    assert panel.count.text() == "1 service"

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(panel, qtbot)
    assert names(panel) == ["Food bank", "Homework help", "Walk-in clinic"]
    assert not panel.undo_stack.canUndo()


def test_mark_verified_clears_the_banner_and_undo_puts_it_back(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    clinic = add_organization(organized)
    never = add_service(organized, clinic, "Food bank", verified_on=None)
    old = add_service(
        organized,
        clinic,
        "Homework help",
        verified_on=TODAY - timedelta(days=400),
        verified_by="Luc",
    )
    add_service(organized, clinic, "Walk-in clinic")
    panel = open_panel(organized, tasks, qtbot)
    assert panel.banner.isVisible()
    assert panel.banner_text.text() == "2 services have not been checked for a year."
    row = row_of(panel, "Food bank")
    assert panel.model.index(row, ServiceColumn.VERIFIED).data() == "Never checked"
    assert (
        panel.model.index(row, ServiceColumn.VERIFIED).data(Qt.ItemDataRole.ForegroundRole)
        is not None
    )

    panel.banner_button.click()
    settle(panel, qtbot)
    assert panel.stale_filter.isChecked()
    assert names(panel) == ["Food bank", "Homework help"]
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    asked: list[str] = []

    def answer(dialog: QInputDialog) -> None:
        asked.append(dialog.textValue())
        dialog.setTextValue("Amina")
        dialog.accept()

    QTimer.singleShot(0, lambda: on_modal(QInputDialog, answer))
    panel.verify_button.click()
    settle(panel, qtbot)
    assert names(panel) == []
    assert not panel.banner.isVisible()
    for uid in (never, old):
        record = organized.directory.service(uid)
        assert (record.verified_on, record.verified_by) == (TODAY, "Amina")

    assert panel.undo_button.text() == "Undo: mark 2 services verified"
    panel.activateWindow()  # back from the question's window
    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(panel, qtbot)
    assert panel.banner.isVisible()
    assert names(panel) == ["Food bank", "Homework help"]
    assert organized.directory.service(never).verified_on is None
    assert organized.directory.service(old).verified_by == "Luc"

    click_row(panel, qtbot, "Food bank")
    QTimer.singleShot(0, lambda: on_modal(QInputDialog, answer))
    panel.verify_button.click()
    settle(panel, qtbot)
    assert asked[-1] == "Amina"  # the name typed last time is offered again
    assert names(panel) == ["Homework help"]
    assert panel.banner_text.text() == "1 service has not been checked for a year."
