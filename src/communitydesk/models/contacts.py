"""One-to-one support: an orientation, an accompaniment, an interpretation, a check-in call.

Logged with a person, a household, or both; the note is short and never sensitive (the form
says so). Purging a person removes their contacts; a household in the Trash keeps them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling


class SupportContact(Travelling, Base):
    __tablename__ = "support_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True, default=None
    )
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True, default=None
    )
    contact_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    language: Mapped[str] = mapped_column(String(12), default="")
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None
    )
    note: Mapped[str] = mapped_column(String(500), default="")
