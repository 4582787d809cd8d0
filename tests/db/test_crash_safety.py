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
