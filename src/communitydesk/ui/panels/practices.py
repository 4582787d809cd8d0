"""The group's practices: documented, linked to their programs, printed as a profile, saved for
a funder as Word, and exchanged with other groups as one file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, format_date, format_list, format_number, ngettext
from communitydesk.reports.document import Document
from communitydesk.services.practice_evidence import EvidenceService
from communitydesk.services.practice_profile import PracticeProfileService
from communitydesk.services.practices import (
    EVIDENCE_LEVELS,
    PracticeRecord,
    PracticeService,
    PracticeSummary,
)
from communitydesk.services.programs import ProgramService
from communitydesk.ui.dialogs.practice_dialog import PracticeDialog
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges, already_done
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import fill_rows, read_only_table

PRACTICE_FILES = "*.cdpractice.json"


def practice_row(practice: PracticeSummary) -> list[str]:
    level = EVIDENCE_LEVELS.get(practice.evidence_level)
    return [
        practice.name,
        _(level[0]) if level else practice.evidence_level,
        format_list(list(practice.program_names)),
        _("Yes") if practice.shareable else _("No"),
        format_date(practice.updated_at.date()),
    ]


def file_name(name: str) -> str:
    """A practice's name as a file name: no characters a file system refuses."""
    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in name)
    return "-".join(kept.split()) or "practice"


