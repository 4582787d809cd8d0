"""The evidence of a practice, pulled from the records of its programs for a period.

Activity figures come from ActivityStatsService (the dashboard's code path), with the linked
programs counted together so that a person who came to two of them counts once. Referrals are
not tied to programs: they are the group's referrals in the period (the profile says so). The
cost per participant is what the books show spent on the linked programs in the period, divided
by the unique participants. Testimonials are those their authors allow quoting today.

The wording of each figure lives here too, so that the practice dialog and the printed profile
say the same thing in the organization's currency and newcomer window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from communitydesk.core.i18n import (
    _,
    format_list,
    format_money,
    format_number,
    language_name,
    ngettext,
)
from communitydesk.db.session import Database
from communitydesk.models import MoneyAccount, MoneyTransaction, Program, TransactionSplit
from communitydesk.services.activity_stats import (
    ActivityFigures,
    ActivityStatsService,
    MonthPoint,
    Period,
)
from communitydesk.services.feedback import FeedbackRecord, FeedbackService
from communitydesk.services.organization import OrganizationProfile, OrganizationService
from communitydesk.services.practice_guidance import FIGURES
from communitydesk.services.referrals import OUTCOMES, ReferralFilter, ReferralLog
from communitydesk.services.volunteer_hours import hours_number


@dataclass(frozen=True)
class Evidence:
    period: Period
    program_uids: tuple[str, ...]
    figures: ActivityFigures  # the dashboard's figures for these programs together
    trend: tuple[MonthPoint, ...]  # every month the period touches
    referrals_made: int  # the whole group's, in the period
    # (outcome code, count) in OUTCOMES order, then ("", count) for those with no outcome yet.
    referral_outcomes: tuple[tuple[str, int], ...]
    expenses_cents: int | None  # None: the group keeps no books in the app
    cost_per_participant_cents: int | None  # None without books or without participants
    quotable: tuple[FeedbackRecord, ...]  # the programs' testimonials quotable today

    @property
    def sessions_held(self) -> int:
        return self.figures.sessions_held

    @property
    def unique_participants(self) -> int:
        return self.figures.unique_participants

    @property
    def newcomers(self) -> int:
        return self.figures.newcomers

    @property
    def households(self) -> int:
        return self.figures.households

    @property
    def languages(self) -> tuple[tuple[str, int], ...]:
        return self.figures.languages

    @property
    def volunteers(self) -> int:
        return self.figures.volunteers

    @property
    def volunteer_minutes(self) -> int:
        return self.figures.volunteer_minutes


def cost_per_participant(expenses_cents: int | None, participants: int) -> int | None:
    """Whole cents, rounded half up; None when there is nothing to divide."""
    if expenses_cents is None or participants <= 0:
        return None
    return (expenses_cents * 2 + participants) // (participants * 2)


def _referrals(evidence: Evidence) -> str:
    made = format_number(evidence.referrals_made)
    if not evidence.referral_outcomes:
        return made
    parts = [
        _("{outcome}: {count}").format(
            outcome=_(OUTCOMES[code]) if code else _("no outcome yet"), count=format_number(count)
        )
        for code, count in evidence.referral_outcomes
    ]
    return _("{count} ({outcomes})").format(count=made, outcomes=", ".join(parts))


def figure_rows(
    chosen: tuple[str, ...], evidence: Evidence, organization: OrganizationProfile | None
) -> tuple[tuple[str, str], ...]:
    """(label, value) of each chosen figure that is a line of text, in the order chosen.

    Without an organization (none set up yet) the defaults of a new one apply.
    """
    profile = organization or OrganizationProfile(name="")
    values = {
        "sessions_held": format_number(evidence.sessions_held),
        "unique_participants": format_number(evidence.unique_participants),
        "newcomers": format_number(evidence.newcomers),
        "households": format_number(evidence.households),
        "languages": format_list([language_name(code) for code, _count in evidence.languages])
        or format_number(0),
        "volunteers": format_number(evidence.volunteers),
        "volunteer_hours": hours_number(evidence.volunteer_minutes),
        "referrals": _referrals(evidence),
        "cost_per_participant": (
            _("Not available (no books kept in CommunityDesk)")
            if evidence.cost_per_participant_cents is None
            else format_money(evidence.cost_per_participant_cents, profile.currency)
        ),
    }
    labels = {code: _(label) for code, label in FIGURES.items()}
    labels["newcomers"] = _("Newcomers (arrived within {years} years)").format(
        years=format_number(profile.newcomer_years)
    )
    return tuple((labels[code], values[code]) for code in chosen if code in values)


class EvidenceService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._stats = ActivityStatsService(db)
        self._referrals = ReferralLog(db)
        self._feedback = FeedbackService(db)
        self._organization = OrganizationService(db)

    def evidence(
        self, programs: tuple[str, ...], period: Period, today: date | None = None
    ) -> Evidence:
        """The evidence for the programs (uids, not in the Trash) over `period`."""
        today = today or date.today()
        programs = tuple(dict.fromkeys(programs))
        figures = self._stats.figures(period, today=today, program_uids=programs)
        trend = self._stats.trend(period, today=today, program_uids=programs)
        made = self._referrals.count(ReferralFilter(starts_on=period.start, ends_on=period.end))
        outcomes = tuple((code, self._count(period, code or "open")) for code in (*OUTCOMES, ""))
        expenses = self._expenses(programs, period)
        quotable: list[FeedbackRecord] = []
        for uid in programs:
            quotable += self._feedback.feedback(uid, quotable_only=True, today=today)
        quotable.sort(key=lambda record: (record.given_on, record.uid), reverse=True)
        return Evidence(
            period=period,
            program_uids=programs,
            figures=figures,
            trend=trend,
            referrals_made=made,
            referral_outcomes=tuple((code, count) for code, count in outcomes if count),
            expenses_cents=expenses,
            cost_per_participant_cents=cost_per_participant(expenses, figures.unique_participants),
            quotable=tuple(quotable),
        )

    def figure_lines(self, evidence: Evidence) -> tuple[tuple[str, str, str], ...]:
        """(code, label, value) of every figure, worded as the profile prints it, in the
        organization's currency and newcomer window."""
        organization = self._organization.get()
        months = len(evidence.trend)
        lines = []
        for code, label in FIGURES.items():
            rows = figure_rows((code,), evidence, organization)
            if rows:
                lines.append((code, *rows[0]))
            else:  # the attendance trend: a chart in the profile
                chart = ngettext("a chart of {count} month", "a chart of {count} months", months)
                lines.append((code, _(label), chart.format(count=format_number(months))))
        return tuple(lines)

    def _count(self, period: Period, outcome: str) -> int:
        return self._referrals.count(
            ReferralFilter(outcome=outcome, starts_on=period.start, ends_on=period.end)
        )

    def _expenses(self, programs: tuple[str, ...], period: Period) -> int | None:
        """What the books show spent on the programs in the period; None without books."""
        with self._db.reading() as session:
            books = (
                select(func.count())
                .select_from(MoneyAccount)
                .where(MoneyAccount.deleted_at.is_(None))
            )
            if session.scalar(books) == 0:
                return None
            spent = session.scalar(
                select(func.coalesce(func.sum(TransactionSplit.amount_cents), 0))
                .join(MoneyTransaction, MoneyTransaction.id == TransactionSplit.transaction_id)
                .join(Program, Program.id == TransactionSplit.program_id)
                .where(
                    Program.uid.in_(programs),
                    MoneyTransaction.kind == "expense",
                    MoneyTransaction.deleted_at.is_(None),
                    MoneyTransaction.entry_date >= period.start,
                    MoneyTransaction.entry_date <= period.end,
                    TransactionSplit.deleted_at.is_(None),
                )
            )
            return int(spent or 0)
