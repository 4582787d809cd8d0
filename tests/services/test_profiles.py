"""Profiles and roles: who signs in decides what can be read and changed, on every path."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from communitydesk.core.errors import NotAllowedError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.history import HistoryFilter
from communitydesk.services.people import PersonInput, RosterFilter


def _team(services: Services) -> dict[str, str]:
    profiles = services.profiles
    with pytest.raises(ValidationError, match="first profile"):
        profiles.add("Selam", "volunteer")
    uids = {"leader": profiles.add("Amina", "leader", pin="2468").uid}
    for name, role in (("Yonas", "coordinator"), ("Ana", "treasurer"), ("Selam", "volunteer")):
        uids[role] = profiles.add(name, role, pin="1357" if role == "volunteer" else "").uid
    return uids


def test_profiles_with_pins(organized: Services) -> None:
    uids = _team(organized)
    profiles = organized.profiles
    assert [(p.name, p.role, p.has_pin) for p in profiles.list()] == [
        ("Amina", "leader", True),
        ("Ana", "treasurer", False),
        ("Selam", "volunteer", True),
        ("Yonas", "coordinator", False),
    ]
    with pytest.raises(NotAllowedError, match="PIN"):
        profiles.sign_in(uids["volunteer"], "0000")
    assert profiles.sign_in(uids["volunteer"], "1357").name == "Selam"
    profiles.sign_in(uids["leader"], "2468")
    with pytest.raises(ValidationError, match="already a profile"):
        profiles.add("selam", "volunteer")
    with pytest.raises(ValidationError, match="PIN is 4 to 8 digits"):
        profiles.add("Hodan", "volunteer", pin="12a4")
    with pytest.raises(ValidationError, match="at least one group leader"):
        profiles.remove(uids["leader"])
    # The PIN is kept only as a salted hash.
    dump = "\n".join(
        str(row)
        for row in sqlite3.connect(organized.paths.database).execute("SELECT * FROM profile")
    )
    assert "2468" not in dump and "1357" not in dump


def test_a_volunteer_looks_but_changes_nothing(organized: Services) -> None:
    uids = _team(organized)
    people = organized.people
    organized.profiles.sign_in(uids["coordinator"])
    hodan = people.create(PersonInput("Hodan", "Warsame", sensitive_notes="Leaving a violent home"))
    organized.profiles.sign_in(uids["volunteer"], "1357")

    shown = people.get(hodan.uid)
    assert shown.sensitive_hidden and shown.person.sensitive_notes == ""
    assert not people.shows_sensitive()
    with pytest.raises(NotAllowedError):
        people.create(PersonInput("Abdi", "Osman"))
    with pytest.raises(NotAllowedError):
        people.update(hodan.uid, replace(shown.person, phone="6135550101"))
    with pytest.raises(NotAllowedError):
        people.delete(hodan.uid)
    assert people.roster(RosterFilter()).total == 1  # still reads the roster


def test_only_coordinators_read_sensitive_notes_and_others_cannot_erase_them(
    organized: Services,
) -> None:
    uids = _team(organized)
    people = organized.people
    organized.profiles.sign_in(uids["coordinator"])
    hodan = people.create(PersonInput("Hodan", "Warsame", sensitive_notes="Leaving a violent home"))

    organized.profiles.sign_in(uids["treasurer"])
    seen = people.get(hodan.uid)
    assert seen.person.sensitive_notes == ""
    people.update(hodan.uid, replace(seen.person, phone="6135550101"))  # may edit the rest

    organized.profiles.sign_in(uids["coordinator"])
    assert people.get(hodan.uid).person.sensitive_notes == "Leaving a violent home"
    assert people.get(hodan.uid).person.phone == "(613) 555-0101"
    entry = organized.history.log(HistoryFilter(kind="person")).entries[0]
    assert entry.actor == "Ana" and entry.action == "update"


def test_settings_and_profiles_are_the_leaders(organized: Services) -> None:
    uids = _team(organized)
    organized.profiles.sign_in(uids["coordinator"])
    profile = organized.organization.require()
    with pytest.raises(NotAllowedError):
        organized.organization.update(replace(profile, name="Renamed"))
    with pytest.raises(NotAllowedError):
        organized.profiles.add("Hodan", "volunteer")
    organized.profiles.sign_in(uids["leader"], "2468")
    organized.organization.update(replace(profile, name="Renamed"))
    assert organized.profiles.add("Hodan", "volunteer").role == "volunteer"
