"""Turn encryption of the data folder on or off, safely.

The database is written again into a new file (SQLCipher's export), that copy is verified
(readable with the key, sound, the same number of rows in every table), and only then does it
replace the original. The backups in the folder are converted the same way, so no plain copy of
the data is left behind once encryption is on.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from communitydesk.core.errors import DatabaseError
from communitydesk.core.i18n import _
from communitydesk.core.paths import DataPaths
from communitydesk.db.backup import integrity_problems
from communitydesk.db.engine import (
    cipher_module,
    current_key,
    forget_key,
    is_encrypted,
    raw_connection,
    unlock_key,
)
from communitydesk.db.keys import create_key_file, unlock

log = logging.getLogger(__name__)


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'person_name_fts_%'"
        )
    ]
    return {t: int(connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def _convert(source: Path, key_from: str, key_to: str) -> None:
    """Rewrite `source` in place under `key_to` ("" for plain), verified before it replaces."""
    target = source.with_name(source.name + ".converting")
    target.unlink(missing_ok=True)
    cipher = cipher_module()
    try:
        connection = cipher.connect(str(source))
        try:
            if key_from:
                connection.execute(f'PRAGMA key = "{key_from}"')
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            before = _counts(connection)
            key_clause = f'"{key_to}"' if key_to else "''"
            connection.execute(f"ATTACH DATABASE ? AS converted KEY {key_clause}", (str(target),))
            connection.execute("SELECT sqlcipher_export('converted')")
            connection.execute("DETACH DATABASE converted")
        finally:
            connection.close()
        check = cipher.connect(str(target))
        try:
            if key_to:
                check.execute(f'PRAGMA key = "{key_to}"')
            problems = integrity_problems(check)
            after = _counts(check)
        finally:
            check.close()
        if problems or after != before:
            raise DatabaseError(
                _("The converted copy did not check out; the data was left as it was.")
            )
        target.replace(source)
        for leftover in (
            source.with_name(source.name + "-wal"),
            source.with_name(source.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            _("The data could not be converted and was left as it was: {error}").format(error=error)
        ) from error
    finally:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)


def encrypt_folder(paths: DataPaths, passphrase: str) -> str:
    """Encrypt the database and its backups; returns the recovery key (to print once)."""
    if len(passphrase) < 8:
        raise DatabaseError(_("Choose a passphrase of at least 8 characters."))
    if is_encrypted(paths.database):
        raise DatabaseError(_("The data is already encrypted."))
    pending = paths.key_file.with_name(paths.key_file.name + ".new")
    key, recovery = create_key_file(pending, passphrase)
    try:
        _convert(paths.database, "", key)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    pending.replace(paths.key_file)
    unlock_key(key)
    for backup in sorted(paths.backups.glob("*.sqlite3")) if paths.backups.is_dir() else []:
        if not is_encrypted(backup):
            _convert(backup, "", key)
    log.info("Encrypted the data folder %s", paths.root)
    return recovery


def decrypt_folder(paths: DataPaths, passphrase: str) -> None:
    """Back to plain files (the key file goes last, once nothing needs it)."""
    if not is_encrypted(paths.database):
        raise DatabaseError(_("The data is not encrypted."))
    key = unlock(paths.key_file, passphrase)
    _convert(paths.database, key, "")
    for backup in sorted(paths.backups.glob("*.sqlite3")) if paths.backups.is_dir() else []:
        if is_encrypted(backup):
            _convert(backup, key, "")
    forget_key()
    paths.key_file.unlink(missing_ok=True)
    log.info("Decrypted the data folder %s", paths.root)


def unlock_folder(paths: DataPaths, passphrase: str) -> None:
    """Unlock an encrypted folder for this process (WrongPassphraseError if not right)."""
    unlock_key(unlock(paths.key_file, passphrase))
    try:
        connection = raw_connection(paths.database, read_only=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        forget_key()
        raise DatabaseError(
            _("The key file does not match this database: {error}").format(error=error)
        ) from error


def needs_passphrase(paths: DataPaths) -> bool:
    """Encrypted by us (its key file beside it) and not unlocked yet; any other file that is
    not SQLite is refused later as not a database."""
    return is_encrypted(paths.database) and paths.key_file.exists() and not current_key()
