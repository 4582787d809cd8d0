"""Retention: who is past it, and anonymizing them keeps the counts and drops the person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from communitydesk.core.errors import ValidationError
from communitydesk.services.context import Services
from communitydesk.services.history import HistoryFilter
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.support import ContactInput
from communitydesk.services.volunteers import VolunteerInput

LATER = date.today() + timedelta(days=365 * 4)  # four years from now, nothing new happened


def test_people_past_retention_are_listed_and_anonymized(organized: Services) -> None:
    people = organized.people
    hodan = people.create(
        PersonInput(
            "Hodan",
            "Warsame",
            phone="6135550101",
            birth_year=1960,
            languages=("so",),
            country_of_origin="SO",
            arrival_year=2019,
            notes="Likes gardening",
            sensitive_notes="private",
        )
    ).uid
    people.add_consent(hodan, ConsentInput("verbal", date.today(), ("contact_phone",)))
    recent = people.create(PersonInput("Abdi", "Osman")).uid
    organized.support.log(
        ContactInput(LATER - timedelta(days=30), "check_in", person_uid=recent),
        today=LATER,
    )
    helper = people.create(PersonInput("Amina", "Farah")).uid
    organized.volunteers.enroll(helper, VolunteerInput(date.today()))

    assert organized.retention.past_retention(LATER) == ()  # no limit set: nobody
    with pytest.raises(ValidationError):
        organized.retention.set_years(0)
    organized.retention.set_years(3)
    assert organized.retention.years() == 3
    past = organized.retention.past_retention(LATER)
    assert [p.display_name for p in past] == [
        "Hodan Warsame"
    ]  # Abdi was in contact, Amina volunteers

    assert organized.retention.anonymize([p.uid for p in past], today=LATER) == 1
    detail = people.get(hodan)
    kept = detail.person
    assert (kept.given_name, kept.family_name, kept.phone, kept.notes, kept.birth_year) == (
        "—",
        "",
        "",
        "",
        None,
    )
    # What counts need stays.
    assert (kept.age_band, kept.languages, kept.country_of_origin, kept.arrival_year) == (
        "65+" if LATER.year - 1960 >= 65 else "45-64",
        ("so",),
        "SO",
        2019,
    )
    assert detail.consents == ()
    assert people.search("Hodan").total == 0  # no longer in the roster
    assert all(e.redacted for e in organized.history.for_record(hodan))
    assert organized.history.log(HistoryFilter(text="Hodan")).total == 0
    assert organized.retention.past_retention(LATER) == ()
