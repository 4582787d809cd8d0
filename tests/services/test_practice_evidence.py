"""The evidence of a practice: the dashboard's figures for its programs, once per person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from communitydesk.services.accounts import AccountInput
from communitydesk.services.activity_stats import Period
from communitydesk.services.attendance import AttendanceState
from communitydesk.services.context import Services
from communitydesk.services.directory import OrganizationInput, ServiceInput
from communitydesk.services.feedback import FeedbackInput
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.practice_evidence import EvidenceService, cost_per_participant
from communitydesk.services.programs import ProgramInput
from communitydesk.services.referrals import ReferralInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.services.volunteer_hours import HoursInput

TODAY = date(2026, 11, 20)
HALF = Period(date(2026, 1, 1), date(2026, 6, 30))


@dataclass(frozen=True)
class World:
    circle: str
    cooking: str
    choir: str
    people: tuple[str, ...]
    quoted: str  # the feedback uid whose author consented to quoting
    withdrawn: str  # quotable until the consent was withdrawn
    private: str  # never consented


def make_world(services: Services) -> World:
    """Two linked programs (circle, cooking) and one other (choir); Lan came to both."""
    circle = services.programs.create(ProgramInput("Seniors' circle")).uid
    cooking = services.programs.create(ProgramInput("Cooking together")).uid
    choir = services.programs.create(ProgramInput("Choir")).uid
    people = tuple(
        services.people.create(PersonInput(name, "Tran", arrival_year=2024)).uid
        for name in ("Lan", "Minh", "Thi", "Hoa")
    )
    lan, minh, thi, hoa = people
    for program, day, present in (
        (circle, date(2026, 1, 6), (lan, minh)),
        (circle, date(2026, 2, 3), (lan, minh, thi)),
        (cooking, date(2026, 3, 2), (lan,)),
        (choir, date(2026, 3, 5), (hoa,)),
    ):
        session = services.sessions.create(SessionInput(program, day)).uid
        services.attendance.save(session, AttendanceState(frozenset(present)))
    services.volunteer_hours.log(HoursInput(minh, date(2026, 1, 6), 90, program_uid=circle), TODAY)
    services.volunteer_hours.log(HoursInput(hoa, date(2026, 3, 5), 60, program_uid=choir), TODAY)
    services.people.add_consent(lan, ConsentInput("verbal", date(2026, 1, 6), ("quoting",)))
    minh_consent = services.people.add_consent(
        minh, ConsentInput("verbal", date(2026, 1, 6), ("quoting",))
    )
    feedback = services.feedback
    quoted = feedback.record(
        FeedbackInput(date(2026, 2, 1), "Here I am not alone.", circle, lan), TODAY
    ).uid
    withdrawn = feedback.record(
        FeedbackInput(date(2026, 2, 2), "Minh's old words.", cooking, minh), TODAY
    ).uid
    private = feedback.record(
        FeedbackInput(date(2026, 2, 3), "Private words.", circle, thi), TODAY
    ).uid
    feedback.record(FeedbackInput(date(2026, 2, 4), "Choir is fun.", choir, lan), TODAY)
    # Minh withdraws: the quote is chosen below while it still was allowed.
    services.people.withdraw_consent(minh_consent.uid, date(2026, 10, 1))
    # Referrals: the group's, in the period and after it.
    organization = services.directory.save_organization(OrganizationInput(name="Moisson Sud"))
    food_bank = services.directory.save_service(
        ServiceInput(organization_uid=organization, name="Food bank", category="income")
    )
    referrals = services.referrals
    first = referrals.create(ReferralInput(food_bank, date(2026, 2, 1), person_uid=lan), TODAY)
    referrals.record_outcome(first, "connected", date(2026, 2, 8), today=TODAY)
    referrals.create(ReferralInput(food_bank, date(2026, 3, 1), person_uid=thi), TODAY)
    referrals.create(ReferralInput(food_bank, date(2026, 9, 1), person_uid=hoa), TODAY)
    return World(circle, cooking, choir, people, quoted, withdrawn, private)


def add_books(services: Services, world: World) -> None:
    categories = {c.code: c.uid for c in services.categories.tree() if c.code}
    account = services.accounts.create(AccountInput("Main chequing", date(2025, 4, 1))).uid
    for day, amount, program in (
        (date(2026, 1, 10), 60_00, world.circle),
        (date(2026, 3, 2), 40_01, world.cooking),
        (date(2026, 3, 5), 500_00, world.choir),  # not a linked program
        (date(2026, 8, 1), 90_00, world.circle),  # after the period
    ):
        split = SplitInput(categories["food"], amount, program_uid=program)
        services.transactions.create(TransactionInput(day, "expense", amount, account, (split,)))


@pytest.fixture
def world(organized: Services) -> World:
    return make_world(organized)


def test_the_evidence_of_one_program_is_the_dashboard_s(organized: Services, world: World) -> None:
    evidence = EvidenceService(organized.database).evidence((world.circle,), HALF, TODAY)
    assert evidence.figures == organized.activity_stats.figures(HALF, world.circle, today=TODAY)
    assert evidence.trend == organized.activity_stats.trend(HALF, world.circle, today=TODAY)
    assert (evidence.sessions_held, evidence.unique_participants) == (2, 3)


def test_a_person_in_two_linked_programs_counts_once(organized: Services, world: World) -> None:
    evidence = EvidenceService(organized.database).evidence(
        (world.circle, world.cooking), HALF, TODAY
    )
    # Lan came to both: Lan, Minh and Thi, not four.
    assert (evidence.sessions_held, evidence.unique_participants) == (3, 3)
    assert (evidence.newcomers, evidence.households) == (3, 0)
    assert (evidence.volunteers, evidence.volunteer_minutes) == (1, 90)
    assert [(p.month.month, p.attendances) for p in evidence.trend] == [
        (1, 2),
        (2, 3),
        (3, 1),
        (4, 0),
        (5, 0),
        (6, 0),
    ]


def test_referrals_are_the_group_s_in_the_period(organized: Services, world: World) -> None:
    evidence = EvidenceService(organized.database).evidence((world.cooking,), HALF, TODAY)
    assert evidence.referrals_made == 2
    assert evidence.referral_outcomes == (("connected", 1), ("", 1))


def test_only_testimonials_quotable_today_are_offered(organized: Services, world: World) -> None:
    service = EvidenceService(organized.database)
    evidence = service.evidence((world.circle, world.cooking), HALF, TODAY)
    assert [q.uid for q in evidence.quotable] == [world.quoted]
    assert [q.words for q in evidence.quotable] == ["Here I am not alone."]
    # Before Minh withdrew, their words could be chosen.
    earlier = service.evidence((world.circle, world.cooking), HALF, date(2026, 9, 1))
    assert [q.uid for q in earlier.quotable] == [world.withdrawn, world.quoted]


def test_cost_per_participant_comes_from_the_books(organized: Services, world: World) -> None:
    service = EvidenceService(organized.database)
    assert service.evidence((world.circle,), HALF, TODAY).cost_per_participant_cents is None
    add_books(organized, world)
    evidence = service.evidence((world.circle, world.cooking), HALF, TODAY)
    assert evidence.expenses_cents == 100_01
    assert evidence.cost_per_participant_cents == 33_34  # 100.01 / 3, rounded half up
    assert cost_per_participant(10_00, 0) is None
    assert cost_per_participant(5, 2) == 3
