from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from communitydesk.core.errors import DatabaseError, NewerSchemaError
from communitydesk.core.paths import DataPaths
from communitydesk.db.engine import create_db_engine
from communitydesk.db.migrate import head_revision, upgrade_database
from communitydesk.db.migrations.env_filters import include_object
from communitydesk.models import Base
from communitydesk.services.context import open_data_folder

STORED_SCHEMAS = Path(__file__).parent / "schemas"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_empty_folder_gets_every_table(paths: DataPaths) -> None:
    outcome = upgrade_database(paths)
    assert outcome.created and outcome.to_revision == head_revision()
    engine = create_db_engine(paths.database)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= tables


# SQLAlchemy cannot reflect an index on an expression; the roster's are checked below instead.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_the_migrations_match_the_models(paths: DataPaths) -> None:
    upgrade_database(paths)
    engine = create_db_engine(paths.database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": include_object}
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_pragmas_are_set_on_every_connection(paths: DataPaths) -> None:
    upgrade_database(paths)
    engine = create_db_engine(paths.database)
    try:
        with engine.connect() as connection:
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragmas == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "busy_timeout": 5000,
    }


@pytest.mark.parametrize("stored", sorted(STORED_SCHEMAS.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_every_earlier_schema_upgrades_with_its_data(stored: Path, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "old").ensure()
    shutil.copy(stored, paths.database)
    links = (
        "SELECT COUNT(*) FROM volunteer",
        "SELECT COUNT(*) FROM household WHERE main_contact_id IS NOT NULL",
        "SELECT COUNT(*) FROM person WHERE household_id IS NOT NULL",
    )
    connection = sqlite3.connect(paths.database)
    before = [connection.execute(query).fetchone()[0] for query in links]
    connection.close()
    services = open_data_folder(paths)
    try:
        assert services.organization.require().name == "Stored Schema Society"
        assert services.dashboard.summary().people == 25
        assert services.maintenance.check().healthy
    finally:
        services.close()
    # Columns added later were filled for the people already there.
    from communitydesk.core.text import skeleton

    connection = sqlite3.connect(paths.database)
    rows = connection.execute("SELECT sort_key, name_skeleton FROM person").fetchall()
    after = [connection.execute(query).fetchone()[0] for query in links]
    connection.close()
    assert after == before and all(before)  # no link between records was lost
    # No later migration copied the person table and lost its name index or sort indexes.
    connection = sqlite3.connect(paths.database)
    kept = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master "
            "WHERE tbl_name = 'person' AND type IN ('trigger', 'index')"
        )
    }
    connection.close()
    assert {"person_name_fts_insert", "person_name_fts_update", "ix_person_roster_latin"} <= kept
    assert rows and all(name == skeleton(key) for key, name in rows)


def test_an_older_database_is_backed_up_before_the_upgrade(paths: DataPaths) -> None:
    upgrade_database(paths)
    connection = sqlite3.connect(paths.database)
    connection.execute("DELETE FROM alembic_version")  # as if written before the first revision
    connection.commit()
    connection.close()
    connection = sqlite3.connect(paths.database)
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
        )
    ]
    for table in tables:
        connection.execute(f'DROP TABLE IF EXISTS "{table}"')
    connection.commit()
    connection.close()
    outcome = upgrade_database(paths)
    assert outcome.backup is not None and outcome.backup.exists()
    assert outcome.to_revision == head_revision()


def test_a_newer_database_is_refused_and_left_untouched(paths: DataPaths) -> None:
    upgrade_database(paths)
    connection = sqlite3.connect(paths.database)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    connection.commit()
    connection.close()
    before = _digest(paths.database)
    with pytest.raises(NewerSchemaError) as raised:
        open_data_folder(paths)
    assert "newer version" in raised.value.message
    assert "not been changed" in raised.value.message
    assert _digest(paths.database) == before
    assert not list(paths.backups.iterdir())


def test_a_file_that_is_not_a_database_is_refused(paths: DataPaths) -> None:
    paths.database.write_text("name,phone\nAna,613-555-0100\n", encoding="utf-8")
    with pytest.raises(DatabaseError) as raised:
        open_data_folder(paths)
    assert "not an SQLite file" in raised.value.message
    assert paths.database.read_text(encoding="utf-8").startswith("name,phone")


def test_another_programs_database_is_refused(paths: DataPaths) -> None:
    connection = sqlite3.connect(paths.database)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseError) as raised:
        open_data_folder(paths)
    assert "another program" in raised.value.message


def test_the_start_up_shortcut_names_the_newest_revision() -> None:
    from communitydesk.db.migrate import CURRENT_REVISION

    assert head_revision() == CURRENT_REVISION


def test_the_roster_reads_its_first_page_in_order_from_an_index(paths: DataPaths) -> None:
    """Each sortable column but household (a joined table) has an index that gives its order."""
    from sqlalchemy import event

    from communitydesk.db.session import Database
    from communitydesk.services.people import PeopleService, RosterFilter

    upgrade_database(paths)
    database = Database(paths.database)
    engine = database.engine
    statements: list[str] = []

    def keep(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT PERSON.UID"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", keep)
    people = PeopleService(database)
    for sort in ("name", "latin_name", "languages", "phone"):
        for descending in (False, True):
            people.roster(RosterFilter(sort=sort, descending=descending), limit=500)
    with engine.connect() as connection:
        for statement in statements:
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, (500, 0)
            ).fetchall()
            details = " | ".join(str(row[-1]) for row in plan)
            # At most the ties are put in order ("RIGHT PART"), never the whole roster.
            assert "ix_person_roster_" in details, details
            assert "TEMP B-TREE FOR ORDER BY" not in details, details
    database.close()
