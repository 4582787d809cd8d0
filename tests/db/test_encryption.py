"""Encryption at rest: unreadable without the key, wrong passphrases refused, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from communitydesk.core.errors import PassphraseNeededError, WrongPassphraseError
from communitydesk.core.paths import DataPaths
from communitydesk.db.engine import forget_key, is_encrypted
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.people import PersonInput

PASSPHRASE = "our cedar tree 1987"


def _all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in tables
        }
    finally:
        connection.close()


def _encrypted_sample(
    sample: Services,
) -> tuple[DataPaths, str, dict[str, list[tuple[object, ...]]]]:
    sample.people.create(PersonInput("Zeynep", "Quillfeather", phone="6135550199"))
    # A receipt's scan is kept inside the database, so it is encrypted with everything else.
    entry = sample.transactions.page(limit=1).rows[0].uid
    scan = sample.paths.root / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 RECEIPT-OF-HALIMA-WARSAME-FOR-BUS-TICKETS")
    sample.transactions.attach(entry, scan)
    scan.unlink()
    sample.maintenance.backup_if_due()
    paths = sample.paths
    sample.close()
    before = _all_rows(paths.database)
    recovery = open_data_folder(paths).maintenance.encrypt(PASSPHRASE)
    forget_key()  # as after quitting
    return paths, recovery, before


def test_encrypted_data_is_unreadable_without_the_key(sample: Services) -> None:
    paths, _recovery, _before = _encrypted_sample(sample)
    assert is_encrypted(paths.database)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(paths.database).execute("SELECT * FROM person").fetchall()
    for file in [paths.database, *paths.backups.glob("*.sqlite3")]:
        content = file.read_bytes()
        assert b"Quillfeather" not in content and b"555-0199" not in content, file
        assert b"RECEIPT-OF-HALIMA" not in content, file
        assert is_encrypted(file)
    with pytest.raises(PassphraseNeededError):
        open_data_folder(paths)
    with pytest.raises(WrongPassphraseError, match="does not open this data"):
        open_data_folder(paths, "our cedar tree 1988")


def test_the_passphrase_or_the_recovery_key_opens_it(sample: Services) -> None:
    paths, recovery, _before = _encrypted_sample(sample)
    for secret in (PASSPHRASE, recovery.lower()):
        services = open_data_folder(paths, secret)
        assert services.people.search("Quillfeather").total == 1
        assert services.maintenance.check().healthy
        made = services.maintenance.backup(paths.root / "usb" / "copy.sqlite3")
        assert is_encrypted(made)  # a backup as well protected as the data
        services.close()
        forget_key()


def test_encrypt_then_decrypt_keeps_every_row(sample: Services) -> None:
    paths, _recovery, before = _encrypted_sample(sample)
    services = open_data_folder(paths, PASSPHRASE)
    services.close()
    services.maintenance.decrypt(PASSPHRASE)
    assert not is_encrypted(paths.database) and not paths.key_file.exists()
    assert _all_rows(paths.database) == before
    assert not any(is_encrypted(b) for b in paths.backups.glob("*.sqlite3"))
