"""The group's funding applications: to whom, for what, how much, by when, where each one
stands and the next report owed; add, edit, send to the Trash with undo, print or save as Word."""

from __future__ import annotations

from datetime import date, timedelta
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, embedded, format_date, format_money, format_number, ngettext
from communitydesk.reports.document import Document
from communitydesk.services.funding import ApplicationRecord, FundingService, status_name
from communitydesk.services.lookups import LookupService
from communitydesk.services.practices import PracticeService
from communitydesk.services.programs import ProgramService
from communitydesk.ui.dialogs.application_dialog import (
    ApplicationChoices,
    ApplicationDialog,
    load_application_choices,
)
from communitydesk.ui.dialogs.funder_template_dialog import FunderTemplatesDialog
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.dates import date_edit, to_date
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row


class ApplicationColumn(IntEnum):
    TITLE = 0
    FUNDER = 1
    PROGRAM = 2
    AMOUNT = 3
    DEADLINE = 4
    STATUS = 5
    NEXT_REPORT = 6


class ApplicationsTableModel(RowsTableModel[ApplicationRecord]):
    columns = ApplicationColumn

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency

    def headers(self) -> dict[Any, str]:
        return {
            ApplicationColumn.TITLE: _("Application"),
            ApplicationColumn.FUNDER: _("Funder"),
            ApplicationColumn.PROGRAM: _("Program"),
            ApplicationColumn.AMOUNT: _("Amount asked"),
            ApplicationColumn.DEADLINE: _("Deadline"),
            ApplicationColumn.STATUS: _("Status"),
            ApplicationColumn.NEXT_REPORT: _("Next report due"),
        }

    def display(self, row: ApplicationRecord, column: Any) -> str:
        if column == ApplicationColumn.TITLE:
            return row.title
        if column == ApplicationColumn.FUNDER:
            return row.funder
        if column == ApplicationColumn.PROGRAM:
            return row.program_name
        if column == ApplicationColumn.AMOUNT:
            return (
                format_money(row.amount_cents, self.currency)
                if row.amount_cents is not None
                else ""
            )
        if column == ApplicationColumn.DEADLINE:
            return format_date(row.deadline) if row.deadline else ""
        if column == ApplicationColumn.STATUS:
            return status_name(row.status)
        report = row.next_report
        if report is None:
            return ""
        return _("{date}: {what}").format(
            date=embedded(format_date(report.due_on)), what=report.what
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            if index.column() == ApplicationColumn.AMOUNT:
                return Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
            return None
        return super().data(index, role)


def a_year_before(day: date) -> date:
    """The first day of the twelve months ending on `day`."""
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        earlier = day.replace(year=day.year - 1, day=28)
    return earlier + timedelta(days=1)


class FunderReportDialog(QDialog):
    """The period a funder report covers: the grant's dates, else the last twelve months.
    `choice` says what the user asked for: "pdf" (preview) or "docx"."""

    def __init__(self, application: ApplicationRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Funder report"))
        self.setMinimumWidth(460)
        self.choice = ""
        ends = application.ends_on or date.today()
        starts = application.starts_on or a_year_before(ends)
        self.starts_on = date_edit(starts)
        self.ends_on = date_edit(ends)
        self.error = error_label()
        intro = QLabel(
            _("A report to {funder} on “{title}”: what the program did in this period.").format(
                funder=application.funder, title=application.title
            )
            if application.funder
            else _("A report on “{title}”: what the program did in this period.").format(
                title=application.title
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("From"), self.starts_on)
        form.addRow(_("To"), self.ends_on)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton(_("Preview…"))
        self.preview_button.setDefault(True)
        self.word_button = QPushButton(_("Save as Word (.docx)…"))
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.word_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(lambda: self._chosen("pdf"))
        self.word_button.clicked.connect(lambda: self._chosen("docx"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def period(self) -> tuple[date, date]:
        return to_date(self.starts_on), to_date(self.ends_on)

    def _chosen(self, choice: str) -> None:
        starts, ends = self.period()
        if ends < starts:
            self.error.setText(_("The period ends before it starts."))
            self.error.show()
            return
        self.choice = choice
        self.accept()


class ApplicationsPanel(QWidget):
    def __init__(
        self,
        funding: FundingService,
        programs: ProgramService,
        practices: PracticeService,
        lookups: LookupService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        currency: str = "CAD",
    ) -> None:
        super().__init__(parent)
        self._funding = funding
        self._programs = programs
        self._practices = practices
        self._lookups = lookups
        self._tasks = tasks
        self._pending: Task | None = None
        self._choices: ApplicationChoices | None = None
        self._to_select = ""
        self.preview_dialog: PdfPreview | None = None
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.model = ApplicationsTableModel(currency)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.new_button = QPushButton(_("New…"))
        self.new_button.clicked.connect(self.new_application)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.changes = BackgroundChanges(self, self.refresh)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_selected)
        self.word_button = QPushButton(_("Save as Word (.docx)…"))
        self.word_button.clicked.connect(self.save_word)
        self.templates_button = QPushButton(_("Funder templates…"))
        self.templates_button.clicked.connect(self.edit_templates)
        self.report_button = QPushButton(_("Funder report…"))
        self.report_button.setToolTip(_("What a granted program did in a period, for its funder"))
        self.report_button.clicked.connect(self.funder_report)
        self.report_button.setEnabled(False)
        self.report_dialog: FunderReportDialog | None = None
        for button in (self.new_button, self.edit_button):
            button.setEnabled(False)  # until the programs and templates to choose from are read
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.changes.button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.word_button)
        buttons.addWidget(self.report_button)
        # The funders' forms are set up now and then, not per application: up with the count.
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.templates_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.changes.busy

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        funding, programs, practices = self._funding, self._programs, self._practices

        def load(_task: Task) -> tuple[tuple[ApplicationRecord, ...], ApplicationChoices]:
            return funding.applications(), load_application_choices(funding, programs, practices)

        self._pending = self._tasks.run(load, self.show_applications, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def show_applications(
        self, result: tuple[tuple[ApplicationRecord, ...], ApplicationChoices]
    ) -> None:
        self._pending = None
        records, self._choices = result
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self.model.set_rows(records)
        self.table.resizeColumnsToContents()
        if records:
            self.count.setText(
                ngettext("{count} application", "{count} applications", len(records)).format(
                    count=format_number(len(records))
                )
            )
        else:
            self.count.setText(_("No funding applications yet: start the first one with “New…”."))
        uids = [r.uid for r in records]
        if chosen in uids:
            self._to_select = ""
            select_row(self.table, uids.index(chosen))
        elif records:
            select_row(self.table, 0)
        for button in (self.new_button, self.edit_button):
            button.setEnabled(True)

    def _selection_changed(self, *_args: object) -> None:
        application = self.selected()
        self.report_button.setEnabled(application is not None and application.status == "granted")

    def selected(self) -> ApplicationRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    def _dialog(self, application: ApplicationRecord | None) -> ApplicationDialog | None:
        if self._choices is None:
            return None
        return ApplicationDialog(
            self._funding, self._tasks, self._choices, application, parent=self
        )

    def new_application(self) -> None:
        dialog = self._dialog(None)
        if dialog is None or not dialog.exec() or dialog.saved is None:
            return
        uid, funding = dialog.saved.uid, self._funding
        self._to_select = uid
        self.changes.push(
            _("add {name}").format(name=dialog.saved.title),
            redo=lambda: funding.restore(uid),
            undo=lambda: funding.delete(uid),
        )

    def edit_selected(self) -> None:
        application = self.selected()
        dialog = self._dialog(application) if application is not None else None
        if application is None or dialog is None:
            return
        accepted = dialog.exec()
        if not accepted or dialog.saved is None or dialog.saved == application:
            self.refresh()  # reports owed may have been added on the Reporting tab
            return
        uid, funding = application.uid, self._funding
        before, after = application.as_input(), dialog.saved.as_input()
        self.changes.push(
            _("edit {name}").format(name=dialog.saved.title),
            redo=lambda: funding.save(after, uid),
            undo=lambda: funding.save(before, uid),
        )

    def delete_selected(self) -> None:
        application = self.selected()
        if application is None:
            return
        uid, funding = application.uid, self._funding
        self.changes.push(
            _("delete {name}").format(name=application.title),
            redo=lambda: funding.delete(uid),
            undo=lambda: funding.restore(uid),
        )

    def print_selected(self) -> None:
        """The application as a PDF made on the task runner, then previewed to print or save."""
        application = self.selected()
        if application is None:
            return
        uid, funding = application.uid, self._funding

        def make(_task: Task) -> Path:
            return draft_file(lambda target: funding.write(uid, target))

        def show(draft: Path) -> None:
            title = Document(title=application.title, name=_("funding-application"))
            self.preview_dialog = PdfPreview(title, draft, parent=self)
            self.preview_dialog.open()

        self._tasks.run(make, show, lambda error: report_problem(self, error))

    def save_word(self) -> None:
        application = self.selected()
        if application is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as Word"),
            str(Path.home() / f"{application.title}.docx"),
            _("Word documents (*.docx)"),
        )
        if name:
            self.save_word_to(application.uid, Path(name))

    def save_word_to(self, uid: str, target: Path) -> None:
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        funding = self._funding
        self._tasks.run(
            lambda _task: funding.write(uid, target),
            lambda _path: None,
            lambda error: report_problem(self, error),
        )

    def edit_templates(self) -> None:
        """The funders' forms; applications read them again afterwards for their choices."""
        FunderTemplatesDialog(self._funding, self._tasks, parent=self).exec()
        self.refresh()

    def funder_report(self) -> None:
        application = self.selected()
        if application is None or application.status != "granted":
            return
        self.report_dialog = dialog = FunderReportDialog(application, parent=self)
        if not dialog.exec():
            return
        starts, ends = dialog.period()
        if dialog.choice == "docx":
            name, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save as Word"),
                str(Path.home() / f"{application.title}.docx"),
                _("Word documents (*.docx)"),
            )
            if name:
                self.save_report_word_to(application.uid, starts, ends, Path(name))
            return
        self.preview_report(application, starts, ends)

    def preview_report(self, application: ApplicationRecord, starts: date, ends: date) -> None:
        """The funder report as a PDF made on the task runner, then previewed."""
        uid, funding = application.uid, self._funding

        def make(_task: Task) -> Path:
            return draft_file(lambda target: funding.write_funder_report(uid, starts, ends, target))

        def show(draft: Path) -> None:
            heading = (
                _("Report to {funder}: {title}").format(
                    funder=application.funder, title=application.title
                )
                if application.funder
                else _("Funder report: {title}").format(title=application.title)
            )
            title = Document(title=heading, name=_("funder-report"))
            self.preview_dialog = PdfPreview(title, draft, parent=self)
            self.preview_dialog.open()

        self._tasks.run(make, show, lambda error: report_problem(self, error))

    def save_report_word_to(self, uid: str, starts: date, ends: date, target: Path) -> None:
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        funding = self._funding
        self._tasks.run(
            lambda _task: funding.write_funder_report(uid, starts, ends, target),
            lambda _path: None,
            lambda error: report_problem(self, error),
        )
