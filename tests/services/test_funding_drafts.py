"""Drafting an application from the group's own records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from communitydesk.core.i18n import format_number, language_name
from communitydesk.models import Practice
from communitydesk.services.activity_stats import ActivityStatsService
from communitydesk.services.budgets import BudgetService
from communitydesk.services.context import Services
from communitydesk.services.funding import ApplicationInput, ApplicationSection, PartnerInput
from communitydesk.services.funding_drafts import count_text, last_twelve_months
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.periods import fiscal_year_of


def _busiest_program(services: Services, today: date) -> str:
    figures = ActivityStatsService(services.database).per_program(last_twelve_months(today), today)
    return max(figures, key=lambda p: p.figures.unique_participants).uid


def _template_uid(services: Services) -> str:
    return next(t.uid for t in services.funding.templates() if t.code == "community_foundation")


def _text(sections: tuple[ApplicationSection, ...], key: str) -> str:
    return next(s.text for s in sections if s.key == key)


@pytest.fixture
def application(sample: Services) -> ApplicationInput:
    today = date.today()
    return ApplicationInput(
        "Homework club",
        funder="Fondation locale",
        program_uid=_busiest_program(sample, today),
        template_uid=_template_uid(sample),
    )


def test_who_is_served_has_the_dashboards_figures(
    sample: Services, application: ApplicationInput
) -> None:
    today = date.today()
    sections = sample.funding.draft_sections(application, today=today)
    served = _text(sections, "served")
    figures = sample.activity_stats.figures(
        last_twelve_months(today), application.program_uid, today
    )
    assert figures.unique_participants >= 5
    assert (
        f"In the last 12 months, {format_number(figures.unique_participants)} different people"
        in served
    )
    assert f"from {count_text(figures.households)} household" in served
    assert f"{count_text(figures.newcomers)} of them arrived" in served
    for code, _count in figures.languages:
        assert language_name(code) in served


def test_small_counts_are_written_fewer_than_5(organized: Services) -> None:
    assert count_text(0) == "fewer than 5"
    assert count_text(4) == "fewer than 5"
    assert count_text(5) == "5"
    sections = organized.funding.draft_sections(
        ApplicationInput("x", sections=(ApplicationSection("served", "Who"),))
    )
    assert "In the last 12 months, fewer than 5 different people took part." in sections[0].text


def test_organization_need_program_and_partners(
    sample: Services, application: ApplicationInput
) -> None:
    profile = sample.organization.require()
    sample.organization.update(
        replace(
            profile,
            mission="We help families settle.",
            history="Founded in 2009 by five mothers.",
            languages_spoken=("ar", "fr"),
        )
    )
    sample.funding.save_partner(PartnerInput("École Saint-Jean", "cooperation", "Lends the gym"))
    sections = sample.funding.draft_sections(application)
    organization = _text(sections, "organization")
    assert f"{profile.name}: We help families settle." in organization
    assert "Founded in 2009 by five mothers." in organization
    assert "We work in Arabic and French." in organization
    assert "- École Saint-Jean (Cooperation): Lends the gym" in _text(sections, "partners")
    program = sample.programs.get(application.program_uid)
    program_text = _text(sections, "program")
    if program.description:
        assert program.description in program_text
    assert f"{format_number(program.sessions_held)} sessions have been held so far" in program_text
    need = _text(sections, "need")
    labels = {e.code: e.label for e in sample.lookups.get_list("family_issue", "en").entries}
    for code in program.issues:
        assert labels[code] in need
    # A section written by hand is never drafted.
    assert _text(sections, "") == ""


def test_budget_lines_of_the_programs_fiscal_year(sample: Services) -> None:
    today = date.today()
    profile = sample.organization.require()
    year = fiscal_year_of(today, profile.fiscal_year_start_month)
    lines = [line for line in BudgetService(sample.database).lines(year) if line.program_uid]
    assert lines, "the demo budgets some programs"
    program_uid = lines[0].program_uid
    sections = sample.funding.draft_sections(
        ApplicationInput(
            "x", program_uid=program_uid, sections=(ApplicationSection("budget", "Budget"),)
        ),
        today=today,
    )
    text = sections[0].text
    for line in lines:
        if line.program_uid == program_uid:
            assert f"- {line.category_name}: $" in text


def test_outcomes_and_evaluation_from_the_linked_practice(organized: Services) -> None:
    with organized.database.unit_of_work() as session:
        practice = Practice(
            name="Homework club",
            evidence_level="good",
            answers={
                "difference": "Report cards improved for 8 children in 10.",
                "learning": "We moved it to Saturdays after asking parents.",
            },
            elements={
                "evaluation": {"how": "Parents fill a short form each term.", "evidence": ""}
            },
        )
        session.add(practice)
        session.flush()
        uid = practice.uid
    sections = organized.funding.draft_sections(
        ApplicationInput(
            "x",
            practice_uid=uid,
            sections=(
                ApplicationSection("outcomes", "Outcomes"),
                ApplicationSection("evaluation", "Evaluation"),
            ),
        )
    )
    assert "Report cards improved for 8 children in 10." in sections[0].text
    assert "Good practice" in sections[0].text
    assert "We keep a sign-in sheet at every session" in sections[1].text
    assert "Parents fill a short form each term." in sections[1].text
    assert "We moved it to Saturdays after asking parents." in sections[1].text


def test_drafting_never_overwrites_what_the_user_wrote(
    sample: Services, application: ApplicationInput
) -> None:
    funding = sample.funding
    saved = funding.save(application)
    written = tuple(
        replace(s, text="Our own words.") if s.key == "need" else s for s in saved.sections
    )
    saved = funding.save(replace(saved.as_input(), sections=written), saved.uid)
    drafted = funding.draft_sections(saved.uid)
    assert _text(drafted, "need") == "Our own words."
    assert _text(drafted, "served")
    # Nothing is saved until the user saves.
    assert _text(funding.get(saved.uid).sections, "served") == ""
    only = funding.draft_sections(saved.uid, overwrite=True, keys={"need"})
    assert _text(only, "need") != "Our own words."
    assert _text(only, "served") == ""


def test_an_organization_profile_without_mission(organized: Services) -> None:
    organized.organization.update(OrganizationProfile(name="Cercle des aînés"))
    sections = organized.funding.draft_sections(
        ApplicationInput("x", sections=(ApplicationSection("organization", "Us"),))
    )
    assert sections[0].text == "Cercle des aînés"
