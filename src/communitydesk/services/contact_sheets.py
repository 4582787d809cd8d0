"""Printable contact sheets: the contact list and the phone tree, as consent allows.

A phone tree is how a group with no office reaches everyone fast (a cancelled outing, a storm,
a vaccination clinic): the coordinator calls a few volunteers, each of whom calls a short list.
Each household is called once, through its main contact; callers get people who share one of
their languages where possible, and the lists are kept even in length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from communitydesk.core.i18n import (
    _,
    format_date,
    format_list,
    format_number,
    is_right_to_left,
    language_name,
    left_to_right,
    ngettext,
)
from communitydesk.core.text import fold
from communitydesk.db.session import Database
from communitydesk.models import Household, Organization, Person, Volunteer
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.people import RosterFilter, roster_condition
from communitydesk.services.reachable import Reachable, reachable_people


@dataclass(frozen=True)
class Branch:
    caller: Reachable
    calls: tuple[Reachable, ...]


@dataclass(frozen=True)
class PhoneTreePlan:
    branches: tuple[Branch, ...]
    no_consent: int  # left out: consent allows no contact
    no_phone: int  # reachable, but not by a phone they agreed to


def _languages(person: Reachable) -> str:
    return format_list([language_name(code) for code in person.languages])


def _phones(person: Reachable) -> str:
    return "\n".join(left_to_right(phone) for phone in person.phones)


def _name(person: Reachable) -> str:
    # The Latin spelling helps a caller who cannot read the script the name is written in.
    if person.latin_name and fold(person.latin_name) != fold(person.name):
        return f"{person.name}\n{person.latin_name}"
    return person.name


def _no_consent_note(count: int) -> str:
    return ngettext(
        "{count} person was left out: their consent does not allow contact.",
        "{count} people were left out: their consent does not allow contact.",
        count,
    ).format(count=format_number(count))


def _subtitle(organization: str, today: date) -> str:
    return " · ".join(part for part in (organization, format_date(today, "long")) if part)


def plan_phone_tree(
    callers: list[Reachable], people: list[Reachable], main_contacts: dict[int, int]
) -> tuple[tuple[Branch, ...], int]:
    """Share `people` among `callers`; returns the branches and how many had no phone.

    `main_contacts` maps a household id to its main contact's person id: a household is called
    once, through its main contact when they can be phoned, else its first member who can.
    """
    if not callers:
        return (), 0
    caller_ids = {caller.person_id for caller in callers}
    by_phone = [p for p in people if p.phones and p.person_id not in caller_ids]
    no_phone = sum(1 for p in people if not p.phones and p.person_id not in caller_ids)
    chosen: dict[object, Reachable] = {}
    for person in by_phone:
        key: object = person.household_id or ("person", person.person_id)
        current = chosen.get(key)
        is_main = main_contacts.get(person.household_id or -1) == person.person_id
        if current is None or is_main:
            chosen[key] = person
    lists: dict[int, list[Reachable]] = {caller.person_id: [] for caller in callers}
    for person in sorted(chosen.values(), key=lambda p: p.sort_key):
        speakers = [c for c in callers if set(c.languages) & set(person.languages)]
        pool = speakers or callers
        best = min(pool, key=lambda c: len(lists[c.person_id]))
        lists[best.person_id].append(person)
    branches = tuple(Branch(caller, tuple(lists[caller.person_id])) for caller in callers)
    return branches, no_phone


class ContactSheetService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _people(self, wanted: RosterFilter | None, today: date) -> tuple[str, list[Reachable], int]:
        with self._db.reading() as session:
            organization = session.scalar(select(Organization.name).limit(1)) or ""
            condition = roster_condition(session, wanted or RosterFilter(), today)
            reachable = reachable_people(session, condition)
        return organization, list(reachable.people), reachable.left_out

    def contact_list(
        self, wanted: RosterFilter | None = None, today: date | None = None
    ) -> Document:
        """The people `wanted` shows (everyone by default) whose consent allows contact."""
        today = today or date.today()
        organization, people, left_out = self._people(wanted, today)
        rows = tuple(
            (_name(p), p.household, _phones(p), left_to_right(p.email), _languages(p))
            for p in people
        )
        footnotes = [
            ngettext("{count} person is listed.", "{count} people are listed.", len(people)).format(
                count=format_number(len(people))
            )
        ]
        if left_out:
            footnotes.append(_no_consent_note(left_out))
        return Document(
            title=_("Contact list"),
            subtitle=_subtitle(organization, today),
            right_to_left=is_right_to_left(),
            introduction=(
                _(
                    "Only people whose consent allows contact are listed, with only the ways "
                    "they agreed to be reached. Keep this list private and destroy it once it "
                    "is out of date."
                ),
            ),
            sections=(
                Section(
                    table=Table(
                        headers=(
                            _("Name"),
                            _("Household"),
                            _("Phone"),
                            _("E-mail"),
                            _("Languages"),
                        ),
                        rows=rows,
                        widths=(24, 14, 17, 27, 18),
                    )
                ),
            ),
            footnotes=tuple(footnotes),
            name=_("contact-list"),
        )

    def plan(self, wanted: RosterFilter | None = None, today: date | None = None) -> PhoneTreePlan:
        today = today or date.today()
        _organization, people, left_out = self._people(wanted, today)
        with self._db.reading() as session:
            volunteer_condition = Person.deleted_at.is_(None) & Person.id.in_(
                select(Volunteer.person_id).where(Volunteer.deleted_at.is_(None))
            )
            volunteers = reachable_people(session, volunteer_condition).people
            main_contacts = {
                household: person
                for household, person in session.execute(
                    select(Household.id, Household.main_contact_id)
                )
                if person is not None
            }
        callers = [v for v in volunteers if v.phones]
        branches, no_phone = plan_phone_tree(callers, people, main_contacts)
        return PhoneTreePlan(branches, left_out, no_phone)

    def phone_tree(self, wanted: RosterFilter | None = None, today: date | None = None) -> Document:
        today = today or date.today()
        with self._db.reading() as session:
            organization = session.scalar(select(Organization.name).limit(1)) or ""
        plan = self.plan(wanted, today)
        how = _(
            "The coordinator calls each caller. Each caller then calls the people on their "
            "own page, in a language they share where possible, and ticks who was reached. "
            "If nobody answers, leave a short message, try once more later, and tell the "
            "coordinator who could not be reached."
        )
        sections: list[Section] = []
        if not plan.branches:
            introduction: tuple[str, ...] = (
                _(
                    "No volunteer can be a caller yet: a caller is a volunteer with a phone "
                    "number and consent to be contacted by phone."
                ),
            )
        else:
            introduction = (how,)
            sections.append(
                Section(
                    heading=_("Callers"),
                    table=Table(
                        headers=(_("Caller"), _("Phone"), _("Languages"), _("People to call")),
                        rows=tuple(
                            (
                                _name(b.caller),
                                _phones(b.caller),
                                _languages(b.caller),
                                format_number(len(b.calls)),
                            )
                            for b in plan.branches
                        ),
                        widths=(32, 22, 30, 16),
                    ),
                )
            )
            for branch in plan.branches:
                sections.append(
                    Section(
                        heading=_("{caller} calls").format(caller=branch.caller.name),
                        paragraphs=(
                            _("Caller's phone: {phone}").format(
                                phone=", ".join(map(left_to_right, branch.caller.phones))
                            ),
                        ),
                        table=Table(
                            headers=(
                                _("Name"),
                                _("Household"),
                                _("Phone"),
                                _("Languages"),
                                _("Reached?"),
                            ),
                            rows=tuple(
                                (_name(p), p.household, _phones(p), _languages(p), "")
                                for p in branch.calls
                            ),
                            widths=(28, 20, 20, 20, 12),
                        ),
                        new_page=True,
                    )
                )
        footnotes = []
        if plan.no_consent:
            footnotes.append(_no_consent_note(plan.no_consent))
        if plan.no_phone:
            footnotes.append(
                ngettext(
                    "{count} person was left out: no phone number they agreed to be called at.",
                    "{count} people were left out: no phone number they agreed to be called at.",
                    plan.no_phone,
                ).format(count=format_number(plan.no_phone))
            )
        return Document(
            title=_("Phone tree"),
            subtitle=_subtitle(organization, today),
            right_to_left=is_right_to_left(),
            introduction=introduction,
            sections=tuple(sections),
            footnotes=tuple(footnotes),
            name=_("phone-tree"),
        )
