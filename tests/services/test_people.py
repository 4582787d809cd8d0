from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.models import Consent, Person
from communitydesk.services.context import Services
from communitydesk.services.people import ConsentInput, PersonInput

TODAY = date(2026, 11, 22)


def test_a_person_comes_back_as_typed_and_tidied(organized: Services) -> None:
    created = organized.people.create(
        PersonInput(
            given_name="  Hodan ",
            family_name="Warsame",
            phone="6135550123",
            other_phone="+252 61 5123456",
            email="Hodan.W@Example.ORG",
            languages=("so", "ar", "so"),
            birth_year=1984,
            arrival_year=2023,
            country_of_origin="so",
            sensitive_notes="Spoke about a difficult situation at home.",
        ),
        today=TODAY,
    )
    again = organized.people.get(created.uid, today=TODAY)
    assert again == created
    person = again.person
    assert again.display_name == "Hodan Warsame"
    assert person.phone == "(613) 555-0123"
    assert person.other_phone == "+252 61 512 3456"
    assert person.email == "Hodan.W@example.org"
    assert person.languages == ("so", "ar")
    assert person.country_of_origin == "SO"
    assert person.sensitive_notes.startswith("Spoke about")
    assert again.newcomer  # arrived within the organization's 5 years


def test_an_unusual_phone_number_is_kept_as_typed(organized: Services) -> None:
    created = organized.people.create(PersonInput("Ana", phone="ext. 204 at the library"))
    assert created.person.phone == "ext. 204 at the library"


@pytest.mark.parametrize(
    ("person", "field"),
    [
        (PersonInput(" "), "given_name"),
        (PersonInput("Ana", email="ana at home"), "email"),
        (PersonInput("Ana", birth_year=1850), "birth_year"),
        (PersonInput("Ana", birth_year=1990, arrival_year=1980), "arrival_year"),
        (PersonInput("Ana", age_band="old"), "age_band"),
    ],
)
def test_bad_input_names_its_field_and_saves_nothing(
    organized: Services, person: PersonInput, field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        organized.people.create(person, today=TODAY)
    assert raised.value.field == field
    assert organized.people.search().total == 0


def test_update(organized: Services) -> None:
    uid = organized.people.create(PersonInput("Thị Lan", "Nguyễn")).uid
    detail = organized.people.get(uid)
    organized.people.update(uid, replace(detail.person, preferred_name="Lan", age_band="65+"))
    assert organized.people.get(uid).person.preferred_name == "Lan"
    assert organized.people.search("nguyen").rows[0].display_name == "Thị Lan Nguyễn"


def test_trash_restore_and_purge(organized: Services) -> None:
    uid = organized.people.create(PersonInput("Милан", "Петровић", "Milan Petrović")).uid
    organized.people.add_consent(uid, ConsentInput("verbal", TODAY, ("contact_phone",)))
    organized.people.delete(uid)
    assert organized.people.search().total == 0
    trash = organized.people.search(trash=True)
    assert [r.display_name for r in trash.rows] == ["Милан Петровић"]
    assert trash.rows[0].deleted_at is not None
    with pytest.raises(NotFoundError):
        organized.people.update(uid, PersonInput("X"))

    organized.people.restore(uid)
    assert organized.people.search().total == 1
    with pytest.raises(ValidationError):
        organized.people.purge(uid)  # only from the Trash

    organized.people.delete(uid)
    assert organized.people.purge(uid) == "Милан Петровић"
    with pytest.raises(NotFoundError):
        organized.people.get(uid)
    with organized.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalar(select(func.count()).select_from(Consent)) == 0


def test_consent_shows_what_is_allowed(organized: Services) -> None:
    uid = organized.people.create(PersonInput("Fadumo", "Ali")).uid
    phone = organized.people.add_consent(
        uid, ConsentInput("verbal", TODAY, ("contact_phone", "quoting"), witness="Amina F.")
    )
    organized.people.add_consent(uid, ConsentInput("signed", TODAY, ("photos",)))
    detail = organized.people.get(uid)
    assert detail.allowed == {"contact_phone", "quoting", "photos"}
    assert detail.consents[0].witness == "Amina F."
    organized.people.withdraw_consent(phone.uid, on=TODAY)
    assert organized.people.get(uid).allowed == {"photos"}


@pytest.mark.parametrize(
    ("consent", "field"),
    [
        (ConsentInput("nodded", TODAY, ("photos",)), "kind"),
        (ConsentInput("signed", TODAY, ()), "scopes"),
        (ConsentInput("signed", date(2999, 1, 1), ("photos",)), "given_on"),
    ],
)
def test_bad_consent_is_refused(organized: Services, consent: ConsentInput, field: str) -> None:
    uid = organized.people.create(PersonInput("Fadumo")).uid
    with pytest.raises(ValidationError) as raised:
        organized.people.add_consent(uid, consent)
    assert raised.value.field == field
    assert organized.people.get(uid).consents == ()
