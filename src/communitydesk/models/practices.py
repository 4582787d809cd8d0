"""Practices and funding: what the group documents as working ("promising practice" records),
the funding applications it drafts from its own records, the funders' section templates, the
partners who are on board, and the reporting deadlines of the grants it won.

A practice's written answers follow the researchers' template (DOMAIN.md); its self-assessment
holds, for each of the ten elements of good practice (and optionally the twelve CCR core values),
how the practice embodies it and what evidence shows it: {"partnership": {"how": ..., "evidence":
...}}. Figures are never stored: they are pulled from the records when a document is made, so a
document always says what the records say.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.models.base import Base, Travelling

EVIDENCE_LEVELS = ("promising", "good", "best")
APPLICATION_STATUSES = ("idea", "drafting", "submitted", "granted", "declined")


class Practice(Travelling, Base):
    __tablename__ = "practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    evidence_level: Mapped[str] = mapped_column(String(20), default="promising")
    # The language the answers are written in (headings are printed in it and English/French).
    language: Mapped[str] = mapped_column(String(12), default="en")
    # The template's answers, keyed by question: {"what_it_is": ..., "purpose": ...}.
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # The ten elements (and the CCR values when `uses_ccr_values`): {code: {"how", "evidence"}}.
    elements: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    uses_ccr_values: Mapped[bool] = mapped_column(Boolean, default=False)
    ccr_values: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    # The period the evidence covers, and which figures and quotes the leader chose to show.
    evidence_from: Mapped[date | None] = mapped_column(Date, default=None)
    evidence_to: Mapped[date | None] = mapped_column(Date, default=None)
    figures: Mapped[list[str]] = mapped_column(JSON, default=list)
    quotes: Mapped[list[str]] = mapped_column(JSON, default=list)  # feedback uids
    shareable: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class PracticeProgram(Base):
    """The programs a practice is about (its evidence comes from their records)."""

    __tablename__ = "practice_program"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Partner(Travelling, Base):
    """Who else is on board: a partner organization and how closely the group works with it."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # A code of the "collaboration_level" list (awareness ... integration).
    collaboration_level: Mapped[str] = mapped_column(String(40), default="")
    contribution: Mapped[str] = mapped_column(Text, default="")  # what they bring
    contact: Mapped[str] = mapped_column(String(200), default="")


class FunderTemplate(Travelling, Base):
    """A funder's application form as an ordered list of sections: [{"key", "title", "hint"}].

    `key` names the reusable piece a section is drafted from (organization, need, program,
    served, partners, outcomes, budget, evaluation) or is empty for a section written by hand.
    """

    __tablename__ = "funder_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The seeded templates' stable key; empty for the group's own.
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200))
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)


class FundingApplication(Travelling, Base):
    __tablename__ = "funding_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    funder: Mapped[str] = mapped_column(String(200), default="")
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), default=None, index=True
    )
    practice_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice.id", ondelete="SET NULL"), default=None
    )
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("funder_template.id", ondelete="SET NULL"), default=None
    )
    amount_cents: Mapped[int | None] = mapped_column(Integer, default=None)
    granted_cents: Mapped[int | None] = mapped_column(Integer, default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="idea")
    submitted_on: Mapped[date | None] = mapped_column(Date, default=None)
    decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    # The period the program would run (and a funder report covers).
    starts_on: Mapped[date | None] = mapped_column(Date, default=None)
    ends_on: Mapped[date | None] = mapped_column(Date, default=None)
    # The sections as drafted and edited: [{"key", "title", "text"}], in the form's order.
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class ReportingDeadline(Travelling, Base):
    """A report owed to a funder for a granted application (shown on the dashboard when near)."""

    __tablename__ = "reporting_deadline"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("funding_application.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date, index=True)
    what: Mapped[str] = mapped_column(String(200), default="")
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
