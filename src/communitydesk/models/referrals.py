"""Referrals: the directory of mainstream services a group sends families to, with the named
people to call there, and the log of who was referred where and what came of it.

The directory follows the shape of the Open Referral data standard (HSDS): an organization runs
services, at locations, with contact people. A service keeps the fields of a referral contact
card (DOMAIN.md). Texts a family reads (description, eligibility, what to bring) are kept per
language: {"en": "...", "fr": "...", "ar": "..."}.

Directory records can travel to and from a partner hub. `exchange_fingerprint` is a digest of
the record's exchanged fields as they were at the last import or export; a record whose fields
no longer match it was edited here since, and an import never overwrites it without asking.

A referral keeps only what DOMAIN.md allows: date, reason, who referred, follow-up date,
outcome and barriers met. No case notes.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling

REFERRAL_OUTCOMES = ("connected", "waiting", "not_eligible", "did_not_go", "other")


class Exchanged:
    """Where a directory record came from and what it looked like at the last exchange."""

    # The hub or group that sent it; empty for records written here.
    exchange_source: Mapped[str] = mapped_column(String(200), default="")
    exchange_fingerprint: Mapped[str] = mapped_column(String(64), default="")


class ServiceOrganization(Exchanged, Travelling, Base):
    """An agency, clinic, school board, library or city department that offers services."""

    __tablename__ = "service_organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    alternate_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class ServiceLocation(Exchanged, Travelling, Base):
    """Where a service is delivered: the address a family goes to and how to get there."""

    __tablename__ = "service_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("service_organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    address_1: Mapped[str] = mapped_column(String(200), default="")
    address_2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    province: Mapped[str] = mapped_column(String(60), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="CA")
    # "Bus 7 or 12 to Main St.; 5 minutes from Lionel-Groulx metro"
    transit: Mapped[str] = mapped_column(Text, default="")
    wheelchair_accessible: Mapped[bool | None] = mapped_column(Boolean, default=None)
    accessibility: Mapped[str] = mapped_column(Text, default="")


class DirectoryService(Exchanged, Travelling, Base):
    """One service a family can be referred to, with everything a referral card holds."""

    __tablename__ = "directory_service"
    __table_args__ = (Index("ix_directory_service_browse", "deleted_at", "category", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("service_organization.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_location.id", ondelete="SET NULL"), default=None, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    # A code of the "referral_category" list.
    category: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    eligibility: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    what_to_bring: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Language codes the service is offered in (with or without an interpreter).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    in_french: Mapped[bool] = mapped_column(Boolean, default=False)
    hours: Mapped[str] = mapped_column(String(300), default="")
    open_evenings: Mapped[bool] = mapped_column(Boolean, default=False)
    open_weekends: Mapped[bool] = mapped_column(Boolean, default=False)
    childcare: Mapped[bool] = mapped_column(Boolean, default=False)
    # Served regardless of immigration status: yes, no, or not known (None). Only the service's
    # policy is kept here, never anyone's status.
    regardless_of_status: Mapped[bool | None] = mapped_column(Boolean, default=None)
    cost: Mapped[str] = mapped_column(String(300), default="")
    how_to_refer: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    verified_on: Mapped[date | None] = mapped_column(Date, default=None)
    verified_by: Mapped[str] = mapped_column(String(120), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Folded (case- and accent-free) names of the service and its organization, its descriptions
    # in every language and its contact people: what the search box looks in. Kept by the
    # directory service on every write.
    search_text: Mapped[str] = mapped_column(Text, default="")


class ServiceContactPerson(Exchanged, Travelling, Base):
    """A named person to call at an organization (referrals work best person to person)."""

    __tablename__ = "service_contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("service_organization.id", ondelete="CASCADE"), index=True
    )
    # The service they handle; None when they are the organization's contact for everything.
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("directory_service.id", ondelete="SET NULL"), default=None, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class Referral(Travelling, Base):
    """A person or household sent to a service, and what came of it."""

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_follow_up", "deleted_at", "follow_up_on"),
        # The log, newest first, read a page at a time without sorting every referral.
        Index("ix_referral_log", "deleted_at", "referred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), default=None, index=True
    )
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), default=None, index=True
    )
    service_id: Mapped[int] = mapped_column(
        ForeignKey("directory_service.id", ondelete="RESTRICT"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_contact_person.id", ondelete="SET NULL"), default=None
    )
    referred_on: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    # The volunteer who made the referral (a roster person), or None with the name typed.
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None
    )
    referred_by: Mapped[str] = mapped_column(String(200), default="")
    # When to check in; None once the outcome is known and nothing is left to follow.
    follow_up_on: Mapped[date | None] = mapped_column(Date, default=None)
    outcome: Mapped[str] = mapped_column(String(20), default="")
    outcome_on: Mapped[date | None] = mapped_column(Date, default=None)
    outcome_note: Mapped[str] = mapped_column(String(500), default="")
    # Codes of the "referral_barrier" list.
    barriers: Mapped[list[str]] = mapped_column(JSON, default=list)
