"""A practice record: what it is, the template's answers, the self-assessment against the ten
elements (and the CCR's values), and the evidence pulled from its programs' records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    language_name,
)
from communitydesk.services.activity_stats import Period
from communitydesk.services.practice_evidence import Evidence, EvidenceService
from communitydesk.services.practice_profile import evidence_period
from communitydesk.services.practices import (
    CCR_VALUES,
    ELEMENTS,
    EVIDENCE_LEVELS,
    FIGURES,
    TEMPLATE_QUESTIONS,
    Assessment,
    PracticeInput,
    PracticeRecord,
    PracticeService,
)
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.ui.dialogs.program_dialog import CheckList, OptionalDate
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import FieldWithError, error_label
from communitydesk.ui.widgets.language_choice import offered_languages
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.saving_dialog import SavingDialog

GUIDANCE_STYLE = "color: #666666;"
# Tall enough for a few sentences; the tab scrolls for the rest.
TEXT_HEIGHT = 70


def guidance_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(GUIDANCE_STYLE)
    label.setWordWrap(True)
    return label


def text_box(text: str, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(TEXT_HEIGHT)
    box.setMaximumHeight(TEXT_HEIGHT + 30)
    return box


def scrolling(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    return area


class AssessmentBoxes(QWidget):
    """How/evidence boxes for each entry of the ten elements or the CCR's values."""

    def __init__(
        self,
        entries: tuple[tuple[str, str, str], ...],
        given: dict[str, Assessment],
        field_name: str,
        fields: dict[str, FieldWithError],
    ) -> None:
        super().__init__()
        self.boxes: dict[str, tuple[QPlainTextEdit, QPlainTextEdit]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code, label, guidance in entries:
            current = given.get(code, Assessment())
            title = QLabel(_(label))
            title.setWordWrap(True)
            title.setStyleSheet("font-weight: bold;")
            how = text_box(current.how, _("How the practice does this"))
            evidence = text_box(current.evidence, _("What shows it"))
            how_field = FieldWithError(how)
            evidence_field = FieldWithError(evidence)
            fields[f"{field_name}.{code}.how"] = how_field
            fields[f"{field_name}.{code}.evidence"] = evidence_field
            self.boxes[code] = (how, evidence)
            layout.addWidget(title)
            layout.addWidget(how_field)
            layout.addWidget(evidence_field)
            layout.addWidget(guidance_label(_(guidance)))
            layout.addSpacing(8)

    def assessments(self) -> dict[str, Assessment]:
        return {
            code: Assessment(how.toPlainText(), evidence.toPlainText())
            for code, (how, evidence) in self.boxes.items()
        }


class PracticeDialog(SavingDialog):
    """A new practice (no `record`) or an existing one; `saved_uid` holds its uid once saved."""

    def __init__(
        self,
        practices: PracticeService,
        evidence: EvidenceService,
        programs: ProgramService,
        tasks: TaskRunner,
        record: PracticeRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._practices = practices
        self._evidence = evidence
        self._programs = programs
        self._record = record
        self._loading: Task | None = None
        self.saved_uid = ""
        self.shown_evidence: Evidence | None = None
        current = record or PracticeRecord(name="")
        self.setWindowTitle(record.name if record else _("New practice"))
        self.resize(760, 560)

        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(self._about(current)), _("About"))
        self.tabs.addTab(scrolling(self._template(current)), _("The practice"))
        self.tabs.addTab(scrolling(self._elements(current)), _("Ten elements"))
        self.tabs.addTab(scrolling(self._evidence_tab(current)), _("Evidence"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.name.setFocus()
        self._load_programs(current.program_uids)

    # --- the tabs -------------------------------------------------------------------------------

    def _about(self, current: PracticeRecord) -> QWidget:
        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText(_("e.g. Homework club run by parents"))
        self.program_checks = CheckList([])
        self.program_checks.setMinimumHeight(90)
        self.level = QComboBox()
        for code, (label, _meaning) in EVIDENCE_LEVELS.items():
            self.level.addItem(_(label), code)
        self.level.setCurrentIndex(max(0, self.level.findData(current.evidence_level)))
        self.level_meaning = guidance_label("")
        self.level.currentIndexChanged.connect(self._show_meaning)
        self._show_meaning()
        self.language = QComboBox()
        for code in offered_languages([current.language]):
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.shareable = QCheckBox(_("Others may use this practice (it can be shared)"))
        self.shareable.setChecked(current.shareable)
        self.notes = text_box(current.notes)
        level_box = QWidget()
        level_layout = QVBoxLayout(level_box)
        level_layout.setContentsMargins(0, 0, 0, 0)
        level_layout.addWidget(self.level)
        level_layout.addWidget(self.level_meaning)
        self.fields.update(
            {
                "name": FieldWithError(self.name),
                "program_uids": FieldWithError(self.program_checks),
                "evidence_level": FieldWithError(level_box),
                "language": FieldWithError(self.language),
                "notes": FieldWithError(self.notes),
            }
        )
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Name"), self.fields["name"])
        form.addRow(_("Programs"), self.fields["program_uids"])
        form.addRow(_("Evidence level"), self.fields["evidence_level"])
        form.addRow(_("Written in"), self.fields["language"])
        form.addRow("", self.shareable)
        form.addRow(_("Notes"), self.fields["notes"])
        return page

    def _template(self, current: PracticeRecord) -> QWidget:
        self.answers: dict[str, QPlainTextEdit] = {}
        page = QWidget()
        layout = QVBoxLayout(page)
        for code, label, guidance in TEMPLATE_QUESTIONS:
            title = QLabel(_(label))
            title.setWordWrap(True)
            title.setStyleSheet("font-weight: bold;")
            box = text_box(current.answers.get(code, ""))
            title.setBuddy(box)
            self.answers[code] = box
            self.fields[f"answers.{code}"] = FieldWithError(box)
            layout.addWidget(title)
            layout.addWidget(self.fields[f"answers.{code}"])
            layout.addWidget(guidance_label(_(guidance)))
            layout.addSpacing(8)
        layout.addStretch(1)
        return page

    def _elements(self, current: PracticeRecord) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            guidance_label(
                _(
                    "For each element, say how the practice does it and what shows it. "
                    "Leave blank what does not apply."
                )
            )
        )
        self.elements = AssessmentBoxes(ELEMENTS, dict(current.elements), "elements", self.fields)
        self.uses_ccr = QCheckBox(_("Also assess against the CCR's twelve core values"))
        self.ccr_values = AssessmentBoxes(
            CCR_VALUES, dict(current.ccr_values), "ccr_values", self.fields
        )
        self.uses_ccr.toggled.connect(self.ccr_values.setVisible)
        self.uses_ccr.setChecked(current.uses_ccr_values)
        self.ccr_values.setVisible(current.uses_ccr_values)
        layout.addWidget(self.elements)
        layout.addWidget(self.uses_ccr)
        layout.addWidget(self.ccr_values)
        layout.addStretch(1)
        return page

    def _evidence_tab(self, current: PracticeRecord) -> QWidget:
        today = date.today()
        self.evidence_from = OptionalDate(_("From"), current.evidence_from, today)
        self.evidence_to = OptionalDate(_("To"), current.evidence_to, today)
        self.fields["evidence_from"] = FieldWithError(self.evidence_from)
        self.fields["evidence_to"] = FieldWithError(self.evidence_to)
        self.refresh_button = QPushButton(_("Refresh figures"))
        self.refresh_button.clicked.connect(self.refresh_figures)
        self.evidence_status = guidance_label(
            _(
                "Without dates, the figures cover the year up to today. Press "
                "“Refresh figures” to count them from the chosen programs' records."
            )
        )
        self.evidence_error = error_label()
        self.figure_checks: dict[str, QCheckBox] = {}
        figures_box = QWidget()
        figures_layout = QVBoxLayout(figures_box)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        for code, label in FIGURES.items():
            check = QCheckBox(_(label))
            check.setChecked(code in current.figures)
            self.figure_checks[code] = check
            figures_layout.addWidget(check)
        self.fields["figures"] = FieldWithError(figures_box)
        self._chosen_quotes = tuple(current.quote_uids)
        self.quote_checks = CheckList([])
        self.quote_checks.setMinimumHeight(90)
        self.fields["quote_uids"] = FieldWithError(self.quote_checks)
        period = QHBoxLayout()
        period.addWidget(self.fields["evidence_from"])
        period.addWidget(self.fields["evidence_to"])
        period.addStretch(1)
        period.addWidget(self.refresh_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_("Period the evidence covers")))
        layout.addLayout(period)
        layout.addWidget(self.evidence_status)
        layout.addWidget(self.evidence_error)
        layout.addWidget(QLabel(_("Figures to show in the profile")))
        layout.addWidget(self.fields["figures"])
        layout.addWidget(QLabel(_("Testimonials to quote (only from those who agree)")))
        layout.addWidget(self.fields["quote_uids"])
        layout.addStretch(1)
        return page

    # --- behaviour ------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return super().busy or self._loading is not None

    def _show_meaning(self) -> None:
        code = str(self.level.currentData())
        self.level_meaning.setText(_(EVIDENCE_LEVELS[code][1]) if code in EVIDENCE_LEVELS else "")

    def _load_programs(self, ticked: tuple[str, ...]) -> None:
        programs = self._programs

        def show(found: tuple[ProgramRecord, ...]) -> None:
            self._loading = None
            for record in found:
                self.program_checks.addItem(record.name)
                item = self.program_checks.item(self.program_checks.count() - 1)
                item.setData(Qt.ItemDataRole.UserRole, record.uid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            for uid in ticked:
                self.program_checks.set_checked(uid)

        self._loading = self._tasks.run(lambda _task: programs.programs(), show, self._failed_load)

    def _failed_load(self, error: BaseException) -> None:
        self._loading = None
        report_problem(self, error)

    def period(self) -> Period:
        """The period the figures cover, as the profile will count it."""
        chosen = PracticeRecord(
            name="", evidence_from=self.evidence_from.value(), evidence_to=self.evidence_to.value()
        )
        return evidence_period(chosen)

    def refresh_figures(self) -> None:
        if self._loading is not None:
            return
        self.evidence_error.hide()
        try:
            period = self.period()
        except CommunityDeskError as error:
            self.show_problem(error)
            return
        programs, evidence = self.program_checks.checked(), self._evidence
        self.refresh_button.setEnabled(False)

        def count(_task: Task) -> tuple[Evidence, tuple[tuple[str, str, str], ...]]:
            found = evidence.evidence(programs, period)
            return found, evidence.figure_lines(found)

        self._loading = self._tasks.run(
            count, lambda result: self.show_evidence(*result), self._failed_evidence
        )

    def _failed_evidence(self, error: BaseException) -> None:
        self._loading = None
        self.refresh_button.setEnabled(True)
        if isinstance(error, CommunityDeskError):
            self.evidence_error.setText(error.message)
            self.evidence_error.show()
        else:
            report_problem(self, error)

    def show_evidence(self, found: Evidence, lines: tuple[tuple[str, str, str], ...]) -> None:
        """The evidence counted, and each figure as the profile words it."""
        self._loading = None
        self.refresh_button.setEnabled(True)
        self.shown_evidence = found
        start = embedded(format_date(found.period.start))
        end = embedded(format_date(found.period.end))
        if found.program_uids:
            text = _("Figures from {start} to {end} for the chosen programs.")
        else:
            text = _(
                "Figures from {start} to {end}: no program is chosen on the About tab, so only "
                "the group's referrals are counted."
            )
        self.evidence_status.setText(text.format(start=start, end=end))
        for code, label, value in lines:
            text = _("{figure}: {value}").format(figure=label, value=value)
            self.figure_checks[code].setText(text)
            # A check box does not wrap: a long line (referrals by outcome) is read in full here.
            self.figure_checks[code].setToolTip(text)
        chosen = (
            set(self.quote_checks.checked())
            if self.quote_checks.count()
            else set(self._chosen_quotes)
        )
        self.quote_checks.clear()
        for record in found.quotable:
            words = _("“{words}” ({program}, {date})").format(
                words=record.words, program=record.program_name, date=format_date(record.given_on)
            )
            self.quote_checks.addItem(words)
            item = self.quote_checks.item(self.quote_checks.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, record.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = record.uid in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if not found.quotable:
            self.quote_checks.addItem(_("No testimonial of these programs may be quoted."))

    def practice(self) -> PracticeInput:
        """What is typed, as the service takes it."""
        # Never refreshed: the quotes chosen before are kept.
        refreshed = self.shown_evidence is not None
        quotes = self.quote_checks.checked() if refreshed else self._chosen_quotes
        return PracticeInput(
            name=self.name.text(),
            evidence_level=str(self.level.currentData()),
            language=str(self.language.currentData()),
            program_uids=self.program_checks.checked(),
            answers={code: box.toPlainText() for code, box in self.answers.items()},
            elements=self.elements.assessments(),
            uses_ccr_values=self.uses_ccr.isChecked(),
            ccr_values=self.ccr_values.assessments(),
            evidence_from=self.evidence_from.value(),
            evidence_to=self.evidence_to.value(),
            figures=tuple(code for code, check in self.figure_checks.items() if check.isChecked()),
            quote_uids=quotes,
            shareable=self.shareable.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def save_step(self) -> Callable[[], Any]:
        practice, practices = self.practice(), self._practices
        uid = self._record.uid if self._record else ""
        return lambda: practices.save(practice, uid)

    def saved_result(self, result: Any) -> None:
        self.saved_uid = str(result)

    def show_problem(self, error: CommunityDeskError) -> None:
        # The field may be on another tab (or in the hidden CCR section): bring it into view.
        field = self.fields.get(getattr(error, "field", "") or "")
        if field is not None:
            if field.field in self.ccr_values.findChildren(QPlainTextEdit):
                self.uses_ccr.setChecked(True)
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                inner = page.widget() if isinstance(page, QScrollArea) else None
                if (
                    isinstance(page, QScrollArea)
                    and inner is not None
                    and inner.isAncestorOf(field)
                ):
                    self.tabs.setCurrentIndex(index)
                    page.ensureWidgetVisible(field)
        super().show_problem(error)
