"""The printed contact list and phone tree follow consent, households and languages."""

from __future__ import annotations

from datetime import date

from communitydesk.core.i18n import set_language
from communitydesk.services.context import Services
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import ConsentInput, PersonInput, RosterFilter
from communitydesk.services.volunteers import VolunteerInput

TODAY = date(2026, 11, 1)
PHONE = ("contact_phone",)


def _person(
    services: Services,
    given: str,
    family: str,
    phone: str = "",
    scopes: tuple[str, ...] = PHONE,
    languages: tuple[str, ...] = ("en",),
    latin: str = "",
) -> str:
    uid = services.people.create(
        PersonInput(
            given,
            family,
            latin,
            phone=phone,
            email=f"{given}@example.org".lower(),
            languages=languages,
        )
    ).uid
    if scopes:
        services.people.add_consent(uid, ConsentInput("verbal", TODAY, scopes))
    return uid


def test_contact_list_shows_only_consented_people_and_channels(organized: Services) -> None:
    _person(organized, "Hodan", "Warsame", "6135550101", PHONE, ("so",))
    _person(organized, "محمد", "الحسن", "6135550102", ("contact_email",), ("ar",), "Mohammed")
    _person(organized, "Ana", "Peña", "6135550103", ())

    document = organized.contact_sheets.contact_list(today=TODAY)

    text = document.text()
    assert document.title == "Contact list"
    assert document.subtitle == "Cercle des aînés · November 1, 2026"
    assert "Hodan Warsame" in text and "(613) 555-0101" in text
    assert "hodan@example.org" not in text  # no e-mail consent
    # E-mail consent only: the address is printed, the phone is not; the Latin spelling helps.
    assert "محمد الحسن\nMohammed" in text and "محمد@example.org" in text
    assert "(613) 555-0102" not in text
    assert "Ana" not in text
    assert document.footnotes == (
        "2 people are listed.",
        "1 person was left out: their consent does not allow contact.",
    )
    assert not document.right_to_left


def test_contact_list_prints_the_people_the_roster_shows(organized: Services) -> None:
    _person(organized, "Hodan", "Warsame", "6135550101", PHONE, ("so",))
    _person(organized, "Nour", "Haddad", "6135550102", PHONE, ("ar",))

    text = organized.contact_sheets.contact_list(RosterFilter(language="ar"), TODAY).text()

    assert "Nour Haddad" in text and "Hodan" not in text


def test_contact_list_in_arabic_is_right_to_left_and_translated(organized: Services) -> None:
    _person(organized, "Nour", "Haddad", "6135550102", PHONE, ("ar",))
    set_language("ar")
    document = organized.contact_sheets.contact_list(today=TODAY)
    assert document.right_to_left
    assert document.title == "قائمة جهات الاتصال"
    assert "العربية" in document.text()  # the language name, in Arabic


def test_phone_tree_calls_each_household_once_through_its_main_contact(
    organized: Services,
) -> None:
    caller = _person(organized, "Amina", "Farah", "6135550100", PHONE, ("so", "en"))
    organized.volunteers.enroll(caller, VolunteerInput(start_date=TODAY))
    father = _person(organized, "Abdi", "Osman", "6135550111", PHONE, ("so",))
    mother = _person(organized, "Hodan", "Osman", "6135550112", PHONE, ("so",))
    family = organized.households.create(HouseholdInput(name="Osman"))
    organized.households.add_member(family.uid, father, "spouse")
    organized.households.add_member(family.uid, mother, "spouse")
    organized.households.set_main_contact(family.uid, mother)
    _person(organized, "Lone", "Caller-less", "", PHONE, ("en",))  # consent but no phone
    _person(organized, "Milan", "Petrovic", "6135550113", (), ("sr",))  # no consent

    plan = organized.contact_sheets.plan(today=TODAY)

    assert [b.caller.name for b in plan.branches] == ["Amina Farah"]
    assert [p.name for p in plan.branches[0].calls] == ["Hodan Osman"]
    assert plan.no_consent == 1
    assert plan.no_phone == 1

    document = organized.contact_sheets.phone_tree(today=TODAY)
    text = document.text()
    assert "Amina Farah calls" in text
    assert "Abdi Osman" not in text  # the household is reached through Hodan
    assert document.footnotes == (
        "1 person was left out: their consent does not allow contact.",
        "1 person was left out: no phone number they agreed to be called at.",
    )


def test_phone_tree_matches_languages_and_keeps_lists_even(organized: Services) -> None:
    somali = _person(organized, "Amina", "Farah", "6135550100", PHONE, ("so",))
    spanish = _person(organized, "Lucia", "Perez", "6135550101", PHONE, ("es",))
    for uid in (somali, spanish):
        organized.volunteers.enroll(uid, VolunteerInput(start_date=TODAY))
    for index in range(3):
        _person(organized, f"Sahra{index}", "Ali", f"613555020{index}", PHONE, ("so",))
        _person(organized, f"Jose{index}", "Diaz", f"613555030{index}", PHONE, ("es",))
    for index in range(4):  # nobody speaks Tigrinya: shared out evenly
        _person(organized, f"Helen{index}", "Berhe", f"613555040{index}", PHONE, ("ti",))

    branches = {b.caller.name: b.calls for b in organized.contact_sheets.plan(today=TODAY).branches}

    assert {p.name for p in branches["Amina Farah"] if p.languages == ("so",)} == {
        "Sahra0 Ali",
        "Sahra1 Ali",
        "Sahra2 Ali",
    }
    assert all(p.languages != ("es",) for p in branches["Amina Farah"])
    assert len(branches["Amina Farah"]) == len(branches["Lucia Perez"]) == 5


def test_phone_tree_without_callers_says_what_a_caller_needs(organized: Services) -> None:
    _person(organized, "Hodan", "Warsame", "6135550101")
    document = organized.contact_sheets.phone_tree(today=TODAY)
    assert document.sections == ()
    assert document.introduction == (
        "No volunteer can be a caller yet: a caller is a volunteer with a phone number and "
        "consent to be contacted by phone.",
    )
