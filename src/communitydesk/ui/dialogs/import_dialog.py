"""Bring people in from a spreadsheet, in three steps: the file (with what was detected, which
can be changed), which column holds what, and a preview; then all accepted rows at once, with
an Undo for the whole import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_number, ngettext
from communitydesk.importers.mapping import FIELDS, IGNORE, load_mapping, save_mapping
from communitydesk.importers.table import Table
from communitydesk.services.imports import (
    ImportOptions,
    ImportPreview,
    ImportService,
    ImportSummary,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import read_only_table

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "cp1256", "latin-1")
EXAMPLES = 3


class ImportDialog(QDialog):
    def __init__(self, imports: ImportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._imports = imports
        self._tasks = TaskRunner(parent=self)
        self.pending: Task | None = None
        self.path: Path | None = None
        self.table: Table | None = None
        self.preview: ImportPreview | None = None
        self.result_summary: ImportSummary | None = None
        self.setWindowTitle(_("Import people from a spreadsheet"))
        self.resize(900, 620)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        self.error = error_label()
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton(_("Stop"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.back_button = QPushButton(_("Back"))
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button = QPushButton(_("Next"))
        self.next_button.clicked.connect(self.next_step)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.go(0)

    # --- the three steps ------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.file_label = QLabel(_("No file chosen yet. CSV files and Excel (.xlsx) are read."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(_("Choose the file…"))
        choose.clicked.connect(self.choose_file)
        self.encoding = QComboBox()
        self.encoding.addItem(_("detected"), "")
        for code in ENCODINGS:
            self.encoding.addItem(code, code)
        self.delimiter = QComboBox()
        for label, value in (
            (_("detected"), ""),
            (_("comma"), ","),
            (_("semicolon"), ";"),
            (_("tab"), "\t"),
        ):
            self.delimiter.addItem(label, value)
        self.sheet = QComboBox()
        self.dates = QComboBox()
        orders: tuple[tuple[str, bool | None], ...] = (
            (_("ask when unclear"), None),
            (_("day first (31/12/2024)"), True),
            (_("month first (12/31/2024)"), False),
        )
        for order, day_first in orders:
            self.dates.addItem(order, day_first)
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.activated.connect(lambda *_args: self.read_file())
        self.update_existing = QCheckBox(
            _("Fill in the empty details of people already in the roster (nothing is overwritten)")
        )
        self.detected = QLabel()
        form = QFormLayout()
        form.addRow(_("Encoding"), self.encoding)
        form.addRow(_("Separator"), self.delimiter)
        form.addRow(_("Sheet"), self.sheet)
        form.addRow(_("Dates"), self.dates)
        form.addRow("", self.update_existing)
        layout = QVBoxLayout(page)
        layout.addWidget(self.file_label)
        layout.addWidget(choose)
        layout.addLayout(form)
        layout.addWidget(self.detected)
        layout.addStretch(1)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        hint = QLabel(_("Say what each column holds; columns left on “not imported” are ignored."))
        hint.setWordWrap(True)
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels([_("Column"), _("Examples"), _("Holds")])
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setStretchLastSection(True)
        save = QPushButton(_("Save this choice for next time…"))
        save.clicked.connect(self.save_mapping)
        reuse = QPushButton(_("Use a saved choice…"))
        reuse.clicked.connect(self.choose_mapping)
        row = QHBoxLayout()
        row.addWidget(reuse)
        row.addWidget(save)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.columns, 1)
        layout.addLayout(row)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = read_only_table([_("Row"), _("Column"), _("What to check")])
        self.save_rejected_button = QPushButton(_("Save the rejected rows to fix them…"))
        self.save_rejected_button.clicked.connect(self.save_rejected)
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_rejected_button)
        row.addStretch(1)
        row.addWidget(self.undo_button)
        layout.addLayout(row)
        return page

    # --- moving between them --------------------------------------------------------------------

    def go(self, page: int) -> None:
        page = max(0, min(page, self.pages.count() - 1))
        self.pages.setCurrentIndex(page)
        self.error.hide()
        self.back_button.setEnabled(page > 0 and self.result_summary is None)
        texts = {0: _("Next"), 1: _("Preview"), 2: _("Import them")}
        self.next_button.setText(texts[page])
        self.next_button.setEnabled(self.table is not None and self.result_summary is None)

    def next_step(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self.go(1)
        elif page == 1:
            self.make_preview()
        else:
            self.commit()

    def options(self) -> ImportOptions:
        return ImportOptions(
            encoding=str(self.encoding.currentData() or "") or None,
            delimiter=str(self.delimiter.currentData() or "") or None,
            sheet=self.sheet.currentText() or None,
            day_first=self.dates.currentData(),
            mapping=self.mapping(),
            update_existing=self.update_existing.isChecked(),
        )

    def mapping(self) -> dict[int, str]:
        chosen = {}
        for row in range(self.columns.rowCount()):
            combo = self.columns.cellWidget(row, 2)
            if isinstance(combo, QComboBox) and combo.currentData():
                chosen[row] = str(combo.currentData())
        return chosen

    # --- work, off the UI thread ----------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the spreadsheet"),
            str(Path.home()),
            _("Spreadsheets (*.csv *.txt *.xlsx)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.path = path
        self.sheet.clear()
        self.file_label.setText(path.name)
        self.read_file()

    def read_file(self) -> None:
        if self.path is None:
            return
        path = self.path
        options = ImportOptions(
            encoding=str(self.encoding.currentData() or "") or None,
            delimiter=str(self.delimiter.currentData() or "") or None,
            sheet=self.sheet.currentText() or None,
        )
        self.pending = self._tasks.run(
            lambda _task: self._imports.read(path, options), self._show_table, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self._working(False)
        self.next_button.setEnabled(self.table is not None)
        if not isinstance(error, CommunityDeskError):
            raise error
        self.error.setText(error.message)
        self.error.show()

    def _show_table(self, read: tuple[Table, dict[int, str]]) -> None:
        self.pending = None
        table, guessed = read
        self.table = table
        self.error.hide()
        if table.sheets and self.sheet.count() == 0:
            self.sheet.addItems(list(table.sheets))
            self.sheet.setCurrentText(table.sheet)
        self.sheet.setEnabled(bool(table.sheets))
        self.detected.setText(
            ngettext("{count} row found.", "{count} rows found.", len(table.rows)).format(
                count=format_number(len(table.rows))
            )
            + (
                " "
                + _("Read as {encoding}, separated by “{delimiter}”.").format(
                    encoding=table.encoding,
                    delimiter={"\t": _("tab")}.get(table.delimiter, table.delimiter),
                )
                if table.encoding
                else ""
            )
        )
        self.columns.setRowCount(len(table.headers))
        for index, header in enumerate(table.headers):
            examples = " · ".join(r[index] for r in table.rows[:EXAMPLES] if r[index])
            self.columns.setItem(index, 0, QTableWidgetItem(header))
            self.columns.setItem(index, 1, QTableWidgetItem(examples))
            combo = QComboBox()
            combo.addItem(_("not imported"), IGNORE)
            for field, (label, _words) in FIELDS.items():
                combo.addItem(_(label), field)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(index, IGNORE))))
            self.columns.setCellWidget(index, 2, combo)
        self.columns.resizeColumnsToContents()
        self.go(self.pages.currentIndex())

    def _working(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        if on:
            self.next_button.setEnabled(False)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self._working(False)
        self.error.setText(_("Stopped: nothing was written."))
        self.error.show()
        self.next_button.setEnabled(self.table is not None)

    def make_preview(self) -> None:
        if self.path is None:
            return
        path, options = self.path, self.options()
        self._working(True)
        self.pending = self._tasks.run(
            lambda task: self._imports.preview(path, options, progress=task.progress),
            self._show_preview,
            self._failed,
            self._progressed,
        )

    def _show_preview(self, preview: ImportPreview) -> None:
        self.pending = None
        self._working(False)
        self.preview = preview
        lines = [
            ngettext("{count} person to add", "{count} people to add", len(preview.to_create)),
            ngettext(
                "{count} already in the roster (skipped)",
                "{count} already in the roster (skipped)",
                len(preview.already_there),
            ),
            ngettext(
                "{count} possible duplicate",
                "{count} possible duplicates",
                len(preview.possible_duplicates),
            ),
            ngettext("{count} row rejected", "{count} rows rejected", len(preview.rejected)),
        ]
        counts = [
            len(preview.to_create),
            len(preview.already_there),
            len(preview.possible_duplicates),
            len(preview.rejected),
        ]
        self.summary.setText(
            "<br/>".join(
                text.format(count=format_number(count))
                for text, count in zip(lines, counts, strict=True)
            )
        )
        rows = [(str(p.row), p.column, p.reason) for p in preview.rejected] + [
            (str(d.row), "", f"{d.name}: {d.reason} ({d.other})")
            for d in preview.possible_duplicates
        ]
        self.problems.setRowCount(len(rows))
        for index, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.problems.setItem(index, column, QTableWidgetItem(text))
        self.problems.resizeColumnsToContents()
        self.save_rejected_button.setEnabled(bool(preview.rejected))
        self.go(2)
        self.next_button.setEnabled(bool(preview.to_create))

    def commit(self) -> None:
        preview = self.preview
        if preview is None:
            return
        self._working(True)

        def done(summary: ImportSummary) -> None:
            self.pending = None
            self._working(False)
            self.result_summary = summary
            text = ngettext(
                "Imported: {count} person added.",
                "Imported: {count} people added.",
                summary.created,
            ).format(count=format_number(summary.created))
            if summary.updated:
                text += " " + ngettext(
                    "{count} person already there was completed.",
                    "{count} people already there were completed.",
                    summary.updated,
                ).format(count=format_number(summary.updated))
            self.summary.setText(text)
            self.undo_button.show()
            self.go(2)

        self.pending = self._tasks.run(
            lambda task: self._imports.commit(preview, progress=task.progress),
            done,
            self._failed,
            self._progressed,
        )

    def undo(self) -> None:
        if self.result_summary is None:
            return
        try:
            removed = self._imports.undo(self.result_summary.uid)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        self.undo_button.hide()
        self.summary.setText(
            ngettext(
                "Import undone: {count} person removed.",
                "Import undone: {count} people removed.",
                removed,
            ).format(count=format_number(removed))
        )

    def save_mapping(self) -> None:
        if self.table is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the column choice"), str(Path.home() / "mapping.json"), "JSON (*.json)"
        )
        if name:
            save_mapping(Path(name), self.table.headers, self.mapping())

    def choose_mapping(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Use a saved column choice"), str(Path.home()), "JSON (*.json)"
        )
        if name:
            self.use_mapping(Path(name))

    def use_mapping(self, path: Path) -> None:
        if self.table is None:
            return
        try:
            chosen = load_mapping(path, self.table.headers)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        for row in range(self.columns.rowCount()):
            combo = self.columns.cellWidget(row, 2)
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(max(0, combo.findData(chosen.get(row, IGNORE))))

    def save_rejected(self) -> None:
        if self.preview is None or self.path is None:
            return
        suggested = self.path.with_name(self.path.stem + "-rejected.csv")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the rejected rows"), str(suggested), _("CSV file (*.csv)")
        )
        if name:
            try:
                self._imports.write_rejected(self.preview, Path(name))
            except CommunityDeskError as error:
                show_error(self, error)
