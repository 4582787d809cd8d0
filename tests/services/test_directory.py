from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    DirectoryFilter,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.services.organization import OrganizationProfile

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _lists(services: Services) -> None:
    """The referral categories and barriers are seeded with the organization."""
    services.organization.create(OrganizationProfile(name="Women's Circle"))


def _clinic(services: Services) -> str:
    return services.directory.save_organization(
        OrganizationInput(name="Clinique communautaire Pointe-Saint-Charles", phone="514-555-0101")
    )


def _service(services: Services, organization: str, **changes: object) -> str:
    values: dict[str, object] = {
        "organization_uid": organization,
        "name": "Walk-in clinic",
        "category": "health",
        "description": {
            "en": "Nurses and doctors without an appointment",
            "fr": "Soins sans rendez-vous",
        },
        "eligibility": {"en": "Anyone in the neighbourhood", "ar": "كل سكان الحي"},
        "languages": ("en", "fr", "ar"),
        "in_french": True,
        "hours": "Mon-Fri 8:00-20:00",
        "open_evenings": True,
        "regardless_of_status": True,
        "cost": "Free",
        "verified_on": date(2026, 6, 1),
        "location": LocationInput(address_1="500 av. Ash", city="Montréal", province="QC"),
        "contacts": (ContactPersonInput(name="Nadia Haddad", title="Intake nurse"),),
    }
    values.update(changes)
    return services.directory.save_service(ServiceInput(**values))  # type: ignore[arg-type]


def test_a_service_comes_back_with_its_address_and_contact_people(services: Services) -> None:
    organization = _clinic(services)
    uid = _service(services, organization)

    record = services.directory.service(uid)

    assert record.organization_name == "Clinique communautaire Pointe-Saint-Charles"
    assert record.location.one_line() == "500 av. Ash, Montréal QC"
    assert [c.name for c in record.contacts] == ["Nadia Haddad"]
    assert record.eligibility == {"en": "Anyone in the neighbourhood", "ar": "كل سكان الحي"}
    assert record.regardless_of_status is True
    assert not record.needs_verification(TODAY)


def test_two_services_at_the_same_address_share_one_location(services: Services) -> None:
    organization = _clinic(services)
    first = _service(services, organization)
    second = _service(
        services,
        organization,
        name="Vaccination",
        location=LocationInput(address_1="500 AV. ASH", city="montreal", province="QC"),
        contacts=(),
    )
    assert services.directory.service(first).location_uid == (
        services.directory.service(second).location_uid
    )


def test_editing_contacts_keeps_the_list_typed(services: Services) -> None:
    organization = _clinic(services)
    uid = _service(services, organization)
    kept = services.directory.service(uid).contacts[0]
    record = services.directory.service(uid)
    services.directory.save_service(
        ServiceInput(
            **{
                **vars(record.as_input()),
                "contacts": (
                    ContactPersonInput(name="Nadia Haddad-Roy", uid=kept.uid),
                    ContactPersonInput(name="Luc Tremblay"),
                ),
            }
        ),
        uid=uid,
    )
    again = services.directory.service(uid)
    assert [(c.name, c.uid == kept.uid) for c in again.contacts] == [
        ("Nadia Haddad-Roy", True),
        ("Luc Tremblay", False),
    ]


def test_browse_filters_by_category_language_evenings_french_and_words(services: Services) -> None:
    organization = _clinic(services)
    _service(services, organization)
    _service(
        services,
        organization,
        name="Aide aux devoirs",
        category="schools",
        languages=("so", "en"),
        in_french=False,
        open_evenings=False,
        description={"en": "Homework club for élèves of the primary school"},
        contacts=(),
    )
    directory = services.directory

    def names(**wanted: object) -> list[str]:
        return [r.name for r in directory.browse(DirectoryFilter(**wanted), today=TODAY)]  # type: ignore[arg-type]

    assert names() == ["Aide aux devoirs", "Walk-in clinic"]
    assert names(category="health") == ["Walk-in clinic"]
    assert names(language="ar") == ["Walk-in clinic"]
    assert names(evenings=True) == ["Walk-in clinic"]
    assert names(text="ELEVES") == ["Aide aux devoirs"]  # accents and case do not matter
    assert names(text="haddad") == ["Walk-in clinic"]  # found by its contact person
    assert names(text="pointe clinique") == ["Aide aux devoirs", "Walk-in clinic"]
    assert directory.count(DirectoryFilter(in_french=True), TODAY) == 1


def test_services_not_verified_for_twelve_months_are_flagged(services: Services) -> None:
    organization = _clinic(services)
    _service(services, organization, name="Checked", verified_on=date(2025, 11, 23))
    stale = _service(services, organization, name="Old", verified_on=date(2025, 11, 22))
    never = _service(services, organization, name="Never", verified_on=None)

    flagged = services.directory.browse(DirectoryFilter(stale_only=True), today=TODAY)

    assert {r.uid for r in flagged} == {stale, never}
    assert services.directory.stale_count(TODAY) == 2
    services.directory.mark_verified([stale, never], TODAY, "Amina")
    assert services.directory.stale_count(TODAY) == 0
    assert services.directory.service(stale).verified_by == "Amina"


def test_renaming_the_organization_is_found_by_search(services: Services) -> None:
    organization = _clinic(services)
    _service(services, organization)
    services.directory.save_organization(OrganizationInput(name="CLSC du Sud-Ouest"), organization)
    found = services.directory.browse(DirectoryFilter(text="sud-ouest"))
    assert [r.organization for r in found] == ["CLSC du Sud-Ouest"]


def test_deleting_an_organization_takes_its_services_and_undo_brings_them_back(
    services: Services,
) -> None:
    organization = _clinic(services)
    uid = _service(services, organization)
    services.directory.delete_organization(organization)
    assert services.directory.browse(DirectoryFilter()) == []
    with pytest.raises(NotFoundError):
        services.directory.service(uid)
    services.directory.restore_organization(organization)
    assert [r.uid for r in services.directory.browse(DirectoryFilter())] == [uid]


def test_bad_input_names_the_field(services: Services) -> None:
    organization = _clinic(services)
    with pytest.raises(ValidationError) as nameless:
        _service(services, organization, name="  ")
    assert nameless.value.field == "name"
    with pytest.raises(ValidationError) as unknown:
        _service(services, organization, category="astrology")
    assert unknown.value.field == "category"
    with pytest.raises(ValidationError) as email:
        _service(services, organization, email="nadia at clinic")
    assert email.value.field == "email"
    assert services.directory.browse(DirectoryFilter()) == []
