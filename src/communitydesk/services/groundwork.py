"""The groundwork report: the evidence a small group brings to a partnership meeting.

For a period: how many people and households the group prepared (one-to-one support) and
referred, to which categories and services, what came of the referrals and the barriers they
met. Counted in SQL over referrals made in the period, with their outcome as recorded now.

How things are counted:
- A person referred twice to the same service counts once for that service, and once for a
  category however many of its services they were sent to. A household referred as a whole
  counts as one among the people. Outcomes and barriers count referrals.
- It leaves the organization, so every count of people or referrals from 1 to 4 is printed as
  "fewer than 5". Referrals add up: by outcome, by category, and both together in one grid with
  its row and column totals. Wherever such a sum would let a reader work a hidden count out by
  subtraction (a line with exactly one hidden count), the smallest other count of that line is
  hidden too ("not shown"), until no line has a single hidden count. People are counted
  distinctly per category and per service, so those counts do not add up to a total and need no
  second count hidden. The follow-up rate is printed only when it gives nothing away.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import ValidationError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import (
    _,
    current_language,
    format_date,
    format_number,
    is_right_to_left,
    ngettext,
    without_isolates,
)
from communitydesk.db.name_search import list_contains
from communitydesk.db.session import Database
from communitydesk.models import (
    DirectoryService,
    Household,
    Organization,
    Person,
    Referral,
    ServiceOrganization,
    SupportContact,
)
from communitydesk.models.referrals import REFERRAL_OUTCOMES
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.activity_report import SMALLEST_SHOWN, people_count
from communitydesk.services.activity_stats import Period
from communitydesk.services.lookups import LookupService
from communitydesk.services.money_report_tables import percent_text, period_phrase
from communitydesk.services.referrals import OUTCOMES

TOP_SERVICES: Final = 20
NO_OUTCOME: Final = ""  # the outcome of a referral not followed up yet
# The grid's columns: each outcome, then none yet.
GRID_OUTCOMES: Final = (*REFERRAL_OUTCOMES, NO_OUTCOME)

Cell = tuple[int, int]  # (row, column) of the referral grid
Attribute = InstrumentedAttribute[int | None]


@dataclass(frozen=True)
class CategoryLine:
    code: str
    label: str
    people: int  # distinct people (or households referred as a whole)
    # Referrals by outcome code, "" for none yet.
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def referrals(self) -> int:
        return sum(self.outcomes.values())


@dataclass(frozen=True)
class ServiceLine:
    name: str
    organization: str
    category: str  # its label
    people: int


@dataclass(frozen=True)
class Figures:
    people_prepared: int
    households_prepared: int
    people_referred: int
    households_referred: int
    services: int  # distinct services referred to
    organizations: int


def hidden_cells(values: dict[Cell, int], lines: Iterable[tuple[Cell, ...]]) -> set[Cell]:
    """The cells not to print: every count from 1 to 4, and then, for each line whose cells add
    up (its total among them) and hide exactly one, its smallest other count, until no line
    hides exactly one. Zeros are never hidden: a zero hides nothing."""
    lines = tuple(lines)
    hidden = {cell for cell, value in values.items() if 0 < value < SMALLEST_SHOWN}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            shown = [cell for cell in line if cell not in hidden and values[cell] > 0]
            if shown:
                hidden.add(min(shown, key=lambda cell: (values[cell], cell)))
                changed = True
    return hidden


@dataclass(frozen=True)
class ReferralGrid:
    """Referrals by category (rows) and outcome (columns), with a total row and column."""

    values: dict[Cell, int]
    rows: int  # categories, then the total row
    columns: int  # outcomes, then the total column
    hidden: frozenset[Cell]

    @classmethod
    def of(cls, categories: tuple[CategoryLine, ...]) -> ReferralGrid:
        values: dict[Cell, int] = {}
        last_row, last_column = len(categories), len(GRID_OUTCOMES)
        for row, line in enumerate(categories):
            for column, outcome in enumerate(GRID_OUTCOMES):
                values[row, column] = line.outcomes.get(outcome, 0)
            values[row, last_column] = line.referrals
        for column in range(last_column + 1):
            values[last_row, column] = sum(values[row, column] for row in range(last_row))
        rows = [tuple((r, c) for c in range(last_column + 1)) for r in range(last_row + 1)]
        columns = [tuple((r, c) for r in range(last_row + 1)) for c in range(last_column + 1)]
        hidden = hidden_cells(values, [*rows, *columns])
        return cls(values, last_row + 1, last_column + 1, frozenset(hidden))

    @property
    def total(self) -> Cell:
        return (self.rows - 1, self.columns - 1)

    def text(self, cell: Cell) -> str:
        value = self.values[cell]
        if cell in self.hidden and value >= SMALLEST_SHOWN:
            return _("not shown")
        return people_count(value)


@dataclass(frozen=True)
class GroundworkReport:
    organization: str
    prepared: str
    period: Period
    figures: Figures
    categories: tuple[CategoryLine, ...]  # those referred to in the period, in the list's order
    services: tuple[ServiceLine, ...]  # every service referred to, most people first
    barriers: tuple[tuple[str, int], ...]  # (label, referrals) for each barrier met
    right_to_left: bool = False

    @property
    def grid(self) -> ReferralGrid:
        return ReferralGrid.of(self.categories)

    @property
    def referrals(self) -> int:
        return sum(line.referrals for line in self.categories)

    # --- what it prints ---------------------------------------------------------------------

    def document(self) -> Document:
        grid = self.grid
        sections = [
            Section(
                _("Summary"),
                table=Table(
                    (_("Measure"), _("Figure")),
                    self._summary(grid),
                    widths=(70, 30),
                    numeric=(1,),
                ),
            ),
            Section(_("Referrals by category"), table=self._category_table(grid)),
            Section(_("Outcomes"), table=self._outcome_table(grid)),
            Section(_("Outcomes by category"), table=self._grid_table(grid)),
            *self._service_sections(),
            self._barrier_section(),
        ]
        introduction = [
            _(
                "How the group prepared people one to one and referred them to mainstream "
                "services, where to, and what came of it."
            )
        ]
        if not self.referrals:
            introduction.append(_("No referrals were recorded in this period."))
        return Document(
            title=_("Groundwork report"),
            subtitle=period_phrase(self.period.start, self.period.end),
            right_to_left=self.right_to_left,
            introduction=tuple(introduction),
            sections=tuple(sections),
            footnotes=(
                _(
                    "Each person is counted once per service and once per category, however "
                    "often they were referred; a household referred as a whole counts as one "
                    "person. Outcomes and barriers count referrals, with the outcome recorded "
                    "so far; a referral may meet several barriers, or none."
                ),
                _(
                    "Counts from 1 to 4 are shown as “fewer than 5” to protect privacy. Where a "
                    "total would let a reader work such a count out, another count is not shown."
                ),
            ),
            name=f"groundwork-{self.period.start}-{self.period.end}",
            organization=self.organization,
            prepared=self.prepared,
        )

    def csv_rows(self) -> list[list[str]]:
        """The printed tables, one after the other, each headed and set apart by a blank row."""
        out: list[list[str]] = []
        for section in self.document().sections:
            if section.heading:
                if out:
                    out.append([])
                out.append([_csv(section.heading)])
            out += [[_csv(text)] for text in section.paragraphs]
            if section.table is not None:
                out.append([_csv(header) for header in section.table.headers])
                out += [[_csv(cell) for cell in row] for row in section.table.rows]
        return out

    def write(self, target: Path) -> Path:
        """The report as a PDF or a spreadsheet (CSV), by the file name's extension."""
        suffix = target.suffix.lower()
        if suffix == ".pdf":
            from communitydesk.reports.pdf import write_pdf

            return write_pdf(self.document(), target)
        if suffix == ".csv":
            with (
                written_whole(target) as partial,
                # With a byte-order mark, Excel opens accents and Arabic right.
                partial.open("w", newline="", encoding="utf-8-sig") as handle,
            ):
                csv.writer(handle).writerows(self.csv_rows())
            return target
        raise ValidationError(
            "target",
            _("Save the report as a .pdf or a .csv file, not “{name}”.").format(name=target.name),
        )

    # --- its tables -----------------------------------------------------------------------------

    def _summary(self, grid: ReferralGrid) -> tuple[tuple[str, str], ...]:
        figures = self.figures
        return (
            (_("People prepared one to one"), people_count(figures.people_prepared)),
            (_("Households prepared one to one"), people_count(figures.households_prepared)),
            (_("People referred"), people_count(figures.people_referred)),
            (_("Households referred"), people_count(figures.households_referred)),
            (_("Referrals made"), grid.text(grid.total)),
            (_("Services referred to"), format_number(figures.services)),
            (_("Organizations referred to"), format_number(figures.organizations)),
            (_("Follow-up rate (referrals with an outcome recorded)"), self._follow_up(grid)),
        )

    def _follow_up(self, grid: ReferralGrid) -> str:
        total = grid.values[grid.total]
        waiting_cell = (grid.rows - 1, GRID_OUTCOMES.index(NO_OUTCOME))
        open_ = grid.values[waiting_cell]
        if total == 0:
            return "—"
        if grid.total in grid.hidden:
            return _("not shown")
        if waiting_cell not in grid.hidden:
            return percent_text(
                ((total - open_) * 200 + total) // (2 * total)
            )  # half up, in integers
        if open_ < SMALLEST_SHOWN:
            # Fewer than 5 without an outcome: at least this share has one.
            return _("at least {percent}").format(
                percent=percent_text((total - SMALLEST_SHOWN + 1) * 100 // total)
            )
        return _("not shown")

    def _category_table(self, grid: ReferralGrid) -> Table:
        referrals = grid.columns - 1
        rows = [
            (line.label, people_count(line.people), grid.text((index, referrals)))
            for index, line in enumerate(self.categories)
        ]
        rows.append(
            (
                _("All categories"),
                people_count(self.figures.people_referred),
                grid.text(grid.total),
            )
        )
        return Table(
            (_("Category"), _("People"), _("Referrals")),
            tuple(rows),
            widths=(60, 20, 20),
            numeric=(1, 2),
            emphasized=(len(rows) - 1,),
        )

    def _outcome_table(self, grid: ReferralGrid) -> Table:
        last = grid.rows - 1
        rows = [
            (_outcome_label(outcome), grid.text((last, column)))
            for column, outcome in enumerate(GRID_OUTCOMES)
        ]
        rows.append((_("All referrals"), grid.text(grid.total)))
        return Table(
            (_("Outcome"), _("Referrals")),
            tuple(rows),
            widths=(70, 30),
            numeric=(1,),
            emphasized=(len(rows) - 1,),
        )

    def _grid_table(self, grid: ReferralGrid) -> Table:
        labels = [line.label for line in self.categories] + [_("All categories")]
        rows = tuple(
            (label, *(grid.text((row, column)) for column in range(grid.columns)))
            for row, label in enumerate(labels)
        )
        return Table(
            (_("Category"), *(_outcome_label(o) for o in GRID_OUTCOMES), _("Total")),
            rows,
            # Room for "fewer than 5" on one line; the categories wrap instead.
            widths=(16, 12, 12, 12, 12, 12, 12, 12),
            numeric=tuple(range(1, grid.columns + 1)),
            emphasized=(len(rows) - 1,),
        )

    def _service_sections(self) -> tuple[Section, ...]:
        # Counts under 5 say nothing of their order: they come after the others, by name.
        ranked = sorted(
            self.services,
            key=lambda s: (-s.people if s.people >= SMALLEST_SHOWN else 0, s.name.casefold()),
        )
        shown = ranked[:TOP_SERVICES]
        rest = len(ranked) - len(shown)
        listed = Section(
            _("Services referred to"),
            table=Table(
                (_("Service"), _("Organization"), _("Category"), _("People")),
                tuple((s.name, s.organization, s.category, people_count(s.people)) for s in shown),
                widths=(34, 30, 22, 14),
                numeric=(3,),
            ),
        )
        if not rest:
            return (listed,)
        # After the table, which keeps its heading on its page.
        more = ngettext(
            "{more} other service, referred to less, is not listed.",
            "{more} other services, referred to less, are not listed.",
            rest,
        ).format(more=format_number(rest))
        return (listed, Section(paragraphs=(more,)))

    def _barrier_section(self) -> Section:
        met = [(label, count) for label, count in self.barriers if count]
        return Section(
            _("Barriers met"),
            paragraphs=() if met else (_("No barriers were recorded for these referrals."),),
            table=Table(
                (_("Barrier"), _("Referrals")),
                tuple((label, people_count(count)) for label, count in met),
                widths=(70, 30),
                numeric=(1,),
            )
            if met
            else None,
        )


def _outcome_label(outcome: str) -> str:
    return _(OUTCOMES[outcome]) if outcome else _("No outcome yet")


def _category_label(labels: dict[str, str], code: str) -> str:
    return labels.get(code) or code or _("No category")


def _csv(text: str) -> str:
    return spreadsheet_safe(without_isolates(text))


# --- Counting ------------------------------------------------------------------------------------


def _people(person: Attribute, household: Attribute) -> ColumnElement[int]:
    """Distinct people, with a household referred (or supported) as a whole counted once."""
    return func.count(person.distinct()) + func.count(
        case((person.is_(None), household)).distinct()
    )


def _present(person: Attribute, household: Attribute) -> ColumnElement[bool]:
    """Not about someone in the Trash: they are left out, as the activity figures leave them."""
    return and_(
        or_(person.is_(None), Person.deleted_at.is_(None)),
        or_(person.is_not(None), Household.deleted_at.is_(None)),
    )


class GroundworkService:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self._db = db
        self._today = today
        self._lookups = LookupService(db)

    def fiscal_start_month(self) -> int:
        """The month the organization's fiscal year starts in (the report screen offers it)."""
        with self._db.reading() as session:
            month = session.scalar(select(Organization.fiscal_year_start_month).limit(1))
        return int(month or 4)

    def build(self, starts_on: date, ends_on: date) -> GroundworkReport:
        if ends_on < starts_on:
            raise ValidationError("ends_on", _("The period ends before it starts."))
        language = current_language().code
        categories = {
            e.code: e.label for e in self._lookups.get_list("referral_category", language).entries
        }
        barriers = self._lookups.get_list("referral_barrier", language).entries
        with self._db.reading() as session:
            organization = session.scalar(select(Organization.name).limit(1)) or ""
            referrals = self._referrals(starts_on, ends_on)
            figures = self._figures(session, referrals, starts_on, ends_on)
            lines = self._categories(session, referrals, categories)
            services = self._services(session, referrals, categories)
            counts = self._barriers(session, referrals, [e.code for e in barriers])
        prepared = _("Prepared by {name} on {date}").format(
            name=self._db.actor or _("the coordinator"), date=format_date(self._today(), "long")
        )
        return GroundworkReport(
            organization=organization,
            prepared=prepared,
            period=Period(starts_on, ends_on),
            figures=figures,
            categories=lines,
            services=services,
            barriers=tuple((e.label, n) for e, n in zip(barriers, counts, strict=True)),
            right_to_left=is_right_to_left(),
        )

    @staticmethod
    def _referrals(starts_on: date, ends_on: date) -> Select[Any]:
        """The referrals the report counts, joined to their service (columns chosen later)."""
        return (
            select(Referral.id)
            .join(DirectoryService, DirectoryService.id == Referral.service_id)
            .outerjoin(Person, Person.id == Referral.person_id)
            .outerjoin(Household, Household.id == Referral.household_id)
            .where(
                Referral.deleted_at.is_(None),
                Referral.referred_on >= starts_on,
                Referral.referred_on <= ends_on,
                _present(Referral.person_id, Referral.household_id),
            )
        )

    @staticmethod
    def _figures(
        session: Session, referrals: Select[Any], starts_on: date, ends_on: date
    ) -> Figures:
        referred = session.execute(
            referrals.with_only_columns(
                _people(Referral.person_id, Referral.household_id),
                func.count(Referral.household_id.distinct()),
                func.count(Referral.service_id.distinct()),
                func.count(DirectoryService.organization_id.distinct()),
            )
        ).one()
        prepared = session.execute(
            select(
                _people(SupportContact.person_id, SupportContact.household_id),
                func.count(SupportContact.household_id.distinct()),
            )
            .outerjoin(Person, Person.id == SupportContact.person_id)
            .outerjoin(Household, Household.id == SupportContact.household_id)
            .where(
                SupportContact.deleted_at.is_(None),
                SupportContact.contact_on >= starts_on,
                SupportContact.contact_on <= ends_on,
                _present(SupportContact.person_id, SupportContact.household_id),
            )
        ).one()
        return Figures(
            people_prepared=int(prepared[0]),
            households_prepared=int(prepared[1]),
            people_referred=int(referred[0]),
            households_referred=int(referred[1]),
            services=int(referred[2]),
            organizations=int(referred[3]),
        )

    @staticmethod
    def _categories(
        session: Session, referrals: Select[Any], labels: dict[str, str]
    ) -> tuple[CategoryLine, ...]:
        people = dict(
            session.execute(
                referrals.with_only_columns(
                    DirectoryService.category, _people(Referral.person_id, Referral.household_id)
                ).group_by(DirectoryService.category)
            ).all()
        )
        outcomes: dict[str, dict[str, int]] = {}
        for category, outcome, count in session.execute(
            referrals.with_only_columns(
                DirectoryService.category, Referral.outcome, func.count()
            ).group_by(DirectoryService.category, Referral.outcome)
        ):
            # An outcome code no longer known still counts, as "other".
            known = outcome if outcome in GRID_OUTCOMES else "other"
            by_outcome = outcomes.setdefault(category, {})
            by_outcome[known] = by_outcome.get(known, 0) + int(count)
        order = {code: index for index, code in enumerate(labels)}
        return tuple(
            CategoryLine(
                code,
                _category_label(labels, code),
                int(people.get(code, 0)),
                outcomes[code],
            )
            for code in sorted(outcomes, key=lambda c: (order.get(c, len(order)), c))
        )

    @staticmethod
    def _barriers(session: Session, referrals: Select[Any], codes: list[str]) -> tuple[int, ...]:
        """How many referrals met each barrier (a referral may meet several)."""
        if not codes:
            return ()
        met = (
            func.coalesce(func.sum(case((list_contains(Referral.barriers, code), 1), else_=0)), 0)
            for code in codes
        )
        return tuple(int(n) for n in session.execute(referrals.with_only_columns(*met)).one())

    @staticmethod
    def _services(
        session: Session, referrals: Select[Any], labels: dict[str, str]
    ) -> tuple[ServiceLine, ...]:
        rows = session.execute(
            referrals.join(
                ServiceOrganization,
                ServiceOrganization.id == DirectoryService.organization_id,
            )
            .with_only_columns(
                DirectoryService.name,
                ServiceOrganization.name,
                DirectoryService.category,
                _people(Referral.person_id, Referral.household_id),
            )
            .group_by(DirectoryService.id, ServiceOrganization.name)
        )
        return tuple(
            ServiceLine(name, organization, _category_label(labels, code), int(count))
            for name, organization, code, count in rows
        )
