from __future__ import annotations

from datetime import date, timedelta

import pytest

from communitydesk.core.errors import ValidationError
from communitydesk.services.context import Services
from communitydesk.services.directory import OrganizationInput, ServiceInput
from communitydesk.services.households import HouseholdInput
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.people import PersonInput
from communitydesk.services.referrals import ReferralFilter, ReferralInput, default_follow_up

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _lists(services: Services) -> None:
    """The referral categories and barriers are seeded with the organization."""
    services.organization.create(OrganizationProfile(name="Women's Circle"))


@pytest.fixture
def food_bank(services: Services) -> str:
    organization = services.directory.save_organization(OrganizationInput(name="Moisson Sud"))
    return services.directory.save_service(
        ServiceInput(organization_uid=organization, name="Food bank", category="income")
    )


def _person(services: Services, given: str) -> str:
    return services.people.create(PersonInput(given_name=given, family_name="Haddad")).uid


def test_the_follow_up_defaults_to_a_week_later() -> None:
    assert default_follow_up(date(2026, 11, 27)) == date(2026, 12, 4)


def test_follow_ups_due_list_the_oldest_first_and_leave_when_resolved(
    services: Services, food_bank: str
) -> None:
    log = services.referrals
    amina = _person(services, "Amina")
    omar = _person(services, "Omar")
    first = log.create(
        ReferralInput(
            food_bank, date(2026, 11, 2), person_uid=amina, follow_up_on=date(2026, 11, 9)
        ),
        today=TODAY,
    )
    second = log.create(
        ReferralInput(food_bank, date(2026, 11, 20), person_uid=omar, follow_up_on=TODAY),
        today=TODAY,
    )
    log.create(
        ReferralInput(
            food_bank, date(2026, 11, 22), person_uid=omar, follow_up_on=date(2026, 11, 29)
        ),
        today=TODAY,
    )

    due = log.due(TODAY)
    assert [(r.uid, r.person_name) for r in due] == [
        (first, "Amina Haddad"),
        (second, "Omar Haddad"),
    ]
    assert log.due_count(TODAY) == 2

    log.record_outcome(first, "connected", TODAY, today=TODAY)
    log.record_outcome(second, "waiting", TODAY, barriers=("wait_list",), today=TODAY)

    assert [r.uid for r in log.due(TODAY)] == []
    waiting = log.get(second)
    assert waiting.follow_up_on == date(2026, 11, 30)  # back on the list a week later
    assert waiting.barriers == ("wait_list",)
    assert second in [r.uid for r in log.due(date(2026, 11, 30))]
    done = log.get(first)
    assert (done.outcome, done.outcome_on, done.follow_up_on) == ("connected", TODAY, None)


def test_a_person_referral_is_also_the_household_s(services: Services, food_bank: str) -> None:
    household = services.households.create(HouseholdInput(name="Haddad family")).uid
    person = _person(services, "Amina")
    services.households.add_member(household, person, "main_contact")
    uid = services.referrals.create(
        ReferralInput(food_bank, TODAY, person_uid=person, reason="Groceries"), today=TODAY
    )
    assert services.referrals.get(uid).household_name == "Haddad family"
    found = services.referrals.page(ReferralFilter(household_uid=household))
    assert [r.uid for r in found] == [uid]
    assert [r.uid for r in services.referrals.page(ReferralFilter(text="haddad"))] == [uid]


def test_a_referral_needs_someone_a_service_and_known_barriers(
    services: Services, food_bank: str
) -> None:
    amina = _person(services, "Amina")
    with pytest.raises(ValidationError) as nobody:
        services.referrals.create(ReferralInput(food_bank, TODAY), today=TODAY)
    assert nobody.value.field == "who"
    with pytest.raises(ValidationError) as future:
        services.referrals.create(
            ReferralInput(food_bank, date(2026, 12, 1), person_uid=amina), today=TODAY
        )
    assert future.value.field == "referred_on"
    with pytest.raises(ValidationError) as barrier:
        services.referrals.create(
            ReferralInput(food_bank, TODAY, person_uid=amina, barriers=("moon",)), today=TODAY
        )
    assert barrier.value.field == "barriers"
    assert services.referrals.count(ReferralFilter()) == 0


