"""`check`: what a volunteer (or a helper on the phone) needs to know about the file."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from communitydesk.core.errors import DatabaseError
from communitydesk.core.i18n import _, ngettext
from communitydesk.db.backup import integrity_problems
from communitydesk.db.engine import is_database_file, read_only_connection
from communitydesk.db.migrate import CURRENT_REVISION, is_known_revision


@dataclass(frozen=True)
class HealthReport:
    path: Path
    revision: str | None
    expected_revision: str
    integrity_problems: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    foreign_key_problems: int

    @property
    def problems(self) -> list[str]:
        found = []
        if self.revision is None:
            found.append(_("The database has no schema version."))
        elif not is_known_revision(self.revision):
            found.append(
                _("The database was written by a newer version (schema {revision}).").format(
                    revision=self.revision
                )
            )
        elif self.revision != self.expected_revision:
            found.append(
                _("The database needs an upgrade from schema {old} to {new}.").format(
                    old=self.revision, new=self.expected_revision
                )
            )
        found.extend(self.integrity_problems)
        if self.foreign_key_problems:
            found.append(
                ngettext(
                    "{count} row points at a record that does not exist.",
                    "{count} rows point at records that do not exist.",
                    self.foreign_key_problems,
                ).format(count=self.foreign_key_problems)
            )
        return found

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(path: Path) -> HealthReport:
    if not path.exists():
        raise DatabaseError(_("There is no database at {path}.").format(path=path))
    if not is_database_file(path):
        raise DatabaseError(
            _("{path} is not a CommunityDesk database (it is not an SQLite file).").format(
                path=path
            )
        )
    try:
        connection = read_only_connection(path)
        try:
            problems = integrity_problems(connection)
            tables = sorted(
                str(row[0])
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            )
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
            counts = tuple(
                (table, int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]))
                for table in tables
                if table != "alembic_version"
            )
            orphans = len(connection.execute("PRAGMA foreign_key_check").fetchall())
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            _("{path} is damaged and cannot be read: {error}").format(path=path, error=error)
        ) from error
    return HealthReport(path, revision, CURRENT_REVISION, tuple(problems), counts, orphans)
