"""A realistic sample organization, so a newcomer to the app sees it alive.

Generated in one transaction with Core bulk inserts: 100,000 people take seconds, not minutes.
Later features add their own records here; a year of activities comes from `demo_activities`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _
from communitydesk.core.paths import DataPaths
from communitydesk.core.text import fold, skeleton
from communitydesk.db.backup import automatic_backup
from communitydesk.db.session import Database
from communitydesk.models import (
    ActivitySession,
    Attendance,
    ChangeEntry,
    Consent,
    Feedback,
    HeadCount,
    Household,
    LookupItem,
    LookupLabel,
    Membership,
    MembershipType,
    Organization,
    Person,
    Program,
    Suggestion,
    SupportContact,
    Venue,
    Volunteer,
    VolunteerCheck,
    VolunteerHours,
    VolunteerRole,
)
from communitydesk.models.base import new_uid, utc_now
from communitydesk.services.demo_activities import ActivityCounts, add_activities
from communitydesk.services.demo_directory import add_directory, clear_directory
from communitydesk.services.demo_money import add_demo_books, clear_books
from communitydesk.services.demo_names import COMMUNITIES, STREETS, VOLUNTEER_SKILLS, Community
from communitydesk.services.demo_practices import add_practices, clear_practices
from communitydesk.services.lookups import seed_default_lists
from communitydesk.services.membership import add_months
from communitydesk.services.organization import OrganizationProfile, validate_profile
from communitydesk.services.people import person_sort_key
from communitydesk.services.support import SUPPORT_KINDS

MAX_PEOPLE = 200_000
_BATCH = 5_000

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class DemoResult:
    organization: str
    people: int
    households: int
    volunteers: int
    activities: ActivityCounts | None = None  # a year of programs, sessions, attendance ...


def sample_profile() -> OrganizationProfile:
    """The sample organization, described in the language the app is shown in."""
    return OrganizationProfile(
        name=_("Riverside Newcomer Families Association"),
        legal_name=_("Riverside Newcomer Families Association Inc."),
        address="1200 Montreal Rd, Ottawa ON K1J 0A1",
        phone="613-555-0100",
        email="info@riverside-families.example.org",
        website="https://riverside-families.example.org",
        languages_spoken=("English", "Français", "العربية", "Soomaali", "Tiếng Việt", "Español"),
        communities_served=("Somali", "Syrian", "Vietnamese", "Latin American", "Afghan"),
        mission=_(
            "We welcome newcomer families, help them find their way to the services they need, "
            "and keep our languages and cultures alive through activities our members choose."
        ),
        history=_(
            "Five Somali and Syrian families started the association in 2011 in a church "
            "basement, to help the families who came after them. Today our volunteers, most of "
            "them newcomers themselves, run homework help, language circles and a food "
            "cupboard in six languages."
        ),
        currency="CAD",
        fiscal_year_start_month=4,
        newcomer_years=5,
        is_sample=True,
    )


def _is_empty(session: Session) -> bool:
    return not any(
        session.scalar(select(func.count()).select_from(model))
        for model in (Organization, Person, Household)
    )


def _clear(session: Session) -> None:
    session.execute(update(Household).values(main_contact_id=None))
    clear_books(session)  # the books point at people, programs and memberships
    clear_directory(session)  # referrals point at people
    clear_practices(session)  # practices and applications point at programs
    for model in (
        ChangeEntry,  # first: the history of a sample may go while the sample is still there
        # Activities before the people, programs and venues they point at.
        Attendance,  # points at head counts, sessions and people
        HeadCount,
        VolunteerHours,
        Feedback,
        Suggestion,
        ActivitySession,
        Program,
        Venue,
        SupportContact,
        Membership,
        MembershipType,
        VolunteerCheck,
        VolunteerRole,
        Consent,
        Volunteer,
        Person,
        Household,
        LookupLabel,
        LookupItem,
        Organization,
    ):
        session.execute(delete(model))


class _Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.random = random.Random(seed)
        self.today = today
        self.now = utc_now()
        weights = [c.weight for c in COMMUNITIES]
        self.communities = COMMUNITIES
        self.weights = weights

    def community(self) -> Community:
        return self.random.choices(self.communities, self.weights)[0]

    def phone(self) -> str:
        # 555-01xx numbers are reserved for fiction: they can never reach a real family.
        # Written as the phone field normalizes them, so an edit changes nothing unasked.
        area = self.random.choice(("613", "819", "343"))
        return f"({area}) 555-01{self.random.randint(0, 99):02d}"

    def consent(self, person_id: int) -> dict[str, Any]:
        """Most adults agree to be contacted; fewer to photos, sharing or quoting."""
        scopes = [
            scope
            for scope, share in (
                ("contact_phone", 0.95),
                ("contact_text", 0.6),
                ("contact_email", 0.4),
                ("photos", 0.35),
                ("hub_sharing", 0.3),
                ("quoting", 0.2),
            )
            if self.random.random() < share
        ] or ["contact_phone"]
        return {
            "uid": new_uid(),
            "person_id": person_id,
            "kind": self.random.choice(("signed", "verbal")),
            "given_on": self.today - timedelta(days=self.random.randint(0, 3 * 365)),
            "scopes": scopes,
            "witness": "",
            "created_at": self.now,
            "updated_at": self.now,
            "deleted_at": None,
        }

    def checks(self, volunteer_id: int) -> list[dict[str, Any]]:
        """A police check valid three years, and often a training valid two."""
        made = []
        for kind, name, share, years in (
            ("screening", "Police / vulnerable-sector check", 0.9, 3),
            ("training", "First aid", 0.4, 2),
            ("training", "Safe food handling", 0.2, 5),
        ):
            if self.random.random() < share:
                done = self.today - timedelta(days=self.random.randint(10, years * 365))
                made.append(
                    {
                        "uid": new_uid(),
                        "volunteer_id": volunteer_id,
                        "kind": kind,
                        "name": name,
                        "done_on": done,
                        "expires_on": done + timedelta(days=years * 365),
                        "created_at": self.now,
                        "updated_at": self.now,
                        "deleted_at": None,
                    }
                )
        return made

    def household_shape(self) -> list[str]:
        """Roles in one household, generations included."""
        r = self.random.random()
        kids = ["child"] * self.random.randint(1, 4)
        if r < 0.12:
            return ["main_contact"]  # a senior or a young adult living alone
        if r < 0.25:
            return ["main_contact", "spouse"]
        if r < 0.45:
            return ["main_contact", *kids]  # a single parent
        if r < 0.80:
            return ["main_contact", "spouse", *kids]
        grandparents = ["grandparent"] * self.random.randint(1, 2)
        return ["main_contact", "spouse", *kids, *grandparents]

    def birth_year(self, role: str, parent_year: int) -> int:
        year = self.today.year
        if role == "child":  # born when the parent was 18 to 45, and not in the future
            latest = min(parent_year + 45, year)
            return self.random.randint(min(parent_year + 18, latest), latest)
        if role == "grandparent":
            return parent_year - self.random.randint(20, 32)
        return year - self.random.randint(19, 78)

    def person(
        self,
        community: Community,
        family: tuple[str, str],
        role: str,
        birth_year: int,
        arrival: int | None,
        household_id: int,
        person_id: int,
    ) -> dict[str, Any]:
        woman = self.random.random() < 0.52
        given, given_latin = self.random.choice(community.women if woman else community.men)
        family_name, family_latin = family
        latin = " ".join(p for p in (given_latin, family_latin) if p)
        key = person_sort_key(given, family_name, latin)
        adult = self.today.year - birth_year >= 18
        born_here = role == "child" and arrival is not None and birth_year > arrival
        contact = role == "main_contact" or (adult and self.random.random() < 0.5)
        email = ""
        if adult and self.random.random() < 0.4:
            local = (latin or f"{given} {family_name}").lower().replace(" ", ".")
            email = f"{local.encode('ascii', 'ignore').decode() or 'member'}{person_id}@example.org"
        return {
            "id": person_id,
            "uid": new_uid(),
            "given_name": given,
            "family_name": family_name,
            "latin_name": latin,
            "sort_key": key,
            "name_skeleton": skeleton(key),
            "preferred_name": "",
            "household_id": household_id,
            "household_role": role,
            "birth_year": birth_year,
            "gender": "woman" if woman else "man",
            "phone": self.phone() if contact else "",
            "email": email,
            "languages": list(community.languages if adult else community.languages[-1:]),
            "country_of_origin": "CA" if born_here else community.country,
            "arrival_year": None if born_here else arrival,
            "community": community.key,
            "notes": "",
            "created_at": self.now,
            "updated_at": self.now,
            "deleted_at": None,
        }


def generate_demo(
    db: Database,
    people: int = 300,
    seed: int = 2026,
    force: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    profile: OrganizationProfile | None = None,
) -> DemoResult:
    """Fill the database with a sample organization of `people` people.

    `profile` overrides the sample's profile (the first-run assistant passes what was typed).
    """
    if not 1 <= people <= MAX_PEOPLE:
        raise ValidationError(
            "people", _("Choose between 1 and {most} people.").format(most=f"{MAX_PEOPLE:,}")
        )
    gen = _Generator(seed, today or date.today())
    profile = validate_profile(replace(profile or sample_profile(), is_sample=True))
    with db.unit_of_work() as session:
        if not _is_empty(session):
            real = session.scalar(select(Organization.is_sample).limit(1)) is False
            if real:
                # Its history is append-only and its records are real people: never replaced.
                raise ValidationError(
                    "force",
                    _(
                        "This data folder holds a real organization, which the sample never "
                        "replaces. Use another data folder (--data-dir) for the sample."
                    ),
                )
            if not force:
                raise ValidationError(
                    "force",
                    _(
                        "This data folder already holds an organization. "
                        "Use --force to replace it with the sample (everything in it is lost)."
                    ),
                )
            _clear(session)
        session.add(
            Organization(
                name=profile.name,
                legal_name=profile.legal_name,
                address=profile.address,
                phone=profile.phone,
                email=profile.email,
                website=profile.website,
                languages_spoken=list(profile.languages_spoken),
                communities_served=list(profile.communities_served),
                mission=profile.mission,
                history=profile.history,
                currency=profile.currency,
                fiscal_year_start_month=profile.fiscal_year_start_month,
                newcomer_years=profile.newcomer_years,
                is_sample=True,
            )
        )
        seed_default_lists(session)
        counts = _fill_people(session, gen, people, progress)
        activities = add_activities(session, gen.random, gen.today, gen.now)
        add_demo_books(session, gen.today, profile.fiscal_year_start_month, gen.random)
        add_directory(session, gen.random, gen.today, gen.now)
        add_practices(session, gen.random, gen.today, gen.now)
        # Written in bulk, the sample's people are one entry in the history, not thousands.
        session.add(
            ChangeEntry(
                action="import",
                record_kind="organization",
                record_uid=session.scalar(select(Organization.uid).limit(1)) or "",
                label=profile.name,
                changes={"people": [None, counts[0]]},
            )
        )
    return DemoResult(profile.name, *counts, activities=activities)


def _fill_people(
    session: Session, gen: _Generator, total: int, progress: Progress | None
) -> tuple[int, int, int]:
    rnd = gen.random
    households: list[dict[str, Any]] = []
    persons: list[dict[str, Any]] = []
    volunteers: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []
    made = household_count = volunteer_count = 0
    volunteer_id = (session.scalar(select(func.max(Volunteer.id))) or 0) + 1
    person_id = (session.scalar(select(func.max(Person.id))) or 0) + 1
    household_id = (session.scalar(select(func.max(Household.id))) or 0) + 1

    def flush() -> None:
        if households:
            session.execute(insert(Household), households)
        if persons:
            session.execute(insert(Person), persons)
        if volunteers:
            session.execute(insert(Volunteer), volunteers)
        if consents:
            session.execute(insert(Consent), consents)
        if checks:
            session.execute(insert(VolunteerCheck), checks)
        households.clear()
        persons.clear()
        volunteers.clear()
        consents.clear()
        checks.clear()
        if progress:
            progress(made, total)

    while made < total:
        community = gen.community()
        family = rnd.choice(community.families)
        roles = gen.household_shape()[: total - made]
        arrival = gen.today.year - rnd.choices((rnd.randint(0, 5), rnd.randint(6, 25)), (3, 2))[0]
        main_year = gen.today.year - rnd.randint(24, 70)
        households.append(
            {
                "id": household_id,
                "uid": new_uid(),
                "name": family[0],
                "sort_key": fold(family[0]),
                "address": f"{rnd.randint(10, 2999)} {rnd.choice(STREETS)}, Ottawa ON",
                "phone": gen.phone(),
                "main_contact_id": None,  # set once the people exist, see _link_main_contacts
                "created_at": gen.now,
                "updated_at": gen.now,
                "deleted_at": None,
            }
        )
        for role in roles:
            year = main_year if role == "main_contact" else gen.birth_year(role, main_year)
            row = gen.person(community, family, role, year, arrival, household_id, person_id)
            persons.append(row)
            adult = gen.today.year - year >= 18
            if adult and rnd.random() < 0.8:
                consents.append(gen.consent(person_id))
            if adult and rnd.random() < 0.12:
                start = gen.today - timedelta(days=rnd.randint(30, 6 * 365))
                checks.extend(gen.checks(volunteer_id))
                volunteers.append(
                    {
                        "id": volunteer_id,
                        "uid": new_uid(),
                        "person_id": person_id,
                        "start_date": start,
                        "skills": ", ".join(rnd.sample(VOLUNTEER_SKILLS, 2)),
                        "created_at": gen.now,
                        "updated_at": gen.now,
                        "deleted_at": None,
                    }
                )
                volunteer_count += 1
                volunteer_id += 1
            person_id += 1
            made += 1
        household_count += 1
        household_id += 1
        if len(persons) >= _BATCH:
            flush()
    flush()
    _link_main_contacts(session)
    _add_memberships(session, gen)
    _add_support_contacts(session, gen)
    return made, household_count, volunteer_count


def _add_memberships(session: Session, gen: _Generator) -> None:
    """Most households' main contacts hold a yearly membership; some have lapsed or owe dues."""
    kinds = {}
    for name, dues in ((_("Family"), 2500), (_("Individual"), 1000), (_("Senior"), 500)):
        kinds[name] = session.scalar(
            insert(MembershipType)
            .returning(MembershipType.id)
            .values(
                uid=new_uid(),
                name=name,
                dues_cents=dues,
                period_months=12,
                created_at=gen.now,
                updated_at=gen.now,
            )
        )
    rows = []
    main_contacts = session.scalars(
        select(Household.main_contact_id).where(Household.main_contact_id.is_not(None))
    ).all()
    family, dues = _("Family"), 2500
    for person_id in main_contacts:
        if gen.random.random() > 0.7:
            continue
        start = gen.today - timedelta(days=gen.random.randint(0, 500))
        paid = gen.random.random() < 0.8
        rows.append(
            {
                "uid": new_uid(),
                "person_id": person_id,
                "type_id": kinds[family],
                "start_date": start,
                "end_date": add_months(start, 12) - timedelta(days=1),
                "dues_cents": dues,
                "paid_on": start if paid else None,
                "created_at": gen.now,
                "updated_at": gen.now,
                "deleted_at": None,
            }
        )
    if rows:
        session.execute(insert(Membership), rows)


