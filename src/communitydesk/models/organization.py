"""The organization using this data folder: its profile and the settings that belong to it
(currency, fiscal year, who counts as a newcomer)."""

from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling


class Organization(Travelling, Base):
    """One row: the group's profile, reused in reports and funding applications."""

    __tablename__ = "organization"
    __table_args__ = (
        CheckConstraint("fiscal_year_start_month BETWEEN 1 AND 12", name="fiscal_month"),
        CheckConstraint("newcomer_years BETWEEN 1 AND 50", name="newcomer_years"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_name: Mapped[str] = mapped_column(String(200), default="")
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    languages_spoken: Mapped[list[str]] = mapped_column(JSON, default=list)
    communities_served: Mapped[list[str]] = mapped_column(JSON, default=list)
    mission: Mapped[str] = mapped_column(Text, default="")
    # How the group began and what it has done: the opening of every funding application.
    history: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(3), default="CAD")
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=4)
    newcomer_years: Mapped[int] = mapped_column(Integer, default=5)
    is_sample: Mapped[bool] = mapped_column(default=False)
    # Years an inactive person's details are kept before they are anonymized (None: no limit).
    retention_years: Mapped[int | None] = mapped_column(Integer, default=None)
    # What an hour of volunteering is worth, for the in-kind contribution funders ask about.
    volunteer_hour_cents: Mapped[int] = mapped_column(Integer, default=2500)
    # Who signs donation receipts (a name and title), printed on every receipt.
    receipt_signer: Mapped[str] = mapped_column(String(200), default="")
