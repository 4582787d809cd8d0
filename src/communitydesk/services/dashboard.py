"""The figures the dashboard opens on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from communitydesk.db.session import Database
from communitydesk.models import Household, Organization, Person, Volunteer

if TYPE_CHECKING:  # loaded with the first summary, on the task runner, not with the window
    from communitydesk.services.funding import DeadlineRecord


@dataclass(frozen=True)
class DashboardSummary:
    people: int
    households: int
    volunteers: int
    newcomers: int
    newcomer_years: int
    # Referrals to follow up today or overdue, and active services not verified for a year.
    follow_ups_due: int = 0
    directory_stale: int = 0
    # Reports owed to funders within 30 days, or late, soonest first.
    reporting_due: tuple[DeadlineRecord, ...] = ()


class DashboardService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def summary(self, today: date | None = None) -> DashboardSummary:
        from communitydesk.services.directory import ServiceDirectory
        from communitydesk.services.funding import FundingService
        from communitydesk.services.referrals import ReferralLog

        today = today or date.today()
        with self._db.reading() as session:

            def count(model: type[Person] | type[Household] | type[Volunteer]) -> int:
                query = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
                return int(session.scalar(query) or 0)

            years = session.scalar(select(Organization.newcomer_years).limit(1)) or 5
            newcomers = session.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.deleted_at.is_(None), Person.arrival_year >= today.year - years)
            )
            figures = (count(Person), count(Household), count(Volunteer))
        return DashboardSummary(
            people=figures[0],
            households=figures[1],
            volunteers=figures[2],
            newcomers=int(newcomers or 0),
            newcomer_years=int(years),
            # The same rules as the call list and the directory's flag, so the figures agree.
            follow_ups_due=ReferralLog(self._db).due_count(today),
            directory_stale=ServiceDirectory(self._db).stale_count(today),
            reporting_due=FundingService(self._db).upcoming(today),
        )
