"""Engine creation with the pragmas every connection needs (SQLite-specific, kept here)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed row survives a power cut on the donated laptop, at a small write cost.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def create_db_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (used before we trust it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
