"""A practice profile: the document a group hands a funder or a partner to show what works.

It holds the organization's profile, the practice's answers under the template's questions, its
self-assessment against the ten elements, the figures chosen from the evidence (pulled from the
records when the profile is made, so they equal the dashboard's) and the quotes chosen, printed
only if their authors still allow quoting on the day the profile is made.

Headings are printed in the practice's language and in English (French for a practice written
in English): the two languages a funder and the community both read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import (
    N_,
    _,
    embedded,
    format_date,
    format_list,
    is_right_to_left,
    language_name,
    translated_in,
)
from communitydesk.db.session import Database
from communitydesk.reports.document import Chart, Document, Section, Table
from communitydesk.services.activity_report import month_label
from communitydesk.services.activity_stats import Period
from communitydesk.services.feedback import FeedbackRecord
from communitydesk.services.organization import OrganizationProfile, OrganizationService
from communitydesk.services.practice_evidence import Evidence, EvidenceService, figure_rows
from communitydesk.services.practice_guidance import (
    CCR_VALUES,
    ELEMENTS,
    EVIDENCE_LEVELS,
    TEMPLATE_QUESTIONS,
)
from communitydesk.services.practices import Assessment, PracticeRecord, PracticeService

WRITERS = (".pdf", ".docx")


@dataclass(frozen=True)
class _Headings:
    """Headings in the practice's language, then the other language of printouts."""

    first: str
    second: str

    def __call__(self, message: str) -> str:
        one = translated_in(self.first, message)
        other = translated_in(self.second, message)
        return one if other == one else f"{one}\n{embedded(other)}"


def _headings(language: str) -> _Headings:
    return _Headings(language, "fr" if language == "en" else "en")


def evidence_period(
    practice: PracticeRecord,
    starts_on: date | None = None,
    ends_on: date | None = None,
    today: date | None = None,
) -> Period:
    """The dates given, else the practice's evidence period, else the year up to today."""
    today = today or date.today()
    end = ends_on or practice.evidence_to or today
    start = starts_on or practice.evidence_from or (end - timedelta(days=364))
    if end < start:
        raise ValidationError("ends_on", _("The period cannot end before it starts."))
    return Period(start, end)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("\n\n") if part.strip())


def _quote(record: FeedbackRecord) -> str:
    about = " · ".join(
        part for part in (record.program_name, format_date(record.given_on, "MMMM yyyy")) if part
    )
    return f"“{record.words}”\n— {_('A participant')}, {about}"


def _assessment_table(
    entries: tuple[tuple[str, str, str], ...], given: dict[str, Assessment], first: str
) -> Table | None:
    rows = tuple(
        (_(label), given[code].how, given[code].evidence)
        for code, label, _guidance in entries
        if code in given
    )
    if not rows:
        return None
    return Table((first, _("How the practice embodies it"), _("Evidence")), rows, (34, 33, 33))


