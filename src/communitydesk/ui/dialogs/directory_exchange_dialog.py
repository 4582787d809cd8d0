"""The directory exchanged with a hub or another group as Open Referral (HSDS) CSV files.

Import: choose a folder or a .zip; the files are read and compared on the task runner; the
preview counts what is new, changed and unchanged, lists what will change field by field, and
shows each record edited both here and in the file with both versions and a "Keep mine" / "Take
theirs" choice (mine unless changed); Import writes it all in one go.
Export: choose a folder; the files are written (in a dated folder inside it) on the task runner,
and a message says what was written.

Entry points, for the directory panel's import_requested / export_requested signals:
    open_import(parent, exchange, tasks, on_imported=None) -> DirectoryExchangeDialog
    open_export(parent, exchange, tasks) -> None                      (asks for the folder)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_number, ngettext
from communitydesk.services.directory_comparison import CHANGED, CONFLICT, NEW
from communitydesk.services.directory_exchange import (
    KIND_LABEL,
    MINE,
    THEIRS,
    DirectoryExchange,
    ExportSummary,
    ImportPlan,
    ImportSummary,
    PlannedRecord,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import read_only_table

SHOWN_OPEN: Final = 30  # a list of changes this short is shown unfolded


def _one_line(text: str) -> str:
    return " · ".join(line for line in text.splitlines() if line.strip()) or text


class DirectoryExchangeDialog(QDialog):
    imported = Signal(object)  # the ImportSummary, once written

    def __init__(
        self, exchange: DirectoryExchange, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._exchange = exchange
        self._tasks = tasks
        self.pending: Task | None = None
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        # conflict uid -> its "Keep mine" / "Take theirs" buttons (ids 0 and 1)
        self.choices: dict[str, QButtonGroup] = {}
        self.setWindowTitle(_("Import a directory of services"))
        self.resize(940, 640)

        intro = QLabel(
            _(
                "Bring in the directory a hub or another group sent: a folder of Open Referral "
                "CSV files, or a .zip file of them. Nothing is written until you press Import; "
                "nothing here is deleted."
            )
        )
        intro.setWordWrap(True)
        choose_folder = QPushButton(_("Choose a folder…"))
        choose_folder.clicked.connect(self.choose_folder)
        choose_zip = QPushButton(_("Choose a .zip file…"))
        choose_zip.clicked.connect(self.choose_zip)
        self.source = QLabel(_("Nothing chosen yet."))
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        chooser = QHBoxLayout()
        chooser.addWidget(choose_folder)
        chooser.addWidget(choose_zip)
        chooser.addWidget(self.source, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.error = error_label()

        self.counts = read_only_table(
            [_("Records"), _("New"), _("Changed"), _("Unchanged"), _("Conflicts")]
        )
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.hide()

        self.hint = QLabel(
            _(
                "A conflict is a record edited here since the last exchange and changed in the "
                "file too. For each, choose the version to keep; yours is kept unless you choose "
                "“Take theirs”."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels([_("Record or field"), _("Here"), _("In the file")])
        self.changes.setAlternatingRowColors(True)
        self.changes.setUniformRowHeights(True)
        header = self.changes.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.changes.hide()

        self.keep_all = QPushButton(_("Keep mine for all"))
        self.keep_all.clicked.connect(lambda: self.choose_all(MINE))
        self.take_all = QPushButton(_("Take theirs for all"))
        self.take_all.clicked.connect(lambda: self.choose_all(THEIRS))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.import_button = QPushButton(_("Import"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_all)
        buttons.addWidget(self.take_all)
        buttons.addWidget(self.outcome, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(chooser)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.counts)
        layout.addWidget(self.hint)
        layout.addWidget(self.changes, 1)
        layout.addLayout(buttons)
        self._show_choice_buttons(False)

    # --- choosing, reading ------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the folder of the directory's CSV files"), str(Path.home())
        )
        if folder:
            self.open_path(Path(folder))

    def choose_zip(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the .zip file of the directory"),
            str(Path.home()),
            _("Zip files (*.zip);;CSV files (*.csv)"),
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Read and compare the files at `path` on the task runner, then show the preview."""
        self.plan = None
        self.summary = None
        self.source.setText(str(path))
        self.error.hide()
        self.outcome.clear()
        self.import_button.setEnabled(False)
        self.progress.show()
        exchange = self._exchange
        self.pending = self._tasks.run(
            lambda _task: exchange.plan(path), self._show_plan, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self.progress.hide()
        if not isinstance(error, CommunityDeskError):
            report_problem(self, error)
            return
        self.error.setText(error.message)
        self.error.show()

    # --- the preview ------------------------------------------------------------------------------

    def _show_plan(self, plan: ImportPlan) -> None:
        self.pending = None
        self.progress.hide()
        self.plan = plan
        rows = (*plan.counts, plan.total)
        self.counts.setRowCount(len(rows))
        for index, counts in enumerate(rows):
            numbers = (counts.new, counts.changed, counts.unchanged, counts.conflicts)
            cells = (counts.label, *(format_number(n) for n in numbers))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.counts.setItem(index, column, item)
        self.counts.resizeRowsToContents()
        height = self.counts.horizontalHeader().height() + sum(
            self.counts.rowHeight(r) for r in range(len(rows))
        )
        self.counts.setFixedHeight(height + 2 * self.counts.frameWidth())
        self.counts.show()
        self._fill_changes(plan)
        conflicts = len(plan.conflicts)
        self.hint.setVisible(bool(conflicts))
        self._show_choice_buttons(bool(conflicts))
        work = plan.total.new + plan.total.changed + conflicts
        self.import_button.setEnabled(bool(work))
        if not work:
            self.outcome.setText(_("Everything in the files is already here: nothing to import."))

    def _show_choice_buttons(self, on: bool) -> None:
        self.keep_all.setVisible(on)
        self.take_all.setVisible(on)

    def _fill_changes(self, plan: ImportPlan) -> None:
        self.changes.clear()
        for choice in self.choices.values():
            choice.deleteLater()
        self.choices.clear()
        groups = (
            (
                CONFLICT,
                ngettext(
                    "{count} conflict: edited here and in the file",
                    "{count} conflicts: edited here and in the file",
                    len(plan.conflicts),
                ),
            ),
            (
                CHANGED,
                ngettext(
                    "{count} record changed in the file (updated here)",
                    "{count} records changed in the file (updated here)",
                    plan.total.changed,
                ),
            ),
            (
                NEW,
                ngettext(
                    "{count} new record (added)",
                    "{count} new records (added)",
                    plan.total.new,
                ),
            ),
        )
        for status, title in groups:
            records = [r for r in plan.records if r.status == status]
            if not records:
                continue
            group = QTreeWidgetItem([title.format(count=format_number(len(records)))])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.changes.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for record in records:
                self._add_record(group, record)
            group.setExpanded(status == CONFLICT or len(records) <= SHOWN_OPEN)
            for index in range(group.childCount()):
                if child := group.child(index):
                    child.setExpanded(status == CONFLICT or len(records) <= SHOWN_OPEN)
        self.changes.setVisible(self.changes.topLevelItemCount() > 0)

    def _add_record(self, group: QTreeWidgetItem, record: PlannedRecord) -> None:
        title = _("{kind}: {name}").format(kind=_(KIND_LABEL[record.kind]), name=record.name)
        item = QTreeWidgetItem([title])
        item.setToolTip(0, title)
        group.addChild(item)
        for change in record.changes:
            here, there = _one_line(change.here), _one_line(change.in_file)
            line = QTreeWidgetItem([change.label, here, there])
            line.setToolTip(1, change.here)
            line.setToolTip(2, change.in_file)
            item.addChild(line)
        item.setFirstColumnSpanned(True)
        if record.status == CONFLICT:
            # The choice sits under the two versions it chooses between.
            line = QTreeWidgetItem([_("Version to keep")])
            item.addChild(line)
            choice = QButtonGroup(self)
            for column, text in ((1, _("Keep mine")), (2, _("Take theirs"))):
                button = QRadioButton(text)
                button.setAccessibleName(_("{record}: {choice}").format(record=title, choice=text))
                choice.addButton(button, column - 1)
                self.changes.setItemWidget(line, column, button)
            mine = choice.button(0)
            assert mine is not None
            mine.setChecked(True)
            self.choices[record.uid] = choice

    def choose_all(self, choice: str) -> None:
        for group in self.choices.values():
            button = group.button(1 if choice == THEIRS else 0)
            if button is not None:
                button.setChecked(True)

    def chosen(self) -> dict[str, str]:
        return {
            uid: THEIRS if group.checkedId() == 1 else MINE for uid, group in self.choices.items()
        }

    # --- writing ----------------------------------------------------------------------------------

    def apply(self) -> None:
        plan = self.plan
        if plan is None or self.pending is not None:
            return
        choices = self.chosen()
        self.import_button.setEnabled(False)
        self.progress.show()
        exchange = self._exchange
        self.pending = self._tasks.run(
            lambda _task: exchange.apply(plan, choices), self._imported, self._failed
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.pending = None
        self.progress.hide()
        self.summary = summary
        for group in self.choices.values():
            for button in group.buttons():
                button.setEnabled(False)
        self._show_choice_buttons(False)
        text = _("Imported: {added} added, {updated} updated, {unchanged} unchanged.").format(
            added=format_number(summary.added),
            updated=format_number(summary.updated),
            unchanged=format_number(summary.unchanged),
        )
        if summary.kept_mine:
            text += " " + ngettext(
                "{count} record edited here was kept as it is here.",
                "{count} records edited here were kept as they are here.",
                summary.kept_mine,
            ).format(count=format_number(summary.kept_mine))
        self.outcome.setText(text)
        self.imported.emit(summary)


def open_import(
    parent: QWidget,
    exchange: DirectoryExchange,
    tasks: TaskRunner,
    on_imported: Callable[[], object] | None = None,
) -> DirectoryExchangeDialog:
    """Show the import dialog (window-modal, deleted once closed); `on_imported` is called after
    an import was written (to list the directory again), as is its `imported` signal."""
    dialog = DirectoryExchangeDialog(exchange, tasks, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_imported is not None:
        dialog.imported.connect(lambda _summary: on_imported())
    dialog.open()
    return dialog


def export_folder(chosen: Path, today: date | None = None) -> Path:
    """Where an export chosen into `chosen` goes: a dated folder of its own, so that its files
    never mix with what is already there."""
    return chosen / _("directory-{date}").format(date=(today or date.today()).isoformat())


def export_to(
    parent: QWidget,
    exchange: DirectoryExchange,
    tasks: TaskRunner,
    target: Path,
    on_done: Callable[[ExportSummary], None] | None = None,
) -> Task:
    """Write the directory to `target` on the task runner, then say what was written."""

    def done(summary: ExportSummary) -> None:
        lines = [
            ngettext("{file}: {count} row", "{file}: {count} rows", rows).format(
                file=name, count=format_number(rows)
            )
            for name, rows in summary.files
        ]
        QMessageBox.information(
            parent,
            _("Directory exported"),
            _("The directory was written to {path}:").format(path=summary.target)
            + "\n\n"
            + "\n".join(lines),
        )
        if on_done is not None:
            on_done(summary)

    return tasks.run(
        lambda _task: exchange.export(target), done, lambda error: report_problem(parent, error)
    )


def open_export(parent: QWidget, exchange: DirectoryExchange, tasks: TaskRunner) -> None:
    """Ask for a folder, then export into a dated folder inside it."""
    folder = QFileDialog.getExistingDirectory(
        parent, _("Choose where to write the directory"), str(Path.home())
    )
    if folder:
        export_to(parent, exchange, tasks, export_folder(Path(folder)))
