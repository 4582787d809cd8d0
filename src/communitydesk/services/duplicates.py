"""The duplicate finder: people entered twice, found by name across scripts (through the Latin
spelling), phone, e-mail, household and year of birth, each pair with a score and its reasons.

People are compared within small blocks (the same phone, e-mail, or a word of the name), never
all against all, so that 100,000 people take seconds, not hours.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz
from sqlalchemy import select

from communitydesk.core.i18n import N_
from communitydesk.core.text import fold, skeleton
from communitydesk.db.session import Database
from communitydesk.models import Person
from communitydesk.services.people import display_name

LIKELY: Final = 75  # the score from which a pair is shown
NAME_ALIKE: Final = 88  # names this close count as the same name
LARGEST_BLOCK: Final = 300  # a very common name word is left to the other keys
REASONS: Final = {
    "name": N_("same or very close name"),
    "phone": N_("same phone"),
    "email": N_("same e-mail"),
    "household": N_("same household"),
    "birth_year": N_("same year of birth"),
    "birth_differs": N_("different year of birth"),
}


@dataclass(frozen=True)
class _Candidate:
    id: int
    uid: str
    name: str
    variants: tuple[str, ...]  # the name as written and its Latin spelling, folded and skeletal
    skeleton: str
    phone: str
    email: str
    household_id: int | None
    birth_year: int | None


@dataclass(frozen=True)
class DuplicatePair:
    first_uid: str
    first_name: str
    second_uid: str
    second_name: str
    score: int  # 0-100
    reasons: tuple[str, ...]  # keys of REASONS


def _variants(given: str, family: str, latin: str) -> tuple[str, ...]:
    names = [fold(display_name(given, family))]
    if latin:
        names.append(fold(latin))
    return tuple(dict.fromkeys([*names, *(skeleton(n) for n in names)]))


def _score(a: _Candidate, b: _Candidate) -> tuple[int, tuple[str, ...]]:
    name = max(fuzz.token_sort_ratio(x, y) for x in a.variants for y in b.variants)
    reasons = []
    score = name * 0.7
    if name >= NAME_ALIKE:
        reasons.append("name")
    if a.phone and a.phone == b.phone:
        score += 20
        reasons.append("phone")
    if a.email and a.email.casefold() == b.email.casefold():
        score += 20
        reasons.append("email")
    if a.household_id is not None and a.household_id == b.household_id:
        score += 5
        reasons.append("household")
    if a.birth_year and b.birth_year:
        if a.birth_year == b.birth_year:
            score += 10
            reasons.append("birth_year")
        else:
            score -= 25  # a parent and a child may share a name and a phone
            reasons.append("birth_differs")
    return min(100, round(score)), tuple(reasons)


class DuplicateService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def find(self, limit: int = 500) -> tuple[DuplicatePair, ...]:
        """Likely pairs, most likely first."""
        with self._db.reading() as session:
            rows = session.execute(
                select(
                    Person.id,
                    Person.uid,
                    Person.given_name,
                    Person.family_name,
                    Person.latin_name,
                    Person.name_skeleton,
                    Person.phone,
                    Person.email,
                    Person.household_id,
                    Person.birth_year,
                ).where(Person.deleted_at.is_(None), Person.anonymized_at.is_(None))
            ).all()
        people = [
            _Candidate(
                id=r[0],
                uid=r[1],
                name=display_name(r[2], r[3]),
                variants=_variants(r[2], r[3], r[4]),
                skeleton=r[5],
                phone=r[6],
                email=r[7],
                household_id=r[8],
                birth_year=r[9],
            )
            for r in rows
        ]
        blocks: dict[str, list[_Candidate]] = defaultdict(list)
        for person in people:
            if person.phone:
                blocks["p:" + person.phone].append(person)
            if person.email:
                blocks["e:" + person.email.casefold()].append(person)
            for word in set(person.skeleton.split()):
                if len(word) >= 3:
                    blocks["n:" + word[:5]].append(person)
        seen: set[tuple[int, int]] = set()
        pairs: list[DuplicatePair] = []
        for key, members in blocks.items():
            if len(members) < 2 or (key.startswith("n:") and len(members) > LARGEST_BLOCK):
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair = (min(a.id, b.id), max(a.id, b.id))
                    if pair in seen:
                        continue
                    seen.add(pair)
                    score, reasons = _score(a, b)
                    if score >= LIKELY:
                        first, second = (a, b) if a.id < b.id else (b, a)
                        pairs.append(
                            DuplicatePair(
                                first.uid, first.name, second.uid, second.name, score, reasons
                            )
                        )
        pairs.sort(key=lambda p: (-p.score, p.first_name))
        return tuple(pairs[:limit])