class PracticeProfileService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._practices = PracticeService(db)
        self._evidence = EvidenceService(db)
        self._organization = OrganizationService(db)

    def document(
        self,
        uid: str,
        starts_on: date | None = None,
        ends_on: date | None = None,
        today: date | None = None,
    ) -> Document:
        today = today or date.today()
        practice = self._practices.get(uid)
        period = evidence_period(practice, starts_on, ends_on, today)
        evidence = self._evidence.evidence(practice.program_uids, period, today)
        organization = self._organization.get()
        heading = _headings(practice.language)
        sections = [self._organization_section(organization, heading)]
        sections += self._answers(practice, heading)
        sections += self._assessments(practice, heading)
        sections += self._evidence_sections(practice, evidence, organization, heading)
        # Re-checked today: a quote chosen while its author allowed it, who no longer does,
        # is left out.
        quotable = {record.uid: record for record in evidence.quotable}
        quotes = [quotable[q] for q in practice.quote_uids if q in quotable]
        if quotes:
            sections.append(
                Section(heading(N_("What participants said")), tuple(_quote(q) for q in quotes))
            )
        level, meaning = EVIDENCE_LEVELS[practice.evidence_level]
        introduction = [
            _("Evidence level: {level}. {meaning}").format(level=_(level), meaning=_(meaning))
        ]
        if practice.program_names:
            introduction.append(
                _("Programs: {names}").format(names=format_list(list(practice.program_names)))
            )
        return Document(
            title=practice.name,
            subtitle=heading(N_("Practice profile")),
            right_to_left=is_right_to_left(),
            introduction=tuple(introduction),
            sections=tuple(section for section in sections if section is not None),
            footnotes=(
                _(
                    "Figures come from the group's own records for {start} to {end}. Each "
                    "person is counted once however often they came. Words are quoted only from "
                    "participants who agree to be quoted today."
                ).format(
                    start=format_date(period.start, "long"), end=format_date(period.end, "long")
                ),
            ),
            name="practice-profile",
            organization=organization.name if organization else "",
            prepared=_("Prepared by {name} on {date}").format(
                name=self._db.actor or _("the coordinator"), date=format_date(today, "long")
            ),
        )

    def write(
        self,
        uid: str,
        target: Path,
        starts_on: date | None = None,
        ends_on: date | None = None,
        today: date | None = None,
    ) -> Path:
        """The profile as .pdf or .docx, as `target`'s extension says."""
        suffix = target.suffix.lower()
        if suffix not in WRITERS:
            raise ValidationError("target", _("Save the profile as a .pdf or a .docx file."))
        document = self.document(uid, starts_on, ends_on, today)
        if suffix == ".docx":
            from communitydesk.reports.docx import write_docx

            return write_docx(document, target)
        from communitydesk.reports.pdf import write_pdf

        return write_pdf(document, target)

    # --- the parts ------------------------------------------------------------------------------

    @staticmethod
    def _organization_section(
        organization: OrganizationProfile | None, heading: _Headings
    ) -> Section | None:
        if organization is None:
            return None
        lines = [organization.name]
        if organization.mission:
            lines.append(_("Mission: {mission}").format(mission=organization.mission))
        if organization.languages_spoken:
            names = format_list([language_name(code) for code in organization.languages_spoken])
            lines.append(_("Languages: {languages}").format(languages=names))
        lines += _paragraphs(organization.history)
        return Section(heading(N_("About the organization")), tuple(lines))

    @staticmethod
    def _answers(practice: PracticeRecord, heading: _Headings) -> list[Section]:
        return [
            Section(heading(label), _paragraphs(practice.answers[code]))
            for code, label, _guidance in TEMPLATE_QUESTIONS
            if practice.answers.get(code)
        ]

    @staticmethod
    def _assessments(practice: PracticeRecord, heading: _Headings) -> list[Section]:
        sections = []
        elements = _assessment_table(ELEMENTS, dict(practice.elements), _("Element"))
        if elements is not None:
            sections.append(
                Section(heading(N_("The ten elements of good practice")), table=elements)
            )
        if practice.uses_ccr_values:
            values = _assessment_table(CCR_VALUES, dict(practice.ccr_values), _("Value"))
            if values is not None:
                sections.append(Section(heading(N_("Core values")), table=values))
        return sections

    @staticmethod
    def _evidence_sections(
        practice: PracticeRecord,
        evidence: Evidence,
        organization: OrganizationProfile | None,
        heading: _Headings,
    ) -> list[Section]:
        rows = figure_rows(practice.figures, evidence, organization)
        notes: list[str] = []
        if not practice.program_uids:
            notes.append(_("No program is linked to this practice: its figures are empty."))
        if "referrals" in practice.figures:
            notes.append(
                _(
                    "Referrals are those the whole group made in the period: they are not "
                    "recorded by program."
                )
            )
        sections: list[Section] = []
        if rows:
            sections.append(
                Section(
                    heading(N_("Evidence from our records")),
                    tuple(notes),
                    table=Table((_("Measure"), _("Figure")), rows, (55, 45)),
                )
            )
        if "attendance_trend" in practice.figures:
            chart = Chart(
                title=_("Attendance by month"),
                kind="bar",
                labels=tuple(month_label(point.month) for point in evidence.trend),
                series=((_("Participations"), tuple(p.attendances for p in evidence.trend)),),
                right_to_left=is_right_to_left(),
            )
            title = "" if rows else heading(N_("Evidence from our records"))
            sections.append(Section(title, () if rows else tuple(notes), chart=chart))
        return sections
