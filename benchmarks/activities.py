"""Activity figures for a year of a large organization, against raw sqlite3 on the same file.

The organization: 10,000 people (the demo's households, languages, years of birth and arrival;
the demo's own activities, if it makes any, are replaced), 100 programs meeting weekly (5,000
sessions over the year), 250,000 named attendances, head counts at one session in sixteen (two
of their people named since), 20,000 volunteer-hours entries; a few sessions, programs and
people in the Trash. The activity rows are written with Core bulk inserts.

Measured, median and max of several runs: `figures()` for the whole year, for one program,
`trend()`, `top_programs()` and `per_program()`, plus whatever `more_operations()` adds (the
funder report's PDF, once it exists). The floor is raw sqlite3 counting the distinct people who
came in the year (`SELECT COUNT(DISTINCT person_id) FROM attendance JOIN activity_session ...`).
The statements each operation sends are counted, and SQLite's plan for each is printed with
`--plans`, to check which indexes are used.

    .venv/bin/python benchmarks/activities.py [--people 10000] [--programs 100]
        [--attendance 250000] [--hours 20000] [--rounds 7] [--plans]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, insert, select, update

from communitydesk.core.paths import DataPaths
from communitydesk.models import (
    ActivitySession,
    Attendance,
    Feedback,
    HeadCount,
    Person,
    Program,
    Suggestion,
    VolunteerHours,
)
from communitydesk.models.base import new_uid
from communitydesk.services.activity_stats import ActivityStatsService, Period
from communitydesk.services.context import Services, open_data_folder

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 12, 31)  # every session of the year held
GOAL_MS = 300  # the whole year's figures
CATEGORIES = ("education", "seniors", "youth", "health", "employment", "culture", "sport")
FLOOR_SQL = (
    "SELECT COUNT(DISTINCT a.person_id) FROM attendance a "
    "JOIN activity_session s ON s.id = a.session_id "
    "WHERE s.deleted_at IS NULL AND s.held_on BETWEEN ? AND ?"
)


# --- the organization ----------------------------------------------------------------------------


@dataclass
class Generated:
    people: int = 0
    programs: int = 0
    sessions: int = 0
    attendance: int = 0
    head_counts: int = 0
    linked: int = 0
    hours: int = 0
    program_uids: list[str] = field(default_factory=list)


def _generate(
    services: Services, programs: int, attendance: int, hours: int, rnd: random.Random
) -> Generated:
    """Programs, sessions, attendance, head counts and hours for the demo's people."""
    db = services.database
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "deleted_at": None}
    made = Generated()
    with db.reading() as session:
        person_ids = list(session.scalars(select(Person.id).order_by(Person.id)))
    made.people = len(person_ids)
    weeks = 52 if programs * 52 <= 5000 else 50
    per_session = max(1, round(attendance / (programs * weeks)))

    program_rows: list[dict[str, Any]] = [
        {
            "id": index + 1,
            "uid": new_uid(),
            "name": f"Program {index + 1:03d}",
            "category": CATEGORIES[index % len(CATEGORIES)],
            "populations": [],
            "issues": [],
            "service_stream": "",
            "languages": [],
            "description": "",
            "ongoing": True,
            **stamp,
        }
        for index in range(programs)
    ]
    session_rows: list[dict[str, Any]] = []
    attendance_rows: list[dict[str, Any]] = []
    head_count_rows: list[dict[str, Any]] = []
    session_id = head_count_id = 0
    for program in program_rows:
        # Each program has its regulars: a pool of 1.5 to 3 times a session's attendance.
        pool = rnd.sample(person_ids, min(len(person_ids), int(per_session * rnd.uniform(1.5, 3))))
        first = YEAR.start + timedelta(days=rnd.randint(0, 6))
        for week in range(weeks):
            session_id += 1
            session_rows.append(
                {
                    "id": session_id,
                    "uid": new_uid(),
                    "program_id": program["id"],
                    "held_on": first + timedelta(weeks=week),
                    "topic": "",
                    "notes": "",
                    **stamp,
                }
            )
            came = rnd.sample(pool, min(len(pool), max(1, int(rnd.gauss(per_session, 5)))))
            count_id = None
            if rnd.random() < 1 / 16:  # a festival or an open house: counted at the door
                for band, gender in rnd.sample(
                    [(b, g) for b in ("6-12", "25-44", "65+", "") for g in ("woman", "man", "")], 2
                ):
                    head_count_id += 1
                    count_id = count_id or head_count_id
                    head_count_rows.append(
                        {
                            "id": head_count_id,
                            "session_id": session_id,
                            "age_band": band,
                            "gender": gender,
                            "language": rnd.choice(("so", "ar", "fr", "")),
                            "people": rnd.randint(2, 20),
                        }
                    )
            for index, person_id in enumerate(came):
                linked = count_id if count_id and index < 2 else None  # named since
                made.linked += linked is not None
                attendance_rows.append(
                    {
                        "session_id": session_id,
                        "person_id": person_id,
                        "head_count_id": linked,
                        "created_at": now,
                    }
                )
    volunteers = rnd.sample(person_ids, min(len(person_ids), 1000))
    hour_rows = []
    for _ in range(hours):
        kind = rnd.random()
        tied = rnd.choice(session_rows)
        hour_rows.append(
            {
                "uid": new_uid(),
                "person_id": rnd.choice(volunteers),
                "session_id": tied["id"] if kind < 0.6 else None,
                "program_id": rnd.randint(1, programs) if 0.6 <= kind < 0.8 else None,
                "worked_on": tied["held_on"]
                if kind < 0.6
                else YEAR.start + timedelta(days=rnd.randint(0, 364)),
                "minutes": rnd.choice((30, 45, 60, 90, 120, 180, 240)),
                "role": "",
                "note": "",
                **stamp,
            }
        )

    with db.engine.begin() as connection:
        # The demo's own activities (if it makes some) give way to these, of known sizes.
        for model in (Attendance, HeadCount, VolunteerHours, Feedback, Suggestion):
            connection.execute(delete(model))
        connection.execute(delete(ActivitySession))
        connection.execute(delete(Program))
        connection.execute(insert(Program), program_rows)
        connection.execute(insert(ActivitySession), session_rows)
        connection.execute(insert(HeadCount), head_count_rows)
        for start in range(0, len(attendance_rows), 50_000):
            connection.execute(insert(Attendance), attendance_rows[start : start + 50_000])
        connection.execute(insert(VolunteerHours), hour_rows)
        # A little of everything in the Trash, as in a real file.
        connection.execute(
            update(ActivitySession).where(ActivitySession.id % 50 == 0).values(deleted_at=now)
        )
        connection.execute(update(Program).where(Program.id.in_((7, 8))).values(deleted_at=now))
        connection.execute(update(Person).where(Person.id % 100 == 0).values(deleted_at=now))
    made.programs = len(program_rows)
    made.sessions = len(session_rows)
    made.attendance = len(attendance_rows)
    made.head_counts = len(head_count_rows)
    made.hours = len(hour_rows)
    made.program_uids = [str(row["uid"]) for row in program_rows]
    return made


