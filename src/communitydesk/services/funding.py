"""Funding applications: the partners on board, the funders' section templates, the applications
and the reports owed on the grants won.

Drafting a section from the group's records is in funding_drafts; the application and the funder
report as documents are in funding_documents. Amounts are integer cents, never floats.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import (
    FunderTemplate,
    FundingApplication,
    LookupItem,
    Partner,
    Practice,
    Program,
    ReportingDeadline,
)
from communitydesk.models.base import new_uid, utc_now
from communitydesk.models.practices import APPLICATION_STATUSES
from communitydesk.reports.document import Document
from communitydesk.services.funding_templates import DEFAULT_TEMPLATES, SECTION_KEYS
from communitydesk.services.records import by_uid

STATUS_NAMES: Final = {
    "idea": N_("Idea"),
    "drafting": N_("Drafting"),
    "submitted": N_("Submitted"),
    "granted": N_("Granted"),
    "declined": N_("Declined"),
}
DECIDED: Final = frozenset({"granted", "declined"})
# How far ahead a report owed to a funder shows on the dashboard.
UPCOMING_DAYS: Final = 30

_MISSING_PARTNER = N_("This partner is no longer in the list.")
_MISSING_TEMPLATE = N_("This funder template no longer exists.")
_MISSING_APPLICATION = N_("This application no longer exists.")
_MISSING_DEADLINE = N_("This reporting deadline no longer exists.")


# --- Records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerInput:
    name: str
    collaboration_level: str = ""  # a code of the "collaboration_level" list
    contribution: str = ""
    contact: str = ""


@dataclass(frozen=True)
class PartnerRecord(PartnerInput):
    uid: str = ""

    def as_input(self) -> PartnerInput:
        return PartnerInput(self.name, self.collaboration_level, self.contribution, self.contact)


@dataclass(frozen=True)
class TemplateSection:
    key: str  # one of SECTION_KEYS, or "" for a section written by hand
    title: str  # as stored: a seeded title is its English text, translated on display
    hint: str = ""


@dataclass(frozen=True)
class FunderTemplateInput:
    name: str
    sections: tuple[TemplateSection, ...] = ()


@dataclass(frozen=True)
class FunderTemplateRecord(FunderTemplateInput):
    uid: str = ""
    code: str = ""  # the seeded templates' stable key; "" for the group's own

    def as_input(self) -> FunderTemplateInput:
        return FunderTemplateInput(self.name, self.sections)


@dataclass(frozen=True)
class ApplicationSection:
    key: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class ApplicationInput:
    title: str
    funder: str = ""
    program_uid: str = ""
    practice_uid: str = ""
    template_uid: str = ""
    amount_cents: int | None = None
    deadline: date | None = None
    status: str = "idea"
    submitted_on: date | None = None
    decided_on: date | None = None
    granted_cents: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    sections: tuple[ApplicationSection, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class DeadlineRecord:
    uid: str
    application_uid: str
    application_title: str
    funder: str
    due_on: date
    what: str
    done_on: date | None = None


@dataclass(frozen=True)
class ApplicationRecord(ApplicationInput):
    uid: str = ""
    program_name: str = ""
    practice_name: str = ""
    template_name: str = ""
    deadlines: tuple[DeadlineRecord, ...] = field(default=(), compare=False)

    @property
    def next_report(self) -> DeadlineRecord | None:
        """The earliest reporting deadline not done yet."""
        return next((d for d in self.deadlines if d.done_on is None), None)

    def as_input(self) -> ApplicationInput:
        return ApplicationInput(
            title=self.title,
            funder=self.funder,
            program_uid=self.program_uid,
            practice_uid=self.practice_uid,
            template_uid=self.template_uid,
            amount_cents=self.amount_cents,
            deadline=self.deadline,
            status=self.status,
            submitted_on=self.submitted_on,
            decided_on=self.decided_on,
            granted_cents=self.granted_cents,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            sections=self.sections,
            notes=self.notes,
        )


def status_name(status: str) -> str:
    return _(STATUS_NAMES.get(status, status))


def shown(stored: str) -> str:
    """A template's title or hint as the window shows it: a seeded one translated, the group's
    own as typed (it is not in the catalog, so gettext hands it back unchanged)."""
    return _(stored) if stored else ""


# --- Cleaning -----------------------------------------------------------------------------------


def _line(text: str, limit: int = 200) -> str:
    return " ".join(text.split())[:limit]


def _cents(value: object, field_name: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("money is integer cents")
    if value < 0:
        raise ValidationError(field_name, _("An amount cannot be below zero."))
    return value


def clean_partner(session: Session, partner: PartnerInput) -> PartnerInput:
    name = _line(partner.name)
    if not name:
        raise ValidationError("name", _("Give the partner's name."))
    level = partner.collaboration_level.strip()
    if level:
        known = session.scalar(
            select(func.count())
            .select_from(LookupItem)
            .where(LookupItem.list_key == "collaboration_level", LookupItem.code == level)
        )
        if not known:
            raise ValidationError(
                "collaboration_level",
                _("Choose from the list: {value} is not in it.").format(value=level),
            )
    return PartnerInput(name, level, partner.contribution.strip(), _line(partner.contact))


def clean_template(template: FunderTemplateInput) -> FunderTemplateInput:
    name = _line(template.name)
    if not name:
        raise ValidationError("name", _("Give the template a name, e.g. the funder's."))
    sections = []
    for section in template.sections:
        if section.key and section.key not in SECTION_KEYS:
            raise ValueError(f"unknown section key {section.key!r}")
        title = _line(section.title)
        if not title:
            raise ValidationError("sections", _("Every section needs a title."))
        sections.append(TemplateSection(section.key, title, section.hint.strip()))
    if not sections:
        raise ValidationError("sections", _("Add at least one section."))
    return FunderTemplateInput(name, tuple(sections))


def clean_application(application: ApplicationInput) -> ApplicationInput:
    title = _line(application.title)
    if not title:
        raise ValidationError("title", _("Give the application a title."))
    status = application.status
    if status not in APPLICATION_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    amount = _cents(application.amount_cents, "amount_cents")
    granted = _cents(application.granted_cents, "granted_cents")
    if status == "submitted" and application.submitted_on is None:
        raise ValidationError("submitted_on", _("Say on what day the application was sent."))
    if status in DECIDED and application.decided_on is None:
        raise ValidationError("decided_on", _("Say on what day the funder gave its answer."))
    if status not in DECIDED and application.decided_on is not None:
        raise ValidationError(
            "decided_on", _("Only a granted or declined application has a decision date.")
        )
    if status in ("idea", "drafting") and application.submitted_on is not None:
        raise ValidationError(
            "submitted_on", _("An application not sent yet has no date it was sent.")
        )
    if (
        application.submitted_on
        and application.decided_on
        and application.decided_on < application.submitted_on
    ):
        raise ValidationError(
            "decided_on", _("The answer cannot come before the application was sent.")
        )
    if status != "granted" and granted is not None:
        raise ValidationError(
            "granted_cents", _("Only a granted application has an amount granted.")
        )
    if status == "granted" and granted is None:
        granted = amount
    if (
        application.starts_on
        and application.ends_on
        and application.ends_on < application.starts_on
    ):
        raise ValidationError("ends_on", _("The period ends before it starts."))
    sections = tuple(
        ApplicationSection(
            s.key if s.key in SECTION_KEYS else "", _line(s.title), s.text.strip("\n")
        )
        for s in application.sections
    )
    return ApplicationInput(
        title=title,
        funder=_line(application.funder),
        program_uid=application.program_uid,
        practice_uid=application.practice_uid,
        template_uid=application.template_uid,
        amount_cents=amount,
        deadline=application.deadline,
        status=status,
        submitted_on=application.submitted_on,
        decided_on=application.decided_on,
        granted_cents=granted,
        starts_on=application.starts_on,
        ends_on=application.ends_on,
        sections=sections,
        notes=application.notes.strip(),
    )


# --- Seeding ------------------------------------------------------------------------------------


def seed_default_templates(session: Session) -> int:
    """The two default templates, when the data folder has never had any (a group that deleted
    them does not get them back). How many were added."""
    if session.scalar(select(func.count()).select_from(FunderTemplate)):
        return 0
    now = utc_now()
    rows = [
        {
            "uid": new_uid(),
            "code": code,
            "name": name,
            "sections": [{"key": k, "title": t, "hint": h} for k, t, h in sections],
            "created_at": now,
            "updated_at": now,
        }
        for code, (name, sections) in DEFAULT_TEMPLATES.items()
    ]
    session.execute(insert(FunderTemplate), rows)
    return len(rows)


# --- The service --------------------------------------------------------------------------------


class FundingService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- partners -----------------------------------------------------------------------------

    def partners(self) -> tuple[PartnerRecord, ...]:
        with self._db.reading() as session:
            rows = session.scalars(
                select(Partner).where(Partner.deleted_at.is_(None)).order_by(Partner.name)
            ).all()
            return tuple(_partner(row) for row in rows)

    def save_partner(self, partner: PartnerInput, uid: str = "") -> PartnerRecord:
        with self._db.unit_of_work() as session:
            cleaned = clean_partner(session, partner)
            row = by_uid(session, Partner, uid, _(_MISSING_PARTNER)) if uid else Partner()
            row.name = cleaned.name
            row.collaboration_level = cleaned.collaboration_level
            row.contribution = cleaned.contribution
            row.contact = cleaned.contact
            session.add(row)
            session.flush()
            return _partner(row)

    def delete_partner(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, Partner, uid, _(_MISSING_PARTNER)).deleted_at = utc_now()

    def restore_partner(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, Partner, uid, _(_MISSING_PARTNER), True).deleted_at = None

    # --- funder templates ---------------------------------------------------------------------

    def templates(self) -> tuple[FunderTemplateRecord, ...]:
        """The templates by name. The defaults are added here, on first use, rather than when
        the organization is created: data folders made before templates existed get them too."""
        with self._db.reading() as session:
            seeded = bool(session.scalar(select(func.count()).select_from(FunderTemplate)))
        if not seeded:
            with self._db.unit_of_work() as session:
                seed_default_templates(session)
        with self._db.reading() as session:
            rows = session.scalars(
                select(FunderTemplate).where(FunderTemplate.deleted_at.is_(None))
            ).all()
            records = [_template(row) for row in rows]
        return tuple(sorted(records, key=lambda t: shown(t.name).casefold()))

    def template(self, uid: str) -> FunderTemplateRecord:
        with self._db.reading() as session:
            return _template(by_uid(session, FunderTemplate, uid, _(_MISSING_TEMPLATE)))

    def save_template(self, template: FunderTemplateInput, uid: str = "") -> FunderTemplateRecord:
        cleaned = clean_template(template)
        with self._db.unit_of_work() as session:
            row = (
                by_uid(session, FunderTemplate, uid, _(_MISSING_TEMPLATE))
                if uid
                else FunderTemplate()
            )
            row.name = cleaned.name
            row.sections = [
                {"key": s.key, "title": s.title, "hint": s.hint} for s in cleaned.sections
            ]
            session.add(row)
            session.flush()
            return _template(row)

    def delete_template(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, FunderTemplate, uid, _(_MISSING_TEMPLATE)).deleted_at = utc_now()

    def restore_template(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, FunderTemplate, uid, _(_MISSING_TEMPLATE), True).deleted_at = None

    def sections_of(self, template_uid: str) -> tuple[ApplicationSection, ...]:
        """A template's sections as an application's, empty and titled in the window's
        language (the title then stays as the application was written)."""
        template = self.template(template_uid)
        return tuple(ApplicationSection(s.key, shown(s.title)) for s in template.sections)

    # --- applications -------------------------------------------------------------------------

    def applications(self, include_trash: bool = False) -> tuple[ApplicationRecord, ...]:
        """Newest deadline first; those without one last."""
        with self._db.reading() as session:
            query = select(FundingApplication)
            if not include_trash:
                query = query.where(FundingApplication.deleted_at.is_(None))
            rows = session.scalars(query).all()
            records = _applications(session, rows)
        return tuple(
            sorted(
                records,
                key=lambda a: (a.deadline is None, -(a.deadline or date.min).toordinal(), a.title),
            )
        )

    def get(self, uid: str) -> ApplicationRecord:
        with self._db.reading() as session:
            row = by_uid(session, FundingApplication, uid, _(_MISSING_APPLICATION))
            return _applications(session, [row])[0]

    def save(self, application: ApplicationInput, uid: str = "") -> ApplicationRecord:
        """Create (no `uid`) or update. A new application with a template and no sections gets
        the template's sections, empty, ready to draft."""
        cleaned = clean_application(application)
        with self._db.unit_of_work() as session:
            row = (
                by_uid(session, FundingApplication, uid, _(_MISSING_APPLICATION))
                if uid
                else FundingApplication()
            )
            row.title = cleaned.title
            row.funder = cleaned.funder
            row.program_id = (
                by_uid(
                    session, Program, cleaned.program_uid, _("This program no longer exists.")
                ).id
                if cleaned.program_uid
                else None
            )
            row.practice_id = (
                by_uid(
                    session, Practice, cleaned.practice_uid, _("This practice no longer exists.")
                ).id
                if cleaned.practice_uid
                else None
            )
            template = (
                by_uid(session, FunderTemplate, cleaned.template_uid, _(_MISSING_TEMPLATE), True)
                if cleaned.template_uid
                else None
            )
            row.template_id = template.id if template else None
            sections = cleaned.sections
            if not sections and not uid and template is not None:
                sections = tuple(
                    ApplicationSection(s.get("key", ""), shown(s.get("title", "")))
                    for s in template.sections
                )
            row.sections = [{"key": s.key, "title": s.title, "text": s.text} for s in sections]
            row.amount_cents = cleaned.amount_cents
            row.granted_cents = cleaned.granted_cents
            row.deadline = cleaned.deadline
            row.status = cleaned.status
            row.submitted_on = cleaned.submitted_on
            row.decided_on = cleaned.decided_on
            row.starts_on = cleaned.starts_on
            row.ends_on = cleaned.ends_on
            row.notes = cleaned.notes
            session.add(row)
            session.flush()
            return _applications(session, [row])[0]

    def delete(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, FundingApplication, uid, _(_MISSING_APPLICATION)).deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(
                session, FundingApplication, uid, _(_MISSING_APPLICATION), True
            ).deleted_at = None

    # --- reporting deadlines ------------------------------------------------------------------

    def add_deadline(self, application_uid: str, due_on: date, what: str) -> DeadlineRecord:
        what = _line(what)
        if not what:
            raise ValidationError("what", _("Say what is due, e.g. Interim report."))
        with self._db.unit_of_work() as session:
            application = by_uid(
                session, FundingApplication, application_uid, _(_MISSING_APPLICATION)
            )
            if application.status != "granted":
                raise ValidationError(
                    "status", _("Reports are owed only on a granted application.")
                )
            row = ReportingDeadline(application_id=application.id, due_on=due_on, what=what)
            session.add(row)
            session.flush()
            return _deadline(row, application)

    def complete_deadline(self, uid: str, done_on: date | None) -> None:
        """Mark the report sent on `done_on` (None: not sent after all)."""
        with self._db.unit_of_work() as session:
            by_uid(session, ReportingDeadline, uid, _(_MISSING_DEADLINE)).done_on = done_on

    def delete_deadline(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, ReportingDeadline, uid, _(_MISSING_DEADLINE)).deleted_at = utc_now()

    def restore_deadline(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, ReportingDeadline, uid, _(_MISSING_DEADLINE), True).deleted_at = None

    def upcoming(self, today: date, days: int = UPCOMING_DAYS) -> tuple[DeadlineRecord, ...]:
        """Reports not sent yet that are due within `days` (or late), soonest first."""
        with self._db.reading() as session:
            rows = session.execute(
                select(ReportingDeadline, FundingApplication)
                .join(
                    FundingApplication,
                    FundingApplication.id == ReportingDeadline.application_id,
                )
                .where(
                    ReportingDeadline.deleted_at.is_(None),
                    ReportingDeadline.done_on.is_(None),
                    FundingApplication.deleted_at.is_(None),
                    ReportingDeadline.due_on <= today + timedelta(days=days),
                )
                .order_by(ReportingDeadline.due_on, FundingApplication.title)
            ).all()
            return tuple(_deadline(deadline, application) for deadline, application in rows)

    # --- drafting and documents ---------------------------------------------------------------

    def draft_sections(
        self,
        application: str | ApplicationInput,
        overwrite: bool = False,
        keys: Collection[str] | None = None,
        today: date | None = None,
    ) -> tuple[ApplicationSection, ...]:
        """The application's sections with each templated one drafted from the records.

        A section already written is kept unless `overwrite`; `keys` limits drafting to those
        pieces (one section's "Draft" button). Nothing is saved: the user reads, edits, saves.
        """
        from communitydesk.services.funding_drafts import Drafter

        source = self.get(application).as_input() if isinstance(application, str) else application
        sections = source.sections
        if not sections and source.template_uid:
            sections = self.sections_of(source.template_uid)
        return Drafter(self._db, today or date.today()).draft(source, sections, overwrite, keys)

    def document(self, uid: str) -> Document:
        from communitydesk.services.funding_documents import application_document

        return application_document(self._db, self.get(uid))

    def funder_report(self, application_uid: str, starts_on: date, ends_on: date) -> Document:
        from communitydesk.services.funding_documents import funder_report

        return funder_report(self._db, self.get(application_uid), starts_on, ends_on)

    def write(self, uid: str, target: Path) -> Path:
        """The application as .pdf or .docx, by the file name's extension."""
        from communitydesk.services.funding_documents import write_document

        return write_document(self.document(uid), target)

    def write_funder_report(
        self, application_uid: str, starts_on: date, ends_on: date, target: Path
    ) -> Path:
        from communitydesk.services.funding_documents import write_document

        return write_document(self.funder_report(application_uid, starts_on, ends_on), target)


