"""The people roster as the foundation needs it: counts and a name search done in SQL.

Search is accent- and case-insensitive over the name as written and its Latin spelling.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from communitydesk.core.text import fold, search_key
from communitydesk.db.session import Database
from communitydesk.models import Household, Person


@dataclass(frozen=True)
class PersonRow:
    uid: str
    display_name: str
    latin_name: str
    household: str
    languages: tuple[str, ...]
    phone: str


@dataclass(frozen=True)
class PeoplePage:
    rows: tuple[PersonRow, ...]
    total: int


def person_sort_key(given_name: str, family_name: str, latin_name: str) -> str:
    return search_key(given_name, family_name, latin_name)


class PeopleService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def search(self, text: str = "", limit: int = 200, offset: int = 0) -> PeoplePage:
        """People whose names contain every word typed, sorted by name."""
        conditions = [Person.deleted_at.is_(None)]
        for word in fold(text).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(Person.sort_key.like(f"%{escaped}%", escape="\\"))
        condition = and_(*conditions)
        with self._db.reading() as session:
            total = session.scalar(select(func.count()).select_from(Person).where(condition))
            rows = session.execute(
                select(Person, Household.name)
                .outerjoin(Household, Person.household_id == Household.id)
                .where(condition)
                .order_by(Person.sort_key, Person.id)
                .limit(limit)
                .offset(offset)
            ).all()
            page = tuple(
                PersonRow(
                    uid=person.uid,
                    display_name=" ".join(p for p in (person.given_name, person.family_name) if p),
                    latin_name=person.latin_name,
                    household=household or "",
                    languages=tuple(person.languages or ()),
                    phone=person.phone,
                )
                for person, household in rows
            )
        return PeoplePage(page, int(total or 0))
