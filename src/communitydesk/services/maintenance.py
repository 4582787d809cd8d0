"""Health check, backup and restore of the organization's data folder."""

from __future__ import annotations

from pathlib import Path

from communitydesk.core.paths import DataPaths
from communitydesk.db.backup import copy_database, restore_into, verify_backup_file
from communitydesk.db.health import HealthReport, check_database
from communitydesk.db.migrate import UpgradeOutcome, refuse_newer, upgrade_database


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

    def upgrade(self) -> UpgradeOutcome:
        return upgrade_database(self._paths)