def _add_support_contacts(session: Session, gen: _Generator) -> None:
    """A third of the families had one-to-one support this past year, given by a volunteer."""
    helpers = session.scalars(select(Volunteer.person_id)).all()
    families = session.execute(
        select(Household.id, Person.id, Person.languages).join(
            Person, Person.id == Household.main_contact_id
        )
    ).all()
    kinds = list(SUPPORT_KINDS)
    notes = ("", "", "Follow up next month", "Went well", "Needs a second visit")
    rows = []
    for household_id, person_id, languages in families:
        if gen.random.random() > 0.35:
            continue
        for _index in range(gen.random.randint(1, 4)):
            rows.append(
                {
                    "uid": new_uid(),
                    "person_id": person_id,
                    "household_id": household_id,
                    "contact_on": gen.today - timedelta(days=gen.random.randint(0, 365)),
                    "kind": gen.random.choice(kinds),
                    "minutes": gen.random.choice((15, 30, 45, 60, 90, 120, None)),
                    "language": (languages or [""])[0],
                    "volunteer_id": gen.random.choice(helpers) if helpers else None,
                    "note": gen.random.choice(notes),
                    "created_at": gen.now,
                    "updated_at": gen.now,
                    "deleted_at": None,
                }
            )
    if rows:
        session.execute(insert(SupportContact), rows)


