"""Who uses the shared laptop: a profile per volunteer, with a role and an optional PIN.

Kept on this laptop only (profiles never travel to a partner hub). The PIN is stored as a salted
PBKDF2 hash, never as typed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, UTCDateTime, new_uid, utc_now


class Profile(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))  # coordinator, treasurer, leader, volunteer
    pin_hash: Mapped[str] = mapped_column(String(128), default="")
    pin_salt: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
