"""One funding application: who it goes to and for what (Details), its text section by section,
drafted from the group's records and copied into a funder's web form (Sections), and the reports
owed once it is granted (Reporting)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, format_amount, format_date
from communitydesk.core.money import parse_money
from communitydesk.models.practices import APPLICATION_STATUSES
from communitydesk.services.funding import (
    ApplicationInput,
    ApplicationRecord,
    ApplicationSection,
    DeadlineRecord,
    FunderTemplateRecord,
    FundingService,
    shown,
    status_name,
)
from communitydesk.services.practices import PracticeService
from communitydesk.services.programs import ProgramService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import FieldWithError, narrowable
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.tables import fill_rows, read_only_table

HINT_STYLE = "color: palette(placeholder-text);"


@dataclass(frozen=True)
class ApplicationChoices:
    """What an application can be tied to, loaded together off the UI thread."""

    programs: tuple[tuple[str, str], ...]  # (uid, name)
    practices: tuple[tuple[str, str], ...]
    templates: tuple[FunderTemplateRecord, ...]


def load_application_choices(
    funding: FundingService, programs: ProgramService, practices: PracticeService
) -> ApplicationChoices:
    return ApplicationChoices(
        programs=tuple((p.uid, p.name) for p in programs.programs()),
        practices=tuple((p.uid, p.name) for p in practices.list()),
        templates=funding.templates(),
    )


def ask_to_replace(parent: QWidget, title: str) -> bool:
    answer = QMessageBox.question(
        parent,
        _("Replace the text?"),
        _("“{section}” already has text. Replace it with a new draft from your records?").format(
            section=title
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


class OptionalDate(QWidget):
    """A date that may be left out: a box to tick, then the date."""

    def __init__(self, label: str, value: date | None) -> None:
        super().__init__()
        self.given = QCheckBox(label)
        self.edit: QDateEdit = date_edit(value or date.today())
        self.given.toggled.connect(self.edit.setEnabled)
        self.given.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.given)

    def value(self) -> date | None:
        return to_date(self.edit) if self.given.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.given.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(qdate(value))


class SectionBox(QGroupBox):
    """One section of the application: its hint, its text, and buttons to draft and copy it."""

    def __init__(self, section: ApplicationSection, hint: str) -> None:
        super().__init__(shown(section.title))  # a seeded title in the window's language
        self.section = section
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setVisible(bool(hint))
        self.text = QPlainTextEdit(section.text)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        self.draft_button = QPushButton(_("Draft from our records"))
        self.draft_button.setVisible(bool(section.key))  # a section written by hand has none
        self.copy_button = QPushButton(_("Copy"))
        self.copy_button.setToolTip(_("Copy this text to paste it into the funder's form"))
        self.copy_button.clicked.connect(self.copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.text)
        layout.addLayout(buttons)

    def current(self) -> ApplicationSection:
        return replace(self.section, text=self.text.toPlainText())

    def is_empty(self) -> bool:
        return not self.text.toPlainText().strip()

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text.toPlainText())


class ApplicationDialog(SavingDialog):
    def __init__(
        self,
        funding: FundingService,
        tasks: TaskRunner,
        choices: ApplicationChoices,
        application: ApplicationRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._funding = funding
        self._choices = choices
        self.application = application
        self.saved: ApplicationRecord | None = None
        self.drafting: Task | None = None
        self.reporting_task: Task | None = None
        self.setWindowTitle(_("Edit application") if application else _("New application"))
        self.resize(780, 580)
        start = application or ApplicationRecord(title="")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details(start), _("Details"))
        self.sections_page = QWidget()
        self.tabs.addTab(self._sections_tab(start), _("Sections"))
        self.tabs.addTab(self._reporting_tab(start), _("Reporting"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self._status_changed()
        if application is None and self.template.currentData():
            self._template_changed()

    @property
    def busy(self) -> bool:
        return super().busy or self.drafting is not None or self.reporting_task is not None

    # --- Details ------------------------------------------------------------------------------

    def _combo(self, entries: tuple[tuple[str, str], ...], chosen: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("(none)"), "")
        for uid, name in entries:
            combo.addItem(name, uid)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        narrowable(combo, 12)
        return combo

    def _details(self, start: ApplicationRecord) -> QWidget:
        self.title = QLineEdit(start.title)
        self.title.setPlaceholderText(_("e.g. Homework club 2027"))
        self.funder = QLineEdit(start.funder)
        self.funder.setPlaceholderText(_("e.g. City of Gatineau"))
        self.program = self._combo(self._choices.programs, start.program_uid)
        self.practice = self._combo(self._choices.practices, start.practice_uid)
        templates = tuple((t.uid, shown(t.name)) for t in self._choices.templates)
        chosen = start.template_uid
        if self.application is None and not chosen and templates:
            chosen = templates[0][0]
        self.template = self._combo(templates, chosen)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.amount = QLineEdit(
            format_amount(start.amount_cents) if start.amount_cents is not None else ""
        )
        self.amount.setPlaceholderText(_("e.g. 12,500.00"))
        self.deadline = OptionalDate(_("Due on"), start.deadline)
        self.status = QComboBox()
        for status in APPLICATION_STATUSES:
            self.status.addItem(status_name(status), status)
        self.status.setCurrentIndex(max(self.status.findData(start.status), 0))
        self.status.currentIndexChanged.connect(self._status_changed)
        narrowable(self.status, 12)
        self.submitted_on = date_edit(start.submitted_on or date.today())
        self.decided_on = date_edit(start.decided_on or date.today())
        self.granted = QLineEdit(
            format_amount(start.granted_cents) if start.granted_cents is not None else ""
        )
        self.granted.setPlaceholderText(_("The amount asked, if left empty"))
        self.fields = {
            "title": FieldWithError(self.title),
            "amount_cents": FieldWithError(self.amount),
            "deadline": FieldWithError(self.deadline),
            "submitted_on": FieldWithError(self.submitted_on),
            "decided_on": FieldWithError(self.decided_on),
            "granted_cents": FieldWithError(self.granted),
        }
        form = self.details_form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Title of the application"), self.fields["title"])
        form.addRow(_("Funder"), self.funder)
        form.addRow(_("Program"), self.program)
        form.addRow(_("Practice"), self.practice)
        form.addRow(_("Funder's form"), self.template)
        form.addRow(_("Amount asked"), self.fields["amount_cents"])
        form.addRow(_("Deadline"), self.fields["deadline"])
        form.addRow(_("Status"), self.status)
        form.addRow(_("Sent on"), self.fields["submitted_on"])
        form.addRow(_("Answer on"), self.fields["decided_on"])
        form.addRow(_("Amount granted"), self.fields["granted_cents"])
        page = QWidget()
        page.setLayout(form)
        return page

    def _status_changed(self) -> None:
        status = self.status.currentData()
        form = self.details_form
        for name, visible in (
            ("submitted_on", status in ("submitted", "granted", "declined")),
            ("decided_on", status in ("granted", "declined")),
            ("granted_cents", status == "granted"),
        ):
            form.setRowVisible(self.fields[name], visible)

    def _template_changed(self) -> None:
        """A new form's sections follow the chosen template while nothing is written in them."""
        if any(not box.is_empty() for box in self.section_boxes):
            return
        uid = self.template.currentData()
        template = next((t for t in self._choices.templates if t.uid == uid), None)
        sections = template.sections if template else ()
        self._show_sections(
            [ApplicationSection(s.key, shown(s.title)) for s in sections],
            {shown(s.title): shown(s.hint) for s in sections},
        )

    # --- Sections -----------------------------------------------------------------------------

    def _hints(self, template_uid: str) -> dict[str, str]:
        """A section's hint, found by its title then by its key: titles are kept as written."""
        template = next((t for t in self._choices.templates if t.uid == template_uid), None)
        hints: dict[str, str] = {}
        for section in template.sections if template else ():
            hints.setdefault(section.key, shown(section.hint))
            hints[shown(section.title)] = shown(section.hint)
        return hints

    def _sections_tab(self, start: ApplicationRecord) -> QWidget:
        self.section_boxes: list[SectionBox] = []
        self.draft_all_button = QPushButton(_("Draft all empty sections"))
        self.draft_all_button.setToolTip(
            _("Fill the empty sections from your records; what is written stays as it is")
        )
        self.draft_all_button.clicked.connect(self.draft_all)
        self.no_sections = QLabel(
            _("Choose the funder's form on the Details tab to get its sections.")
        )
        self.no_sections.setWordWrap(True)
        self.sections_layout = QVBoxLayout(self.sections_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.sections_page)
        top = QHBoxLayout()
        top.addWidget(self.no_sections, 1)
        top.addStretch(0)
        top.addWidget(self.draft_all_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        self.fields["sections"] = FieldWithError(scroll)
        layout.addWidget(self.fields["sections"], 1)
        self._show_sections(list(start.sections), self._hints(start.template_uid))
        return page

    def _show_sections(self, sections: list[ApplicationSection], hints: dict[str, str]) -> None:
        for box in self.section_boxes:
            box.deleteLater()
        self.section_boxes = []
        while self.sections_layout.count():
            self.sections_layout.takeAt(0)
        for section in sections:
            hint = hints.get(section.title) or (hints.get(section.key, "") if section.key else "")
            box = SectionBox(section, hint)
            index = len(self.section_boxes)
            box.draft_button.clicked.connect(lambda _c=False, i=index: self.draft_one(i))
            self.section_boxes.append(box)
            self.sections_layout.addWidget(box)
        self.sections_layout.addStretch(1)
        self.no_sections.setVisible(not sections)
        self.draft_all_button.setEnabled(any(s.key for s in sections))

    def current_input(self, amounts: bool = False) -> ApplicationInput:
        """The form as typed; `amounts` reads the money fields (and may refuse them)."""
        status = self.status.currentData()
        amount = granted = None
        if amounts:
            text = self.amount.text().strip()
            amount = parse_money(text, "amount_cents") if text else None
            text = self.granted.text().strip()
            if status == "granted" and text:
                granted = parse_money(text, "granted_cents")
        return ApplicationInput(
            title=self.title.text(),
            funder=self.funder.text(),
            program_uid=self.program.currentData(),
            practice_uid=self.practice.currentData(),
            template_uid=self.template.currentData(),
            amount_cents=amount,
            deadline=self.deadline.value(),
            status=status,
            submitted_on=(
                to_date(self.submitted_on)
                if status in ("submitted", "granted", "declined")
                else None
            ),
            decided_on=to_date(self.decided_on) if status in ("granted", "declined") else None,
            granted_cents=granted,
            starts_on=self.application.starts_on if self.application else None,
            ends_on=self.application.ends_on if self.application else None,
            sections=tuple(box.current() for box in self.section_boxes),
            notes=self.application.notes if self.application else "",
        )

    def draft_one(self, index: int) -> None:
        box = self.section_boxes[index]
        if not box.is_empty() and not ask_to_replace(self, shown(box.section.title)):
            return
        self._draft({box.section.key}, overwrite=True, only=index)

    def draft_all(self) -> None:
        self._draft(None, overwrite=False, only=None)

    def _draft(self, keys: set[str] | None, overwrite: bool, only: int | None) -> None:
        if self.drafting is not None:
            return
        source = self.current_input()
        written = [not box.is_empty() for box in self.section_boxes]
        funding = self._funding

        def draft(_task: Task) -> tuple[ApplicationSection, ...]:
            return funding.draft_sections(source, overwrite=overwrite, keys=keys)

        def fill(sections: tuple[ApplicationSection, ...]) -> None:
            self.drafting = None
            self._set_drafting(False)
            for index, (box, section) in enumerate(zip(self.section_boxes, sections, strict=False)):
                if only is not None and index != only:
                    continue
                # Text typed while the draft was being made is the user's: it stays.
                if not overwrite and (written[index] or not box.is_empty()):
                    continue
                if section.text and section.text != box.text.toPlainText():
                    box.text.setPlainText(section.text)

        def failed(error: BaseException) -> None:
            self.drafting = None
            self._set_drafting(False)
            report_problem(self, error)

        self._set_drafting(True)
        self.drafting = self._tasks.run(draft, fill, failed)

    def _set_drafting(self, running: bool) -> None:
        self.draft_all_button.setEnabled(not running)
        for box in self.section_boxes:
            box.draft_button.setEnabled(not running)

    # --- Reporting ----------------------------------------------------------------------------

    def _reporting_tab(self, start: ApplicationRecord) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        granted = self.application is not None and start.status == "granted"
        if not granted:
            note = QLabel(
                _(
                    "Once the application is granted and saved, the reports the funder expects "
                    "are listed here, with their due dates."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            self.deadlines_table = None
            return page
        self.deadlines_table = read_only_table([_("Due on"), _("What"), _("Sent on")])
        self.deadline_uids: list[str] = []
        self.due_on = date_edit(date.today())
        self.what = QLineEdit()
        self.what.setPlaceholderText(_("e.g. Interim report"))
        self.what_field = FieldWithError(self.what)
        self.add_deadline_button = QPushButton(_("Add"))
        self.add_deadline_button.clicked.connect(self.add_deadline)
        self.sent_button = QPushButton(_("Mark as sent today"))
        self.sent_button.clicked.connect(self.mark_sent)
        self.delete_deadline_button = QPushButton(_("Delete"))
        self.delete_deadline_button.clicked.connect(self.delete_deadline)
        adding = QHBoxLayout()
        adding.addWidget(QLabel(_("Due on")))
        adding.addWidget(self.due_on)
        adding.addWidget(self.what_field, 1)
        adding.addWidget(self.add_deadline_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sent_button)
        buttons.addWidget(self.delete_deadline_button)
        buttons.addStretch(1)
        layout.addWidget(QLabel(_("Reports owed to the funder")))
        layout.addWidget(self.deadlines_table)
        layout.addLayout(buttons)
        layout.addLayout(adding)
        self._show_deadlines(start.deadlines)
        return page

    def _show_deadlines(self, deadlines: tuple[DeadlineRecord, ...]) -> None:
        if self.deadlines_table is None:
            return
        current = self._chosen_deadline()
        rows = [
            (format_date(d.due_on), d.what, format_date(d.done_on) if d.done_on else "")
            for d in deadlines
        ]
        self.deadline_uids = [d.uid for d in deadlines]
        fill_rows(self.deadlines_table, rows, self.deadline_uids, current)

    def _chosen_deadline(self) -> str:
        if self.deadlines_table is None:
            return ""
        rows = self.deadlines_table.selectionModel().selectedRows()
        return self.deadline_uids[rows[0].row()] if rows else ""

    def _reporting(self, step: Callable[[FundingService], object]) -> None:
        if self.reporting_task is not None or self.application is None:
            return
        funding, uid = self._funding, self.application.uid

        def run(_task: Task) -> tuple[DeadlineRecord, ...]:
            step(funding)
            return funding.get(uid).deadlines

        def done(deadlines: tuple[DeadlineRecord, ...]) -> None:
            self.reporting_task = None
            self._show_deadlines(deadlines)

        def failed(error: BaseException) -> None:
            self.reporting_task = None
            if isinstance(error, ValidationError) and error.field == "what":
                self.what_field.show_error(error.message)
            else:
                report_problem(self, error)

        self.reporting_task = self._tasks.run(run, done, failed)

    def add_deadline(self) -> None:
        self.what_field.clear_error()
        uid = self.application.uid if self.application else ""
        due, what = to_date(self.due_on), self.what.text()
        self._reporting(lambda funding: funding.add_deadline(uid, due, what))
        self.what.clear()

    def mark_sent(self) -> None:
        chosen = self._chosen_deadline()
        if chosen:
            today = date.today()
            self._reporting(lambda funding: funding.complete_deadline(chosen, today))

    def delete_deadline(self) -> None:
        chosen = self._chosen_deadline()
        if chosen:
            self._reporting(lambda funding: funding.delete_deadline(chosen))

    # --- Saving -------------------------------------------------------------------------------

    def save_step(self) -> Callable[[], Any]:
        application = self.current_input(amounts=True)
        uid = self.application.uid if self.application else ""
        funding = self._funding
        return lambda: funding.save(application, uid)

    def saved_result(self, result: Any) -> None:
        self.saved = result

    def show_problem(self, error: Any) -> None:
        # A problem on another tab: that tab comes forward, so the red line is seen.
        field = self.fields.get(error.field) if isinstance(error, ValidationError) else None
        if field is not None:
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                if page is not None and page.isAncestorOf(field):
                    self.tabs.setCurrentIndex(index)
        super().show_problem(error)
