"""The change history: who changed which record, when, and from what to what.

Append-only (database triggers refuse updates and deletes), with one exception: when a person
asks to be forgotten, the entries about them are redacted, once, in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, UTCDateTime, utc_now


class ChangeEntry(Base):
    __tablename__ = "change_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(120), default="")
    # create, update, delete (to the Trash), restore, purge, import ...
    action: Mapped[str] = mapped_column(String(20))
    record_kind: Mapped[str] = mapped_column(String(40), index=True)  # the table, e.g. "person"
    record_uid: Mapped[str] = mapped_column(String(36), index=True)
    # The person or household the record belongs to (a consent's person), for their history.
    subject_uid: Mapped[str] = mapped_column(String(36), default="", index=True)
    label: Mapped[str] = mapped_column(String(240), default="")  # e.g. the person's name then
    # {field: [old, new]}; sensitive fields are named but their values are never kept.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
