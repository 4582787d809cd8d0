"""The sample's service directory and its year of referrals."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from communitydesk.models import DirectoryService, Referral, ServiceOrganization
from communitydesk.services.context import Services
from communitydesk.services.demo import generate_demo
from communitydesk.services.directory import DirectoryFilter
from communitydesk.services.referrals import ReferralFilter, ReferralRecord

TODAY = date(2026, 11, 23)
YEAR_AGO = TODAY - timedelta(days=364)


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services.database, people=300, seed=5, today=TODAY)
    return services


def log(services: Services) -> list[ReferralRecord]:
    return services.referrals.page(ReferralFilter(), limit=100_000, descending=False)


def test_about_sixty_services_cover_every_category(demo: Services) -> None:
    directory = demo.directory
    everything = DirectoryFilter(include_inactive=True)
    rows = directory.browse(everything, limit=1000, today=TODAY)
    assert 55 <= len(rows) <= 70
    assert len(directory.organizations()) == 30
    categories = {e.code for e in demo.lookups.get_list("referral_category", "en").entries}
    active = [row for row in rows if row.is_active]
    assert {row.category for row in active} == categories
    assert len(rows) - len(active) == 2  # two services no longer running
    # Verified over the past eighteen months: a few are due for a check.
    checked = [row.verified_on for row in rows]
    assert all(day and YEAR_AGO - timedelta(days=190) <= day <= TODAY for day in checked)
    assert 1 <= directory.stale_count(TODAY) <= 10
    # Fictional numbers, and every city one of the two the sample group works in.
    assert all(re.fullmatch(r"\((613|819)\) 555-01\d\d", row.phone) for row in rows)
    assert {row.city for row in rows} == {"Ottawa", "Gatineau"}
    assert any(row.open_evenings for row in rows) and any(row.in_french for row in rows)


def test_services_read_like_referral_cards(demo: Services) -> None:
    directory = demo.directory
    uids = [row.uid for row in directory.browse(DirectoryFilter(include_inactive=True))]
    records = directory.services(uids)
    for record in records:
        for texts in (record.description, record.eligibility, record.what_to_bring):
            assert texts.get("en") and texts.get("fr"), record.name
        assert record.hours and record.how_to_refer and record.cost
        assert record.languages
    arabic = [r for r in records if r.description.get("ar")]
    assert len(records) // 4 <= len(arabic) <= len(records) // 2
    named = [r for r in records if r.all_contacts()]
    assert len(named) >= len(records) - 3
    contact = named[0].all_contacts()[0]
    assert contact.name and contact.phone.startswith("(") and "@" in contact.email
    assert Counter(r.regardless_of_status for r in records).keys() == {True, False, None}
    assert any(r.childcare for r in records) and any(r.open_weekends for r in records)
    # The shelter's address stays confidential.
    assert any("Confidential" in r.location.address_1 for r in records)
    # The search column is filled: a contact person's name finds her service.
    found = directory.browse(DirectoryFilter(text="hodan warsame"))
    assert [row.name for row in found] == ["Settlement counselling"]
    found = directory.browse(DirectoryFilter(text="épicerie"))  # in French, accents or not
    assert "Emergency food hamper" in [row.name for row in found]


def test_a_year_of_referrals_made_by_volunteers(demo: Services) -> None:
    referrals = log(demo)
    assert 80 <= len(referrals) <= 130  # about one for every three people
    days = [r.referred_on for r in referrals]
    assert min(days) >= YEAR_AGO and max(days) <= TODAY
    assert len({(day.year, day.month) for day in days}) >= 11
    volunteers = {v.display_name for v in demo.volunteers.list()}
    assert {r.referred_by_name for r in referrals} <= volunteers
    assert all(r.reason for r in referrals)
    # Some people several times; someone twice to the same service.
    who = Counter(r.person_uid or r.household_uid for r in referrals)
    assert any(count > 1 for count in who.values())
    pairs = Counter((r.person_uid or r.household_uid, r.service_uid) for r in referrals)
    assert any(count > 1 for count in pairs.values())
    # Mostly connected, every other outcome too, and some not followed up yet.
    outcomes = Counter(r.outcome for r in referrals)
    assert outcomes.most_common(1)[0][0] == "connected"
    assert set(outcomes) == {"connected", "waiting", "not_eligible", "did_not_go", "other", ""}
    barrier_codes = {e.code for e in demo.lookups.get_list("referral_barrier", "en").entries}
    met = [r for r in referrals if r.barriers]
    assert len(referrals) // 10 <= len(met) <= len(referrals) // 2
    assert {code for r in met for code in r.barriers} <= barrier_codes
    for referral in referrals:
        if not referral.outcome:  # a week after, as the log proposes
            assert referral.follow_up_on == referral.referred_on + timedelta(days=7)
        elif referral.outcome == "waiting":
            assert referral.follow_up_on is not None
        else:
            assert referral.follow_up_on is None
            assert referral.outcome_on is not None
            assert referral.referred_on <= referral.outcome_on <= TODAY


def test_the_coordinator_has_follow_ups_due_and_coming(demo: Services) -> None:
    due = demo.referrals.due(TODAY)
    assert 3 <= len(due) <= 15
    follow_ups = [r.follow_up_on for r in due]
    assert all(day and TODAY - timedelta(days=60) <= day <= TODAY for day in follow_ups)
    coming = [
        r for r in log(demo) if r.follow_up_on and TODAY < r.follow_up_on <= TODAY + timedelta(7)
    ]
    assert len(coming) >= 2
    # The list is worked through as usual.
    demo.referrals.record_outcome(due[0].uid, "connected", TODAY, today=TODAY)
    assert demo.referrals.due_count(TODAY) == len(due) - 1


def test_the_same_seed_gives_the_same_directory_and_log(services: Services) -> None:
    def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        rows = services.directory.browse(DirectoryFilter(include_inactive=True), today=TODAY)
        referrals = log(services)
        return (
            [(r.name, r.organization, r.verified_on) for r in rows],
            [
                (r.referred_on, r.who, r.service_name, r.outcome, r.barriers, r.referred_by)
                for r in referrals
            ],
        )

    generate_demo(services.database, people=90, seed=3, today=TODAY)
    first = snapshot()
    generate_demo(services.database, people=90, seed=3, today=TODAY, force=True)
    assert snapshot() == first  # replaced, not added to
    generate_demo(services.database, people=90, seed=4, today=TODAY, force=True)
    assert snapshot()[1] != first[1]
    services.demo.discard_sample()
    with services.database.reading() as session:
        for model in (ServiceOrganization, DirectoryService, Referral):
            assert session.scalar(select(func.count()).select_from(model)) == 0


def test_the_groundwork_report_reads_the_sample(demo: Services) -> None:
    report = demo.groundwork.build(YEAR_AGO, TODAY)
    assert report.referrals == len(log(demo))
    assert report.figures.people_prepared > 0
    assert report.figures.services >= 30
    assert sum(count for _label, count in report.barriers) >= 10
    assert "Groundwork report" in report.document().text()
