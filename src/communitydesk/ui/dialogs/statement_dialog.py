"""Bring a bank statement (the bank's CSV) into one account: the file, the bank it comes from
(recognized, and changeable; another bank's columns can be chosen by hand), a preview of what
importing would do, then the import itself, with an Undo for the whole statement.

Reading the file, the preview and the import run on the task runner: a year's statement has
thousands of lines, each looked for among the entries of the books.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, FileFormatError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.importers.bank_statement import (
    DATE_ORDERS,
    GENERIC,
    GENERIC_NAME,
    LAYOUTS,
    GenericMapping,
    detect_layout,
    guess_mapping,
    raw_rows,
)
from communitydesk.services.reconciliation import (
    PreviewLine,
    StatementImportResult,
    StatementPreview,
    StatementService,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import ERROR_STYLE, error_label
from communitydesk.ui.widgets.tables import read_only_table

SAMPLE_ROWS: Final = 20  # enough to name the columns and show an example of each
TRAILING: Final = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
ONE_COLUMN, ONE_COLUMN_OUT_POSITIVE, TWO_COLUMNS = "one", "one_out_positive", "two"
NOTE_STYLE: Final = "color: #5f6368;"


@dataclass(frozen=True)
class StatementFile:
    """A file read off the UI thread: its bytes, the bank recognized, its first rows and the
    columns guessed from its titles (None when they say nothing)."""

    path: Path
    data: bytes
    detected: str | None
    rows: tuple[tuple[str, ...], ...]
    guessed: GenericMapping | None


def read_statement_file(path: Path) -> StatementFile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileFormatError(
            _("{name} could not be read: {error}").format(
                name=path.name, error=error.strerror or error
            )
        ) from error
    detected = detect_layout(data)  # raises FileFormatError for an empty or binary file
    return StatementFile(
        path,
        data,
        detected,
        raw_rows(data, SAMPLE_ROWS),
        guess_mapping(data),  # offered if the treasurer switches to choosing the columns
    )


def problem_cells(error: FileFormatError) -> tuple[str, str, str]:
    """Row, column and what to check; the reason without the "Row 3, column X:" it starts with,
    since the row and the column have their own cells."""
    row = format_number(error.row) if error.row is not None else ""
    column = error.column or ""
    reason = error.message
    if error.row is not None and error.column is not None:
        prefix = _("Row {row}, column {column}: {reason}").format(
            row=error.row, column=error.column, reason=""
        )
        if prefix and reason.startswith(prefix):
            reason = reason[len(prefix) :]
    return row, column, reason


class StatementImportDialog(QDialog):
    """`imported` holds the result once a statement was brought in (None if undone again)."""

    def __init__(
        self,
        statements: StatementService,
        account_uid: str,
        account_name: str,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._statements = statements
        self._account_uid = account_uid
        self._currency = currency
        self._tasks = tasks
        self.pending: Task | None = None
        self.file: StatementFile | None = None
        self.preview: StatementPreview | None = None
        self.imported: StatementImportResult | None = None
        self.changed = False  # something was written (and perhaps undone): lists to read again
        self.setWindowTitle(
            _("Import a bank statement into {account}").format(account=account_name)
        )
        self.resize(940, 640)

        self.file_label = QLabel(
            _("No file chosen yet. Download the transactions from the bank's website as CSV.")
        )
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(_("Choose the file…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.layout_choice = QComboBox()
        for key, name in LAYOUTS.items():
            self.layout_choice.addItem(_(name), key)
        self.layout_choice.addItem(_(GENERIC_NAME), GENERIC)
        self.layout_choice.setCurrentIndex(-1)
        self.layout_choice.setEnabled(False)
        self.layout_choice.activated.connect(self._layout_chosen)
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.detected.setStyleSheet(NOTE_STYLE)

        self.mapping_box = self._mapping_box()
        self.mapping_box.hide()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.lines = read_only_table(
            [_("Row"), _("Date"), _("Description"), _("Amount"), _("In the books")]
        )
        self.lines.setWordWrap(False)
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.problems = read_only_table([_("Row"), _("Column"), _("What to check")])
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.error = error_label()

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the service gives no figures: busy until done
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.import_button = QPushButton(_("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_now)
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_dialog)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(_("Bank"), self.layout_choice)
        form.addRow("", self.detected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(form)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox(_("Which column holds what"))
        self.date_column = QComboBox()
        self.amount_kind = QComboBox()
        for label, key in (
            (_("One column, money out with a minus sign"), ONE_COLUMN),
            (_("One column, money out without a sign"), ONE_COLUMN_OUT_POSITIVE),
            (_("Two columns: money out and money in"), TWO_COLUMNS),
        ):
            self.amount_kind.addItem(label, key)
        self.amount_column = QComboBox()
        self.debit_column = QComboBox()
        self.credit_column = QComboBox()
        self.description_column = QComboBox()
        self.reference_column = QComboBox()
        self.date_order = QComboBox()
        for key, name in DATE_ORDERS.items():
            self.date_order.addItem(_(name), key)
        self.has_header = QCheckBox(_("The first row holds the column titles"))
        self.has_header.setChecked(True)
        self.column_combos = (
            self.date_column,
            self.amount_column,
            self.debit_column,
            self.credit_column,
            self.description_column,
            self.reference_column,
        )
        for combo in (*self.column_combos, self.amount_kind, self.date_order):
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.activated.connect(self._mapping_changed)
        self.has_header.toggled.connect(self._header_toggled)
        self.mapping_form = QFormLayout()
        self.mapping_form.addRow(_("Date"), self.date_column)
        self.mapping_form.addRow(_("Dates written"), self.date_order)
        self.mapping_form.addRow(_("Amount"), self.amount_kind)
        self.mapping_form.addRow(_("Amount column"), self.amount_column)
        self.mapping_form.addRow(_("Money out"), self.debit_column)
        self.mapping_form.addRow(_("Money in"), self.credit_column)
        right = QFormLayout()
        right.addRow(_("Description"), self.description_column)
        right.addRow(_("Reference"), self.reference_column)
        right.addRow("", self.has_header)
        columns = QHBoxLayout(box)
        columns.addLayout(self.mapping_form, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        self._show_amount_fields()
        return box

    # --- state -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.pending is not None

    def layout_key(self) -> str:
        return str(self.layout_choice.currentData() or "")

    def mapping(self) -> GenericMapping:
        """The columns as chosen in the generic fields."""
        kind = str(self.amount_kind.currentData())
        one = kind in (ONE_COLUMN, ONE_COLUMN_OUT_POSITIVE)

        def chosen(combo: QComboBox) -> int | None:
            data = combo.currentData()
            return int(data) if isinstance(data, int) and data >= 0 else None

        date_column = chosen(self.date_column)
        return GenericMapping(
            date_column=date_column if date_column is not None else 0,
            amount_column=chosen(self.amount_column) if one else None,
            debit_column=None if one else chosen(self.debit_column),
            credit_column=None if one else chosen(self.credit_column),
            description_column=chosen(self.description_column),
            reference_column=chosen(self.reference_column),
            date_order=str(self.date_order.currentData()),
            has_header=self.has_header.isChecked(),
            money_out_positive=kind == ONE_COLUMN_OUT_POSITIVE,
        )

    def chosen_layout(self) -> str | GenericMapping:
        key = self.layout_key()
        return self.mapping() if key == GENERIC else key

    def _working(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.choose_button.setEnabled(not on)
        self.layout_choice.setEnabled(not on and self.file is not None)
        if on:
            self.import_button.setEnabled(False)
            self.undo_button.setEnabled(False)

    # --- the file --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the bank statement"),
            str(Path.home()),
            _("Bank statements (*.csv *.txt)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read the file and preview it with the bank recognized (tests call this directly)."""
        if self.busy or self.imported is not None:
            return
        self.file = None
        self.preview = None
        self.file_label.setText(path.name)
        self._clear_preview()
        self._working(True)
        self.pending = self._tasks.run(
            lambda _task: read_statement_file(path), self._file_read, self._preview_failed
        )

    def _file_read(self, read: StatementFile) -> None:
        self.pending = None
        self.file = read
        self._working(False)
        self._fill_columns(read.rows)
        if read.guessed is not None:
            self._apply_mapping(read.guessed)
        if read.detected is not None:
            self.layout_choice.setCurrentIndex(self.layout_choice.findData(read.detected))
            self.detected.setText(
                _(
                    "Recognized as a statement from {bank}. Choose another bank if it is not."
                ).format(bank=_(LAYOUTS[read.detected]))
            )
        else:
            self.layout_choice.setCurrentIndex(self.layout_choice.findData(GENERIC))
            self.detected.setText(
                _(
                    "The bank was not recognized. Choose it above, or say which column holds "
                    "what below."
                )
            )
        self._layout_chosen()

    def _fill_columns(self, rows: tuple[tuple[str, ...], ...]) -> None:
        """Each column by its title (or, without titles, by its number and an example)."""
        width = max((len(cells) for cells in rows), default=0)
        header = rows[0] if rows else ()
        sample = rows[1] if len(rows) > 1 else header
        titled = self.has_header.isChecked()
        for combo in self.column_combos:
            kept = combo.currentData()
            combo.clear()
            if combo in (self.description_column, self.reference_column):
                combo.addItem(_("none"), -1)
            for index in range(width):
                title = header[index] if titled and index < len(header) else ""
                example = (sample if titled else header)[index] if index < len(sample) else ""
                if title:
                    text = _("{number}. {title}").format(number=index + 1, title=title)
                else:
                    text = _("{number}. e.g. {example}").format(
                        number=index + 1, example=example or "…"
                    )
                combo.addItem(text, index)
            if kept is not None and combo.findData(kept) >= 0:
                combo.setCurrentIndex(combo.findData(kept))

    def _apply_mapping(self, mapping: GenericMapping) -> None:
        def put(combo: QComboBox, column: int | str | None) -> None:
            index = combo.findData(column if isinstance(column, int) else -1)
            combo.setCurrentIndex(max(index, 0))

        put(self.date_column, mapping.date_column)
        put(self.amount_column, mapping.amount_column)
        put(self.debit_column, mapping.debit_column)
        put(self.credit_column, mapping.credit_column)
        put(self.description_column, mapping.description_column)
        put(self.reference_column, mapping.reference_column)
        if mapping.amount_column is None:
            kind = TWO_COLUMNS
        else:
            kind = ONE_COLUMN_OUT_POSITIVE if mapping.money_out_positive else ONE_COLUMN
        self.amount_kind.setCurrentIndex(self.amount_kind.findData(kind))
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(mapping.date_order)))
        self.has_header.blockSignals(True)
        self.has_header.setChecked(mapping.has_header)
        self.has_header.blockSignals(False)
        self._show_amount_fields()

    def _show_amount_fields(self) -> None:
        one = self.amount_kind.currentData() in (ONE_COLUMN, ONE_COLUMN_OUT_POSITIVE)
        self.mapping_form.setRowVisible(self.amount_column, one)
        self.mapping_form.setRowVisible(self.debit_column, not one)
        self.mapping_form.setRowVisible(self.credit_column, not one)

    def _header_toggled(self) -> None:
        if self.file is not None:
            self._fill_columns(self.file.rows)
        self._mapping_changed()

    def _layout_chosen(self) -> None:
        self.mapping_box.setVisible(self.layout_key() == GENERIC)
        self.make_preview()

    def _mapping_changed(self) -> None:
        self._show_amount_fields()
        self.make_preview()

    # --- preview and import ----------------------------------------------------------------------

    def make_preview(self) -> None:
        read = self.file
        if read is None or self.imported is not None or not self.layout_key():
            return
        if self.pending is not None:
            self.pending.cancel()  # a newer choice of columns: the older preview is dropped
        statements, account, layout = self._statements, self._account_uid, self.chosen_layout()
        self._working(True)
        self.pending = self._tasks.run(
            lambda _task: statements.preview(account, read.data, read.path.name, layout),
            self._show_preview,
            self._preview_failed,
        )

    def _preview_failed(self, error: BaseException) -> None:
        self.preview = None  # what was shown before was for other columns: not importable
        self._failed(error)

    def _clear_preview(self) -> None:
        self.summary.clear()
        self.lines.setRowCount(0)
        self.lines.show()
        self.problems.setRowCount(0)
        self.problems.hide()
        self.error.hide()
        self.import_button.setEnabled(False)

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self._working(False)
        if not isinstance(error, CommunityDeskError):
            raise error
        if isinstance(error, FileFormatError) and self.imported is None:
            self._clear_preview()
        if isinstance(error, FileFormatError) and error.row is not None:
            self.lines.hide()
            self.problems.setRowCount(1)
            for column, text in enumerate(problem_cells(error)):
                self.problems.setItem(0, column, QTableWidgetItem(text))
            self.problems.resizeColumnToContents(0)
            self.problems.resizeColumnToContents(1)
            self.problems.resizeRowsToContents()
            self.problems.show()
            self.error.setText(
                _(
                    "The statement cannot be imported until this is fixed: check the bank or the "
                    "columns chosen."
                )
            )
        else:
            self.error.setText(error.message)
        self.error.show()
        self.undo_button.setEnabled(True)
        self.import_button.setEnabled(
            self.imported is None and self.preview is not None and self._can_import(self.preview)
        )

    @staticmethod
    def _can_import(preview: StatementPreview) -> bool:
        return preview.new_lines > 0 and preview.already_imported_on is None

    def _money(self, cents: int) -> str:
        return left_to_right(format_money(cents, self._currency))

    def _show_preview(self, preview: StatementPreview) -> None:
        self.pending = None
        self._working(False)
        self._clear_preview()
        self.preview = preview
        parts = []
        if preview.first_on is not None and preview.last_on is not None:
            parts.append(
                _("Dates covered: {first} to {last}").format(
                    first=embedded(format_date(preview.first_on)),
                    last=embedded(format_date(preview.last_on)),
                )
            )
        parts.append(
            ngettext(
                "{count} new line, {seen} already brought in",
                "{count} new lines, {seen} already brought in",
                preview.new_lines,
            ).format(
                count=format_number(preview.new_lines), seen=format_number(preview.already_seen)
            )
        )
        parts.append(
            ngettext(
                "{count} found among the entries of the books, {left} to look at after the import",
                "{count} found among the entries of the books, {left} to look at after the import",
                preview.matched,
            ).format(
                count=format_number(preview.matched),
                left=format_number(preview.new_lines - preview.matched),
            )
        )
        if preview.already_imported_on is not None:
            parts.append(
                f'<span style="{ERROR_STYLE}">'
                + _(
                    "This statement was already imported on {date}: importing it again would "
                    "change nothing."
                ).format(date=embedded(format_date(preview.already_imported_on)))
                + "</span>"
            )
        elif preview.new_lines == 0:
            parts.append(
                f'<span style="{ERROR_STYLE}">'
                + _("Every line of this file was already brought in: there is nothing to import.")
                + "</span>"
            )
        self.summary.setText("<br/>".join(parts))
        self._fill_lines(preview.lines)
        self.import_button.setEnabled(self._can_import(preview))
        if self.import_button.isEnabled():
            self.import_button.setDefault(True)

    def _fill_lines(self, lines: tuple[PreviewLine, ...]) -> None:
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            if not line.new:
                books = _("Already brought in")
            elif line.match is not None:
                books = _("{payee}, {date}").format(
                    payee=line.match.payee or line.match.memo or _("an entry"),
                    date=embedded(format_date(line.match.entry_date)),
                )
            else:
                books = _("To look at")
            cells = [
                format_number(line.row),
                format_date(line.posted_on),
                line.description,
                self._money(line.amount_cents),
                books,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(TRAILING)
                if not line.new:
                    item.setForeground(self.palette().placeholderText())
                self.lines.setItem(row, column, item)
        self.lines.resizeColumnsToContents()
        header = self.lines.horizontalHeader()
        header.resizeSection(2, min(header.sectionSize(2), 320))

    def import_now(self) -> None:
        read, preview = self.file, self.preview
        if read is None or preview is None or self.busy or self.imported is not None:
            return
        statements, account, layout = self._statements, self._account_uid, self.chosen_layout()
        self._working(True)
        self.error.hide()
        self.pending = self._tasks.run(
            lambda _task: statements.import_statement(account, read.data, read.path.name, layout),
            self._imported,
            self._failed,
        )

    def _imported(self, result: StatementImportResult) -> None:
        self.pending = None
        self._working(False)
        self.imported = result
        self.changed = True
        self.summary.setText(result_text(result))
        self.import_button.setEnabled(False)
        self.layout_choice.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.mapping_box.setEnabled(False)
        self.undo_button.setEnabled(True)
        self.undo_button.show()
        self.close_button.setDefault(True)

    def undo(self) -> None:
        result = self.imported
        if result is None or self.busy:
            return
        statements = self._statements
        self._working(True)
        self.pending = self._tasks.run(
            lambda _task: statements.undo_import(result.import_uid), self._undone, self._failed
        )

    def _undone(self, _result: object) -> None:
        self.pending = None
        self._working(False)
        self.imported = None
        self.undo_button.hide()
        self.choose_button.setEnabled(True)
        self.mapping_box.setEnabled(True)
        self.summary.setText(
            _(
                "Import undone: the statement's lines were taken out, and the entries they had "
                "cleared are no longer cleared."
            )
        )
        self.make_preview()

    def close_dialog(self) -> None:
        if self.busy:
            return  # an import under way finishes first: nothing is half-decided
        if self.changed:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self.busy:
            return
        if self.changed:
            super().accept()  # Escape after an import: the panel still reads its lines again
        else:
            super().reject()


def result_text(result: StatementImportResult) -> str:
    """'42 lines brought in, 38 matched to entries, 4 to look at'."""
    left = result.new_lines - result.matched
    text = ngettext("{count} line brought in", "{count} lines brought in", result.new_lines).format(
        count=format_number(result.new_lines)
    )
    text = _("{lines}, {matched}, {left}").format(
        lines=text,
        matched=ngettext(
            "{count} matched to an entry", "{count} matched to entries", result.matched
        ).format(count=format_number(result.matched)),
        left=ngettext("{count} to look at", "{count} to look at", left).format(
            count=format_number(left)
        ),
    )
    if result.already_seen:
        text += ". " + ngettext(
            "{count} line was already brought in by an earlier statement.",
            "{count} lines were already brought in by an earlier statement.",
            result.already_seen,
        ).format(count=format_number(result.already_seen))
    return text
