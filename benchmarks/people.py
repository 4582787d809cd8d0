"""People roster at 100,000 people: name search through the service against a raw sqlite3 FTS5
query on the same file, and the roster's first screen in a real (offscreen) panel.

    .venv/bin/python benchmarks/people.py [--people 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from communitydesk.core.paths import DataPaths
from communitydesk.core.text import fold, skeleton
from communitydesk.services.context import open_data_folder


def _queries(names: list[str], count: int, rnd: random.Random) -> list[str]:
    """What a coordinator types: the start of a name, a middle part, or two words."""
    queries = []
    for _ in range(count):
        words = fold(rnd.choice(names)).split()
        word = rnd.choice(words)
        kind = rnd.random()
        if kind < 0.5:
            queries.append(word[: rnd.randint(3, max(3, len(word)))])
        elif kind < 0.8 and len(word) > 4:
            start = rnd.randint(0, len(word) - 4)
            queries.append(word[start : start + 4])
        else:
            queries.append(" ".join(words[:2]))
    return queries


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(values) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        services = open_data_folder(DataPaths(Path(folder)))
        services.demo.generate(people=args.people, seed=3)
        names = [
            r.display_name + " " + r.latin_name for r in services.people.search(limit=5000).rows
        ]
        queries = _queries(names, args.queries, rnd)

        ours = []
        for query in queries:
            start = time.perf_counter()
            services.people.search(query, limit=500)
            ours.append(time.perf_counter() - start)

        raw = sqlite3.connect(services.paths.database)
        floor = []
        for query in queries:
            match = (
                " AND ".join(
                    f'(sort_key : "{w}" OR name_skeleton : "{skeleton(w)}")'
                    for w in fold(query).split()
                    if len(skeleton(w)) >= 3
                )
                or '""'
            )
            start = time.perf_counter()
            raw.execute(
                "SELECT count(*) FROM person_name_fts WHERE person_name_fts MATCH ?", (match,)
            ).fetchone()
            raw.execute(
                "SELECT p.id FROM person p JOIN person_name_fts f ON f.rowid = p.id "
                "WHERE person_name_fts MATCH ? ORDER BY p.sort_key LIMIT 500",
                (match,),
            ).fetchall()
            floor.append(time.perf_counter() - start)
        raw.close()

        from PySide6.QtWidgets import QApplication

        from communitydesk.ui.panels.people import PeoplePanel
        from communitydesk.ui.tasks import TaskRunner

        app = QApplication([])
        tasks = TaskRunner()
        screens = []
        for _ in range(5):
            start = time.perf_counter()
            panel = PeoplePanel(services.people, services.roster_export, tasks)
            panel.show()
            while panel.model.rowCount() == 0:
                app.processEvents()
            app.processEvents()
            screens.append(time.perf_counter() - start)
            panel.close()
        services.close()

    print(f"Name search over {args.people:,} people, {args.queries} queries (count + first 500)")
    print(f"  CommunityDesk search     {_ms(ours)}")
    print(f"  raw sqlite3 FTS5 floor   {_ms(floor)}")
    print(f"  ratio (medians)          {statistics.median(ours) / statistics.median(floor):.2f} x")
    print(f"Roster first screen        median {statistics.median(screens) * 1000:6.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory of this run    {peak:6.1f} MB")


if __name__ == "__main__":
    main()