# --- Rows to records ----------------------------------------------------------------------------


def _partner(row: Partner) -> PartnerRecord:
    return PartnerRecord(row.name, row.collaboration_level, row.contribution, row.contact, row.uid)


def _template(row: FunderTemplate) -> FunderTemplateRecord:
    sections = tuple(
        TemplateSection(s.get("key", ""), s.get("title", ""), s.get("hint", ""))
        for s in row.sections or []
    )
    return FunderTemplateRecord(row.name, sections, row.uid, row.code)


def _deadline(row: ReportingDeadline, application: FundingApplication) -> DeadlineRecord:
    return DeadlineRecord(
        uid=row.uid,
        application_uid=application.uid,
        application_title=application.title,
        funder=application.funder,
        due_on=row.due_on,
        what=row.what,
        done_on=row.done_on,
    )


def _applications(session: Session, rows: Sequence[FundingApplication]) -> list[ApplicationRecord]:
    def names(
        model: type[Program] | type[Practice] | type[FunderTemplate], ids: set[int]
    ) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        query = select(model.id, model.uid, model.name).where(model.id.in_(ids))
        return {row_id: (uid, name) for row_id, uid, name in session.execute(query)}

    programs = names(Program, {r.program_id for r in rows if r.program_id})
    practices = names(Practice, {r.practice_id for r in rows if r.practice_id})
    templates = names(FunderTemplate, {r.template_id for r in rows if r.template_id})
    by_application: dict[int, list[DeadlineRecord]] = {}
    ids = [r.id for r in rows]
    if ids:
        owed = session.scalars(
            select(ReportingDeadline)
            .where(
                ReportingDeadline.application_id.in_(ids),
                ReportingDeadline.deleted_at.is_(None),
            )
            .order_by(ReportingDeadline.due_on)
        ).all()
        row_of = {r.id: r for r in rows}
        for deadline in owed:
            by_application.setdefault(deadline.application_id, []).append(
                _deadline(deadline, row_of[deadline.application_id])
            )
    none = ("", "")
    records = []
    for row in rows:
        program = programs.get(row.program_id, none) if row.program_id else none
        practice = practices.get(row.practice_id, none) if row.practice_id else none
        template = templates.get(row.template_id, none) if row.template_id else none
        records.append(
            ApplicationRecord(
                title=row.title,
                funder=row.funder,
                program_uid=program[0],
                practice_uid=practice[0],
                template_uid=template[0],
                amount_cents=row.amount_cents,
                deadline=row.deadline,
                status=row.status,
                submitted_on=row.submitted_on,
                decided_on=row.decided_on,
                granted_cents=row.granted_cents,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                sections=tuple(
                    ApplicationSection(s.get("key", ""), s.get("title", ""), s.get("text", ""))
                    for s in row.sections or []
                ),
                notes=row.notes,
                uid=row.uid,
                program_name=program[1],
                practice_name=practice[1],
                template_name=shown(template[1]),
                deadlines=tuple(by_application.get(row.id, [])),
            )
        )
    return records
