"""Health check, backup and restore of the organization's data folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from communitydesk.core.paths import DataPaths
from communitydesk.db.backup import copy_database, restore_into, verify_backup_file
from communitydesk.db.backup_schedule import (
    BackupInfo,
    all_backups,
    backup_due,
    make_scheduled_backup,
)
from communitydesk.db.encryption import decrypt_folder, encrypt_folder
from communitydesk.db.engine import is_encrypted
from communitydesk.db.health import HealthReport, check_database
from communitydesk.db.migrate import UpgradeOutcome, refuse_newer, upgrade_database

__all__ = ["BackupInfo", "MaintenanceService"]


class MaintenanceService:
    def __init__(self, paths: DataPaths) -> None:
        self._paths = paths

    def check(self) -> HealthReport:
        return check_database(self._paths.database)

    def backup(self, target: Path) -> Path:
        """Write a verified copy of the database to `target` (the app may stay open)."""
        copy_database(self._paths.database, target)
        return target

    def restore(self, source: Path) -> Path:
        """Replace the database with a verified backup; returns where the old one was kept."""
        refuse_newer(verify_backup_file(source), source)
        safety = restore_into(self._paths, source)
        upgrade_database(self._paths)  # an older backup is brought up to this version
        return safety

    def backup_to_folder(self, folder: Path, now: datetime | None = None) -> Path:
        """A verified copy in `folder` (a USB key), named by the date so copies never collide."""
        stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
        return self.backup(folder / f"communitydesk-{stamp}.sqlite3")

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """The automatic backup, when the last one is a few hours old; old ones thinned out."""
        now = now or datetime.now(UTC)
        if not backup_due(self._paths, now):
            return None
        return make_scheduled_backup(self._paths, now)

    def backups(self) -> list[BackupInfo]:
        """The copies in the data folder, newest first, with what each holds."""
        return all_backups(self._paths)

    def encrypt(self, passphrase: str) -> str:
        """Encrypt the data and its backups; returns the recovery key, to be kept on paper."""
        return encrypt_folder(self._paths, passphrase)

    def decrypt(self, passphrase: str) -> None:
        decrypt_folder(self._paths, passphrase)

    def is_encrypted(self) -> bool:
        return is_encrypted(self._paths.database)

    def upgrade(self) -> UpgradeOutcome:
        return upgrade_database(self._paths)
