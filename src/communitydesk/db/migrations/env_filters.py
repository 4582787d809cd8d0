"""What Alembic's comparison of models and database leaves aside."""

from __future__ import annotations


def include_object(
    obj: object, name: str | None, kind: str, reflected: bool, other: object
) -> bool:
    """Left aside: the FTS5 name index and its shadow tables (made by SQL in a migration), and
    the roster's sort indexes, some on expressions, which Alembic cannot compare."""
    if name is None:
        return True
    if kind == "table" and name.startswith("person_name_fts"):
        return False
    return not (kind == "index" and name.startswith("ix_person_roster_"))
