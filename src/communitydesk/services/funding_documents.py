"""A funding application and a funder report as documents, printed as PDF or saved as .docx.

The report's figures come from ActivityStatsService and the books' from BudgetService.compare,
the code paths of the dashboard and the treasurer's reports, so the three always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import (
    _,
    format_date,
    format_list,
    format_money,
    format_number,
    is_right_to_left,
    language_name,
)
from communitydesk.db.session import Database
from communitydesk.models import Organization
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.activity_stats import ActivityStatsService, Period
from communitydesk.services.budgets import BudgetService, Scope
from communitydesk.services.funding import ApplicationRecord, DeadlineRecord, shown, status_name
from communitydesk.services.periods import fiscal_year_of
from communitydesk.services.volunteer_hours import hours_number


@dataclass(frozen=True)
class _Books:
    name: str
    currency: str
    fiscal_start_month: int


def _books(db: Database) -> _Books:
    with db.reading() as session:
        row = session.scalars(select(Organization).limit(1)).first()
        if row is None:
            return _Books("", "CAD", 4)
        return _Books(row.name, row.currency, row.fiscal_year_start_month)


def _prepared(db: Database) -> str:
    return _("Prepared by {name} on {date}").format(
        name=db.actor or _("the coordinator"), date=format_date(date.today(), "long")
    )


def _slug(text: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "application"


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part.strip("\n") for part in text.split("\n\n") if part.strip())


def application_document(db: Database, application: ApplicationRecord) -> Document:
    books = _books(db)
    facts = []
    if application.funder:
        facts.append(_("Funder: {funder}").format(funder=application.funder))
    if application.program_name:
        facts.append(_("Program: {program}").format(program=application.program_name))
    if application.amount_cents is not None:
        facts.append(
            _("Amount requested: {amount}").format(
                amount=format_money(application.amount_cents, books.currency)
            )
        )
    if application.deadline is not None:
        facts.append(_("Deadline: {day}").format(day=format_date(application.deadline, "long")))
    if application.starts_on and application.ends_on:
        facts.append(
            _("Project period: {start} to {end}").format(
                start=format_date(application.starts_on), end=format_date(application.ends_on)
            )
        )
    facts.append(_("Status: {status}").format(status=status_name(application.status)))
    sections = tuple(
        Section(heading=shown(section.title), paragraphs=_paragraphs(section.text))
        for section in application.sections
    )
    return Document(
        title=application.title,
        subtitle=application.funder,
        right_to_left=is_right_to_left(),
        introduction=("\n".join(facts),),
        sections=sections,
        name=f"application-{_slug(application.title)}",
        organization=books.name,
        prepared=_prepared(db),
    )


def _answered(application: ApplicationRecord, ends_on: date) -> DeadlineRecord | None:
    """The report this one answers: the first not sent yet that falls due after the period."""
    open_ones = [d for d in application.deadlines if d.done_on is None]
    after = [d for d in open_ones if d.due_on >= ends_on]
    candidates = after or open_ones
    return candidates[0] if candidates else None


def _fiscal_pieces(start: date, end: date, start_month: int) -> list[tuple[int, Period]]:
    """The period cut at fiscal year ends (the books compare within one fiscal year)."""
    pieces = []
    day = start
    while day <= end:
        year = fiscal_year_of(day, start_month)
        following = date(year + 1, start_month, 1)
        last = min(end, following - timedelta(days=1))
        pieces.append((year, Period(day, last)))
        day = last + timedelta(days=1)
    return pieces


def program_expenses(
    db: Database, program_uid: str, period: Period, start_month: int
) -> tuple[tuple[str, int], ...]:
    """The program's expenses in the period by category (top-level rows and their
    sub-categories, as the books roll them up), largest first, and nothing else."""
    budgets = BudgetService(db)
    names: dict[str, str] = {}
    spent: dict[str, int] = {}
    for year, piece in _fiscal_pieces(period.start, period.end, start_month):
        comparison = budgets.compare(
            year, start_month, piece, Scope(program_uid=program_uid), with_budget=False
        )
        for row in comparison.expense:
            if row.depth == 0 and row.actual_cents:
                names[row.category_uid] = row.name
                spent[row.category_uid] = spent.get(row.category_uid, 0) + row.actual_cents
    rows = [(names[uid], amount) for uid, amount in spent.items()]
    return tuple(sorted(rows, key=lambda item: (-item[1], item[0])))


def funder_report(
    db: Database, application: ApplicationRecord, starts_on: date, ends_on: date
) -> Document:
    if application.status != "granted":
        raise ValidationError("status", _("A funder report is made for a granted application."))
    if ends_on < starts_on:
        raise ValidationError("ends_on", _("The period ends before it starts."))
    books = _books(db)
    period = Period(starts_on, ends_on)
    figures = ActivityStatsService(db).figures(period, application.program_uid or None)
    introduction = [
        _("Application: {title}").format(title=application.title),
    ]
    if application.program_name:
        introduction.append(_("Program: {program}").format(program=application.program_name))
    if application.granted_cents is not None:
        introduction.append(
            _("Amount granted: {amount}").format(
                amount=format_money(application.granted_cents, books.currency)
            )
        )
    answered = _answered(application, ends_on)
    if answered is not None:
        introduction.append(
            _("This report answers: {what}, due on {day}.").format(
                what=answered.what, day=format_date(answered.due_on, "long")
            )
        )
    languages = format_list([language_name(code) for code, _n in figures.languages])
    done = Table(
        headers=(_("What was done"), _("Number")),
        rows=(
            (_("Sessions held"), format_number(figures.sessions_held)),
            (_("Attendances"), format_number(figures.attendances)),
            (_("Different people who took part"), format_number(figures.unique_participants)),
            (_("Newcomers among them"), format_number(figures.newcomers)),
            (_("Households"), format_number(figures.households)),
        ),
        widths=(70, 30),
        numeric=(1,),
    )
    sections = [
        Section(
            heading=_("What was done"),
            paragraphs=(_("Languages spoken: {languages}.").format(languages=languages),)
            if languages
            else (),
            table=done,
        ),
        Section(
            heading=_("Volunteer hours"),
            table=Table(
                headers=(_("Volunteers"), _("Hours"), _("Value of the time given")),
                rows=(
                    (
                        format_number(figures.volunteers),
                        hours_number(figures.volunteer_minutes),
                        format_money(figures.volunteer_value_cents, books.currency),
                    ),
                ),
                numeric=(0, 1, 2),
            ),
        ),
    ]
    if application.program_uid:
        spent = program_expenses(db, application.program_uid, period, books.fiscal_start_month)
        total = sum(amount for _name, amount in spent)
        rows = tuple((name, format_money(amount, books.currency)) for name, amount in spent)
        sections.append(
            Section(
                heading=_("Money spent"),
                paragraphs=()
                if spent
                else (_("No expenses were recorded for this program in the period."),),
                table=Table(
                    headers=(_("Category"), _("Amount")),
                    rows=(*rows, (_("Total"), format_money(total, books.currency))),
                    widths=(70, 30),
                    numeric=(1,),
                    emphasized=(len(rows),),
                )
                if spent
                else None,
            )
        )
    return Document(
        title=_("Report to {funder}").format(funder=application.funder or application.title),
        subtitle=_("{start} to {end}").format(
            start=format_date(starts_on, "long"), end=format_date(ends_on, "long")
        ),
        right_to_left=is_right_to_left(),
        introduction=("\n".join(introduction),),
        sections=tuple(sections),
        name=f"funder-report-{_slug(application.title)}",
        organization=books.name,
        prepared=_prepared(db),
    )


def write_document(document: Document, target: Path) -> Path:
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        from communitydesk.reports.pdf import write_pdf

        return write_pdf(document, target)
    if suffix == ".docx":
        from communitydesk.reports.docx import write_docx

        return write_docx(document, target)
    raise ValidationError(
        "target",
        _("Save the document as a .pdf or a .docx file, not “{name}”.").format(name=target.name),
    )