class PracticesPanel(QWidget):
    def __init__(
        self,
        practices: PracticeService,
        evidence: EvidenceService,
        profiles: PracticeProfileService,
        programs: ProgramService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._practices = practices
        self._evidence = evidence
        self._profiles = profiles
        self._programs = programs
        self._tasks = tasks
        self._pending: Task | None = None
        self._working: Task | None = None
        self._to_select = ""
        self.rows: tuple[PracticeSummary, ...] = ()
        self.dialog: PracticeDialog | None = None
        self.preview_dialog: PdfPreview | None = None
        self.count = QLabel()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.table = read_only_table(
            [_("Practice"), _("Evidence level"), _("Programs"), _("Shareable"), _("Last changed")]
        )
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._open_index)
        self.table.itemSelectionChanged.connect(self._enable)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.changes = BackgroundChanges(self, self.refresh)
        self.new_button = QPushButton(_("New…"))
        self.new_button.clicked.connect(self.new_practice)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(_("Export practice…"))
        self.export_button.setToolTip(
            _("One file for another group's library: the answers, never names or quotes")
        )
        self.export_button.clicked.connect(self.ask_export)
        self.import_button = QPushButton(_("Import practice…"))
        self.import_button.clicked.connect(self.ask_import)
        self.print_button = QPushButton(_("Print profile…"))
        self.print_button.clicked.connect(self.print_profile)
        self.word_button = QPushButton(_("Save as Word (.docx)…"))
        self.word_button.clicked.connect(self.ask_word)
        first = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            first.addWidget(button)
        first.addWidget(self.changes.button)
        first.addStretch(1)
        second = QHBoxLayout()
        for button in (self.print_button, self.word_button, self.export_button):
            second.addWidget(button)
        second.addStretch(1)
        second.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        self._enable()
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self._working is not None or self.changes.busy

    # --- the list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        practices = self._practices
        self._pending = self._tasks.run(
            lambda _task: practices.list(), self.show_practices, self._failed_list
        )

    def _failed_list(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def show_practices(self, rows: tuple[PracticeSummary, ...]) -> None:
        self._pending = None
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self._to_select = ""
        self.rows = rows
        fill_rows(self.table, [practice_row(p) for p in rows], [p.uid for p in rows], chosen)
        if rows:
            self.count.setText(
                ngettext("{count} practice", "{count} practices", len(rows)).format(
                    count=format_number(len(rows))
                )
            )
        else:
            self.count.setText(
                _("No practices yet: describe what works in your group with “New…”.")
            )
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (
            self.edit_button,
            self.delete_button,
            self.export_button,
            self.print_button,
            self.word_button,
        ):
            button.setEnabled(chosen)

    def selected(self) -> PracticeSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    # --- adding, changing, deleting -------------------------------------------------------------

    def _dialog(self, record: PracticeRecord | None) -> PracticeDialog:
        self.dialog = PracticeDialog(
            self._practices, self._evidence, self._programs, self._tasks, record, parent=self
        )
        return self.dialog

    def new_practice(self) -> None:
        dialog = self._dialog(None)
        if not dialog.exec() or not dialog.saved_uid:
            return
        uid, practices = dialog.saved_uid, self._practices
        self._to_select = uid
        self.changes.push(
            _("add {name}").format(name=dialog.name.text().strip()),
            redo=lambda: practices.restore(uid),
            undo=lambda: practices.delete(uid),
        )

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self._working is not None:
            return
        practices, uid = self._practices, chosen.uid
        self._working = self._tasks.run(
            lambda _task: practices.get(uid), self._edit, self._failed_work
        )

    def _edit(self, before: PracticeRecord) -> None:
        self._working = None
        dialog = self._dialog(before)
        if not dialog.exec() or not dialog.saved_uid:
            return
        practices, uid = self._practices, before.uid
        self._to_select = uid

        # The dialog saved already: pushing must not save again; redo after an undo does.
        after = dialog.practice()
        self.changes.stack.push(
            self.changes.change(
                _("edit {name}").format(name=after.name.strip()),
                redo=already_done(lambda: practices.save(after, uid)),
                undo=lambda: practices.save(before, uid),
            )
        )

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        uid, practices = chosen.uid, self._practices
        self.changes.push(
            _("delete {name}").format(name=chosen.name),
            redo=lambda: practices.delete(uid),
            undo=lambda: practices.restore(uid),
        )

    def _failed_work(self, error: BaseException) -> None:
        self._working = None
        report_problem(self, error)
        self.refresh()

    # --- files ----------------------------------------------------------------------------------

    def ask_export(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export practice"),
            str(Path.home() / f"{file_name(chosen.name)}.cdpractice.json"),
            _("Practice files ({pattern})").format(pattern=PRACTICE_FILES),
        )
        if target:
            self.export_to(chosen.uid, Path(target))

    def export_to(self, uid: str, target: Path) -> None:
        practices = self._practices
        self._run(
            lambda: practices.export_practice(uid, target),
            lambda path: _("Saved {file}.").format(file=Path(str(path)).name),
        )

    def ask_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import practice"),
            str(Path.home()),
            _("Practice files ({pattern});;All files (*)").format(pattern=PRACTICE_FILES),
        )
        if name:
            self.import_from(Path(name))

    def import_from(self, path: Path) -> None:
        practices = self._practices

        def imported(uid: object) -> str:
            self._to_select = str(uid)
            self.refresh()
            return _("Imported {file} as a new practice.").format(file=path.name)

        self._run(lambda: practices.import_practice(path), imported)

    def print_profile(self) -> None:
        chosen = self.selected()
        if chosen is None or self._working is not None:
            return
        profiles, uid, title = self._profiles, chosen.uid, chosen.name

        def make(_task: Task) -> Path:
            return draft_file(lambda target: profiles.write(uid, target))

        def show(draft: Path) -> None:
            self._working = None
            document = Document(title=title, name=file_name(title))
            self.preview_dialog = PdfPreview(document, draft, parent=self)
            self.preview_dialog.open()

        self._working = self._tasks.run(make, show, self._failed_work)

    def ask_word(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as Word"),
            str(Path.home() / f"{file_name(chosen.name)}.docx"),
            _("Word document (*.docx)"),
        )
        if target:
            self.save_word(chosen.uid, Path(target).with_suffix(".docx"))

    def save_word(self, uid: str, target: Path) -> None:
        profiles = self._profiles
        self._run(
            lambda: profiles.write(uid, target),
            lambda path: _("Saved {file}.").format(file=Path(str(path)).name),
        )

    def _run(self, step: Callable[[], object], told: Callable[[object], str]) -> None:
        """A file written or read on the task runner; what came of it shown under the list."""
        if self._working is not None:
            return
        self.outcome.clear()

        def done(result: object) -> None:
            self._working = None
            self.outcome.setText(told(result))

        self._working = self._tasks.run(lambda _task: step(), done, self._failed_work)
