from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidget, QTabWidget
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.context import Services
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import PersonInput
from communitydesk.services.referrals import ReferralFilter
from communitydesk.ui.dialogs.choose_service import ChooseServiceDialog
from communitydesk.ui.dialogs.contact_dialog import ContactDialog
from communitydesk.ui.dialogs.person_dialog import PersonDialog
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.people import PeoplePanel
from communitydesk.ui.printing import save_pdf
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner
from tests.ui.test_referral_dialog import on_modal, pick, save, seed


def _panel(window: MainWindow, qtbot: QtBot) -> PeoplePanel:
    window.show()
    window.show_area("people")
    tabs = window.panels["people"]
    assert isinstance(tabs, QTabWidget)
    panel = tabs.widget(0)
    assert isinstance(panel, PeoplePanel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 120)
    return panel


def _when_dialog_opens(act: Callable[[PersonDialog], None]) -> None:
    """Act on the person dialog as soon as it is shown (it runs its own event loop)."""
    timer = QTimer()
    tries = [0]

    def poll() -> None:
        tries[0] += 1
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PersonDialog):
            timer.stop()
            try:
                act(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()  # never leave a test waiting on an open dialog
        elif tries[0] > 250:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start(20)
    _timers.append(timer)


_timers: list[QTimer] = []


def _search(panel: PeoplePanel, qtbot: QtBot, text: str) -> None:
    panel.search.clear()
    qtbot.keyClicks(panel.search, text)
    qtbot.waitUntil(lambda: not panel._debounce.isActive() and panel._pending is None)


def test_add_a_person_then_undo(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)

    def fill(dialog: PersonDialog) -> None:
        qtbot.keyClicks(dialog.given_name, "Widlene")
        qtbot.keyClicks(dialog.family_name, "Celestin")
        qtbot.keyClicks(dialog.phone, "6135550177")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    _when_dialog_opens(fill)
    assert panel.new_button.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    panel.new_button.click()
    qtbot.waitUntil(lambda: panel.count.text() == "121 people")
    _search(panel, qtbot, "celestin")
    found = [panel.model.row_at(r) for r in range(panel.model.rowCount())]
    added = [r for r in found if r.display_name == "Widlene Celestin"]
    assert len(added) == 1 and added[0].phone == "(613) 555-0177"

    before = panel.model.rowCount()
    panel.undo_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == before - 1)
    shown = [panel.model.row_at(r).display_name for r in range(panel.model.rowCount())]
    assert "Widlene Celestin" not in shown


def test_open_with_enter_edit_and_undo(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    services = window._services
    uid = services.people.create(PersonInput("محمد", "الحسن", "Mohammed Al-Hassan")).uid
    _search(panel, qtbot, "Mohamed Hasan")
    assert panel.model.rowCount() >= 1
    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).uid == uid)
    panel.table.selectRow(row)

    def edit(dialog: PersonDialog) -> None:
        assert dialog.given_name.text() == "محمد"
        dialog.preferred_name.setText("Abu Omar")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    _when_dialog_opens(edit)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert services.people.get(uid).person.preferred_name == "Abu Omar"
    panel.undo_stack.undo()
    assert services.people.get(uid).person.preferred_name == ""


def test_trash_restore_and_remove_for_good(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    panel = _panel(window, qtbot)
    first = panel.model.row_at(0)
    panel.table.selectRow(0)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.count.text() == "119 people")
    assert panel.undo_button.text() == f"Undo: move {first.display_name} to the Trash"

    panel.trash_button.click()
    qtbot.waitUntil(lambda: panel.count.text() == "1 person")
    assert panel.title.text() == "<h2>Trash</h2>"
    assert panel.model.row_at(0).uid == first.uid
    panel.table.selectRow(0)
    panel.restore_button.click()
    qtbot.waitUntil(lambda: panel.count.text() == "0 people")

    panel.trash_button.click()
    qtbot.waitUntil(lambda: panel.count.text() == "120 people")
    panel.table.selectRow(0)
    uid = panel.model.row_at(0).uid
    panel.delete_button.click()
    panel.trash_button.click()
    qtbot.waitUntil(lambda: panel.count.text() == "1 person")
    panel.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: QMessageBox.StandardButton.Yes)
    panel.purge_button.click()
    qtbot.waitUntil(lambda: panel.count.text() == "0 people")
    assert "was removed for good" in panel.notice.text()
    assert not panel.undo_button.isEnabled()
    from communitydesk.core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        window._services.people.get(uid)


def test_the_form_shows_problems_next_to_the_field(window: MainWindow, qtbot: QtBot) -> None:
    dialog = PersonDialog(window._services.people)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.setText("not an address")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.fields["given_name"].error.text() == "Write at least a first name."
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.given_name, "Ana")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.fields["email"].error.text() == "This does not look like an e-mail address."
    assert not dialog.fields["given_name"].error.isVisible()


