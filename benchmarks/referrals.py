"""The directory and the referral log of a hub-sized file, against raw sqlite3 on the same file.

A hub sends a directory of 2,000 services from 400 organizations (each with a contact person and
an address); the group has 10,000 people and 50,000 referrals over two years, a few hundred of
them with follow-ups due. Rows are written with Core bulk inserts.

Measured, median and max of several runs: the directory list (first page, sorted by name; by
search words; by category and evenings; the stale ones), the referral log (newest first; by
search words), the follow-ups due, the groundwork report for a year, and the PDFs: a referral
card and the whole resource directory. The floor is raw sqlite3 reading the first page of the
directory sorted by name.

    .venv/bin/python benchmarks/referrals.py [--people 10000] [--services 2000]
        [--referrals 50000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from communitydesk.core.paths import DataPaths
from communitydesk.core.text import search_key
from communitydesk.models import (
    DirectoryService,
    LookupItem,
    Person,
    Referral,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)
from communitydesk.models.base import new_uid
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.directory import DirectoryFilter
from communitydesk.services.referrals import ReferralFilter

TODAY = date(2026, 11, 23)
WORDS = ("clinic", "food", "legal", "housing", "language", "youth", "seniors", "women", "jobs")
OUTCOMES = ("connected", "connected", "connected", "waiting", "not_eligible", "did_not_go", "")
FLOOR_SQL = (
    "SELECT uid, name FROM directory_service WHERE deleted_at IS NULL AND is_active = 1 "
    "ORDER BY lower(name) LIMIT 500"
)


def _generate(
    services: Services, organizations: int, count: int, referrals: int, rnd: random.Random
) -> tuple[int, int]:
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "deleted_at": None}
    db = services.database
    with db.reading() as session:
        people = list(session.scalars(select(Person.id).where(Person.deleted_at.is_(None))))
        categories = list(
            session.scalars(
                select(LookupItem.code).where(LookupItem.list_key == "referral_category")
            )
        )
        barriers = list(
            session.scalars(
                select(LookupItem.code).where(LookupItem.list_key == "referral_barrier")
            )
        )
    organization_rows: list[dict[str, Any]] = []
    location_rows: list[dict[str, Any]] = []
    contact_rows: list[dict[str, Any]] = []
    service_rows: list[dict[str, Any]] = []
    base = 100_000  # clear of the demo's own ids
    for index in range(organizations):
        name = f"{rnd.choice(WORDS).title()} Centre {index:04d}"
        organization_rows.append(
            {
                "id": base + index,
                "uid": new_uid(),
                "name": name,
                "alternate_name": "",
                "description": {},
                "website": "",
                "email": "",
                "phone": "613-555-0100",
                "notes": "",
                "exchange_source": "Hub",
                "exchange_fingerprint": "",
                **stamp,
            }
        )
        location_rows.append(
            {
                "id": base + index,
                "uid": new_uid(),
                "organization_id": base + index,
                "name": "",
                "address_1": f"{index} Main Street",
                "address_2": "",
                "city": "Ottawa",
                "province": "ON",
                "postal_code": "K1A 0A1",
                "country": "CA",
                "transit": "Bus 7",
                "wheelchair_accessible": True,
                "accessibility": "",
                "exchange_source": "Hub",
                "exchange_fingerprint": "",
                **stamp,
            }
        )
    for index in range(count):
        organization = organization_rows[index % organizations]
        name = f"{rnd.choice(WORDS).title()} service {index:05d}"
        contact = f"Contact {index:05d}"
        description = {"en": f"Help with {rnd.choice(WORDS)} for families", "fr": "Aide"}
        service_rows.append(
            {
                "id": base + index,
                "uid": new_uid(),
                "organization_id": organization["id"],
                "location_id": organization["id"],
                "name": name,
                "category": rnd.choice(categories),
                "description": description,
                "eligibility": {"en": "Anyone"},
                "what_to_bring": {"en": "ID"},
                "languages": rnd.sample(["en", "fr", "ar", "so", "es", "fa"], 2),
                "in_french": rnd.random() < 0.3,
                "hours": "Mon-Fri 9-5",
                "open_evenings": rnd.random() < 0.2,
                "open_weekends": False,
                "childcare": False,
                "regardless_of_status": True,
                "cost": "Free",
                "how_to_refer": "Call",
                "phone": "",
                "email": "",
                "website": "",
                "verified_on": TODAY - timedelta(days=rnd.randint(0, 600)),
                "verified_by": "Hub",
                "is_active": rnd.random() < 0.97,
                "notes": "",
                "search_text": search_key(
                    name, organization["name"], *description.values(), contact
                ),
                "exchange_source": "Hub",
                "exchange_fingerprint": "",
                **stamp,
            }
        )
        contact_rows.append(
            {
                "uid": new_uid(),
                "organization_id": organization["id"],
                "service_id": base + index,
                "name": contact,
                "title": "",
                "phone": "613-555-0101",
                "email": "",
                "languages": [],
                "notes": "",
                "exchange_source": "Hub",
                "exchange_fingerprint": "",
                **stamp,
            }
        )
    referral_rows = []
    for _ in range(referrals):
        referred_on = TODAY - timedelta(days=rnd.randint(0, 730))
        outcome = rnd.choice(OUTCOMES) if referred_on < TODAY - timedelta(days=14) else ""
        follow_up = None if outcome not in ("", "waiting") else referred_on + timedelta(days=7)
        referral_rows.append(
            {
                "uid": new_uid(),
                "person_id": rnd.choice(people),
                "household_id": None,
                "service_id": base + rnd.randrange(count),
                "contact_id": None,
                "referred_on": referred_on,
                "reason": "",
                "referred_by_id": None,
                "referred_by": "",
                "follow_up_on": follow_up,
                "outcome": outcome,
                "outcome_on": referred_on + timedelta(days=10) if outcome else None,
                "outcome_note": "",
                "barriers": rnd.sample(barriers, 1) if rnd.random() < 0.2 else [],
                **stamp,
            }
        )
    with db.engine.begin() as connection:
        connection.execute(insert(ServiceOrganization), organization_rows)
        connection.execute(insert(ServiceLocation), location_rows)
        connection.execute(insert(DirectoryService), service_rows)
        connection.execute(insert(ServiceContactPerson), contact_rows)
        for start in range(0, len(referral_rows), 10_000):
            connection.execute(insert(Referral), referral_rows[start : start + 10_000])
    return len(service_rows), len(referral_rows)


def _timed(action: Callable[[], object], rounds: int) -> list[float]:
    action()  # warm the page cache and SQLAlchemy's statement cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:8.1f} ms   max {max(values) * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--services", type=int, default=2_000)
    parser.add_argument("--referrals", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    rnd = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        services = open_data_folder(DataPaths(Path(folder) / "data"))
        start = time.perf_counter()
        services.demo.generate(people=args.people, seed=3)
        made, logged = _generate(services, args.services // 5, args.services, args.referrals, rnd)
        generated = time.perf_counter() - start
        directory, log = services.directory, services.referrals
        out = Path(folder)
        one = directory.browse(DirectoryFilter(), limit=1)[0].uid
        year = (date(TODAY.year - 1, TODAY.month, TODAY.day), TODAY)
        quick: dict[str, Callable[[], object]] = {
            "directory: first page": lambda: directory.browse(DirectoryFilter(), today=TODAY),
            "directory: count": lambda: directory.count(DirectoryFilter(), TODAY),
            "directory: 2 search words": lambda: directory.browse(
                DirectoryFilter(text="food famil"), today=TODAY
            ),
            "directory: category+evenings": lambda: directory.browse(
                DirectoryFilter(category="health", evenings=True), today=TODAY
            ),
            "directory: needs checking": lambda: directory.browse(
                DirectoryFilter(stale_only=True), sort="verified_on", today=TODAY
            ),
            "one service (detail pane)": lambda: directory.service(one),
            "log: newest page": lambda: log.page(ReferralFilter(), limit=200),
            "log: search words": lambda: log.page(ReferralFilter(text="ami"), limit=200),
            "log: count": lambda: log.count(ReferralFilter()),
            "follow-ups due": lambda: log.due(TODAY),
            "groundwork report (year)": lambda: services.groundwork.build(*year),
        }
        slow: dict[str, Callable[[], object]] = {
            "referral card PDF": lambda: services.referral_cards.write(
                one, out / "card.pdf", language="ar", second_language="en"
            ),
            "resource directory PDF": lambda: services.resource_directory.write(
                out / "directory.pdf", "en", today=TODAY
            ),
        }
        timings = {name: _timed(action, args.rounds) for name, action in quick.items()}
        timings.update({name: _timed(action, 2) for name, action in slow.items()})
        raw = sqlite3.connect(services.paths.database)
        floor = _timed(lambda: raw.execute(FLOOR_SQL).fetchall(), args.rounds * 4)
        raw.close()
        from pypdf import PdfReader

        pages = len(PdfReader(out / "directory.pdf").pages)
        due = len(log.due(TODAY))
        services.close()

    print(
        f"Referrals: {made:,} hub services from {args.services // 5:,} organizations, "
        f"{logged:,} referrals over two years for {args.people:,} people ({due} follow-ups "
        f"due); generated in {generated:.1f} s; the directory PDF has {pages} pages"
    )
    floor_median = statistics.median(floor)
    print(f"  {'raw sqlite3 floor':<30} {_ms(floor)}   (first 500 services by name)")
    for name, times in timings.items():
        ratio = statistics.median(times) / floor_median
        print(f"  {name:<30} {_ms(times)}   {ratio:8.1f} x floor")


if __name__ == "__main__":
    main()
