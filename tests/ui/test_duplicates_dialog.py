"""Finding duplicates and merging a pair from the window, then undoing the merge."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.ui.dialogs.duplicates_dialog import DuplicatesDialog, MergeDialog


def test_merge_a_pair_choosing_field_by_field(organized: Services, qtbot: QtBot) -> None:
    people = organized.people
    first = people.create(PersonInput("Jose", "Pena", phone="6135550101")).uid
    people.create(PersonInput("José", "Peña", phone="6135550101", email="jose@example.org"))
    dialog = DuplicatesDialog(organized.duplicates, organized.merge, organized.people)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pending is None)
    assert dialog.count.text() == "1 likely pair"
    assert dialog.table.item(0, 3).text() == "same or very close name, same phone"  # type: ignore[union-attr]

    pair = dialog.pairs[0]
    merge = MergeDialog(people.get(pair.first_uid).person, people.get(pair.second_uid).person)
    qtbot.addWidget(merge)
    assert set(merge.groups) == {"given_name", "family_name", "email"}
    merge.groups["given_name"].button(1).setChecked(True)  # keep "José"
    merge.groups["family_name"].button(1).setChecked(True)  # and "Peña"
    assert merge.groups["email"].checkedId() == 1  # the only e-mail is kept by itself
    dialog.merge_pair(pair, merge.taken())
    qtbot.waitUntil(lambda: dialog.pending is None)
    kept = people.get(first).person
    assert (kept.given_name, kept.family_name, kept.email) == ("José", "Peña", "jose@example.org")
    assert dialog.count.text() == "0 likely pairs"

    dialog.undo_button.click()
    qtbot.waitUntil(lambda: dialog.pending is None)
    assert people.get(first).person.given_name == "Jose"
    assert dialog.count.text() == "1 likely pair"
