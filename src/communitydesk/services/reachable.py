"""Who may be contacted, and by which channel, as their consent records say today.

One place for the rule that every contact list, phone tree and roster export follows: a person
with no contact consent is left out, a phone number appears only with consent to phone or text,
an e-mail address only with consent to e-mail. Withdrawn and trashed consents count for nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from communitydesk.models import Consent, Household, Person
from communitydesk.services.people import display_name

CONTACT_SCOPES: Final = frozenset({"contact_phone", "contact_email", "contact_text"})
PHONE_SCOPES: Final = frozenset({"contact_phone", "contact_text"})


@dataclass(frozen=True)
class Reachable:
    """A person as far as their consent lets them be reached; unconsented channels are blank."""

    person_id: int
    household_id: int | None
    name: str
    latin_name: str
    preferred_name: str
    household: str
    phone: str
    other_phone: str
    email: str
    address: str
    languages: tuple[str, ...]
    sort_key: str

    @property
    def phones(self) -> tuple[str, ...]:
        return tuple(p for p in (self.phone, self.other_phone) if p)


@dataclass(frozen=True)
class ReachableList:
    people: tuple[Reachable, ...]
    left_out: int  # people matched but whose consent allows no contact at all


def granted_scopes(session: Session) -> dict[int, set[str]]:
    """Each person's scopes from consents in force (not withdrawn, not in the Trash)."""
    allowed: dict[int, set[str]] = defaultdict(set)
    for person_id, scopes in session.execute(
        select(Consent.person_id, Consent.scopes).where(
            Consent.withdrawn_on.is_(None), Consent.deleted_at.is_(None)
        )
    ):
        allowed[person_id].update(scopes or ())
    return allowed


def reachable_people(session: Session, condition: ColumnElement[bool]) -> ReachableList:
    """The people matching `condition` (sorted by name) that consent allows to be contacted."""
    allowed = granted_scopes(session)
    rows = session.execute(
        select(Person, Household.name)
        .outerjoin(Household, Person.household_id == Household.id)
        .where(condition)
        .order_by(Person.sort_key, Person.id)
    ).all()
    people: list[Reachable] = []
    left_out = 0
    for person, household in rows:
        scopes = allowed.get(person.id, set())
        if not scopes & CONTACT_SCOPES:
            left_out += 1
            continue
        by_phone = bool(scopes & PHONE_SCOPES)
        people.append(
            Reachable(
                person_id=person.id,
                household_id=person.household_id,
                name=display_name(person.given_name, person.family_name),
                latin_name=person.latin_name,
                preferred_name=person.preferred_name,
                household=household or "",
                phone=person.phone if by_phone else "",
                other_phone=person.other_phone if by_phone else "",
                email=person.email if "contact_email" in scopes else "",
                address=person.address,
                languages=tuple(person.languages or ()),
                sort_key=person.sort_key,
            )
        )
    return ReachableList(tuple(people), left_out)
