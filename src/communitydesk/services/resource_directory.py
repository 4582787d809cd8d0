"""The printable resource directory: the directory's active services by category, in one
language, with the date each was last checked and the stale ones marked.

It can be narrowed with the same filter as the directory screen, so what prints is what the
volunteer sees. Services are read in a few queries, not one per service: a hub's directory of
two thousand services prints in seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import or_, select

from communitydesk.core.i18n import LANGUAGES, N_, embedded, translated_in
from communitydesk.db.session import Database
from communitydesk.models import (
    DirectoryService,
    Organization,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)
from communitydesk.reports.resource_directory import (
    DirectoryBook,
    DirectoryCategory,
    DirectoryEntry,
    write_directory,
)
from communitydesk.services.directory import (
    DirectoryFilter,
    ServiceDirectory,
    text_in,
    verify_before,
)
from communitydesk.services.lookups import LookupService
from communitydesk.services.referral_cards import (
    chrome,
    date_in,
    language_code,
    language_names_in,
)

EVERYTHING: Final = 10_000_000  # browse's limit, for the whole filtered directory
CHUNK: Final = 500  # uids per IN (...) query: far under SQLite's limit on parameters
MOST_CONTACTS: Final = 2


_Translate = Callable[[str], str]


@dataclass(frozen=True)
class _Service:
    """What a directory line needs of a service, read while its session was open."""

    name: str
    organization: str
    category: str
    eligibility: dict[str, str]
    languages: tuple[str, ...]
    in_french: bool
    hours: str
    open_evenings: bool
    open_weekends: bool
    regardless_of_status: bool | None
    cost: str
    phone: str  # the service's own, else its organization's
    verified_on: date | None
    address: str
    contacts: tuple[tuple[str, ...], ...]  # ("Nadia Haddad", "Intake nurse", "(514) 555-0144")


def _address(place: ServiceLocation | None) -> str:
    if place is None:
        return ""
    town = " ".join(p for p in (place.city, place.province) if p)
    last = "  ".join(p for p in (town, place.postal_code) if p)
    return ", ".join(p for p in (place.address_1, place.address_2, last) if p)


def _entry(service: _Service, code: str, t: _Translate, stale_before: date) -> DirectoryEntry:
    rtl = LANGUAGES[chrome(code)].right_to_left

    def own(text: str) -> str:
        # Typed values keep their own order beside Arabic words: "(514) 555-0144" stays so.
        return embedded(text) if rtl and text else text

    hours = own(service.hours)
    if service.open_evenings and service.open_weekends:
        hours = "; ".join(p for p in (hours, t(N_("Open evenings and weekends"))) if p)
    elif service.open_evenings:
        hours = "; ".join(p for p in (hours, t(N_("Open evenings"))) if p)
    elif service.open_weekends:
        hours = "; ".join(p for p in (hours, t(N_("Open weekends"))) if p)
    fields = [
        (t(N_("Ask for")), "\n".join(", ".join(map(own, c)) for c in service.contacts)),
        (t(N_("Phone")), own(service.phone)),
        (t(N_("Address")), own(service.address)),
        (t(N_("Hours")), hours),
        (t(N_("Languages")), language_names_in(service.languages, code)),
        (t(N_("Cost")), own(service.cost)),
        (t(N_("Who it is for")), text_in(service.eligibility, code)),
    ]
    notes = []
    if service.in_french:
        notes.append(t(N_("Service in French")))
    if service.regardless_of_status:
        notes.append(t(N_("Served regardless of immigration status")))
    if service.verified_on is None:
        verified, stale = "", t(N_("Never checked"))
    else:
        verified = t(N_("Last verified on {date}")).format(
            date=embedded(date_in(service.verified_on, code))
        )
        stale = t(N_("Not checked for over a year")) if service.verified_on < stale_before else ""
    return DirectoryEntry(
        name=service.name,
        organization=service.organization,
        fields=tuple((label, value) for label, value in fields if value.strip()),
        notes=" · ".join(notes),
        verified=verified,
        stale=stale,
    )


class ResourceDirectoryService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._directory = ServiceDirectory(db)
        self._lookups = LookupService(db)

    def write(
        self,
        target: Path,
        language: str,
        wanted: DirectoryFilter | None = None,
        today: date | None = None,
    ) -> Path:
        return write_directory(self.book(language, wanted, today), target)

    def book(
        self, language: str, wanted: DirectoryFilter | None = None, today: date | None = None
    ) -> DirectoryBook:
        """The directory as printed in `language` (en, fr or ar; other codes print in English
        with the services' texts in that language where they have them)."""
        today = today or date.today()
        code = language_code(language) or "en"
        labels = chrome(code)

        said: dict[str, str] = {}

        def t(message: str) -> str:
            # Looked up once each: finding another language's catalog reads the disk.
            if message not in said:
                said[message] = translated_in(labels, message)
            return said[message]

        # Inactive services are in the directory for the record, not for families.
        wanted = replace(wanted or DirectoryFilter(), include_inactive=False)
        rows = self._directory.browse(wanted, sort="name", limit=EVERYTHING, today=today)
        services = self._services([row.uid for row in rows])
        categories = self._lookups.get_list("referral_category", labels).entries
        titles = {entry.code: entry.label for entry in categories}
        by_category: dict[str, list[DirectoryEntry]] = defaultdict(list)
        stale_before = verify_before(today)
        for service in services:
            key = service.category if service.category in titles else ""
            by_category[key].append(_entry(service, code, t, stale_before))
        order = [entry.code for entry in categories] + [""]
        other = t(N_("Other services"))
        with self._db.reading() as session:
            organization = session.scalars(select(Organization.name).limit(1)).first() or ""
        return DirectoryBook(
            title=t(N_("Resource directory")),
            organization=organization,
            printed=t(N_("Printed on {date}")).format(date=embedded(date_in(today, code))),
            contents=t(N_("Contents")),
            page_label=t(N_("Page {page} of {pages}")),
            right_to_left=LANGUAGES[labels].right_to_left,
            selection=self._selection(wanted, code, t, titles),
            legend=t(
                N_(
                    "Services whose information was not checked for over a year are marked: "
                    "call before sending a family there."
                )
            ),
            empty=t(N_("No service in the directory matches.")),
            categories=tuple(
                DirectoryCategory(titles.get(key, other), tuple(by_category[key]))
                for key in order
                if by_category.get(key)
            ),
        )

    def _selection(
        self,
        wanted: DirectoryFilter,
        code: str,
        t: _Translate,
        titles: dict[str, str],
    ) -> str:
        parts = []
        if wanted.text.strip():
            parts.append(t(N_("words “{text}”")).format(text=embedded(wanted.text.strip())))
        if wanted.category:
            parts.append(titles.get(wanted.category, wanted.category))
        if wanted.language:
            parts.append(language_names_in((wanted.language,), code))
        if wanted.evenings:
            parts.append(t(N_("Open evenings")))
        if wanted.in_french:
            parts.append(t(N_("Service in French")))
        if wanted.stale_only:
            parts.append(t(N_("Not checked for over a year")))
        if wanted.organization_uid:
            parts.append(self._directory.organization(wanted.organization_uid).name)
        if not parts:
            return ""
        return t(N_("Only the services chosen: {choice}")).format(choice="; ".join(parts))

    def _services(self, uids: list[str]) -> list[_Service]:
        """The services with their organization, place and contact people, in `uids` order,
        read in a handful of queries."""
        found: dict[str, _Service] = {}
        with self._db.reading() as session:
            for start in range(0, len(uids), CHUNK):
                chunk = uids[start : start + CHUNK]
                rows = session.scalars(
                    select(DirectoryService).where(DirectoryService.uid.in_(chunk))
                ).all()
                organizations = {
                    o.id: o
                    for o in session.scalars(
                        select(ServiceOrganization).where(
                            ServiceOrganization.id.in_({r.organization_id for r in rows})
                        )
                    )
                }
                places = {
                    p.id: p
                    for p in session.scalars(
                        select(ServiceLocation).where(
                            ServiceLocation.id.in_({r.location_id for r in rows if r.location_id})
                        )
                    )
                }
                contacts: dict[tuple[int, int | None], list[ServiceContactPerson]] = defaultdict(
                    list
                )
                for person in session.scalars(
                    select(ServiceContactPerson)
                    .where(
                        ServiceContactPerson.deleted_at.is_(None),
                        or_(
                            ServiceContactPerson.service_id.in_({r.id for r in rows}),
                            ServiceContactPerson.service_id.is_(None)
                            & ServiceContactPerson.organization_id.in_(set(organizations)),
                        ),
                    )
                    .order_by(ServiceContactPerson.id)
                ):
                    contacts[(person.organization_id, person.service_id)].append(person)
                for row in rows:
                    place = places.get(row.location_id) if row.location_id else None
                    people = contacts.get((row.organization_id, row.id)) or contacts.get(
                        (row.organization_id, None), []
                    )
                    organization = organizations[row.organization_id]
                    found[row.uid] = _Service(
                        name=row.name,
                        organization=organization.name,
                        category=row.category,
                        eligibility=dict(row.eligibility or {}),
                        languages=tuple(row.languages or ()),
                        in_french=row.in_french,
                        hours=row.hours,
                        open_evenings=row.open_evenings,
                        open_weekends=row.open_weekends,
                        regardless_of_status=row.regardless_of_status,
                        cost=row.cost,
                        phone=row.phone or organization.phone,
                        verified_on=row.verified_on,
                        address=_address(place),
                        contacts=tuple(
                            tuple(part for part in (p.name, p.title, p.phone) if part)
                            for p in people[:MOST_CONTACTS]
                        ),
                    )
        return [found[uid] for uid in uids if uid in found]
