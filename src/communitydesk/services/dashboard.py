"""The figures the dashboard opens on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from communitydesk.db.session import Database
from communitydesk.models import Household, Organization, Person, Volunteer


@dataclass(frozen=True)
class DashboardSummary:
    people: int
    households: int
    volunteers: int
    newcomers: int
    newcomer_years: int


class DashboardService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def summary(self, today: date | None = None) -> DashboardSummary:
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
            return DashboardSummary(
                people=count(Person),
                households=count(Household),
                volunteers=count(Volunteer),
                newcomers=int(newcomers or 0),
                newcomer_years=int(years),
            )