def test_deleting_referrals_is_undone_together(services: Services, food_bank: str) -> None:
    amina = _person(services, "Amina")
    uids = [
        services.referrals.create(ReferralInput(food_bank, TODAY, person_uid=amina), today=TODAY)
        for _ in range(2)
    ]
    services.referrals.delete(*uids)
    assert services.referrals.count(ReferralFilter()) == 0
    services.referrals.restore(*uids)
    assert services.referrals.count(ReferralFilter(person_uid=amina)) == 2


def test_merging_two_records_moves_the_referrals_and_undo_puts_them_back(
    services: Services, food_bank: str
) -> None:
    first = _person(services, "Amina")
    second = _person(services, "Aminah")
    uid = services.referrals.create(ReferralInput(food_bank, TODAY, person_uid=second), today=TODAY)
    merged = services.merge.merge(first, second, take=set())
    assert services.referrals.get(uid).person_uid == first
    services.merge.undo(merged.uid)
    assert services.referrals.get(uid).person_uid == second


def test_anonymizing_a_person_keeps_the_referral_counted_without_its_words(
    services: Services, food_bank: str
) -> None:
    amina = _person(services, "Amina")
    uid = services.referrals.create(
        ReferralInput(food_bank, TODAY, person_uid=amina, reason="Groceries for four"),
        today=TODAY,
    )
    services.referrals.record_outcome(uid, "connected", TODAY, note="Went twice", today=TODAY)
    services.retention.anonymize([amina], today=TODAY)
    kept = services.referrals.get(uid)
    assert (kept.reason, kept.outcome_note, kept.outcome) == ("", "", "connected")
    assert services.referrals.count(ReferralFilter(service_uid=food_bank)) == 1


def test_the_call_list_reads_phones_and_looks_ahead(services: Services, food_bank: str) -> None:
    amina = services.people.create(
        PersonInput(given_name="Amina", family_name="Haddad", phone="6135550177")
    ).uid
    household = services.households.create(
        HouseholdInput(name="Tran family", phone="4385550199")
    ).uid
    by_person = services.referrals.create(
        ReferralInput(food_bank, TODAY, person_uid=amina, follow_up_on=date(2026, 11, 30)),
        today=TODAY,
    )
    by_household = services.referrals.create(
        ReferralInput(food_bank, TODAY, household_uid=household, follow_up_on=date(2026, 12, 2)),
        today=TODAY,
    )
    assert services.referrals.phones([by_person, by_household]) == {
        by_person: "(613) 555-0177",
        by_household: "(438) 555-0199",
    }
    assert services.referrals.next_follow_up(TODAY) == date(2026, 11, 30)
    assert services.referrals.next_follow_up(date(2026, 12, 2)) is None
    assert services.referrals.signed_in_name() == ""
    leader = services.profiles.add("Fatima Ali", "leader")
    services.profiles.sign_in(leader.uid)
    assert services.referrals.signed_in_name() == "Fatima Ali"


def test_the_log_sorts_by_organization_and_referrer(services: Services, food_bank: str) -> None:
    clinic = services.directory.save_organization(OrganizationInput(name="Clinique"))
    vaccines = services.directory.save_service(ServiceInput(clinic, "Vaccines"))
    amina = _person(services, "Amina")
    for service, by in ((food_bank, "Zainab"), (vaccines, "Bao")):
        services.referrals.create(
            ReferralInput(service, TODAY, person_uid=amina, referred_by=by), today=TODAY
        )
    by_organization = services.referrals.page(ReferralFilter(), "organization", False)
    assert [r.organization_name for r in by_organization] == ["Clinique", "Moisson Sud"]
    by_referrer = services.referrals.page(ReferralFilter(), "referred_by", True)
    assert [r.referred_by_name for r in by_referrer] == ["Zainab", "Bao"]
    assert services.dashboard.summary(TODAY).directory_stale == 2  # neither was ever checked


def test_a_recent_referral_keeps_a_person_off_the_retention_list(
    services: Services, food_bank: str
) -> None:
    later = TODAY + timedelta(days=365 * 4)
    quiet = _person(services, "Quiet")
    referred = _person(services, "Referred")
    services.referrals.create(
        ReferralInput(food_bank, later - timedelta(days=30), person_uid=referred), today=later
    )
    services.retention.set_years(3)
    assert [p.uid for p in services.retention.past_retention(later)] == [quiet]
