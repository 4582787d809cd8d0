from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    DirectoryFilter,
    ServiceInput,
)
from communitydesk.ui.dialogs.organization_dialog import (
    EMAIL,
    NAME,
    PHONE,
    TITLE,
    ContactLanguagesDialog,
    ContactPeopleEditor,
    OrganizationDialog,
    OrganizationsDialog,
)
from communitydesk.ui.dialogs.service_dialog import ServiceDialog, load_service_choices
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.language_choice import LanguageChoiceDialog
from communitydesk.ui.widgets.multilingual_text import MultilingualText
from tests.ui.test_directory_panel import (
    TODAY,
    add_organization,
    add_service,
    card,
    names,
    open_panel,
    settle,
)
from tests.ui.test_money_funds import on_modal


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def save(dialog: QWidget) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def tick(checks: QListWidget, label: str, qtbot: QtBot) -> None:
    """Tick an entry the way a keyboard user does: go to it, press Space."""
    item = checks.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    checks.setCurrentItem(item)
    qtbot.keyClick(checks, Qt.Key.Key_Space)
    assert item.checkState() == Qt.CheckState.Checked


def choose_in(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def type_in_cell(
    qtbot: QtBot, people: ContactPeopleEditor, row: int, column: int, text: str
) -> None:
    """Type over a cell as a user does: start editing it, type, press Enter."""
    table = people.table
    item = table.item(row, column)
    assert item is not None
    # Keys go where the active window's focus is, as they do for a user.
    table.window().activateWindow()
    qtbot.waitUntil(table.window().isActiveWindow)
    editing = table.state() == table.State.EditingState
    if not (editing and (table.currentRow(), table.currentColumn()) == (row, column)):
        table.setCurrentCell(row, column)  # leaving a cell being edited keeps what it holds
        table.editItem(item)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editors[0].selectAll()
    qtbot.keyClicks(editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: item.text() == text)  # the view takes the text in a queued call


def add_language(qtbot: QtBot, button: QWidget, name: str) -> None:
    """Click "Add language…", type part of the name and take the first found."""

    def pick(dialog: LanguageChoiceDialog) -> None:
        qtbot.keyClicks(dialog.search, name)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, lambda: on_modal(LanguageChoiceDialog, pick))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def go_to_tab(dialog: ServiceDialog, title: str) -> None:
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    dialog.tabs.setCurrentIndex(titles.index(title))


