from __future__ import annotations

from dataclasses import replace

import pytest

from communitydesk.core.errors import ValidationError
from communitydesk.services.context import Services
from communitydesk.services.organization import OrganizationProfile


def test_a_new_folder_has_no_organization(services: Services) -> None:
    assert services.organization.get() is None


def test_create_keeps_what_was_typed_tidied(services: Services) -> None:
    created = services.organization.create(
        OrganizationProfile(
            name="  Somali Parents' Association ",
            currency="cad",
            fiscal_year_start_month=1,
            languages_spoken=("Soomaali", " English", "soomaali", ""),
        )
    )
    again = services.organization.require()
    assert again == created
    assert again.name == "Somali Parents' Association"
    assert again.currency == "CAD"
    assert again.fiscal_year_start_month == 1
    assert again.languages_spoken == ("Soomaali", "English")
    assert len(again.uid) == 36


@pytest.mark.parametrize(
    ("profile", "field", "message"),
    [
        (OrganizationProfile(name="  "), "name", "needs a name"),
        (OrganizationProfile(name="A", email="not-an-email"), "email", "e-mail"),
        (OrganizationProfile(name="A", currency="XYZ"), "currency", "currency"),
        (
            OrganizationProfile(name="A", fiscal_year_start_month=13),
            "fiscal_year_start_month",
            "month",
        ),
        (OrganizationProfile(name="A", newcomer_years=0), "newcomer_years", "newcomer"),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_saved(
    services: Services, profile: OrganizationProfile, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.organization.create(profile)
    assert raised.value.field == field
    assert message in raised.value.message
    assert services.organization.get() is None


def test_validation_messages_follow_the_language(services: Services) -> None:
    from communitydesk.core.i18n import set_language

    set_language("fr")
    with pytest.raises(ValidationError) as raised:
        services.organization.create(OrganizationProfile(name=""))
    assert "nom" in raised.value.message


def test_update_round_trip(organized: Services) -> None:
    profile = organized.organization.require()
    from dataclasses import replace

    changed = replace(
        profile,
        legal_name="Cercle des aînés de l'Outaouais inc.",
        registration_number="12345 6789 RR0001",
        mission="Briser l'isolement des aînés.",
        communities_served=("Vietnamese", "Haitian"),
        newcomer_years=3,
    )
    organized.organization.update(changed)
    assert organized.organization.require() == changed


def test_a_second_organization_is_refused(organized: Services) -> None:
    with pytest.raises(ValidationError):
        organized.organization.create(OrganizationProfile(name="Another"))


def test_default_lists_are_seeded_in_three_languages(organized: Services) -> None:
    lookups = organized.lookups
    assert len(lookups.list_keys()) == 7
    english = lookups.get_list("referral_barrier", "en")
    french = lookups.get_list("referral_barrier", "fr")
    arabic = lookups.get_list("referral_barrier", "ar")
    assert english.title == "Referral barriers"
    assert [e.label for e in english.entries][:3] == [
        "Not eligible",
        "Didn't know the service",
        "Language / no interpretation",
    ]
    assert french.entries[0].label == "Non admissible"
    assert arabic.entries[0].label == "غير مؤهل"
    assert len(lookups.get_list("activity_category", "en").entries) == 19
    assert [e.code for e in lookups.get_list("collaboration_level", "en").entries] == [
        "awareness",
        "communication",
        "cooperation",
        "collaboration",
        "integration",
    ]


def test_a_language_without_labels_falls_back_to_english(organized: Services) -> None:
    somali = organized.lookups.get_list("target_population", "so")
    assert somali.entries[0].label == "Families"


def test_the_value_of_a_volunteer_hour_is_kept_in_cents(organized: Services) -> None:
    profile = organized.organization.get()
    assert profile is not None and profile.volunteer_hour_cents == 2500
    organized.organization.update(replace(profile, volunteer_hour_cents=3172))
    assert organized.volunteer_hours.hour_value() == 3172
    with pytest.raises(ValidationError) as error:
        organized.organization.update(replace(profile, volunteer_hour_cents=-1))
    assert error.value.field == "volunteer_hour_cents"
    assert organized.volunteer_hours.hour_value() == 3172
