"""Find a record by its uid, or say in the volunteer's words that it is gone."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotFoundError
from communitydesk.models.base import Travelling

Record = TypeVar("Record", bound=Travelling)


def by_uid(
    session: Session, model: type[Record], uid: str, missing: str, include_deleted: bool = False
) -> Record:
    """The `model` row with this uid; NotFoundError(`missing`) if none, or if it was deleted
    (unless `include_deleted`, for undo and restore)."""
    row = session.scalars(select(model).where(model.uid == uid)).first()
    if row is None or (row.deleted_at is not None and not include_deleted):
        raise NotFoundError(missing)
    return row
