"""What Alembic's comparison of models and database leaves aside."""

from __future__ import annotations


def include_object(
    obj: object, name: str | None, kind: str, reflected: bool, other: object
) -> bool:
    """The FTS5 name index (and its shadow tables) is made by SQL in a migration, not a model."""
    return not (kind == "table" and name is not None and name.startswith("person_name_fts"))
