from __future__ import annotations

import pytest

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import PersonInput


def test_a_family_of_three_generations(organized: Services) -> None:
    people, households = organized.people, organized.households
    grandma = people.create(PersonInput("Bà Mai", "Nguyễn", birth_year=1948)).uid
    mother = people.create(PersonInput("Thu Hà", "Nguyễn", birth_year=1982)).uid
    son = people.create(PersonInput("Minh", "Trần", birth_year=2015)).uid
    home = households.create(HouseholdInput(" Nguyễn ", "12 rue Principale", "8195550140"))
    assert home.household.name == "Nguyễn" and home.household.phone == "(819) 555-0140"

    households.add_member(home.uid, mother, "main_contact")
    households.add_member(home.uid, grandma, "grandparent")
    detail = households.add_member(home.uid, son, "child")

    assert [m.display_name for m in detail.members] == [
        "Bà Mai Nguyễn",
        "Thu Hà Nguyễn",
        "Minh Trần",
    ]
    assert [m.role for m in detail.members] == ["grandparent", "main_contact", "child"]
    assert detail.main_contact_uid == mother
    assert people.get(son).household == "Nguyễn"
    (row,) = households.list("nguyen")
    assert (row.name, row.members, row.main_contact) == ("Nguyễn", 3, "Thu Hà Nguyễn")

    households.set_main_contact(home.uid, grandma)
    detail = households.remove_member(home.uid, grandma)
    assert detail.main_contact_uid == ""
    assert [m.uid for m in detail.members] == [mother, son]


def test_moving_to_another_household(organized: Services) -> None:
    people, households = organized.people, organized.households
    ana = people.create(PersonInput("Ana", "Peña")).uid
    first = households.create(HouseholdInput("Peña"))
    second = households.create(HouseholdInput("Gómez"))
    households.add_member(first.uid, ana, "main_contact")
    households.add_member(second.uid, ana, "spouse")
    assert households.get(first.uid).members == ()
    assert households.get(first.uid).main_contact_uid == ""
    assert [m.uid for m in households.get(second.uid).members] == [ana]
    assert households.get(second.uid).main_contact_uid == ana  # the first member becomes it


def test_bad_requests_change_nothing(organized: Services) -> None:
    people, households = organized.people, organized.households
    ana = people.create(PersonInput("Ana")).uid
    home = households.create(HouseholdInput("Peña"))
    with pytest.raises(ValidationError):
        households.create(HouseholdInput("  "))
    with pytest.raises(ValidationError):
        households.add_member(home.uid, ana, "landlord")
    with pytest.raises(ValidationError):
        households.set_main_contact(home.uid, ana)  # not a member
    with pytest.raises(NotFoundError):
        households.add_member(home.uid, "nobody", "child")
    assert households.get(home.uid).members == ()


def test_deleting_a_household_keeps_its_people(organized: Services) -> None:
    people, households = organized.people, organized.households
    ana = people.create(PersonInput("Ana")).uid
    home = households.create(HouseholdInput("Peña"))
    households.add_member(home.uid, ana, "main_contact")
    households.delete(home.uid)
    assert households.list() == ()
    assert people.get(ana).household == ""
    with pytest.raises(NotFoundError):
        households.get(home.uid)


def test_the_sample_has_households_listed_in_sql(sample: Services) -> None:
    rows = sample.households.list()
    assert len(rows) == sample.dashboard.summary().households
    assert sum(r.members for r in rows) == 120
    assert all(r.main_contact for r in rows)


def test_put_back_undoes_an_edit_even_for_people_who_moved_in(organized: Services) -> None:
    people, households = organized.people, organized.households
    amina = people.create(PersonInput("Amina", "Farah")).uid
    yusuf = people.create(PersonInput("Yusuf", "Farah")).uid
    hodan = people.create(PersonInput("Hodan", "Warsame")).uid
    farah = households.create(HouseholdInput("Farah", "1 Elm St")).uid
    households.add_member(farah, amina, "main_contact")
    households.add_member(farah, yusuf, "spouse")
    warsame = households.create(HouseholdInput("Warsame")).uid
    households.add_member(warsame, hodan, "main_contact")

    before = households.snapshot(farah).including(households.placements((hodan,)))
    households.update(farah, HouseholdInput("Farah-Warsame", "2 Oak St"))
    households.remove_member(farah, yusuf)
    households.add_member(farah, hodan, "other")  # moves her: Warsame loses its main contact
    after = households.snapshot(farah, tuple(p.person_uid for p in before.placements))
    assert after != before

    households.put_back(before)
    detail = households.get(farah)
    assert detail.household == HouseholdInput("Farah", "1 Elm St")
    assert {m.uid for m in detail.members} == {amina, yusuf}
    assert detail.main_contact_uid == amina
    assert households.get(warsame).main_contact_uid == hodan

    households.put_back(after)  # redo
    detail = households.get(farah)
    assert detail.household.name == "Farah-Warsame"
    assert {m.uid for m in detail.members} == {amina, hodan}
    assert people.get(yusuf).household == ""


def test_put_back_restores_a_deleted_household_with_its_members(organized: Services) -> None:
    people, households = organized.people, organized.households
    amina = people.create(PersonInput("Amina", "Farah")).uid
    farah = households.create(HouseholdInput("Farah")).uid
    households.add_member(farah, amina, "main_contact")
    before = households.snapshot(farah)

    households.delete(farah)
    assert [row.name for row in households.list()] == []

    households.put_back(before)
    assert [row.name for row in households.list()] == ["Farah"]
    assert households.get(farah).main_contact_uid == amina
