"""Safety at 100,000 people: opening, searching and backing up, encrypted against plain.

    .venv/bin/python benchmarks/safety.py [--people 100000] [--queries 100]

The floor is the same data folder unencrypted; the ratios say what SQLCipher costs. Opening an
encrypted folder includes unwrapping the key from the passphrase (PBKDF2, on purpose slow).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from communitydesk.core.paths import DataPaths
from communitydesk.db.engine import forget_key
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.people import RosterFilter

PASSPHRASE = "benchmark cedar tree"


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _measure(paths: DataPaths, passphrase: str | None, words: list[str]) -> dict[str, float]:
    forget_key()
    opened: list[Services] = []
    figures = {"open": _timed(lambda: opened.append(open_data_folder(paths, passphrase)))}
    services = opened[0]
    services.people.roster(RosterFilter(), limit=500)  # warm the pool and the cache
    searches = []
    for word in words:
        start = time.perf_counter()
        services.people.search(word, limit=500)
        searches.append(time.perf_counter() - start)
    figures["search"] = statistics.median(searches)
    sorts = []
    for sort in ("name", "phone", "languages"):
        start = time.perf_counter()
        services.people.roster(RosterFilter(sort=sort), limit=500)
        sorts.append(time.perf_counter() - start)
    figures["sort"] = statistics.median(sorts)
    target = paths.root.parent / f"copy-{'enc' if passphrase else 'plain'}.sqlite3"
    figures["backup"] = _timed(lambda: services.maintenance.backup(target))
    figures["size"] = target.stat().st_size / 1_000_000
    services.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = DataPaths(Path(folder) / "data")
        services = open_data_folder(paths)
        services.demo.generate(people=args.people, seed=3)
        names = [r.display_name for r in services.people.search(limit=5000).rows]
        services.close()
        rnd = random.Random(5)
        words = [rnd.choice(rnd.choice(names).split())[:4] for _ in range(args.queries)]

        plain = _measure(paths, None, words)
        start = time.perf_counter()
        open_data_folder(paths).maintenance.encrypt(PASSPHRASE)
        encrypt_time = time.perf_counter() - start
        encrypted = _measure(paths, PASSPHRASE, words)
        forget_key()

    print(f"Safety figures over {args.people:,} people (medians; floor: the same data, plain)")
    print(f"  {'':28} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    for key, label in (
        ("open", "open the data folder"),
        ("search", "name search (first 500)"),
        ("sort", "roster re-sort (first 500)"),
        ("backup", "verified backup"),
    ):
        p, e = plain[key] * 1000, encrypted[key] * 1000
        print(f"  {label:28} {p:8.1f} ms {e:8.1f} ms {e / p:6.2f}x")
    print(f"  {'backup size':28} {plain['size']:8.1f} MB {encrypted['size']:8.1f} MB")
    print(f"  turning encryption on (data and its backups): {encrypt_time:.1f} s")


if __name__ == "__main__":
    main()
