"""The shared, editable lists (activity categories, referral barriers, ...).

Each item has a stable code and a label per language; the labels are data, edited by the group,
so they live here rather than in the message catalogs.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from communitydesk.models.base import Base, Travelling


class LookupItem(Travelling, Base):
    __tablename__ = "lookup_item"
    __table_args__ = (UniqueConstraint("list_key", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_key: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
    labels: Mapped[list[LookupLabel]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )


class LookupLabel(Base):
    __tablename__ = "lookup_label"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("lookup_item.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(12), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    item: Mapped[LookupItem] = relationship(back_populates="labels")
