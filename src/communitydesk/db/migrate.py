"""Schema upgrades at start-up: Alembic revisions shipped in the package.

An existing file is backed up before it is upgraded. A file written by a newer CommunityDesk
(a revision we do not know) is refused before anything writes to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from communitydesk.core.errors import DatabaseError, NewerSchemaError
from communitydesk.core.i18n import _
from communitydesk.core.paths import DataPaths
from communitydesk.db.backup import automatic_backup
from communitydesk.db.engine import create_db_engine, is_database_file, read_only_connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test keeps the two equal). When the file is
# already there, start-up never imports Alembic, which costs more than a tenth of a second.
CURRENT_REVISION: Final = "0017"


@dataclass(frozen=True)
class UpgradeOutcome:
    created: bool
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    if revision == CURRENT_REVISION:
        return True
    return any(script.revision == revision for script in _scripts().walk_revisions())


def stored_revision(path: Path) -> str | None:
    """The schema revision written in a database file, read without changing the file."""
    if not is_database_file(path):
        raise DatabaseError(
            _("{path} is not a CommunityDesk database (it is not an SQLite file).").format(
                path=path
            )
        )
    connection = read_only_connection(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise DatabaseError(
                    _("{path} holds tables of another program, not CommunityDesk.").format(
                        path=path
                    )
                )
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except Exception as error:
        if isinstance(error, DatabaseError):
            raise
        raise DatabaseError(
            _("{path} cannot be read as a database: {error}").format(path=path, error=error)
        ) from error
    finally:
        connection.close()


def refuse_newer(revision: str | None, path: Path) -> None:
    if revision is not None and not is_known_revision(revision):
        raise NewerSchemaError(
            _(
                "{path} was written by a newer version of CommunityDesk (schema {revision}). "
                "It was not opened and has not been changed. Install the newer version to use it."
            ).format(path=path, revision=revision)
        )


def _run_upgrade(path: Path) -> None:
    from alembic import command

    engine = create_db_engine(path)
    try:
        with engine.connect() as connection:
            # A migration that copies a table (SQLite's way to alter one) must not fire the
            # ON DELETE rules of the rows that point at it: keys are checked once, at the end.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
            with connection.begin():
                config = _config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        _(
                            "The upgrade would leave {count} broken links; nothing was changed."
                        ).format(count=len(broken))
                    )
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def upgrade_database(paths: DataPaths) -> UpgradeOutcome:
    paths.ensure()
    database = paths.database
    if not database.exists() or database.stat().st_size == 0:
        _run_upgrade(database)
        log.info("Created database %s at schema %s", database, CURRENT_REVISION)
        return UpgradeOutcome(True, None, CURRENT_REVISION, None)
    current = stored_revision(database)
    if current == CURRENT_REVISION:
        return UpgradeOutcome(False, current, CURRENT_REVISION, None)
    refuse_newer(current, database)
    head = head_revision()
    backup = automatic_backup(paths, reason=f"before-upgrade-{current or 'empty'}")
    _run_upgrade(database)
    log.info("Upgraded %s from %s to %s (backup %s)", database, current, head, backup)
    return UpgradeOutcome(False, current, head, backup)
