"""The sample organization's service directory and a year of its referrals, ending today.

About sixty services of thirty fictional agencies (demo_directory_catalog), each last verified
some time in the past eighteen months, so that a few are due for a check, and two no longer
running. Then about one referral for every three people, made by the group's volunteers: mostly
connected, some waiting, not eligible or not gone, with the barriers met; a handful of
follow-ups due today and a few coming up, so the coordinator's list is never empty.

Everything but the uids comes from the `random` given, so a seed gives the same directory and
log every time, and everything is written with Core bulk inserts.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, NamedTuple

from sqlalchemy import ColumnElement, Table, delete, func, insert, literal, literal_column, select
from sqlalchemy.orm import Session

from communitydesk.core.text import fold
from communitydesk.models import (
    DirectoryService,
    Person,
    Referral,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
    Volunteer,
)
from communitydesk.models.base import Base, UTCDateTime, new_uid
from communitydesk.services.demo_directory_catalog import (
    AGENCIES,
    BARRIERS_BY_OUTCOME,
    OFFERS,
    OUTCOME_NOTES,
    REASONS,
    REFERRAL_WEIGHTS,
    Agency,
    Contact,
    Offer,
)
from communitydesk.services.directory import service_search_text
from communitydesk.services.people import display_name
from communitydesk.services.referrals import FOLLOW_UP_AFTER

YEAR_DAYS: Final = 365
STALE_SHARE: Final = 0.1  # services last verified more than a year ago
PEOPLE_PER_REFERRAL: Final = 3
# Outcomes of the referrals whose follow-up is behind us, and how often ("" is none recorded).
PAST_OUTCOMES: Final = ("connected", "waiting", "not_eligible", "did_not_go", "other", "")
PAST_WEIGHTS: Final = (62, 9, 8, 12, 4, 5)
DUE_AT_LEAST: Final = 3
UPCOMING_AT_LEAST: Final = 2
_BATCH: Final = 20_000


@dataclass(frozen=True)
class DirectoryCounts:
    organizations: int
    services: int
    contacts: int
    referrals: int


class _Member(NamedTuple):
    id: int
    household_id: int | None


@dataclass(frozen=True)
class _Service:
    id: int
    category: str
    contact_ids: tuple[int, ...]


def clear_directory(session: Session) -> None:
    """Remove the directory and the referral log (the sample's, before it is replaced)."""
    for model in (
        Referral,
        ServiceContactPerson,
        DirectoryService,
        ServiceLocation,
        ServiceOrganization,
    ):
        session.execute(delete(model))


def add_directory(
    session: Session, rnd: random.Random, today: date, now: datetime
) -> DirectoryCounts:
    """The directory, then a year of referrals for the people already in `session`."""
    writer = _Directory(session, rnd, today, now)
    services = writer.write()
    referrals = _Referrals(session, rnd, today, now, services).write()
    return DirectoryCounts(len(AGENCIES), len(services), writer.contacts, referrals)


def _email(name: str, domain: str) -> str:
    local = ".".join(fold(name).encode("ascii", "ignore").decode().replace("'", "").split())
    return f"{local}@{domain}"


def _next_id(session: Session, column: Any) -> int:
    return int(session.scalar(select(func.max(column))) or 0) + 1


def _bulk(
    session: Session, model: type[Base], rows: Sequence[dict[str, Any]], now: datetime
) -> None:
    """Core inserts into the table itself (the ORM's bulk path would split the rows by which
    values are None), with the one instant they were made at rendered once in the statement
    rather than converted again for every row."""
    table = model.__table__
    assert isinstance(table, Table)
    rendered = literal(now, UTCDateTime()).compile(
        dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
    )
    instant: ColumnElement[Any] = literal_column(str(rendered))
    statement = insert(table).values(created_at=instant, updated_at=instant)
    for start in range(0, len(rows), _BATCH):
        session.execute(statement, rows[start : start + _BATCH])


class _Directory:
    def __init__(self, session: Session, rnd: random.Random, today: date, now: datetime) -> None:
        self.session, self.rnd, self.today, self.now = session, rnd, today, now
        self.contacts = 0
        self.verifiers = [
            display_name(given, family)
            for given, family in session.execute(
                select(Person.given_name, Person.family_name)
                .join(Volunteer, Volunteer.person_id == Person.id)
                .where(Volunteer.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(Volunteer.id)
                .limit(5)
            )
        ] or ["Coordinator"]

    def stamp(self) -> dict[str, Any]:
        return {
            "uid": new_uid(),
            "exchange_source": "",
            "exchange_fingerprint": "",
            "deleted_at": None,
        }

    def verified_on(self) -> date:
        if self.rnd.random() < STALE_SHARE:
            return self.today - timedelta(days=self.rnd.randint(YEAR_DAYS + 5, YEAR_DAYS * 3 // 2))
        return self.today - timedelta(days=self.rnd.randint(3, YEAR_DAYS - 20))

    def write(self) -> list[_Service]:
        s = self.session
        organization_id = _next_id(s, ServiceOrganization.id)
        location_id = _next_id(s, ServiceLocation.id)
        service_id = _next_id(s, DirectoryService.id)
        contact_id = _next_id(s, ServiceContactPerson.id)
        organizations: list[dict[str, Any]] = []
        locations: list[dict[str, Any]] = []
        services: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        made: list[_Service] = []
        for agency in AGENCIES:
            offers = [offer for offer in OFFERS if offer.agency == agency.key]
            organization = ServiceOrganization(
                name=agency.name, alternate_name=agency.alternate_name
            )
            organizations.append(
                {
                    "id": organization_id,
                    "name": agency.name,
                    "alternate_name": agency.alternate_name,
                    "description": agency.description,
                    "website": f"https://{agency.domain}",
                    "email": f"info@{agency.domain}",
                    "phone": agency.phone,
                    "notes": "",
                    **self.stamp(),
                }
            )
            places: dict[str, int] = {}
            for place in agency.places:
                places[place.key] = location_id
                locations.append(
                    {
                        "id": location_id,
                        "organization_id": organization_id,
                        "name": place.name,
                        "address_1": place.address_1,
                        "address_2": place.address_2,
                        "city": place.city,
                        "province": place.province,
                        "postal_code": place.postal_code,
                        "country": "CA",
                        "transit": place.transit,
                        "wheelchair_accessible": place.wheelchair,
                        "accessibility": place.accessibility,
                        **self.stamp(),
                    }
                )
                location_id += 1
            # A person who handles several of the agency's services is its contact for all.
            named = Counter(offer.contact.name for offer in offers if offer.contact)
            shared = [c for c in _unique(o.contact for o in offers) if named[c.name] > 1]
            general = ([agency.contact] if agency.contact else []) + shared
            people: dict[str, int] = {}
            for contact in general:
                people[contact.name] = contact_id
                contacts.append(self.contact(contact_id, agency, organization_id, None, contact))
                contact_id += 1
            general_ids = tuple(people.values())
            for offer in offers:
                own: tuple[int, ...] = ()
                names = [c.name for c in general]
                if offer.contact and offer.contact.name not in people:
                    own = (contact_id,)
                    contacts.append(
                        self.contact(contact_id, agency, organization_id, service_id, offer.contact)
                    )
                    contact_id += 1
                    names.append(offer.contact.name)
                row = self.service(offer, organization, names)
                row |= {
                    "id": service_id,
                    "organization_id": organization_id,
                    "location_id": places[offer.place],
                }
                services.append(row)
                if offer.active:
                    made.append(_Service(service_id, offer.category, own + general_ids))
                service_id += 1
            organization_id += 1
        for model, rows in (
            (ServiceOrganization, organizations),
            (ServiceLocation, locations),
            (DirectoryService, services),
            (ServiceContactPerson, contacts),
        ):
            _bulk(s, model, rows, self.now)
        self.contacts = len(contacts)
        return made

    def contact(
        self,
        contact_id: int,
        agency: Agency,
        organization_id: int,
        service_id: int | None,
        contact: Contact,
    ) -> dict[str, Any]:
        extension = 200 + contact_id % 100
        return {
            "id": contact_id,
            "organization_id": organization_id,
            "service_id": service_id,
            "name": contact.name,
            "title": contact.title,
            "phone": f"{agency.phone} ext. {extension}",
            "email": _email(contact.name, agency.domain),
            "languages": list(contact.languages),
            "notes": "",
            **self.stamp(),
        }

    def service(
        self, offer: Offer, organization: ServiceOrganization, contact_names: list[str]
    ) -> dict[str, Any]:
        row: dict[str, Any] = {
            "name": offer.name,
            "category": offer.category,
            "description": offer.description,
            "eligibility": offer.eligibility,
            "what_to_bring": offer.what_to_bring,
            "languages": list(offer.languages),
            "in_french": "fr" in offer.languages,
            "hours": offer.hours,
            "open_evenings": offer.evenings,
            "open_weekends": offer.weekends,
            "childcare": offer.childcare,
            "regardless_of_status": offer.regardless,
            "cost": offer.cost,
            "how_to_refer": offer.how_to_refer,
            "phone": "",
            "email": "",
            "website": "",
            "verified_on": self.verified_on(),
            "verified_by": self.rnd.choice(self.verifiers),
            "is_active": offer.active,
            "notes": "",
            **self.stamp(),
        }
        # The directory's own search column, computed as the directory service computes it.
        unsaved = DirectoryService(
            name=offer.name, description=offer.description, eligibility=offer.eligibility
        )
        people = [ServiceContactPerson(name=name) for name in contact_names]
        row["search_text"] = service_search_text(unsaved, organization, people)
        return row


def _unique(contacts: Iterable[Contact | None]) -> list[Contact]:
    seen: dict[str, Contact] = {}
    for contact in contacts:
        if contact is not None and contact.name not in seen:
            seen[contact.name] = contact
    return list(seen.values())


class _Referrals:
    def __init__(
        self,
        session: Session,
        rnd: random.Random,
        today: date,
        now: datetime,
        services: list[_Service],
    ) -> None:
        self.session, self.rnd, self.today, self.now = session, rnd, today, now
        self.by_category: dict[str, list[_Service]] = defaultdict(list)
        for service in services:
            self.by_category[service.category].append(service)
        self.categories = [c for c in REFERRAL_WEIGHTS if self.by_category.get(c)]
        self.weights = [REFERRAL_WEIGHTS[c] for c in self.categories]
        self.pools = self._pools()
        self.referrers = [
            (pid, display_name(given, family))
            for pid, given, family in session.execute(
                select(Person.id, Person.given_name, Person.family_name)
                .join(Volunteer, Volunteer.person_id == Person.id)
                .where(Volunteer.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(Person.id)
            )
        ]
        self.rows: list[dict[str, Any]] = []
        self.subjects: list[_Member] = []
        # Referrals made before this past month, one of which may be made again.
        self.older: list[tuple[_Member, _Service, date]] = []
        self.repeats = 0

    def _pools(self) -> dict[str, list[_Member]]:
        """Who each kind of service is for: adults, youth, seniors, parents, women."""
        year = self.today.year
        rows = self.session.execute(
            select(
                Person.id,
                Person.household_id,
                Person.birth_year,
                Person.gender,
                Person.household_role,
            )
            .where(Person.deleted_at.is_(None))
            .order_by(Person.id)
        ).all()
        with_children = {
            household
            for _pid, household, born, _gender, role in rows
            if role == "child" and born is not None and year - born < 18
        }
        pools: dict[str, list[_Member]] = defaultdict(list)
        for pid, household, born, gender, role in rows:
            member = _Member(pid, household)
            age = year - born if born is not None else 30
            pools["everyone"].append(member)
            if 12 <= age <= 24:
                pools["youth"].append(member)
            if age < 18:
                continue
            pools["adults"].append(member)
            if age >= 60:
                pools["seniors"].append(member)
            if gender == "woman":
                pools["women"].append(member)
            if role in ("main_contact", "spouse") and household in with_children:
                pools["parents"].append(member)
        return pools

    def pool(self, category: str) -> list[_Member]:
        wanted = {
            "youth": "youth",
            "seniors": "seniors",
            "women": "women",
            "schools": "parents",
            "child_care": "parents",
        }.get(category, "adults")
        return self.pools.get(wanted) or self.pools.get("adults") or self.pools["everyone"]

    def write(self) -> int:
        people = len(self.pools.get("everyone", ()))
        if not people or not self.categories:
            return 0
        total = max(1, round(people / PEOPLE_PER_REFERRAL))
        # However small the sample, a few follow-ups are due and a few are coming up.
        forced = ["due"] * min(total, DUE_AT_LEAST)
        forced += ["upcoming"] * min(total - len(forced), UPCOMING_AT_LEAST)
        for index in range(total):
            self.refer(forced[index] if index < len(forced) else "")
        if not self.repeats and self.older:
            # Always someone sent twice to the same service: the report must count them once.
            subject, service, first = self.older[0]
            self.add(subject, service, first + timedelta(days=21), "connected")
        self.rows.sort(key=lambda row: row["referred_on"])
        _bulk(self.session, Referral, self.rows, self.now)
        return len(self.rows)

    def refer(self, kind: str) -> None:
        """One referral; `kind` "due" or "upcoming" places its follow-up, else any day of the
        year does, and how long ago it was made says how far it got."""
        rnd = self.rnd
        category = rnd.choices(self.categories, self.weights)[0]
        if self.subjects and rnd.random() < 0.18:  # someone referred before, now elsewhere
            subject = rnd.choice(self.subjects)
        else:
            subject = rnd.choice(self.pool(category))
            self.subjects.append(subject)
        service = rnd.choice(self.by_category[category])
        if kind == "due":
            days = rnd.randint(7, 16)
        elif kind == "upcoming":
            days = rnd.randint(0, 6)
        else:
            days = rnd.randint(0, YEAR_DAYS - 1)
        referred_on = self.today - timedelta(days=days)
        if days < 7 or kind == "due":
            self.add(subject, service, referred_on, "")  # the follow-up is ahead, or due now
            return
        outcome = rnd.choices(PAST_OUTCOMES, PAST_WEIGHTS)[0]
        if days < 17 and rnd.random() < 0.5:
            outcome = ""  # followed up this week, or not yet
        elif not outcome and days > 60:
            outcome = "connected"  # long since followed up
        self.add(subject, service, referred_on, outcome)
        if days >= 40:
            self.older.append((subject, service, referred_on))
        # Sent again to the same service after a first try that did not work out.
        again = referred_on + timedelta(days=rnd.randint(21, 60))
        retried = outcome in ("did_not_go", "other") and again <= self.today - timedelta(days=17)
        if retried and rnd.random() < 0.5:
            second = rnd.choices(("connected", "did_not_go"), (4, 1))[0]
            self.add(subject, service, again, second)
            self.repeats += 1

    def add(self, subject: _Member, service: _Service, referred_on: date, outcome: str) -> None:
        rnd = self.rnd
        follow_up: date | None = referred_on + FOLLOW_UP_AFTER
        outcome_on: date | None = None
        if outcome == "waiting":
            # Checked again lately, and called back in a few weeks.
            outcome_on = min(
                max(referred_on + FOLLOW_UP_AFTER, self.today - timedelta(days=rnd.randint(1, 25))),
                self.today,
            )
            follow_up = outcome_on + timedelta(days=rnd.randint(14, 40))
        elif outcome:
            outcome_on = min(referred_on + timedelta(days=rnd.randint(5, 14)), self.today)
            follow_up = None
        person_id: int | None = subject.id
        category = service.category
        as_household = category in ("income", "housing", "faith") and subject.household_id
        if as_household and rnd.random() < 0.25:  # the household as a whole, as food banks do
            person_id = None
        referrer = rnd.choice(self.referrers) if self.referrers else (None, "")
        self.rows.append(
            {
                "uid": new_uid(),
                "person_id": person_id,
                "household_id": subject.household_id,
                "service_id": service.id,
                "contact_id": (
                    rnd.choice(service.contact_ids)
                    if service.contact_ids and rnd.random() < 0.75
                    else None
                ),
                "referred_on": referred_on,
                "reason": rnd.choice(REASONS[category]),
                "referred_by_id": referrer[0],
                "referred_by": referrer[1],
                "follow_up_on": follow_up,
                "outcome": outcome,
                "outcome_on": outcome_on,
                "outcome_note": rnd.choice(OUTCOME_NOTES[outcome]) if outcome else "",
                "barriers": self.barriers(outcome),
                "deleted_at": None,
            }
        )

    def barriers(self, outcome: str) -> list[str]:
        rnd = self.rnd
        share = {"connected": 0.18, "waiting": 0.75, "not_eligible": 0.85, "did_not_go": 0.8}
        if not outcome or rnd.random() >= share.get(outcome, 0.4):
            return []
        choices = BARRIERS_BY_OUTCOME[outcome]
        met = [rnd.choice(choices)]
        if outcome == "did_not_go" and rnd.random() < 0.35:
            met.append(rnd.choice(choices))
        if outcome == "not_eligible" and rnd.random() < 0.2:
            met.append(rnd.choice(BARRIERS_BY_OUTCOME["did_not_go"]))
        return list(dict.fromkeys(met))
