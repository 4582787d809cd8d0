"""Activities: venues, programs and their sessions, who came, volunteer hours, what people said
and what they asked for.

Attendance and head counts are plain rows, not travelling records: a session's attendance is
edited as a whole by ticking names, they reach a hub only as counts, and a quarter of a million
of them must stay light. A head count is the anonymous part of a session (a festival where names
are not taken); naming a person "from" a head count links their attendance to it, so that the
person is counted once, by name, and the anonymous remainder shrinks.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling, UTCDateTime, utc_now


class Venue(Travelling, Base):
    """A room the group rents or borrows: where it is, how to get there, what it costs."""

    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    transit: Mapped[str] = mapped_column(Text, default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    rental_cents: Mapped[int | None] = mapped_column(Integer, default=None)  # per use
    contact: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Program(Travelling, Base):
    """A seniors' circle, a homework club, an orientation series: tagged with the shared lists."""

    __tablename__ = "program"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(60), default="")  # activity_category key
    populations: Mapped[list[str]] = mapped_column(JSON, default=list)  # target_population keys
    issues: Mapped[list[str]] = mapped_column(JSON, default=list)  # family_issue keys
    service_stream: Mapped[str] = mapped_column(String(60), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    leader_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None
    )
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue.id", ondelete="SET NULL"), default=None
    )
    starts_on: Mapped[date | None] = mapped_column(Date, default=None)
    ends_on: Mapped[date | None] = mapped_column(Date, default=None)
    ongoing: Mapped[bool] = mapped_column(default=True)


class ActivitySession(Travelling, Base):
    """One meeting of a program, on a date, perhaps at another venue than usual."""

    __tablename__ = "activity_session"
    __table_args__ = (Index("ix_activity_session_held", "deleted_at", "held_on", "program_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time, default=None)
    ends_at: Mapped[time | None] = mapped_column(Time, default=None)
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue.id", ondelete="SET NULL"), default=None
    )
    topic: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class HeadCount(Base):
    """People counted without names, by age band, gender and language ("" when not noted)."""

    __tablename__ = "head_count"
    __table_args__ = (
        UniqueConstraint("session_id", "age_band", "gender", "language"),
        CheckConstraint("people >= 0", name="people_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("activity_session.id", ondelete="CASCADE"))
    age_band: Mapped[str] = mapped_column(String(20), default="")
    gender: Mapped[str] = mapped_column(String(20), default="")  # woman, man, another or ""
    language: Mapped[str] = mapped_column(String(12), default="")
    people: Mapped[int] = mapped_column(Integer, default=0)


class Attendance(Base):
    """A named person at a session; `head_count_id` when they were first counted anonymously."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        Index("ix_attendance_person", "person_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("activity_session.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    head_count_id: Mapped[int | None] = mapped_column(
        ForeignKey("head_count.id", ondelete="SET NULL"), default=None, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class VolunteerHours(Travelling, Base):
    """Time a volunteer gave: at a session, for a program, or free (the newsletter, a drive)."""

    __tablename__ = "volunteer_hours"
    __table_args__ = (CheckConstraint("minutes > 0", name="minutes_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_session.id", ondelete="SET NULL"), default=None, index=True
    )
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), default=None, index=True
    )
    worked_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)  # whole minutes: hours are never a float
    role: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(String(300), default="")


class Feedback(Travelling, Base):
    """What a participant said about a program. Whether it may be quoted is decided by the
    person's consent records at the time of use, never by a flag copied here."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), default=None, index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), default=None, index=True
    )
    given_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(12), default="")
    words: Mapped[str] = mapped_column(Text)


class Suggestion(Travelling, Base):
    """What members asked for, and what became of it: activities decided by the members."""

    __tablename__ = "suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None
    )
    suggested_on: Mapped[date] = mapped_column(Date)
    words: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="new")  # new, planned, done
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), default=None
    )
    response: Mapped[str] = mapped_column(Text, default="")
