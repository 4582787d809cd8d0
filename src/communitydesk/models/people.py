"""People, their households, and who volunteers.

A person is one record whatever their roles. Names are kept as the person writes them, in any
script, with an optional Latin spelling used for sorting and search. There is deliberately no
column for immigration status or a government client number.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling, UTCDateTime


class Household(Travelling, Base):
    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The name lower-cased and without accents, for search and sorting ("nguyen" finds "Nguyễn").
    sort_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    main_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True), default=None
    )
    # The import that brought the record in, to undo it whole. Not a foreign key on purpose:
    # import records are never deleted, and adding one would make SQLite copy the whole table.
    import_batch_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)


class Person(Travelling, Base):
    __tablename__ = "person"
    # The roster shows people not in the Trash sorted by one column: an index per sort lets
    # SQLite read the first page in order instead of sorting 100,000 rows.
    __table_args__ = (
        Index("ix_person_roster_name", "deleted_at", "sort_key", "id"),
        Index("ix_person_roster_latin", "deleted_at", func.lower(text("latin_name")), "sort_key"),
        Index("ix_person_roster_phone", "deleted_at", "phone", "sort_key"),
        Index("ix_person_roster_languages", "deleted_at", "languages", "sort_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120), default="")
    latin_name: Mapped[str] = mapped_column(String(240), default="")
    # Lower-cased, accent-free "given family latin" text that search and sorting use.
    sort_key: Mapped[str] = mapped_column(String(480), default="", index=True)
    # The same with doubled letters made single, so "Mohamed" finds "Mohammed".
    name_skeleton: Mapped[str] = mapped_column(String(480), default="")
    preferred_name: Mapped[str] = mapped_column(String(120), default="")
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="SET NULL"), default=None, index=True
    )
    household_role: Mapped[str] = mapped_column(String(40), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer, default=None)
    gender: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    other_phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    age_band: Mapped[str] = mapped_column(String(20), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    country_of_origin: Mapped[str] = mapped_column(String(2), default="")
    arrival_year: Mapped[int | None] = mapped_column(Integer, default=None)
    community: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Family violence, health ...: shown to coordinators only (roles arrive with the safety work).
    sensitive_notes: Mapped[str] = mapped_column(Text, default="")
    # The import that brought the record in, to undo it whole. Not a foreign key on purpose:
    # import records are never deleted, and adding one would make SQLite copy the whole table.
    import_batch_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    # Past the organization's retention: identifying details removed, the row kept for counts.
    anonymized_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Consent(Travelling, Base):
    """Consent as it was given: signed or read aloud, when, for what, before whom."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "signed" or "verbal"
    given_on: Mapped[date] = mapped_column(Date)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    witness: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_on: Mapped[date | None] = mapped_column(Date, default=None)


class Volunteer(Travelling, Base):
    __tablename__ = "volunteer"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    skills: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(Text, default="")
    emergency_name: Mapped[str] = mapped_column(String(200), default="")
    emergency_phone: Mapped[str] = mapped_column(String(40), default="")


class VolunteerRole(Travelling, Base):
    """A role a volunteer holds (phone tree, treasurer's helper ...) and who backs them up."""

    __tablename__ = "volunteer_role"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(120))
    backup_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None
    )


class VolunteerCheck(Travelling, Base):
    """A screening (e.g. police / vulnerable-sector check) or a training, with its expiry."""

    __tablename__ = "volunteer_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # "screening" or "training"
    name: Mapped[str] = mapped_column(String(200))
    done_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
