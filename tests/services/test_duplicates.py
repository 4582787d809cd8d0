"""The duplicate finder: across scripts through the Latin spelling, with a score and reasons."""

from __future__ import annotations

from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput


def test_likely_duplicates_with_their_reasons(organized: Services) -> None:
    people = organized.people
    people.create(
        PersonInput("محمد", "الحسن", "Mohammed Al-Hassan", phone="6135550101", birth_year=1975)
    )
    people.create(PersonInput("Mohamed", "Al Hassan", phone="613-555-0101", birth_year=1975))
    people.create(PersonInput("José", "Peña", email="jose@example.org"))
    people.create(PersonInput("Jose", "Pena", email="JOSE@example.org"))
    # A father and his son: the same name and phone, but a different year of birth.
    people.create(PersonInput("Abdi", "Osman", phone="6135550177", birth_year=1960))
    people.create(PersonInput("Abdi", "Osman", phone="6135550177", birth_year=1995))
    people.create(PersonInput("Hodan", "Warsame"))
    people.create(PersonInput("Ana", "Núñez"))

    pairs = organized.duplicates.find()
    found = {(p.first_name, p.second_name): p for p in pairs}
    mohammed = found[("محمد الحسن", "Mohamed Al Hassan")]
    assert set(mohammed.reasons) == {"name", "phone", "birth_year"} and mohammed.score >= 95
    jose = found[("José Peña", "Jose Pena")]
    assert set(jose.reasons) == {"name", "email"}
    assert ("Abdi Osman", "Abdi Osman") not in found  # the years of birth tell them apart
    assert all("Hodan" not in p.first_name + p.second_name for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
