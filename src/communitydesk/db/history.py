"""Record every change made through the ORM in the change history, in the same transaction.

A flush listener looks at what the session is about to write: new records (create), changed
columns (update, or delete/restore when only the Trash date moves), and removed rows (purge).
Bookkeeping columns are left out; a sensitive field is named but its values are never kept; a
link to another record is kept as that record's name, which still reads after it is gone.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Final

from sqlalchemy import event, inspect, or_, update
from sqlalchemy.orm import Session, UOWTransaction

from communitydesk.core.errors import NotAllowedError
from communitydesk.core.i18n import _
from communitydesk.models import ChangeEntry, Household, Person
from communitydesk.models.base import Base, Travelling, new_uid

ACTOR_KEY: Final = "actor"
MAY_WRITE_KEY: Final = "may_write"  # a function of a table name, or None when all is allowed
UNRECORDED: Final = frozenset(
    {
        "id",
        "uid",
        "created_at",
        "updated_at",
        "deleted_at",
        "sort_key",
        "name_skeleton",
        "is_sample",
        "content",  # an attachment's bytes: its name, size and checksum say enough
    }
)
SENSITIVE: Final = frozenset({"sensitive_notes"})
HIDDEN: Final = "•••"  # a sensitive value: changed, not shown


def label_of(record: object) -> str:
    """A readable name for a record at the time of the change."""
    if isinstance(record, Person):
        return " ".join(p for p in (record.given_name, record.family_name) if p)
    name = getattr(record, "name", None)
    if isinstance(name, str):
        return name  # households, membership kinds, accounts, funds, programs...
    labels = getattr(record, "labels", None)
    if isinstance(labels, dict) and labels:
        return str(labels.get("en") or next(iter(labels.values())))
    payee = getattr(record, "payee", None)
    if isinstance(payee, str):
        return payee
    return ""


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _linked(session: Session, record: Base, column: str, value: Any) -> Any:
    """A foreign key's target by name (a household's name, not its number)."""
    table_column = record.__table__.columns.get(column)
    if value is None or table_column is None or not table_column.foreign_keys:
        return _plain(value)
    target_table = next(iter(table_column.foreign_keys)).column.table
    for mapper in Base.registry.mappers:
        if mapper.local_table is target_table:
            with session.no_autoflush:
                target = session.get(mapper.class_, value)
            return label_of(target) if target is not None else None
    return _plain(value)


def _subject(session: Session, record: Base) -> tuple[str, str]:
    """The uid and name of the person (or household) a record belongs to."""
    if isinstance(record, (Person, Household)):
        return record.uid, label_of(record)
    with session.no_autoflush:
        person_id = getattr(record, "person_id", None)
        person = session.get(Person, person_id) if person_id is not None else None
        if person is not None:
            return person.uid, label_of(person)
        household_id = getattr(record, "household_id", None)
        household = session.get(Household, household_id) if household_id is not None else None
        if household is not None:
            return household.uid, label_of(household)
    return "", ""


def _values(session: Session, record: Base, changed_only: bool) -> dict[str, list[Any]]:
    state = inspect(record)
    changes: dict[str, list[Any]] = {}
    for attribute in state.mapper.column_attrs:
        name = attribute.key
        if name in UNRECORDED:
            continue
        history = state.attrs[name].history
        if changed_only:
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
        else:
            old, new = None, getattr(record, name)
            if new in (None, "", [], {}):
                continue
        if name in SENSITIVE:
            changes[name] = [HIDDEN if old else "", HIDDEN if new else ""]
        else:
            changes[name] = [
                _linked(session, record, name, old),
                _linked(session, record, name, new),
            ]
    return changes


def _entry(session: Session, record: Base, action: str, changes: dict[str, list[Any]]) -> None:
    if getattr(record, "uid", None) is None:
        record.uid = new_uid()  # type: ignore[attr-defined]  # assigned now to be named below
    record_uid = str(getattr(record, "uid"))  # noqa: B009 (a Base subclass that travels)
    subject_uid, subject_name = _subject(session, record)
    session.add(
        ChangeEntry(
            actor=str(session.info.get(ACTOR_KEY, "")),
            action=action,
            record_kind=str(record.__tablename__),
            record_uid=record_uid,
            subject_uid=subject_uid if subject_uid != record_uid else "",
            label=label_of(record) or subject_name,
            changes=changes,
        )
    )


def _check_allowed(session: Session) -> None:
    may_write = session.info.get(MAY_WRITE_KEY)
    if may_write is None:
        return
    for record in (*session.new, *session.dirty, *session.deleted):
        table = getattr(record, "__tablename__", "")
        if table and table != ChangeEntry.__tablename__ and not may_write(table):
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))


def _record_changes(session: Session, _context: UOWTransaction, _instances: object) -> None:
    # Every write of the ORM passes here: the one place where a role's limits are enforced.
    _check_allowed(session)
    for record in list(session.new):
        if isinstance(record, Travelling) and isinstance(record, Base):
            _entry(session, record, "create", _values(session, record, changed_only=False))
    for record in list(session.dirty):
        if not (isinstance(record, Travelling) and isinstance(record, Base)):
            continue
        if not session.is_modified(record, include_collections=False):
            continue
        trash = inspect(record).attrs["deleted_at"].history
        changes = _values(session, record, changed_only=True)
        if trash.has_changes():
            was, now = (trash.deleted or [None])[0], (trash.added or [None])[0]
            if (was is None) != (now is None):
                _entry(session, record, "delete" if now is not None else "restore", changes)
                continue
        if changes:
            _entry(session, record, "update", changes)
    for record in list(session.deleted):
        if isinstance(record, Travelling) and isinstance(record, Base):
            _entry(session, record, "purge", {})


def record_history(sessions: Any) -> None:
    """Install the recorder on a sessionmaker; its sessions name the actor in `info`."""
    event.listen(sessions, "before_flush", _record_changes)


def redact(session: Session, uid: str) -> int:
    """Blank what the history says of a person who asked to be forgotten (their own record
    and everything that belonged to them); the entries stay, saying only that something
    happened. Returns how many entries were redacted."""
    session.flush()  # the purge's own entry is redacted too
    result = session.execute(
        update(ChangeEntry)
        .where(
            or_(ChangeEntry.record_uid == uid, ChangeEntry.subject_uid == uid),
            ChangeEntry.redacted.is_(False),
        )
        .values(label="", changes={}, redacted=True)
    )
    return int(getattr(result, "rowcount", 0) or 0)
