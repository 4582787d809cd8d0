"""Membership: the kinds a group offers (with dues in cents), and who holds one for which period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling


class MembershipType(Travelling, Base):
    __tablename__ = "membership_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    dues_cents: Mapped[int] = mapped_column(Integer, default=0)
    period_months: Mapped[int] = mapped_column(Integer, default=12)


class Membership(Travelling, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("membership_type.id", ondelete="RESTRICT"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    dues_cents: Mapped[int] = mapped_column(Integer, default=0)
    paid_on: Mapped[date | None] = mapped_column(Date, default=None)
