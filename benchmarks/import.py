"""Importing 50,000 people into a roster that already holds 50,000 (5% of the file are people
already there): the preview and the commit, against the floor of parsing the same file with
`csv` and inserting its rows with raw sqlite3 `executemany`.

    .venv/bin/python benchmarks/import.py [--rows 50000] [--existing 50000]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder

HEADERS = ["Prénom", "Nom", "Téléphone", "Courriel", "Langue", "Né en", "Famille", "Lien"]
GIVEN = ["Amina", "Hodan", "José", "Lucía", "Thu Hà", "محمد", "Yonas", "Selam", "Ana", "Oksana"]
FAMILY = ["Warsame", "Peña", "Nguyễn", "الحسن", "Haile", "Tesfay", "Núñez", "Bondarenko"]
LANGUAGES = ["somali", "espagnol", "vietnamien", "arabe; français", "tigrigna", "ukrainien"]


def _write_file(
    path: Path, rows: int, existing: list[tuple[str, str, str]], rnd: random.Random
) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for index in range(rows):
            if existing and rnd.random() < 0.05:  # someone already in the roster
                given, family, phone = rnd.choice(existing)
                writer.writerow([given, family, phone, "", "", "", "", ""])
                continue
            given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
            writer.writerow(
                [
                    given,
                    f"{family}{index}",
                    f"613-555-{index % 10000:04d}",
                    f"p{index}@example.org",
                    rnd.choice(LANGUAGES),
                    str(rnd.randint(1940, 2015)),
                    f"{family}{index // 4}",
                    rnd.choice(["chef de famille", "enfant", "conjoint"]),
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--existing", type=int, default=50_000)
    args = parser.parse_args()
    rnd = random.Random(4)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        services = open_data_folder(DataPaths(root / "data"))
        services.demo.generate(people=args.existing, seed=3)
        sample = services.people.search(limit=5000).rows
        existing = []
        for row in sample[:500]:
            person = services.people.get(row.uid).person
            existing.append((person.given_name, person.family_name, person.phone))
        sheet = root / "members.csv"
        _write_file(sheet, args.rows, existing, rnd)

        start = time.perf_counter()
        preview = services.imports.preview(sheet)
        preview_time = time.perf_counter() - start
        start = time.perf_counter()
        summary = services.imports.commit(preview)
        commit_time = time.perf_counter() - start
        services.close()

        floor_db = root / "floor.sqlite3"
        raw = sqlite3.connect(floor_db)
        raw.execute(
            "CREATE TABLE person (uid TEXT, given TEXT, family TEXT, phone TEXT, email TEXT)"
        )
        start = time.perf_counter()
        with sheet.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))[1:]
        with raw:
            raw.executemany(
                "INSERT INTO person VALUES (?, ?, ?, ?, ?)",
                [(str(uuid.uuid4()), r[0], r[1], r[2], r[3]) for r in rows],
            )
        floor = time.perf_counter() - start
        raw.close()

    total = preview_time + commit_time
    print(f"Import of {args.rows:,} rows into {args.existing:,} people")
    print(f"  preview (read, check, compare)   {preview_time:6.2f} s")
    print(f"  commit (one transaction)          {commit_time:6.2f} s")
    print(f"  total                             {total:6.2f} s   (goal: under 20 s)")
    print(f"  floor: csv + raw executemany      {floor:6.2f} s   ratio {total / floor:.1f} x")
    print(f"  added {summary.created:,}, already there {len(preview.already_there):,},")
    print(
        f"  possible duplicates {len(preview.possible_duplicates):,}, "
        f"rejected {len(preview.rejected):,}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory                       {peak:6.1f} MB")


if __name__ == "__main__":
    main()
