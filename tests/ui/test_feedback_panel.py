"""Feedback and suggestions: quoting follows consent, the filter shows what may be quoted,
undo puts things back, and suggestions that became activities are counted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.context import Services
from communitydesk.services.feedback import FeedbackInput
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.ui.dialogs.feedback_dialog import FeedbackDialog, SuggestionDialog
from communitydesk.ui.panels.feedback import FeedbackPanel
from communitydesk.ui.tasks import TaskRunner

CONSENTED = date(2025, 3, 3)


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()
    qtbot.waitUntil(lambda: not runner.busy)


@pytest.fixture
def panel(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> FeedbackPanel:
    amina = organized.people.create(PersonInput("Amina", "Farah", languages=("so",))).uid
    organized.people.add_consent(amina, ConsentInput("signed", CONSENTED, ("quoting",)))
    yonas = organized.people.create(PersonInput("Yonas", "Haile")).uid
    organized.people.add_consent(yonas, ConsentInput("verbal", CONSENTED, ("contact_phone",)))
    organized.programs.create(ProgramInput("Homework club"))
    organized.programs.create(ProgramInput("Seniors' circle"))
    made = FeedbackPanel(organized.feedback, organized.programs, organized.people, tasks)
    qtbot.addWidget(made)
    made.resize(1000, 600)
    made.show()
    qtbot.waitUntil(lambda: not made.busy)
    return made


def _cells(model: QAbstractItemModel) -> list[list[str]]:
    return [
        [without_isolates(str(model.index(r, c).data() or "")) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _record(panel: FeedbackPanel, qtbot: QtBot, name: str, words: str) -> tuple[str, str]:
    """Record feedback by someone; what the dialog said of quoting, and the language chosen."""
    panel.new_feedback_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, FeedbackDialog) and dialog.isVisible()
    assert dialog.consent.text().startswith("Anonymous")
    qtbot.keyClicks(dialog.person.search, name)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.quotable is not None)
    dialog.program.setCurrentIndex(dialog.program.findText("Homework club"))
    dialog.words.setPlainText(words)
    shown = without_isolates(dialog.consent.text()), str(dialog.language.currentData())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.saved is not None and not panel.busy)
    assert not dialog.isVisible()
    return shown


def test_quoting_follows_consent_and_the_filter_shows_what_may_be_quoted(
    panel: FeedbackPanel, organized: Services, qtbot: QtBot
) -> None:
    QAbstractItemModelTester(panel.feedback_model)
    consent, language = _record(panel, qtbot, "Amina", "The tutors are patient\nwith my son.")
    assert consent == "May be quoted in reports: consent to quoting on March 3, 2025."
    assert language == "so"  # her first language, until changed
    consent, _language = _record(panel, qtbot, "Yonas", "I found my first job through the club.")
    assert consent == (
        "Not for quoting: no consent to quote their words. Record it on the person's page first."
    )
    rows = _cells(panel.feedback_model)
    by_who = {row[2]: row for row in rows}
    assert by_who["Amina Farah"][1] == "Homework club"
    assert by_who["Amina Farah"][3] == "Somali"
    assert by_who["Amina Farah"][4] == "The tutors are patient with my son."
    assert (by_who["Amina Farah"][5], by_who["Yonas Haile"][5]) == ("✓", "—")

    panel.quotable_only.setChecked(True)
    qtbot.waitUntil(lambda: not panel.busy)
    assert [row[2] for row in _cells(panel.feedback_model)] == ["Amina Farah"]
    assert panel.feedback_count.text() == "1 shown"
    panel.quotable_only.setChecked(False)
    panel.program_filter.setCurrentIndex(panel.program_filter.findText("Seniors' circle"))
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.feedback_model.rowCount() == 0
    panel.program_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not panel.busy)

    row = [r[2] for r in _cells(panel.feedback_model)].index("Yonas Haile")
    panel.feedback_table.selectRow(row)
    panel.remove_feedback_button.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert [r[2] for r in _cells(panel.feedback_model)] == ["Amina Farah"]
    assert panel.feedback_undo.text() == "Undo: remove what Yonas Haile said"
    panel.feedback_undo.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.feedback_model.rowCount() == 2


def test_editing_feedback_keeps_its_person_and_undo_puts_the_words_back(
    panel: FeedbackPanel, organized: Services, qtbot: QtBot
) -> None:
    amina = organized.people.search("Amina").rows[0].uid
    organized.feedback.record(FeedbackInput(date.today(), "Good snacks.", person_uid=amina))
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy)
    panel.feedback_table.selectRow(0)
    panel.edit_feedback_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, FeedbackDialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.person.uid() == amina and dialog.quotable
    dialog.words.setPlainText("Very good snacks.")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.saved is not None and not panel.busy)
    assert _cells(panel.feedback_model)[0][4] == "Very good snacks."
    panel.feedback_undo.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert _cells(panel.feedback_model)[0][4] == "Good snacks."


def test_a_suggestion_done_as_a_program_counts_as_an_activity(
    panel: FeedbackPanel, qtbot: QtBot
) -> None:
    QAbstractItemModelTester(panel.suggestions_model)
    panel.tabs.setCurrentWidget(panel.suggested)
    assert panel.became.text().startswith("<b>0 suggestions became activities</b>")
    panel.new_suggestion_button.click()
    new = panel.dialog
    assert isinstance(new, SuggestionDialog)
    new.words.setPlainText("A homework club for the children")
    qtbot.keyClicks(new.person.search, "Yonas")
    qtbot.waitUntil(lambda: not new.busy)
    new.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: new.saved is not None and not panel.busy)
    [row] = _cells(panel.suggestions_model)
    assert row[1:] == ["A homework club for the children", "Yonas Haile", "New", ""]
    assert "1 suggestion still open" in panel.became.text()

    panel.suggestions_table.selectRow(0)
    panel.edit_suggestion_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, SuggestionDialog) and dialog.person.uid()
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.program.setCurrentIndex(dialog.program.findText("Homework club"))
    dialog.response.setPlainText("Started in September, Tuesdays at the library.")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.saved is not None and not panel.busy)
    assert _cells(panel.suggestions_model)[0][3:] == ["Done", "Homework club"]
    assert panel.became.text() == (
        "<b>1 suggestion became an activity</b> · 0 suggestions still open"
    )

    panel.status_filter.setCurrentIndex(panel.status_filter.findData("new"))
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.suggestions_model.rowCount() == 0
    assert panel.became.text().startswith("<b>1 suggestion became an activity")

    panel.suggestion_undo.click()  # back to new, no program
    qtbot.waitUntil(lambda: not panel.busy)
    assert _cells(panel.suggestions_model)[0][3:] == ["New", ""]
    assert panel.became.text().startswith("<b>0 suggestions became activities")
