"""Engines and raw connections with the pragmas every connection needs (SQLite-specific).

An encrypted database (SQLCipher) is told apart by its first bytes: a plain SQLite file starts
with "SQLite format 3". Once its key is unlocked for this process, every engine and raw
connection on it (the database, its backups) is opened with that key, as the first statement.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine, event

from communitydesk.core.errors import DatabaseError
from communitydesk.core.i18n import _

BUSY_TIMEOUT_MS = 5000
CACHE_KB = 32 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"
_unlocked: dict[str, str] = {"key": ""}  # the key of the open organization's data, if any


def unlock_key(key: str) -> None:
    _unlocked["key"] = key


def forget_key() -> None:
    _unlocked["key"] = ""


def current_key() -> str:
    return _unlocked["key"]


def cipher_module() -> ModuleType:
    try:
        import sqlcipher3.dbapi2 as cipher  # type: ignore[import-untyped]
    except ImportError as error:  # no wheel for this system
        raise DatabaseError(
            _("Encryption is not available on this computer (SQLCipher is missing).")
        ) from error
    return cipher  # type: ignore[no-any-return]


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def is_database_file(path: Path) -> bool:
    """Plain SQLite, or encrypted while its key is unlocked in this process."""
    return is_sqlite_file(path) or (is_encrypted(path) and bool(current_key()))


def is_encrypted(path: Path) -> bool:
    """A file that exists, holds something, and is not plain SQLite."""
    try:
        with path.open("rb") as handle:
            start = handle.read(16)
    except OSError:
        return False
    return len(start) == 16 and start != SQLITE_HEADER


def _key_first(key: str) -> Any:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f'PRAGMA key = "{key}"')
        cursor.close()

    return apply


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed row survives a power cut on the donated laptop, at a small write cost.
    cursor.execute("PRAGMA synchronous=FULL")
    # A 32 MB page cache per connection: an encrypted page is deciphered once, not per query.
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    cursor.close()


def create_db_engine(path: Path) -> Engine:
    """An engine on `path`; on an encrypted file, with the unlocked key (connections pooled,
    so the key's cost is paid once per connection, not per query)."""
    if is_encrypted(path):
        key = current_key()
        engine = create_engine(f"sqlite:///{path}", module=cipher_module())
        event.listen(engine, "connect", _key_first(key))
    else:
        engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


def raw_connection(
    path: Path, read_only: bool = False, encrypted: bool | None = None
) -> sqlite3.Connection:
    """A DB-API connection for backups and checks; `encrypted` None: as the file says."""
    if encrypted is None:
        encrypted = is_encrypted(path)
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    module: Any = cipher_module() if encrypted else sqlite3
    connection: sqlite3.Connection = module.connect(
        target, uri=read_only, timeout=BUSY_TIMEOUT_MS / 1000
    )
    if encrypted:
        connection.execute(f'PRAGMA key = "{current_key()}"')
    return connection


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (used before we trust it)."""
    return raw_connection(path, read_only=True)
