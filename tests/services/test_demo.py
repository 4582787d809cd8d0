from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from sqlalchemy import select

from communitydesk.core.errors import ValidationError
from communitydesk.models import Household, Person
from communitydesk.services.context import Services


def _scripts(names: list[str]) -> set[str]:
    found = set()
    for name in names:
        for char in name:
            if char.isalpha():
                found.add(unicodedata.name(char).split()[0])
    return found


def test_sample_organization_is_alive(sample: Services) -> None:
    profile = sample.organization.require()
    assert profile.is_sample
    assert profile.name == "Riverside Newcomer Families Association"
    summary = sample.dashboard.summary()
    assert summary.people == 120
    assert 20 <= summary.households <= 80
    assert summary.volunteers > 0
    with sample.database.reading() as session:
        people = session.scalars(select(Person)).all()
        households = session.scalars(select(Household)).all()
    # Names from many cultures and scripts, each with a Latin spelling where needed.
    assert {"LATIN", "ARABIC", "CYRILLIC"} <= _scripts([p.given_name for p in people])
    for person in people:
        if not person.given_name.isascii() and _scripts([person.given_name]) != {"LATIN"}:
            assert person.latin_name.isascii() or "LATIN" in _scripts([person.latin_name])
    # Several generations under one roof, and every household has its main contact.
    roles = Counter(p.household_role for p in people)
    assert roles["grandparent"] and roles["child"] and roles["main_contact"] == len(households)
    by_id = {p.id: p for p in people}
    for household in households:
        assert household.main_contact_id is not None
        assert by_id[household.main_contact_id].household_id == household.id
    # Fictional phone numbers only.
    assert all(re.fullmatch(r"\(\d{3}\) 555-01\d\d", p.phone) for p in people if p.phone)


def test_the_same_seed_gives_the_same_sample(services: Services, tmp_path: object) -> None:
    services.demo.generate(people=40, seed=3)
    first = [r.display_name for r in services.people.search(limit=40).rows]
    services.demo.generate(people=40, seed=3, force=True)
    assert [r.display_name for r in services.people.search(limit=40).rows] == first


def test_demo_refuses_a_folder_with_a_sample_unless_forced(services: Services) -> None:
    services.demo.generate(people=10)
    with pytest.raises(ValidationError) as raised:
        services.demo.generate(people=12)
    assert "--force" in raised.value.message
    services.demo.generate(people=12, force=True)
    assert services.dashboard.summary().people == 12


def test_the_sample_never_replaces_a_real_organization(organized: Services) -> None:
    for force in (False, True):
        with pytest.raises(ValidationError) as raised:
            organized.demo.generate(people=10, force=force)
        assert "real organization" in raised.value.message
    assert organized.organization.require().name == "Cercle des aînés"
    assert organized.dashboard.summary().people == 0


def test_people_count_is_bounded(services: Services) -> None:
    with pytest.raises(ValidationError):
        services.demo.generate(people=0)


def test_a_hundred_thousand_people(services: Services) -> None:
    result = services.demo.generate(people=100_000, seed=1)
    assert result.people == 100_000
    assert services.dashboard.summary().people == 100_000
    assert services.maintenance.check().healthy


def test_discarding_the_sample_keeps_a_backup(sample: Services) -> None:
    backup = sample.demo.discard_sample()
    assert backup.exists()
    assert sample.organization.get() is None
    assert sample.dashboard.summary().people == 0


def test_a_real_organization_cannot_be_discarded(organized: Services) -> None:
    with pytest.raises(ValidationError):
        organized.demo.discard_sample()
    assert organized.organization.get() is not None


def test_most_adults_in_the_sample_gave_consent(sample: Services) -> None:
    from communitydesk.models import Consent

    with sample.database.reading() as session:
        consents = session.scalars(select(Consent)).all()
        adults = session.scalars(select(Person).where(Person.birth_year <= 2026 - 18)).all()
    assert 0.6 * len(adults) <= len(consents) <= len(adults)
    assert all(c.scopes for c in consents)
    assert {c.kind for c in consents} == {"signed", "verbal"}
