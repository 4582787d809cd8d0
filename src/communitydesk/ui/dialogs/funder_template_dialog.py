"""The funders' forms the group writes applications against: the two it starts with and its
own, each an ordered list of sections, drafted from one of the group's reusable pieces of text
or written by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _
from communitydesk.services.funding import (
    FunderTemplateInput,
    FunderTemplateRecord,
    FundingService,
    TemplateSection,
    shown,
)
from communitydesk.services.funding_templates import SECTION_KEY_NAMES, SECTION_KEYS
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

TITLE, DRAFTED_FROM, HINT = 0, 1, 2


@dataclass
class _Row:
    """A section as edited. `stored_*` is the text as saved: a seeded title is kept in English
    (so it stays translated) as long as the user leaves its translation untouched."""

    key: str
    title: str
    hint: str
    stored_title: str = ""
    stored_hint: str = ""

    def section(self) -> TemplateSection:
        title = self.stored_title if self.title == shown(self.stored_title) else self.title
        hint = self.stored_hint if self.hint == shown(self.stored_hint) else self.hint
        return TemplateSection(self.key, title, hint)


def _rows(template: FunderTemplateRecord) -> list[_Row]:
    return [_Row(s.key, shown(s.title), shown(s.hint), s.title, s.hint) for s in template.sections]


def _key_combo() -> QComboBox:
    """The reusable pieces a section can be drafted from, or none."""
    combo = QComboBox()
    for key in (*SECTION_KEYS, ""):
        combo.addItem(_(SECTION_KEY_NAMES[key]), key)
    return combo


class FunderTemplatesDialog(QDialog):
    def __init__(
        self, funding: FundingService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._funding = funding
        self._tasks = tasks
        self.pending: Task | None = None
        self.templates_read: tuple[FunderTemplateRecord, ...] = ()
        self.rows: list[_Row] = []
        self.dirty = False
        self._to_select = ""
        self.setWindowTitle(_("Funder templates"))
        self.resize(900, 520)

        self.template_list = QListWidget()
        self._shown_row = -1
        self.template_list.currentRowChanged.connect(self._list_row_changed)
        self.new_button = QPushButton(_("New…"))
        self.new_button.clicked.connect(self.new_template)
        self.rename_button = QPushButton(_("Rename…"))
        self.rename_button.clicked.connect(self.rename_template)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_template)
        list_buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Templates")))
        left_layout.addWidget(self.template_list, 1)
        left_layout.addLayout(list_buttons)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Section title"), _("Drafted from"), _("Hint")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        # A column of combo boxes is not measured by Qt: it is as wide as its longest piece.
        self.table.setColumnWidth(DRAFTED_FROM, _key_combo().sizeHint().width())
        header.setStretchLastSection(True)
        self.table.setColumnWidth(TITLE, 200)
        self.table.itemChanged.connect(self._changed)
        self.table.selectionModel().currentRowChanged.connect(self._set_enabled)
        self.add_button = QPushButton(_("Add section"))
        self.add_button.clicked.connect(self.add_section)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_section)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.error = error_label()
        section_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            section_buttons.addWidget(button)
        section_buttons.addStretch(1)
        section_buttons.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.error)
        right_layout.addLayout(section_buttons)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 660])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._set_enabled()
        self.refresh()

    @property
    def busy(self) -> bool:
        return self.pending is not None

    # --- reading and writing, off the UI thread ---------------------------------------------

    def refresh(self) -> None:
        self._run(lambda: None)

    def _run(self, write: Callable[[], object]) -> None:
        """Run `write` then read the templates again, on the task runner."""
        if self.pending is not None:
            return
        funding = self._funding

        def run(_task: Task) -> tuple[object, tuple[FunderTemplateRecord, ...]]:
            return write(), funding.templates()

        self.pending = self._tasks.run(run, self._show_templates, self._failed)
        self._set_enabled()

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self._set_enabled()
        if isinstance(error, CommunityDeskError):
            self.error.setText(error.message)
            self.error.show()
        else:
            report_problem(self, error)

    def _show_templates(self, result: tuple[object, tuple[FunderTemplateRecord, ...]]) -> None:
        self.pending = None
        written, templates = result
        if isinstance(written, FunderTemplateRecord):
            self._to_select = written.uid
        current = self.current_template()
        chosen = self._to_select or (current.uid if current else "")
        self._to_select = ""
        self.templates_read = templates
        self.template_list.blockSignals(True)
        self.template_list.clear()
        for template in templates:
            item = QListWidgetItem(shown(template.name))
            item.setData(Qt.ItemDataRole.UserRole, template.uid)
            item.setToolTip(shown(template.name))  # a long name is cut in the narrow list
            self.template_list.addItem(item)
        self.template_list.blockSignals(False)
        uids = [t.uid for t in templates]
        row = uids.index(chosen) if chosen in uids else (0 if templates else -1)
        self.template_list.blockSignals(True)
        self.template_list.setCurrentRow(row)
        self.template_list.blockSignals(False)
        self._template_chosen(row)

    def current_template(self) -> FunderTemplateRecord | None:
        row = self.template_list.currentRow()
        if 0 <= row < len(self.templates_read):
            return self.templates_read[row]
        return None

    def _list_row_changed(self, row: int) -> None:
        if self.dirty and not self._leave_unsaved():
            self.template_list.blockSignals(True)  # back to the template being edited
            self.template_list.setCurrentRow(self._shown_row)
            self.template_list.blockSignals(False)
            return
        self._template_chosen(row)

    def _template_chosen(self, row: int) -> None:
        self._shown_row = row
        template = self.templates_read[row] if 0 <= row < len(self.templates_read) else None
        self.rows = _rows(template) if template else []
        self.heading.setText(
            _("Sections of “{name}”, in the order the funder asks for them.").format(
                name=shown(template.name)
            )
            if template
            else _("No funder templates: add one with “New…”.")
        )
        self.error.hide()
        self._show_rows(0 if self.rows else -1)
        self.dirty = False
        self._set_enabled()

    def _set_enabled(self, *_args: object) -> None:
        chosen = self.current_template() is not None and not self.busy
        self.new_button.setEnabled(not self.busy)
        for button in (self.rename_button, self.delete_button, self.add_button, self.save_button):
            button.setEnabled(chosen)
        row = self.table.currentRow()
        self.remove_button.setEnabled(chosen and row >= 0)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and 0 <= row < len(self.rows) - 1)

    # --- the sections table -------------------------------------------------------------------

    def _show_rows(self, selected: int) -> None:
        """`rows` in the table. The combo boxes already there are reused: one taken away while
        Qt still tracks it as an editor makes it complain."""
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self.table.setItem(index, TITLE, QTableWidgetItem(row.title))
            self.table.setItem(index, HINT, QTableWidgetItem(row.hint))
            combo = self.table.cellWidget(index, DRAFTED_FROM)
            if not isinstance(combo, QComboBox):
                combo = _key_combo()
                combo.currentIndexChanged.connect(self._changed)
                self.table.setCellWidget(index, DRAFTED_FROM, combo)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(row.key), 0))
            combo.blockSignals(False)
        self.table.blockSignals(False)
        if selected >= 0:
            select_row(self.table, selected)
        self._set_enabled()

    def _read_rows(self) -> None:
        """What was typed and chosen in the table, back into `rows`."""
        for index, row in enumerate(self.rows):
            title, hint = self.table.item(index, TITLE), self.table.item(index, HINT)
            combo = self.table.cellWidget(index, DRAFTED_FROM)
            row.title = title.text().strip() if title else ""
            row.hint = hint.text().strip() if hint else ""
            if isinstance(combo, QComboBox):
                row.key = combo.currentData()

    def _changed(self, *_args: object) -> None:
        self.dirty = True

    def add_section(self) -> None:
        if self.current_template() is None:
            return
        self._read_rows()
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else len(self.rows)
        self.rows.insert(at, _Row("", "", ""))
        self._show_rows(at)
        self.dirty = True
        self.table.setFocus()
        self.table.setCurrentCell(at, TITLE)
        item = self.table.item(at, TITLE)
        if item is not None:
            self.table.editItem(item)

    def remove_section(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self._read_rows()
        del self.rows[row]
        self._show_rows(min(row, len(self.rows) - 1))
        self.dirty = True

    def move_section(self, step: int) -> None:
        row = self.table.currentRow()
        to = row + step
        if not (0 <= row < len(self.rows) and 0 <= to < len(self.rows)):
            return
        self._read_rows()
        self.rows[row], self.rows[to] = self.rows[to], self.rows[row]
        self._show_rows(to)
        self.dirty = True

    def current_input(self) -> FunderTemplateInput | None:
        template = self.current_template()
        if template is None:
            return None
        self._read_rows()
        return FunderTemplateInput(template.name, tuple(row.section() for row in self.rows))

    def save(self) -> None:
        template, edited = self.current_template(), self.current_input()
        if template is None or edited is None:
            return
        self.error.hide()
        funding, uid = self._funding, template.uid
        self._to_select = uid
        self._run(lambda: funding.save_template(edited, uid))

    # --- the templates list -------------------------------------------------------------------

    def _ask_name(self, title: str, start: str) -> str:
        name, given = QInputDialog.getText(
            self,
            title,
            _("Name of the template, e.g. the funder's:"),
            QLineEdit.EchoMode.Normal,
            start,
        )
        return name.strip() if given else ""

    def new_template(self) -> None:
        if self.busy or not self._leave_unsaved():
            return
        name = self._ask_name(_("New funder template"), "")
        if not name:
            return
        # A template needs a section to be saved; the group's description is the usual first.
        # Stored in its English source form, as the seeded titles are: shown translated.
        first = TemplateSection("organization", SECTION_KEY_NAMES["organization"])
        funding = self._funding
        self._run(lambda: funding.save_template(FunderTemplateInput(name, (first,))))

    def rename_template(self) -> None:
        template = self.current_template()
        if template is None or self.busy:
            return
        name = self._ask_name(_("Rename template"), shown(template.name))
        if not name or name == shown(template.name):
            return
        edited = self.current_input()
        sections = edited.sections if edited else template.sections
        funding, uid = self._funding, template.uid
        self._to_select = uid
        self._run(lambda: funding.save_template(FunderTemplateInput(name, sections), uid))

    def delete_template(self) -> None:
        template = self.current_template()
        if template is None or self.busy:
            return
        answer = QMessageBox.question(
            self,
            _("Delete template"),
            _(
                "Delete the template “{name}”? Applications already written with it keep "
                "their sections."
            ).format(name=shown(template.name)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        funding, uid = self._funding, template.uid
        self.dirty = False
        self._run(lambda: funding.delete_template(uid))

    def _leave_unsaved(self) -> bool:
        """True when there is nothing unsaved, or the user lets it go."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("The sections of this template were changed and not saved. Leave them unsaved?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if self.busy:
            return
        if self._leave_unsaved():
            super().reject()
