"""One-to-one support contacts, and each household's last contact."""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.errors import ValidationError
from communitydesk.services.context import Services
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import PersonInput
from communitydesk.services.support import ContactInput

TODAY = date(2026, 11, 20)


def _family(services: Services) -> tuple[str, str, str]:
    hodan = services.people.create(PersonInput("Hodan", "Warsame")).uid
    abdi = services.people.create(PersonInput("Abdi", "Warsame")).uid
    home = services.households.create(HouseholdInput("Warsame")).uid
    services.households.add_member(home, hodan, "main_contact")
    services.households.add_member(home, abdi, "spouse")
    return home, hodan, abdi


def test_contacts_with_a_member_count_for_the_household(organized: Services) -> None:
    home, hodan, abdi = _family(organized)
    quiet = organized.households.create(HouseholdInput("Farah")).uid  # never contacted
    helper = organized.people.create(PersonInput("Amina", "Farah")).uid
    organized.households.add_member(quiet, helper, "main_contact")
    support = organized.support
    support.log(
        ContactInput(
            date(2026, 9, 1),
            "interpretation",
            person_uid=abdi,
            minutes=45,
            language="so",
            volunteer_uid=helper,
            note="  At the   clinic ",
        ),
        today=TODAY,
    )
    support.log(ContactInput(date(2026, 10, 3), "check_in", household_uid=home), today=TODAY)

    records = support.for_household(home)
    assert [(r.contact_on, r.kind, r.with_whom) for r in records] == [
        (date(2026, 10, 3), "check_in", "Warsame"),
        (date(2026, 9, 1), "interpretation", "Abdi Warsame"),
    ]
    assert records[1].volunteer == "Amina Farah" and records[1].note == "At the clinic"
    assert [r.kind for r in support.for_person(abdi)] == ["interpretation"]
    assert support.for_person(hodan) == ()
    last = {r.uid: r.last_contact for r in organized.households.list()}
    assert last == {home: date(2026, 10, 3), quiet: None}

    support.remove(records[0].uid)  # logged by mistake
    [row] = [r for r in organized.households.list() if r.uid == home]
    assert row.last_contact == date(2026, 9, 1)
    support.reinstate(records[0].uid)
    assert len(support.for_household(home)) == 2


def test_bad_contacts_are_refused_with_the_field(organized: Services) -> None:
    _home, hodan, _abdi = _family(organized)
    support = organized.support
    cases = {
        "kind": ContactInput(TODAY, "gossip", person_uid=hodan),
        "with": ContactInput(TODAY, "orientation"),
        "contact_on": ContactInput(date(2026, 12, 1), "orientation", person_uid=hodan),
        "minutes": ContactInput(TODAY, "orientation", person_uid=hodan, minutes=2000),
        "note": ContactInput(TODAY, "orientation", person_uid=hodan, note="x" * 501),
    }
    for field, contact in cases.items():
        with pytest.raises(ValidationError) as raised:
            support.log(contact, today=TODAY)
        assert raised.value.field == field
    assert support.for_person(hodan) == ()


def test_forgetting_a_person_removes_their_contacts(organized: Services) -> None:
    home, hodan, _abdi = _family(organized)
    organized.support.log(ContactInput(TODAY, "orientation", person_uid=hodan), today=TODAY)
    organized.people.delete(hodan)
    organized.people.purge(hodan)
    assert organized.support.for_household(home) == ()
