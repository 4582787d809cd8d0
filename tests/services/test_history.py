"""The change history: every change recorded with who and what; append-only; forgets on purge."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from communitydesk.services.context import Services
from communitydesk.services.history import FieldChange, HistoryFilter
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import ConsentInput, PersonInput

TODAY = date(2026, 11, 20)


def test_a_persons_story_names_who_changed_what(organized: Services) -> None:
    organized.database.actor = "Amina (coordinator)"
    people, households = organized.people, organized.households
    uid = people.create(PersonInput("Hodan", "Warsame", phone="6135550101")).uid
    people.update(
        uid,
        PersonInput("Hodan", "Warsame", phone="6135550199", sensitive_notes="private matter"),
    )
    home = households.create(HouseholdInput("Warsame")).uid
    households.add_member(home, uid, "main_contact")
    people.add_consent(uid, ConsentInput("verbal", TODAY, ("contact_phone",)))
    people.delete(uid)
    people.restore(uid)

    story = organized.history.for_record(uid)
    assert [(e.action, e.record_kind) for e in reversed(story)] == [
        ("create", "person"),
        ("update", "person"),
        ("update", "person"),  # joined the household
        ("create", "consent"),
        ("delete", "person"),
        ("restore", "person"),
    ]
    assert {e.actor for e in story} == {"Amina (coordinator)"}
    assert all(e.label == "Hodan Warsame" for e in story)
    created, edited, joined = reversed(story[3:])
    assert FieldChange("phone", None, "(613) 555-0101") in created.changes
    # A sensitive note is named, never kept.
    assert edited.changes == (
        FieldChange("phone", "(613) 555-0101", "(613) 555-0199"),
        FieldChange("sensitive_notes", "", "•••"),
    )
    # A link reads as the name of what it points at.
    assert FieldChange("household_id", None, "Warsame") in joined.changes
    assert FieldChange("scopes", None, ["contact_phone"]) in story[2].changes


def test_the_log_filters_by_kind_name_and_who(organized: Services) -> None:
    organized.database.actor = "Amina"
    organized.people.create(PersonInput("Hodan", "Warsame"))
    organized.database.actor = "Yonas"
    organized.households.create(HouseholdInput("Haile"))

    history = organized.history
    assert [e.label for e in history.log(HistoryFilter(kind="person")).entries] == ["Hodan Warsame"]
    assert [e.label for e in history.log(HistoryFilter(text="hail")).entries] == ["Haile"]
    page = history.log(HistoryFilter(actor="Yonas"))
    assert page.total == 1 and page.entries[0].record_kind == "household"
    assert {"Amina", "Yonas"} <= set(history.actors())
    assert history.log(HistoryFilter(since=date(2000, 1, 1), until=date(2000, 1, 2))).total == 0


def test_the_history_is_append_only(organized: Services) -> None:
    organized.people.create(PersonInput("Hodan", "Warsame"))
    connection = sqlite3.connect(organized.paths.database)
    try:
        for statement in (
            "DELETE FROM change_entry",
            "UPDATE change_entry SET actor = 'someone else'",
            "UPDATE change_entry SET label = 'Someone Else'",
        ):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                connection.execute(statement)
    finally:
        connection.close()
    assert organized.history.log(HistoryFilter()).total >= 1


def test_forgetting_a_person_redacts_their_history(organized: Services) -> None:
    people = organized.people
    uid = people.create(PersonInput("Hodan", "Warsame", phone="6135550101")).uid
    people.add_consent(uid, ConsentInput("verbal", TODAY, ("contact_phone",)))
    other = people.create(PersonInput("Abdi", "Osman")).uid
    people.delete(uid)
    assert people.purge(uid) == "Hodan Warsame"

    story = organized.history.for_record(uid)
    assert story[0].action == "purge"
    assert all(e.redacted and e.label == "" and e.changes == () for e in story)
    # Nothing else forgets.
    assert [e.label for e in organized.history.for_record(other)] == ["Abdi Osman"]
    with organized.database.reading() as session:
        from sqlalchemy import text

        dump = " ".join(
            str(row) for row in session.execute(text("SELECT * FROM change_entry")).all()
        )
    assert "Hodan" not in dump and "6135550101" not in dump and "555-0101" not in dump