# --- measuring -----------------------------------------------------------------------------------


@dataclass
class Statements:
    """The SQL statements an operation sent, with their parameters."""

    sent: list[tuple[str, Any]] = field(default_factory=list)


@contextmanager
def _recording(services: Services) -> Iterator[Statements]:
    statements = Statements()

    def before(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        statements.sent.append((statement, parameters))

    event.listen(services.database.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(services.database.engine, "before_cursor_execute", before)


def _timed(action: Callable[[], object], rounds: int) -> list[float]:
    action()  # warm the page cache and SQLAlchemy's statement cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def operations(services: Services, program_uid: str) -> dict[str, Callable[[], object]]:
    """The operations measured, by the name printed."""
    stats = ActivityStatsService(services.database)
    measured: dict[str, Callable[[], object]] = {
        "figures, whole year": lambda: stats.figures(YEAR, today=TODAY),
        "figures, one program": lambda: stats.figures(YEAR, program_uid, today=TODAY),
        "trend, 12 months": lambda: stats.trend(YEAR, today=TODAY),
        "top programs": lambda: stats.top_programs(YEAR, today=TODAY),
        "per program": lambda: stats.per_program(YEAR, today=TODAY),
    }
    measured.update(more_operations(services, YEAR, TODAY))
    return measured


_KEPT: list[object] = []


def more_operations(
    services: Services, period: Period, today: date
) -> dict[str, Callable[[], object]]:
    """The funder report for the same year: its figures, and the whole PDF as the window
    makes it (charts drawn, then the document laid out and written by Qt)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from communitydesk.ui.printing import render_charts, save_pdf
    from communitydesk.ui.qt_language import load_bundled_fonts

    application = QApplication.instance() or QApplication([])
    load_bundled_fonts()
    target = Path(tempfile.mkdtemp()) / "activity-report.pdf"
    report = services.activity_report

    def pdf() -> object:
        document = report.document(report.build(period, today=today))
        return save_pdf(document, target, render_charts(document))

    operations: dict[str, Callable[[], object]] = {
        "report figures": lambda: report.build(period, today=today),
        "report PDF": pdf,
    }
    _KEPT.append(application)  # alive while the operations are timed
    return operations


def _floor(path: Path, rounds: int) -> list[float]:
    raw = sqlite3.connect(path)
    parameters = (YEAR.start.isoformat(), TODAY.isoformat())
    times = _timed(lambda: raw.execute(FLOOR_SQL, parameters).fetchone(), rounds)
    raw.close()
    return times


def _fetch(raw: sqlite3.Connection, sql: str, parameters: Any) -> list[Any]:
    return raw.execute(sql, parameters).fetchall()


def _plans(path: Path, statements: Statements) -> list[str]:
    """SQLite's plan of each statement, one line per step, after the statement's own time in
    raw sqlite3 (median of three)."""
    raw = sqlite3.connect(path)
    lines = []
    for number, (sql, parameters) in enumerate(statements.sent, 1):
        times = _timed(partial(_fetch, raw, sql, parameters), 3)
        first = " ".join(sql.split())[:90]
        lines.append(f"    [{number}] {statistics.median(times) * 1000:6.1f} ms  {first}")
        for row in raw.execute("EXPLAIN QUERY PLAN " + sql, parameters):
            lines.append(f"          {row[-1]}")
    raw.close()
    return lines


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.1f} ms   max {max(values) * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--attendance", type=int, default=250_000)
    parser.add_argument("--hours", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--plans", action="store_true", help="print SQLite's query plans")
    args = parser.parse_args()
    rnd = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        services = open_data_folder(DataPaths(Path(folder)))
        start = time.perf_counter()
        services.demo.generate(people=args.people, seed=3)
        made = _generate(services, args.programs, args.attendance, args.hours, rnd)
        generated = time.perf_counter() - start
        program_uid = made.program_uids[0]

        timings: dict[str, list[float]] = {}
        sent: dict[str, Statements] = {}
        for name, action in operations(services, program_uid).items():
            with _recording(services) as statements:
                action()
            sent[name] = statements
            timings[name] = _timed(action, args.rounds)
        floor = _floor(services.paths.database, args.rounds)
        plans = _plans(services.paths.database, sent["figures, whole year"]) if args.plans else []
        figures = ActivityStatsService(services.database).figures(YEAR, today=TODAY)
        services.close()

    print(
        f"Activities over one year: {made.people:,} people, {made.programs} programs, "
        f"{made.sessions:,} sessions, {made.attendance:,} attendances, {made.head_counts:,} "
        f"head counts ({made.linked:,} people named from them), {made.hours:,} volunteer "
        f"entries; generated in {generated:.1f} s; {args.rounds} runs each"
    )
    print(
        f"  whole year: {figures.sessions_held:,} sessions held, {figures.attendances:,} "
        f"attendances, {figures.unique_participants:,} unique participants "
        f"({figures.unique_named:,} named), {figures.volunteer_minutes // 60:,} volunteer hours"
    )
    floor_median = statistics.median(floor)
    print(f"  {'raw sqlite3 floor':<24} {_ms(floor)}   (COUNT(DISTINCT person_id), the year)")
    for name, times in timings.items():
        ratio = statistics.median(times) / floor_median
        print(
            f"  {name:<24} {_ms(times)}   {ratio:5.2f} x floor   {len(sent[name].sent)} statements"
        )
    whole = statistics.median(timings["figures, whole year"]) * 1000
    print(f"  goal: the whole year's figures under {GOAL_MS} ms -> {whole:.0f} ms")
    if plans:
        print("  SQLite's plans for the whole year's figures:")
        print("\n".join(plans))


if __name__ == "__main__":
    main()
