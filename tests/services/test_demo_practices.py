"""The sample's partners, practice records and funding applications."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from communitydesk.models import (
    FundingApplication,
    Partner,
    Practice,
    PracticeProgram,
    ReportingDeadline,
)
from communitydesk.services.context import Services
from communitydesk.services.demo import generate_demo
from communitydesk.services.feedback import FeedbackRecord
from communitydesk.services.practice_guidance import ELEMENTS, FIGURES, TEMPLATE_QUESTIONS, codes
from communitydesk.services.practices import PracticeRecord

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services.database, people=300, seed=5, today=TODAY)
    return services


def _practices(services: Services) -> list[PracticeRecord]:
    return [services.practices.get(summary.uid) for summary in services.practices.list()]


def _feedback(services: Services) -> dict[str, FeedbackRecord]:
    return {record.uid: record for record in services.feedback.feedback(today=TODAY)}


def test_four_partners_at_levels_of_the_shared_list(demo: Services) -> None:
    partners = demo.funding.partners()
    assert len(partners) == 4
    levels = {e.code for e in demo.lookups.get_list("collaboration_level", "en").entries}
    assert {partner.collaboration_level for partner in partners} <= levels
    assert len({partner.collaboration_level for partner in partners}) == 4
    assert all(partner.contribution and partner.contact for partner in partners)


def test_two_practices_fill_every_question_and_element(demo: Services) -> None:
    practices = sorted(_practices(demo), key=lambda practice: practice.language)
    assert [practice.language for practice in practices] == ["en", "fr"]
    homework, seniors = practices
    assert homework.program_names == ("Homework club",)
    assert seniors.program_names == ("Seniors' circle",)
    for practice in practices:
        assert set(practice.answers) == set(codes(TEMPLATE_QUESTIONS))
        assert all(len(answer) > 40 for answer in practice.answers.values())
        assert set(practice.elements) == set(codes(ELEMENTS))
        assert all(said.how and said.evidence for said in practice.elements.values())
        # The last twelve months.
        assert practice.evidence_to == TODAY
        assert practice.evidence_from == date(2025, 11, 24)
        assert practice.figures and set(practice.figures) <= set(FIGURES)
    assert "aînés" in seniors.answers["what_it_is"]
    assert "homework" in homework.answers["what_it_is"]


def test_quotes_are_chosen_only_among_consented_words(demo: Services) -> None:
    feedback = _feedback(demo)
    practices = _practices(demo)
    chosen = [uid for practice in practices for uid in practice.quote_uids]
    assert chosen, "the sample has quotable words about both programs"
    for practice in practices:
        assert len(practice.quote_uids) <= 3
        for uid in practice.quote_uids:
            record = feedback[uid]
            assert record.quotable and record.person_uid
            assert record.program_name in practice.program_names
            assert practice.evidence_from is not None
            assert practice.evidence_from <= record.given_on <= TODAY
    # Words the programs got without consent were left out.
    left_out = [
        record
        for record in feedback.values()
        if not record.quotable and record.program_name in ("Homework club", "Seniors' circle")
    ]
    assert not {record.uid for record in left_out} & set(chosen)


def test_three_applications_one_granted_with_a_report_due_this_month(demo: Services) -> None:
    applications = {a.status: a for a in demo.funding.applications()}
    assert sorted(applications) == ["drafting", "granted", "submitted"]
    for application in applications.values():
        assert application.title and application.funder and application.amount_cents
        assert application.template_uid == ""  # the funders' templates are not the sample's
        assert application.program_name
        assert len(application.sections) >= 8
        assert all(section.title and section.text for section in application.sections)
    drafting, submitted, granted = (applications[s] for s in ("drafting", "submitted", "granted"))
    assert drafting.deadline is not None and drafting.deadline > TODAY
    assert drafting.practice_name == "Homework club with parents in the loop"
    assert submitted.submitted_on is not None and submitted.submitted_on < TODAY
    assert granted.granted_cents == granted.amount_cents
    assert len(granted.deadlines) == 2
    assert not drafting.deadlines and not submitted.deadlines
    # The dashboard's reminder: a report due within thirty days.
    upcoming = demo.funding.upcoming(TODAY)
    assert [deadline.application_uid for deadline in upcoming] == [granted.uid]
    assert TODAY < upcoming[0].due_on <= TODAY + timedelta(days=30)
    assert granted.starts_on is not None and granted.ends_on is not None
    assert granted.starts_on < TODAY < granted.ends_on


def test_the_same_seed_gives_the_same_data_and_regenerating_replaces_it(
    services: Services,
) -> None:
    def snapshot() -> tuple[object, ...]:
        practices = sorted(_practices(services), key=lambda practice: practice.name)
        feedback = _feedback(services)
        return (
            [(p.name, p.collaboration_level) for p in services.funding.partners()],
            [
                (
                    p.name,
                    p.answers,
                    p.elements,
                    p.program_names,
                    p.evidence_from,
                    [(feedback[uid].words, feedback[uid].given_on) for uid in p.quote_uids],
                )
                for p in practices
            ],
            sorted(
                (
                    a.title,
                    a.status,
                    a.deadline,
                    a.submitted_on,
                    a.decided_on,
                    a.sections,
                    tuple((d.due_on, d.what) for d in a.deadlines),
                )
                for a in services.funding.applications()
            ),
        )

    generate_demo(services.database, people=120, seed=3, today=TODAY)
    first = snapshot()
    generate_demo(services.database, people=120, seed=3, today=TODAY, force=True)
    assert snapshot() == first
    with services.database.reading() as session:
        for model, count in (
            (Partner, 4),
            (Practice, 2),
            (PracticeProgram, 2),
            (FundingApplication, 3),
            (ReportingDeadline, 2),
        ):
            assert session.scalar(select(func.count()).select_from(model)) == count
    services.demo.discard_sample()
    with services.database.reading() as session:
        for model in (Partner, Practice, FundingApplication, ReportingDeadline):
            assert session.scalar(select(func.count()).select_from(model)) == 0


def test_a_tiny_sample_still_links_its_practices(services: Services) -> None:
    generate_demo(services.database, people=5, seed=1, today=TODAY)
    practices = _practices(services)
    assert len(practices) == 2
    assert all(len(practice.program_names) == 1 for practice in practices)
