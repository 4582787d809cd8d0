"""Drafting an application's sections from the group's own records, as plain text to paste.

Each reusable piece reads one part of the records: the organization profile, the program and the
shared lists, the activities' figures (through ActivityStatsService, so they equal the
dashboard's), the partners, a linked practice's answers and the program's budget. Counts under 5
are written "fewer than 5": a funder reads the text, and a tiny group must not be recognizable.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from sqlalchemy import func, select

from communitydesk.core.i18n import (
    N_,
    _,
    current_language,
    format_date,
    format_list,
    format_money,
    format_number,
    language_name,
    ngettext,
)
from communitydesk.db.session import Database
from communitydesk.models import ActivitySession, Organization, Practice, Program
from communitydesk.services.activity_stats import ActivityStatsService, Period
from communitydesk.services.budgets import BudgetService, Scope
from communitydesk.services.lookups import LookupService
from communitydesk.services.organization import OrganizationService
from communitydesk.services.periods import fiscal_label, fiscal_year_of
from communitydesk.services.practice_guidance import EVIDENCE_LEVELS
from communitydesk.services.programs import ProgramService
from communitydesk.services.records import by_uid

if TYPE_CHECKING:
    from communitydesk.services.funding import ApplicationInput, ApplicationSection

SMALL_COUNT: Final = 5

# What a group can say about how it keeps track, whatever the program (the evaluation section
# starts from it and adds the practice's own answer).
EVALUATION_TEXT: Final = N_(
    "We keep a sign-in sheet at every session and record who takes part, how often, and in "
    "which languages. We ask participants what they think, and keep their words only with "
    "their consent. We look at these figures together every season and adjust the activities."
)


def count_text(count: int) -> str:
    """A count a funder may read: "fewer than 5" below five, the number otherwise."""
    return _("fewer than 5") if count < SMALL_COUNT else format_number(count)


def last_twelve_months(today: date) -> Period:
    """From the day after the same date a year ago to `today`."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = date(today.year - 1, 2, 28)
    return Period(year_ago + timedelta(days=1), today)


