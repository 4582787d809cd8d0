"""Fast name search: an FTS5 trigram index over the folded name and its skeleton (SQLite only).

Services ask for `name_condition(words)`; on SQLite with the index it is answered by FTS5 (a few
milliseconds at 100,000 people), elsewhere, or for words under three letters, by LIKE.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, String, cast, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from communitydesk.core.text import skeleton
from communitydesk.models import Person

FTS_TABLE = "person_name_fts"
_TRIGRAM = 3  # the trigram index cannot answer shorter words


def contains(column: InstrumentedAttribute[str], word: str) -> ColumnElement[bool]:
    """A LIKE '%word%' in which % and _ typed by the user are plain characters."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def has_name_index(session: Session) -> bool:
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:name"), {"name": FTS_TABLE}
    ).first()
    return found is not None


def indexed_words(words: list[str]) -> list[str]:
    """The words the trigram index can answer (three letters or more, doubled ones aside)."""
    return [w for w in words if len(w) >= _TRIGRAM and len(skeleton(w)) >= _TRIGRAM]


def name_conditions(session: Session, words: list[str]) -> list[ColumnElement[bool]]:
    """One condition per word: the name as written, or its skeleton, contains the word."""
    indexed = indexed_words(words)
    short = [w for w in words if w not in indexed]
    conditions = [
        or_(contains(Person.sort_key, w), contains(Person.name_skeleton, skeleton(w)))
        for w in short
    ]
    if indexed and has_name_index(session):
        query = " AND ".join(
            f"(sort_key : {_phrase(w)} OR name_skeleton : {_phrase(skeleton(w))})" for w in indexed
        )
        matches = (
            select(text("rowid"))
            .select_from(text(FTS_TABLE))
            .where(text(f"{FTS_TABLE} MATCH :query").bindparams(query=query))
        )
        conditions.append(Person.id.in_(matches))
    else:
        conditions += [
            or_(contains(Person.sort_key, w), contains(Person.name_skeleton, skeleton(w)))
            for w in indexed
        ]
    return conditions


def list_contains(column: InstrumentedAttribute[list[str]], value: str) -> ColumnElement[bool]:
    """A JSON list column holds `value` (a code such as 'so'): matched on its JSON text."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(column, String).like(f'%"{escaped}"%', escape="\\")