def test_consent_at_a_glance(window: MainWindow, qtbot: QtBot) -> None:
    people = window._services.people
    uid = people.create(PersonInput("Fadumo", "Ali")).uid
    dialog = PersonDialog(people, people.get(uid))
    qtbot.addWidget(dialog)
    assert "✘" in dialog.allowed_labels["contact_phone"].text()
    dialog.add_consent_button.click()
    assert dialog.consent_error.text() == "Tick at least one thing the person agrees to."
    dialog.consent_kind.setCurrentIndex(dialog.consent_kind.findData("verbal"))
    dialog.consent_scopes["contact_phone"].setChecked(True)
    dialog.consent_scopes["quoting"].setChecked(True)
    dialog.consent_witness.setText("Amina")
    dialog.add_consent_button.click()
    assert "✔" in dialog.allowed_labels["contact_phone"].text()
    assert "✘" in dialog.allowed_labels["photos"].text()
    assert people.get(uid).allowed == {"contact_phone", "quoting"}
    assert "witness: Amina" in dialog.consent_list.item(0).text()
    dialog.consent_list.setCurrentRow(0)
    dialog.withdraw_button.click()
    assert people.get(uid).allowed == frozenset()
    assert "withdrawn on" in dialog.consent_list.item(0).text()


def test_export_the_contact_list(window: MainWindow, qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    panel = _panel(window, qtbot)
    target = Path(str(tmp_path)) / "contacts.csv"
    panel.export_to(target)
    qtbot.waitUntil(lambda: panel.notice.isVisible(), timeout=5000)
    assert target.exists()
    assert panel.notice.text().startswith("Wrote ")
    assert "whose consent does not allow contact" in panel.notice.text()


def test_sort_by_clicking_a_header_and_filter(window: MainWindow, qtbot: QtBot) -> None:
    from communitydesk.ui.item_models.people_table import Column

    panel = _panel(window, qtbot)
    header = panel.table.horizontalHeader()
    qtbot.waitUntil(lambda: panel.language_filter.count() > 2)

    header.setSortIndicator(Column.PHONE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: panel._pending is None)
    phones = [panel.model.row_at(r).phone for r in range(panel.model.rowCount())]
    assert phones == sorted(phones, reverse=True)

    somali = panel.language_filter.findText("Somali")
    assert somali > 0
    panel.language_filter.setCurrentIndex(somali)
    qtbot.waitUntil(lambda: panel._pending is None)
    shown = [panel.model.row_at(r) for r in range(panel.model.rowCount())]
    assert shown and all("so" in r.languages for r in shown)
    assert panel.count.text() == f"{len(shown)} people"

    panel.role_filter.setCurrentIndex(panel.role_filter.findData("volunteer"))
    qtbot.waitUntil(lambda: panel._pending is None)
    assert panel.model.rowCount() < len(shown)


def _pdf_text(path: Path) -> str:
    # pypdf separates words with tabs; spacing is not what these tests are about.
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_print_the_contact_list_of_the_people_shown(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = _panel(window, qtbot)
    panel.membership_filter.setCurrentIndex(panel.membership_filter.findData("paid"))
    qtbot.waitUntil(lambda: panel._pending is None and panel.model.rowCount() < 120)
    shown = {panel.model.row_at(i).display_name for i in range(panel.model.rowCount())}

    panel.print_contact_list.trigger()
    qtbot.waitUntil(lambda: panel.preview_dialog is not None and panel.preview_dialog.isVisible())
    dialog = panel.preview_dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Contact list"
    listed = dialog.document.sections[0].table
    assert listed is not None
    printed = {row[0].split("\n")[0] for row in listed.rows}
    assert printed and printed <= shown  # the people shown whose consent allows contact

    assert dialog.pdf.pageCount() >= 1
    assert dialog.pages.text() == f"{dialog.pdf.pageCount()} page" + (
        "s" if dialog.pdf.pageCount() > 1 else ""
    )
    dialog.save_to(tmp_path / "contacts.pdf")
    text = _pdf_text(tmp_path / "contacts.pdf")
    assert "Contact list" in text
    assert sorted(printed)[0].split()[0] in text

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.pdf.pageCount()

    draft = dialog.draft
    dialog.close()
    assert not draft.exists()  # the private draft does not outlive the preview


def test_phone_tree_pdf_in_arabic_is_shaped_text(
    qapp: QApplication, sample: Services, tmp_path: Path
) -> None:
    apply_language(qapp, "ar")
    document = sample.contact_sheets.phone_tree()
    save_pdf(document, tmp_path / "tree.pdf")
    # PDF text comes out as Arabic presentation forms in visual (reversed) order, except that a
    # lam-alef ligature is extracted in its logical order: fold the forms, mirror the word.
    text = unicodedata.normalize("NFKC", _pdf_text(tmp_path / "tree.pdf"))
    for word in document.title.split():
        assert word[::-1].replace("\u0627\u0644", "\u0644\u0627") in text
    # Each caller's list starts a page (a long one may run onto the next).
    assert len(PdfReader(tmp_path / "tree.pdf").pages) >= len(document.sections)


def test_log_a_contact_from_the_roster_then_undo(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    person = panel.selected()
    assert person is not None

    def log() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ContactDialog):
            QTimer.singleShot(20, log)
            return
        assert dialog.with_whom.currentText() == person.display_name
        dialog.kind.setCurrentIndex(dialog.kind.findData("interpretation"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    support = window._services.support
    before = support.for_person(person.uid)
    QTimer.singleShot(0, log)
    panel.log_button.click()
    after = support.for_person(person.uid)
    assert len(after) == len(before) + 1 and after[0].kind == "interpretation"
    assert panel.undo_button.text() == f"Undo: log a contact with {person.display_name}"

    panel.undo_button.click()
    assert support.for_person(person.uid) == before


def test_a_persons_history_from_the_roster(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    person = panel.selected()
    assert person is not None
    detail = window._services.people.get(person.uid)
    window._services.people.update(person.uid, replace(detail.person, notes="Prefers evenings"))

    panel.history_button.click()
    dialog = panel.history_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.windowTitle() == f"History of {person.display_name}"
    assert dialog.count.text() == "1 change"
    cells = [without_isolates(_cell(dialog.table, 0, c)) for c in range(4)]
    assert cells[1:] == [
        "someone on this laptop",
        f"Person “{person.display_name}” changed",
        "Notes: — → Prefers evenings",
    ]
    dialog.close()


def test_the_change_log_filters_by_kind(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    services = window._services
    services.households.create(HouseholdInput("Haile"))
    services.people.create(PersonInput("Selam", "Tesfay"))
    window.show_history()
    dialog = window.history_dialog
    qtbot.waitUntil(lambda: not dialog.busy)
    dialog.kind.setCurrentIndex(dialog.kind.findData("household"))
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.count.text() == "1 change"
    assert _cell(dialog.table, 0, 2) == "Household “Haile” added"
    qtbot.keyClicks(dialog.search, "Selam")
    dialog.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert [_cell(dialog.table, r, 2) for r in range(dialog.table.rowCount())] == [
        "Person “Selam Tesfay” added"
    ]
    dialog.close()


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item else ""


def test_refer_opens_the_referral_form_on_the_person_chosen(
    organized: Services, qtbot: QtBot
) -> None:
    seeded = seed(organized)
    tasks = TaskRunner()
    s = organized
    panel = PeoplePanel(
        s.people,
        s.roster_export,
        s.contact_sheets,
        s.support,
        s.history,
        tasks,
        referrals=s.referrals,
        directory=s.directory,
        households=s.households,
        lookups=s.lookups,
    )
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    _search(panel, qtbot, "lan")
    assert panel.selected() is not None and panel.selected().uid == seeded.lan  # type: ignore[union-attr]
    assert panel.refer_button.isVisible() and panel.refer_button.isEnabled()

    def refer(dialog: ReferralDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.person.uid() == seeded.lan
        assert dialog.person.choices.currentText() == "Lan Tran"
        assert dialog.focusWidget() is dialog.service.search  # who is known: where to, next
        pick(dialog.service.search, qtbot, "food", lambda: dialog.busy)
        save(dialog)

    on_modal(ReferralDialog, refer)
    panel.refer_button.click()
    [saved] = s.referrals.page(ReferralFilter(person_uid=seeded.lan))
    assert (saved.service_uid, saved.follow_up_on) == (
        seeded.food_bank,
        saved.referred_on + timedelta(days=7),
    )
    assert panel.undo_button.text() == "Undo: refer Lan Tran to Food bank"
    panel.undo_button.click()
    assert s.referrals.count(ReferralFilter()) == 0

    _search(panel, qtbot, "nobody of that name")
    assert not panel.refer_button.isEnabled()
    tasks.wait_for_done()


def test_a_referral_card_is_printed_from_the_person_chosen(
    organized: Services, qtbot: QtBot
) -> None:
    seeded = seed(organized)
    tasks = TaskRunner()
    s = organized
    panel = PeoplePanel(
        s.people,
        s.roster_export,
        s.contact_sheets,
        s.support,
        s.history,
        tasks,
        referrals=s.referrals,
        directory=s.directory,
        households=s.households,
        lookups=s.lookups,
        cards=lambda: s.referral_cards,
    )
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    _search(panel, qtbot, "lan")
    assert panel.print_card.isVisible() and panel.print_card.isEnabled()

    def choose(dialog: ChooseServiceDialog) -> None:
        pick(dialog.picker.search, qtbot, "food", lambda: dialog.picker.busy)
        qtbot.waitUntil(lambda: dialog.chosen() == seeded.food_bank)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(ChooseServiceDialog, choose)
    panel.print_card.trigger()
    card = panel.card_dialog
    qtbot.waitUntil(lambda: card.card is not None and card.save_button.isEnabled())
    assert card.card is not None
    assert card.card.service == "Food bank"
    assert "Lan Tran" in card.card.text()
    card.done(0)
    tasks.wait_for_done()
