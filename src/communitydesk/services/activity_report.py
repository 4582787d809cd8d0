"""The activity report a group sends its funders: the period's figures, per program, who took
part, the trend by month, and words participants agreed to have quoted.

It leaves the organization, so every count of people from 1 to 4 is printed as "fewer than 5"
(a count that small can point at a family). Session counts and hours are not counts of people
and are printed as they are.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import select

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import (
    _,
    current_language,
    format_date,
    format_money,
    format_number,
    is_right_to_left,
    language_name,
    left_to_right,
)
from communitydesk.db.session import Database
from communitydesk.models import Organization
from communitydesk.reports.document import Chart, Document, Section, Table
from communitydesk.services.activity_stats import (
    ActivityFigures,
    ActivityStatsService,
    MonthPoint,
    Period,
    ProgramFigures,
)
from communitydesk.services.attendance import HEAD_COUNT_GENDERS
from communitydesk.services.feedback import FeedbackRecord, FeedbackService
from communitydesk.services.lookups import LookupService
from communitydesk.services.volunteer_hours import hours_number

SMALLEST_SHOWN: Final = 5
QUOTES_SHOWN: Final = 5


@dataclass(frozen=True)
class ActivityReport:
    organization: str
    currency: str
    hour_cents: int
    newcomer_years: int
    period: Period
    program_name: str  # "" for all programs
    totals: ActivityFigures
    programs: tuple[ProgramFigures, ...]
    trend: tuple[MonthPoint, ...]
    categories: dict[str, str]  # activity_category key -> label in the window's language
    quotes: tuple[FeedbackRecord, ...]


def people_count(count: int) -> str:
    """A count of people as it may leave the organization."""
    if 0 < count < SMALLEST_SHOWN:
        return _("fewer than 5")
    return format_number(count)


def month_label(month: date) -> str:
    return format_date(month, "MMM yyyy")


class ActivityReportService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._stats = ActivityStatsService(db)
        self._feedback = FeedbackService(db)
        self._lookups = LookupService(db)

    def build(
        self, period: Period, program_uid: str = "", today: date | None = None
    ) -> ActivityReport:
        today = today or date.today()
        totals = self._stats.figures(period, program_uid or None, today)
        programs = self._stats.per_program(period, today)
        if program_uid:
            programs = tuple(p for p in programs if p.uid == program_uid)
        quotes = self._feedback.feedback(
            program_uid, quotable_only=True, start=period.start, end=period.end, today=today
        )
        with self._db.reading() as session:
            organization = session.scalars(select(Organization).limit(1)).first()
        language = current_language().code
        categories = {
            entry.code: entry.label
            for entry in self._lookups.get_list("activity_category", language).entries
        }
        program_name = next((p.name for p in programs if p.uid == program_uid), "")
        return ActivityReport(
            organization=organization.name if organization else "",
            currency=organization.currency if organization else "CAD",
            hour_cents=organization.volunteer_hour_cents if organization else 0,
            newcomer_years=organization.newcomer_years if organization else 5,
            period=period,
            program_name=program_name,
            totals=totals,
            programs=programs,
            trend=self._stats.trend(period, program_uid or None, today),
            categories=categories,
            quotes=quotes[:QUOTES_SHOWN],
        )

    # --- the printable report ------------------------------------------------------------------

    def document(self, report: ActivityReport) -> Document:
        period = _("{start} to {end}").format(
            start=format_date(report.period.start, "long"),
            end=format_date(report.period.end, "long"),
        )
        subtitle = " · ".join(
            part for part in (report.organization, report.program_name, period) if part
        )
        sections = [
            Section(
                _("Summary"),
                table=Table((_("Measure"), _("Figure")), _summary(report), widths=(70, 30)),
            ),
            Section(_("Per program"), table=_program_table(report)),
            Section(_("Who took part"), table=_breakdown_table(report.totals)),
            # The chart comes after the tables: Qt lays a right-to-left table that follows an
            # image from the left.
            Section(chart=_trend_chart(report.trend)),
        ]
        if report.quotes:
            sections.append(
                Section(
                    _("What participants said"),
                    paragraphs=tuple(_quote(record) for record in report.quotes),
                )
            )
        return Document(
            title=_("Activity report"),
            subtitle=subtitle,
            right_to_left=is_right_to_left(),
            introduction=(
                _(
                    "Figures from the group's own attendance records. Each person is counted "
                    "once however often they came; people counted without names are added once."
                ),
            ),
            sections=tuple(sections),
            footnotes=(
                _(
                    "Counts of people under 5 are shown as “fewer than 5” to protect privacy. "
                    "Words are quoted only from participants who agreed to be quoted."
                ),
            ),
            name="activity-report",
        )

    # --- the spreadsheet -----------------------------------------------------------------------

    def write_csv(self, report: ActivityReport, target: Path) -> Path:
        """One row per program and a total row, the same figures as the printed report."""
        headers = [
            _("Program"),
            _("Category"),
            _("Sessions held"),
            _("Participations"),
            _("Unique participants"),
            _("Newcomers"),
            _("Households"),
            _("Volunteer hours"),
            _("Value of volunteer time"),
        ]
        rows = [_csv_row(report, p.name, p.category, p.figures) for p in report.programs]
        rows.append(_csv_row(report, _("All programs"), "", report.totals))
        with (
            written_whole(target) as partial,
            partial.open("w", newline="", encoding="utf-8-sig") as handle,
        ):
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])
        return target


def _summary(report: ActivityReport) -> tuple[tuple[str, str], ...]:
    figures = report.totals
    value = format_money(figures.volunteer_value_cents, report.currency)
    rate = format_money(report.hour_cents, report.currency)
    return (
        (_("Sessions held"), format_number(figures.sessions_held)),
        (_("Participations (all attendance)"), people_count(figures.attendances)),
        (_("Unique participants"), people_count(figures.unique_participants)),
        (
            _("Newcomers reached (arrived within {years} years)").format(
                years=report.newcomer_years
            ),
            people_count(figures.newcomers),
        ),
        (_("Households reached"), people_count(figures.households)),
        (_("Languages served"), format_number(len(figures.languages))),
        (_("Volunteers"), people_count(figures.volunteers)),
        (_("Volunteer hours"), hours_number(figures.volunteer_minutes)),
        (_("Value of volunteer time (at {rate} an hour)").format(rate=rate), value),
        (_("One-to-one support contacts"), format_number(figures.support_contacts)),
    )


def _trend_chart(trend: tuple[MonthPoint, ...]) -> Chart:
    return Chart(
        title=_("Attendance by month"),
        kind="bar",
        labels=tuple(month_label(point.month) for point in trend),
        series=((_("Participations"), tuple(point.attendances for point in trend)),),
        right_to_left=is_right_to_left(),
    )


def _program_table(report: ActivityReport) -> Table:
    rows = tuple(
        (
            program.name,
            report.categories.get(program.category, program.category),
            format_number(program.figures.sessions_held),
            people_count(program.figures.attendances),
            people_count(program.figures.unique_participants),
            people_count(program.figures.newcomers),
            hours_number(program.figures.volunteer_minutes),
        )
        for program in report.programs
    )
    return Table(
        (
            _("Program"),
            _("Category"),
            _("Sessions"),
            _("Participations"),
            _("Unique"),
            _("Newcomers"),
            _("Hours"),
        ),
        rows,
        widths=(18, 16, 11, 18, 10, 15, 12),
    )


def _breakdown_table(figures: ActivityFigures) -> Table:
    groups = (
        (
            _("Age"),
            [(left_to_right(band) or _("Not noted"), count) for band, count in figures.age_bands],
        ),
        (_("Gender"), [(_(HEAD_COUNT_GENDERS[key]), count) for key, count in figures.genders]),
        (_("Language"), [(language_name(code), count) for code, count in figures.languages]),
    )
    rows: list[tuple[str, str, str]] = []
    for group, counts in groups:
        # The group is named on its first line only, so the table reads as three short lists.
        rows += [
            (group if index == 0 else "", who, people_count(count))
            for index, (who, count) in enumerate(counts)
        ]
    return Table((_("Group"), _("Who"), _("Participants")), tuple(rows), widths=(25, 45, 30))


def _quote(record: FeedbackRecord) -> str:
    about = " · ".join(
        part for part in (record.program_name, format_date(record.given_on, "MMMM yyyy")) if part
    )
    return f"“{record.words}”\n— {_('A participant')}, {about}"


def _csv_row(
    report: ActivityReport, name: str, category: str, figures: ActivityFigures
) -> list[str]:
    return [
        name,
        report.categories.get(category, category),
        str(figures.sessions_held),
        people_count(figures.attendances),
        people_count(figures.unique_participants),
        people_count(figures.newcomers),
        people_count(figures.households),
        hours_number(figures.volunteer_minutes),
        format_money(figures.volunteer_value_cents, report.currency),
    ]