def test_a_new_service_typed_in_every_tab_is_saved_and_shown(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    add_organization(organized, "Clinique du Sud")
    panel = open_panel(organized, tasks, qtbot)
    assert "No service to show" in card(panel)

    def fill(dialog: ServiceDialog) -> None:
        choose_in(dialog.organization, "Clinique du Sud")
        qtbot.keyClicks(dialog.name, "Walk-in clinic")
        choose_in(dialog.category, "Health")
        qtbot.keyClicks(dialog.description.editor("en"), "Nurses without an appointment")
        qtbot.keyClicks(dialog.description.editor("fr"), "Soins sans rendez-vous")
        add_language(qtbot, dialog.description.add_button, "Somal")
        assert dialog.description.tabs.tabText(dialog.description.tabs.currentIndex()) == "Somali"
        qtbot.keyClicks(dialog.description.editor("so"), "Kalkaal caafimaad")
        qtbot.keyClicks(dialog.phone, "514-555-0142")
        qtbot.keyClicks(dialog.email, "intake@clinic.org")
        qtbot.keyClicks(dialog.website, "clinic.org")

        go_to_tab(dialog, "For the family")
        qtbot.keyClicks(dialog.eligibility.editor("en"), "Anyone in the neighbourhood")
        # QTest types Latin-1 only; an Arabic keyboard's text arrives as one insertion.
        dialog.eligibility.editor("ar").insertPlainText("كل سكان الحي")
        qtbot.keyClicks(dialog.what_to_bring.editor("en"), "Health card if you have one")
        qtbot.keyClicks(dialog.how_to_refer, "Call and ask for Nadia")
        qtbot.keyClicks(dialog.cost, "Free")
        choose_in(dialog.regardless_of_status, "Yes")
        tick(dialog.languages.list, "Arabic", qtbot)
        tick(dialog.languages.list, "Somali", qtbot)
        add_language(qtbot, dialog.languages.add_button, "Kurd")
        dialog.in_french.click()
        dialog.childcare.click()

        go_to_tab(dialog, "Where and when")
        qtbot.keyClicks(dialog.address_1, "500 av. Ash")
        qtbot.keyClicks(dialog.address_2, "2nd floor")
        qtbot.keyClicks(dialog.city, "Gatineau")
        qtbot.keyClicks(dialog.province, "QC")
        qtbot.keyClicks(dialog.postal_code, "h3k 1a1")
        qtbot.keyClicks(dialog.transit, "Bus 57")
        choose_in(dialog.wheelchair, "No")
        qtbot.keyClicks(dialog.accessibility, "Stairs at the front")
        qtbot.keyClicks(dialog.hours, "Mon-Fri 8:00-20:00")
        dialog.open_evenings.click()
        dialog.open_weekends.click()

        go_to_tab(dialog, "Contact people")
        dialog.contacts.add_button.click()
        type_in_cell(qtbot, dialog.contacts, 0, NAME, "Nadia Haddad")
        type_in_cell(qtbot, dialog.contacts, 0, TITLE, "Intake nurse")
        type_in_cell(qtbot, dialog.contacts, 0, PHONE, "514-555-0123")
        type_in_cell(qtbot, dialog.contacts, 0, EMAIL, "nadia@clinic.org")

        go_to_tab(dialog, "Checking")
        dialog.verified_today.click()
        qtbot.keyClicks(dialog.verified_by, "Amina")
        qtbot.keyClicks(dialog.notes, "Ask for the evening nurse")
        save(dialog)

    QTimer.singleShot(0, lambda: on_modal(ServiceDialog, fill))
    panel.new_button.click()
    settle(panel, qtbot)
    assert names(panel) == ["Walk-in clinic"]
    [row] = organized.directory.browse(panel.current_filter())
    record = organized.directory.service(row.uid)
    assert record.organization_name == "Clinique du Sud"
    assert record.as_input() == ServiceInput(
        organization_uid=record.organization_uid,
        name="Walk-in clinic",
        category="health",
        description={
            "en": "Nurses without an appointment",
            "fr": "Soins sans rendez-vous",
            "so": "Kalkaal caafimaad",
        },
        eligibility={"en": "Anyone in the neighbourhood", "ar": "كل سكان الحي"},
        what_to_bring={"en": "Health card if you have one"},
        languages=("ar", "so", "ku"),
        in_french=True,
        hours="Mon-Fri 8:00-20:00",
        open_evenings=True,
        open_weekends=True,
        childcare=True,
        regardless_of_status=True,
        cost="Free",
        how_to_refer="Call and ask for Nadia",
        phone="514-555-0142",
        email="intake@clinic.org",
        website="clinic.org",
        verified_on=TODAY,
        verified_by="Amina",
        is_active=True,
        notes="Ask for the evening nurse",
        location=record.location,
        contacts=record.contacts,
    )
    assert record.location.one_line() == "500 av. Ash, 2nd floor, Gatineau QC  H3K 1A1"
    assert (record.location.transit, record.location.wheelchair_accessible) == ("Bus 57", False)
    assert record.location.accessibility == "Stairs at the front"
    assert [(c.name, c.title, c.phone, c.email) for c in record.contacts] == [
        ("Nadia Haddad", "Intake nurse", "514-555-0123", "nadia@clinic.org")
    ]

    shown = card(panel)
    for expected in ("Walk-in clinic", "Nurses without an appointment", "Nadia Haddad", "Bus 57"):
        assert expected in shown
    assert panel.undo_button.text() == "Undo: add Walk-in clinic"

    panel.close()
    again = open_panel(organized, tasks, qtbot)
    assert names(again) == ["Walk-in clinic"]
    assert "Nurses without an appointment" in card(again)
    assert "Nadia Haddad, Intake nurse" in card(again)
    assert "Arabic, Somali and Kurdish" in card(again)


def test_editing_contact_people_keeps_the_ones_left_and_undo_restores_them(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    uid = add_service(
        organized,
        add_organization(organized),
        "Walk-in clinic",
        contacts=(
            ContactPersonInput(name="Nadia Haddad", phone="514-555-0123"),
            ContactPersonInput(name="Luc Tremblay"),
        ),
    )
    nadia = organized.directory.service(uid).contacts[0].uid
    panel = open_panel(organized, tasks, qtbot)

    def edit(dialog: ServiceDialog) -> None:
        go_to_tab(dialog, "Contact people")
        people = dialog.contacts
        type_in_cell(qtbot, people, 0, PHONE, "514-555-0999")
        people.table.setCurrentCell(1, NAME)
        people.remove_button.click()
        people.add_button.click()
        type_in_cell(qtbot, people, 1, NAME, "Sara Mohamed")

        def languages(chooser: ContactLanguagesDialog) -> None:
            tick(chooser.checks.list, "Arabic", qtbot)
            tick(chooser.checks.list, "French", qtbot)
            chooser.accept()

        people.table.setCurrentCell(1, NAME)
        QTimer.singleShot(0, lambda: on_modal(ContactLanguagesDialog, languages))
        people.languages_button.click()
        assert people.table.item(1, 4).text() == "French and Arabic"  # type: ignore[union-attr]
        save(dialog)

    QTimer.singleShot(0, lambda: on_modal(ServiceDialog, edit))
    where = panel.table.visualRect(panel.model.index(names(panel).index("Walk-in clinic"), 0))
    # A double click is a click, then a second one: the view opens what both landed on.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where.center())
    settle(panel, qtbot)
    contacts = organized.directory.service(uid).contacts
    assert [(c.name, c.phone, c.languages, c.uid == nadia) for c in contacts] == [
        ("Nadia Haddad", "514-555-0999", (), True),
        ("Sara Mohamed", "", ("fr", "ar"), False),
    ]
    assert "Sara Mohamed" in card(panel)

    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(panel, qtbot)
    contacts = organized.directory.service(uid).contacts
    assert [(c.name, c.phone) for c in contacts] == [
        ("Nadia Haddad", "514-555-0123"),
        ("Luc Tremblay", ""),
    ]
    assert "Luc Tremblay" in card(panel)


def _dialog(services: Services, tasks: TaskRunner, qtbot: QtBot) -> ServiceDialog:
    choices = load_service_choices(services.directory, services.lookups, "en")
    dialog = ServiceDialog(services.directory, tasks, choices)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_problem_shows_beside_its_field_on_its_tab_and_nothing_is_lost(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    add_organization(organized, "Clinique du Sud")
    dialog = _dialog(organized, tasks, qtbot)
    qtbot.keyClicks(dialog.name, "Walk-in clinic")
    qtbot.keyClicks(dialog.description.editor("fr"), "Soins sans rendez-vous")
    go_to_tab(dialog, "Where and when")
    qtbot.keyClicks(dialog.city, "Gatineau")

    save(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.tabs.currentIndex() == 0
    assert dialog.fields["organization"].error.text() == "Choose the organization that offers it."
    assert dialog.fields["organization"].error.isVisibleTo(dialog)

    choose_in(dialog.organization, "Clinique du Sud")
    qtbot.keyClicks(dialog.email, "nadia@")
    go_to_tab(dialog, "Contact people")
    dialog.contacts.add_button.click()
    type_in_cell(qtbot, dialog.contacts, 0, PHONE, "514-555-0123")
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.tabs.currentIndex() == 0
    assert not dialog.fields["organization"].error.isVisibleTo(dialog)
    assert dialog.fields["email"].error.text() == "This does not look like an email address."

    qtbot.keyClicks(dialog.email, "clinic.org")
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Contact people"
    assert dialog.fields["contacts"].error.text() == "Give each contact person a name."
    assert dialog.isVisible() and dialog.saved is None

    # Everything typed is still there.
    assert dialog.name.text() == "Walk-in clinic"
    assert dialog.description.texts() == {"fr": "Soins sans rendez-vous"}
    assert dialog.city.text() == "Gatineau"
    assert dialog.email.text() == "nadia@clinic.org"
    type_in_cell(qtbot, dialog.contacts, 0, NAME, "Nadia Haddad")
    save(dialog)
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None
    assert dialog.saved.location.city == "Gatineau"
    assert [(c.name, c.phone) for c in dialog.saved.contacts] == [("Nadia Haddad", "514-555-0123")]


def test_a_new_organization_made_from_the_service_form_is_chosen(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    add_organization(organized, "Clinique du Sud")
    dialog = _dialog(organized, tasks, qtbot)

    def organization(form: OrganizationDialog) -> None:
        qtbot.keyClicks(form.name, "Maison de la famille")
        qtbot.keyClicks(form.description.editor("fr"), "Halte-garderie et cuisines collectives")
        qtbot.keyClicks(form.phone, "819-555-0100")
        form.tabs.setCurrentIndex(1)
        form.contacts.add_button.click()
        type_in_cell(qtbot, form.contacts, 0, NAME, "Luc Tremblay")
        save(form)

    QTimer.singleShot(0, lambda: on_modal(OrganizationDialog, organization))
    dialog.organization.setFocus()
    qtbot.keyClick(dialog.organization, Qt.Key.Key_End)  # the last entry: "New organization…"
    qtbot.waitUntil(lambda: dialog.organization.currentText() == "Maison de la famille")
    uid = str(dialog.organization.currentData())
    assert organized.directory.organization(uid).description == {
        "fr": "Halte-garderie et cuisines collectives"
    }
    assert [c.name for c in organized.directory.organization_contacts(uid)] == ["Luc Tremblay"]
    assert dialog.service_input().organization_uid == uid


def test_organizations_are_added_edited_and_deleted_with_undo(
    organized: Services,
    tasks: TaskRunner,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clinic = add_organization(organized, "Clinique du Sud")
    add_service(organized, clinic, "Walk-in clinic")
    dialog = OrganizationsDialog(organized.directory, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)

    def shown() -> list[str]:
        return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]  # type: ignore[union-attr]

    def act_on_form(act: Callable[[OrganizationDialog], None]) -> None:
        QTimer.singleShot(0, lambda: on_modal(OrganizationDialog, act))

    def new(form: OrganizationDialog) -> None:
        qtbot.keyClicks(form.name, "Food bank")
        qtbot.keyClicks(form.alternate_name, "Moisson")
        form.tabs.setCurrentIndex(1)
        form.contacts.add_button.click()
        type_in_cell(qtbot, form.contacts, 0, NAME, "Ana")
        save(form)

    act_on_form(new)
    dialog.new_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "Food bank" in shown())
    assert dialog.count.text() == "2 organizations"

    dialog.table.setCurrentCell(shown().index("Food bank"), 0)

    def edit(form: OrganizationDialog) -> None:
        assert form.name.text() == "Food bank"
        qtbot.keyClicks(form.phone, "613-555-0100")
        form.tabs.setCurrentIndex(1)
        type_in_cell(qtbot, form.contacts, 0, NAME, "Ana Lima")
        save(form)

    act_on_form(edit)
    dialog.edit_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.undo_stack.count() == 2)
    [food] = [o for o in organized.directory.organizations() if o.name == "Food bank"]
    assert (food.alternate_name, food.phone) == ("Moisson", "613-555-0100")
    assert [c.name for c in organized.directory.organization_contacts(food.uid)] == ["Ana Lima"]

    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    dialog.table.setCurrentCell(shown().index("Clinique du Sud"), 0)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "Clinique du Sud" not in shown())
    assert asked == ["Send Clinique du Sud and its 1 service to the Trash?"]
    assert organized.directory.count(DirectoryFilter()) == 0
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "Clinique du Sud" in shown())
    assert organized.directory.count(DirectoryFilter()) == 1
    assert dialog.changed


def test_arabic_boxes_write_right_to_left_in_any_window(qapp: QApplication, qtbot: QtBot) -> None:
    for language in ("en", "ar"):
        apply_language(qapp, language)
        texts = MultilingualText({"en": "Anyone", "ar": "كل سكان الحي"})
        qtbot.addWidget(texts)
        assert texts.languages() == ["en", "fr", "ar"]
        assert texts.editor("ar").layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert texts.editor("en").layoutDirection() == Qt.LayoutDirection.LeftToRight
        current = texts.tabs.currentWidget()
        assert current is texts.editor(language)  # the window's language comes first
        assert texts.texts() == {"en": "Anyone", "ar": "كل سكان الحي"}


def test_the_new_service_form_fits_a_small_screen(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    assert dialog.minimumSizeHint().width() <= 800
    assert dialog.minimumSizeHint().height() <= 600
    assert dialog.width() <= 800 and dialog.height() <= 600