class Drafter:
    def __init__(self, db: Database, today: date) -> None:
        self._db = db
        self._today = today
        self._pieces: dict[str, Callable[[ApplicationInput], str]] = {
            "organization": self.organization,
            "need": self.need,
            "program": self.program,
            "served": self.served,
            "partners": self.partners,
            "outcomes": self.outcomes,
            "budget": self.budget,
            "evaluation": self.evaluation,
        }

    def draft(
        self,
        application: ApplicationInput,
        sections: Sequence[ApplicationSection],
        overwrite: bool,
        keys: Collection[str] | None,
    ) -> tuple[ApplicationSection, ...]:
        drafted = []
        for section in sections:
            piece = self._pieces.get(section.key)
            wanted = keys is None or section.key in keys
            if piece is None or not wanted or (section.text.strip() and not overwrite):
                drafted.append(section)
                continue
            drafted.append(replace(section, text=piece(application)))
        return tuple(drafted)

    # --- the pieces ---------------------------------------------------------------------------

    def organization(self, application: ApplicationInput) -> str:
        profile = OrganizationService(self._db).get()
        if profile is None:
            return ""
        paragraphs = []
        if profile.mission:
            paragraphs.append(
                _("{organization}: {mission}").format(
                    organization=profile.name, mission=profile.mission
                )
            )
        else:
            paragraphs.append(profile.name)
        if profile.history:
            paragraphs.append(profile.history)
        if profile.languages_spoken:
            names = format_list([language_name(code) for code in profile.languages_spoken])
            paragraphs.append(_("We work in {languages}.").format(languages=names))
        if profile.communities_served:
            paragraphs.append(
                _("We serve these communities: {communities}.").format(
                    communities=format_list(list(profile.communities_served))
                )
            )
        return "\n\n".join(paragraphs)

    def need(self, application: ApplicationInput) -> str:
        if not application.program_uid:
            return ""
        program = ProgramService(self._db).get(application.program_uid, self._today)
        paragraphs = []
        if program.issues:
            issues = self._labels("family_issue", program.issues)
            paragraphs.append(
                _("Families in our community face these challenges: {issues}.").format(
                    issues=format_list(issues)
                )
            )
        if program.populations:
            populations = self._labels("target_population", program.populations)
            paragraphs.append(
                _("{program} is meant for: {populations}.").format(
                    program=program.name, populations=format_list(populations)
                )
            )
        return "\n\n".join(paragraphs)

    def program(self, application: ApplicationInput) -> str:
        if not application.program_uid:
            return ""
        program = ProgramService(self._db).get(application.program_uid, self._today)
        paragraphs = [program.description] if program.description else []
        schedule = []
        if program.sessions_held:
            held = ngettext(
                "{count} session has been held so far.",
                "{count} sessions have been held so far.",
                program.sessions_held,
            ).format(count=format_number(program.sessions_held))
            schedule.append(held)
            if program.last_session:
                schedule.append(
                    _("The last one was on {day}.").format(day=format_date(program.last_session))
                )
        planned = self._planned(application.program_uid)
        if planned and program.next_session:
            schedule.append(
                ngettext(
                    "{count} more session is planned, the next on {day}.",
                    "{count} more sessions are planned, the next on {day}.",
                    planned,
                ).format(count=format_number(planned), day=format_date(program.next_session))
            )
        if program.venue_name:
            schedule.append(_("It meets at {venue}.").format(venue=program.venue_name))
        if schedule:
            paragraphs.append(" ".join(schedule))
        return "\n\n".join(paragraphs)

    def served(self, application: ApplicationInput) -> str:
        period = last_twelve_months(self._today)
        program_uid = application.program_uid or None
        figures = ActivityStatsService(self._db).figures(period, program_uid, self._today)
        with self._db.reading() as session:
            years = session.scalar(select(Organization.newcomer_years).limit(1)) or 5
        sentences = [
            ngettext(
                "In the last 12 months, {count} person took part.",
                "In the last 12 months, {count} different people took part.",
                max(figures.unique_participants, SMALL_COUNT),
            ).format(count=count_text(figures.unique_participants)),
            ngettext(
                "They came from {count} household.",
                "They came from {count} households.",
                max(figures.households, SMALL_COUNT),
            ).format(count=count_text(figures.households)),
            ngettext(
                "{count} of them arrived in Canada in the last {years} years.",
                "{count} of them arrived in Canada in the last {years} years.",
                max(figures.newcomers, SMALL_COUNT),
            ).format(count=count_text(figures.newcomers), years=years),
        ]
        if figures.languages:
            languages = format_list([language_name(code) for code, _n in figures.languages])
            sentences.append(_("They speak {languages}.").format(languages=languages))
        return " ".join(sentences)

    def partners(self, application: ApplicationInput) -> str:
        from communitydesk.services.funding import FundingService

        partners = FundingService(self._db).partners()
        levels = dict(self._list("collaboration_level"))
        lines = []
        for partner in partners:
            level = levels.get(partner.collaboration_level, "")
            if level and partner.contribution:
                line = _("{partner} ({level}): {contribution}").format(
                    partner=partner.name, level=level, contribution=partner.contribution
                )
            elif level:
                line = _("{partner} ({level})").format(partner=partner.name, level=level)
            elif partner.contribution:
                line = _("{partner}: {contribution}").format(
                    partner=partner.name, contribution=partner.contribution
                )
            else:
                line = partner.name
            lines.append(f"- {line}")
        return "\n".join(lines)

    def outcomes(self, application: ApplicationInput) -> str:
        practice = self._practice(application)
        if practice is None:
            return ""
        paragraphs = []
        answer = (practice.answers or {}).get("difference", "").strip()
        if answer:
            paragraphs.append(answer)
        for code in ("goal_oriented", "evaluation"):
            evidence = (practice.elements or {}).get(code, {}).get("evidence", "").strip()
            if evidence and evidence not in paragraphs:
                paragraphs.append(evidence)
        level = EVIDENCE_LEVELS.get(practice.evidence_level)
        if level is not None:
            paragraphs.append(
                _("We document this work as a practice of this level: {level}.").format(
                    level=_(level[0])
                )
            )
        return "\n\n".join(paragraphs)

    def budget(self, application: ApplicationInput) -> str:
        if not application.program_uid:
            return ""
        with self._db.reading() as session:
            organization = session.scalars(select(Organization).limit(1)).first()
            start_month = organization.fiscal_year_start_month if organization else 4
            currency = organization.currency if organization else "CAD"
        year = fiscal_year_of(application.starts_on or self._today, start_month)
        lines = BudgetService(self._db).lines(year, Scope(program_uid=application.program_uid))
        if not lines:
            return ""
        text = [
            _("Budget for the fiscal year {year}:").format(year=fiscal_label(year, start_month))
        ]
        totals = {"income": 0, "expense": 0}
        for line in sorted(lines, key=lambda item: (item.kind != "expense", item.category_name)):
            amount = format_money(line.amount_cents, currency)
            text.append(f"- {line.category_name}: {amount}")
            totals[line.kind] = totals.get(line.kind, 0) + line.amount_cents
        if totals["expense"]:
            text.append(
                _("Total expenses: {amount}").format(
                    amount=format_money(totals["expense"], currency)
                )
            )
        if totals["income"]:
            text.append(
                _("Total income: {amount}").format(amount=format_money(totals["income"], currency))
            )
        return "\n".join(text)

    def evaluation(self, application: ApplicationInput) -> str:
        paragraphs = [_(EVALUATION_TEXT)]
        practice = self._practice(application)
        if practice is not None:
            element = (practice.elements or {}).get("evaluation", {})
            for text in (element.get("how", ""), (practice.answers or {}).get("learning", "")):
                if text.strip():
                    paragraphs.append(text.strip())
        return "\n\n".join(paragraphs)

    # --- reading ------------------------------------------------------------------------------

    def _list(self, key: str) -> list[tuple[str, str]]:
        entries = LookupService(self._db).get_list(key, current_language().code).entries
        return [(entry.code, entry.label) for entry in entries]

    def _labels(self, key: str, codes: Sequence[str]) -> list[str]:
        labels = dict(self._list(key))
        return [labels.get(code, code) for code in codes]

    def _planned(self, program_uid: str) -> int:
        with self._db.reading() as session:
            program = by_uid(session, Program, program_uid, _("This program no longer exists."))
            count = session.scalar(
                select(func.count())
                .select_from(ActivitySession)
                .where(
                    ActivitySession.program_id == program.id,
                    ActivitySession.deleted_at.is_(None),
                    ActivitySession.held_on > self._today,
                )
            )
        return int(count or 0)

    def _practice(self, application: ApplicationInput) -> Practice | None:
        """The linked practice, detached (read-only: its answers and elements are plain data)."""
        if not application.practice_uid:
            return None
        with self._db.reading() as session:
            practice = session.scalars(
                select(Practice).where(
                    Practice.uid == application.practice_uid, Practice.deleted_at.is_(None)
                )
            ).first()
            if practice is not None:
                session.expunge(practice)
            return practice
