"""A process killed in the middle of writing leaves a healthy file with every committed row."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder

WRITER = r"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from sqlalchemy import insert
from communitydesk.core.paths import DataPaths
from communitydesk.models import Person
from communitydesk.services.context import open_data_folder

services = open_data_folder(DataPaths(Path(sys.argv[1])))
batch = 0
while True:
    now = datetime.now(timezone.utc)
    with services.database.unit_of_work() as session:
        session.execute(insert(Person), [
            {"uid": f"{batch:08d}-{i:027d}", "given_name": f"P{batch}-{i}", "sort_key": "p",
             "languages": [], "created_at": now, "updated_at": now}
            for i in range(200)
        ])
    print(batch, flush=True)  # printed only once the batch is committed
    batch += 1
"""


def test_kill_9_during_writes_loses_nothing_committed(paths: DataPaths) -> None:
    open_data_folder(paths).close()
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(paths.root)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    committed = -1
    deadline = time.monotonic() + 60
    while committed < 25 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        committed = int(line)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert committed >= 25, "the writer never got going"

    services = open_data_folder(paths)
    try:
        report = services.maintenance.check()
        assert report.healthy, report.problems
        people = dict(report.counts)["person"]
        assert people >= (committed + 1) * 200  # every batch it said was committed is there
        assert people % 200 == 0  # and no batch is there in part
    finally:
        services.close()


BACKER = r"""
import sys
from pathlib import Path
from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder

services = open_data_folder(DataPaths(Path(sys.argv[1])))
print("ready", flush=True)
n = 0
while True:
    services.maintenance.backup(Path(sys.argv[2]) / f"copy-{n}.sqlite3")
    n += 1
"""


def test_kill_9_during_a_backup_leaves_the_data_and_finished_copies_sound(
    paths: DataPaths, tmp_path: object
) -> None:
    from pathlib import Path

    services = open_data_folder(paths)
    services.demo.generate(people=3000, seed=1)
    services.close()
    usb = Path(str(tmp_path)) / "usb"
    process = subprocess.Popen(
        [sys.executable, "-c", BACKER, str(paths.root), str(usb)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 60
    while len(list(usb.glob("copy-*.sqlite3"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # somewhere in the middle of the next copy
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()

    from communitydesk.db.backup import verify_backup_file

    finished = sorted(usb.glob("copy-*.sqlite3"))
    assert len(finished) >= 2
    for copy in finished:  # a copy is there whole, or not under its name at all
        assert verify_backup_file(copy) is not None
    services = open_data_folder(paths)
    try:
        assert services.maintenance.check().healthy
        assert services.dashboard.summary().people == 3000
    finally:
        services.close()


def test_a_full_disk_during_a_write_saves_nothing_and_says_so(paths: DataPaths) -> None:
    import pytest
    from sqlalchemy import event

    from communitydesk.core.errors import DatabaseError
    from communitydesk.services.people import PersonInput

    services = open_data_folder(paths)
    try:
        services.people.create(PersonInput("Hodan", "Warsame"))
        before = services.maintenance.check().counts

        # The file may not grow any more: SQLite answers as on a full disk.
        def cap(dbapi_connection: object, _record: object) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

        services.database.engine.dispose()
        event.listen(services.database.engine, "connect", cap)
        with pytest.raises(DatabaseError) as raised:
            services.demo.generate(people=2000, seed=2, force=True)
        assert raised.value.message == "The disk is full or cannot be written. Nothing was saved."
        event.remove(services.database.engine, "connect", cap)
        services.database.engine.dispose()
        assert services.maintenance.check().counts == before
        assert services.people.search("Hodan").total == 1
    finally:
        services.close()


IMPORTER = r"""
import sys
from pathlib import Path
from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder

services = open_data_folder(DataPaths(Path(sys.argv[1])))
preview = services.imports.preview(Path(sys.argv[2]))
print("committing", flush=True)
services.imports.commit(preview)
print("committed", flush=True)
"""


def test_kill_9_during_an_import_leaves_all_of_it_or_none(
    paths: DataPaths, tmp_path: object
) -> None:
    from pathlib import Path

    services = open_data_folder(paths)
    services.demo.generate(people=50, seed=1)
    before = services.dashboard.summary().people
    services.close()
    sheet = Path(str(tmp_path)) / "members.csv"
    lines = ["First name,Family name,Phone"] + [
        f"Person{i},Family{i},613-555-{i % 10000:04d}" for i in range(20_000)
    ]
    sheet.write_text("\n".join(lines), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(paths.root), str(sheet)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "committing"
    time.sleep(0.3)  # in the middle of writing twenty thousand people
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()

    services = open_data_folder(paths)
    try:
        assert services.maintenance.check().healthy
        people = services.dashboard.summary().people
        assert people in (before, before + 20_000)  # the whole import, or none of it
        batches = services.imports.imports()
        assert len(batches) == (1 if people > before else 0)
    finally:
        services.close()


BOOKKEEPER = r"""
import sys
from datetime import date
from pathlib import Path
from communitydesk.core.paths import DataPaths
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import open_data_folder
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.transactions import SplitInput, TransactionInput

services = open_data_folder(DataPaths(Path(sys.argv[1])))
services.organization.create(OrganizationProfile(name="Books under stress"))
account = services.accounts.create(AccountInput("Bank", date(2026, 1, 1), opening_cents=0)).uid
codes = {c.code: c.uid for c in services.categories.tree()}
receipt = Path(sys.argv[2])
spending, receiving = ("food", "supplies", "rent"), ("dues", "donations", "fees")
number = 0
while True:
    entry = services.transactions.create(
        TransactionInput(
            date(2026, 2, 1 + number % 28),
            "expense" if number % 2 else "income",
            600,
            account,
            splits=tuple(
                SplitInput(codes[code], 200)
                for code in (spending if number % 2 else receiving)
            ),
            payee=f"Payee {number}",
        )
    )
    services.transactions.attach(entry.uid, receipt)
    print(number, flush=True)  # printed only once the entry and its receipt are committed
    number += 1
"""


def test_kill_9_during_money_entries_leaves_whole_entries(
    paths: DataPaths, tmp_path: object
) -> None:
    from pathlib import Path

    receipt = Path(str(tmp_path)) / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4 " + b"x" * 200_000)
    process = subprocess.Popen(
        [sys.executable, "-c", BOOKKEEPER, str(paths.root), str(receipt)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    committed = -1
    deadline = time.monotonic() + 90
    while committed < 30 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        committed = int(line)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert committed >= 30, "the bookkeeper never got going"

    services = open_data_folder(paths)
    try:
        assert services.maintenance.check().healthy
        register = services.transactions.page(limit=100_000)
        # Every committed entry is there; at most the one being written when killed follows.
        assert committed + 1 <= register.total <= committed + 2
        for row in register.rows:
            record = services.transactions.get(row.uid)
            assert sum(split.amount_cents for split in record.splits) == record.amount_cents
            assert len(record.splits) == 3  # never an entry with part of its lines
        # An entry is written before its receipt: only the last one may lack it.
        missing = [row for row in register.rows if row.attachments == 0]
        assert len(missing) <= 1
        balance = services.accounts.accounts()[0].balance_cents
        assert balance == register.net_cents
    finally:
        services.close()