def _link_main_contacts(session: Session) -> None:
    """A household points at its main contact, who is only inserted after the household."""
    main_contact = (
        select(Person.id)
        .where(Person.household_id == Household.id, Person.household_role == "main_contact")
        .limit(1)
        .scalar_subquery()
    )
    session.execute(
        update(Household)
        .where(Household.main_contact_id.is_(None))
        .values(main_contact_id=main_contact)
    )


class DemoService:
    def __init__(self, db: Database, paths: DataPaths) -> None:
        self._db = db
        self._paths = paths

    def discard_sample(self) -> Path:
        """Remove the sample organization so the group can set up its own.

        Refused for a real organization. A backup is kept first; returns its path.
        """
        with self._db.reading() as session:
            is_sample = session.scalar(select(Organization.is_sample).limit(1))
        if not is_sample:
            raise ValidationError(
                "organization", _("Only a sample organization can be removed this way.")
            )
        backup = automatic_backup(self._paths, reason="before-discard-sample")
        with self._db.unit_of_work() as session:
            _clear(session)
        return backup

    def generate(
        self,
        people: int = 300,
        seed: int = 2026,
        force: bool = False,
        profile: OrganizationProfile | None = None,
        progress: Progress | None = None,
    ) -> DemoResult:
        return generate_demo(
            self._db, people=people, seed=seed, force=force, profile=profile, progress=progress
        )
