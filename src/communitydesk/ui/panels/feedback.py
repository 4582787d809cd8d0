"""What people said about the programs (and whether it may be quoted), and what members
suggested (and which suggestions became activities); with undo.

Whether words may be quoted is read from consent each time the list is read: a consent withdrawn
today takes the quote off the list today.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_number,
    language_name,
    ngettext,
)
from communitydesk.services.feedback import (
    SUGGESTION_STATUSES,
    FeedbackInput,
    FeedbackRecord,
    FeedbackService,
    SuggestionInput,
    SuggestionRecord,
)
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.panels.hours import rows_table
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

QUOTABLE_MARK = "✓"
NOT_QUOTABLE_MARK = "—"
SHORT_WORDS = 200  # a table cell shows the start of long words; the tooltip has them all


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT_WORDS else line[:SHORT_WORDS] + "…"


def _as_input(record: FeedbackRecord) -> FeedbackInput:
    return FeedbackInput(
        record.given_on, record.words, record.program_uid, record.person_uid, record.language
    )


def _as_suggestion(record: SuggestionRecord) -> SuggestionInput:
    return SuggestionInput(
        record.suggested_on,
        record.words,
        record.person_uid,
        record.status,
        record.program_uid,
        record.response,
    )


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --- table models ---------------------------------------------------------------------------


class FeedbackColumn(IntEnum):
    DATE = 0
    PROGRAM = 1
    WHO = 2
    LANGUAGE = 3
    WORDS = 4
    QUOTABLE = 5


class FeedbackModel(RowsTableModel[FeedbackRecord]):
    columns = FeedbackColumn

    def headers(self) -> dict[Any, str]:
        return {
            FeedbackColumn.DATE: _("Date"),
            FeedbackColumn.PROGRAM: _("Program"),
            FeedbackColumn.WHO: _("Who"),
            FeedbackColumn.LANGUAGE: _("Language"),
            FeedbackColumn.WORDS: _("What they said"),
            FeedbackColumn.QUOTABLE: _("May be quoted"),
        }

    def display(self, row: FeedbackRecord, column: Any) -> str:
        if column is FeedbackColumn.DATE:
            return format_date(row.given_on)
        if column is FeedbackColumn.PROGRAM:
            return row.program_name
        if column is FeedbackColumn.WHO:
            return row.person_name or _("anonymous")
        if column is FeedbackColumn.LANGUAGE:
            return language_name(row.language) if row.language else ""
        if column is FeedbackColumn.WORDS:
            # In its own direction: "Merci." keeps its full stop last in an Arabic window.
            return embedded(_one_line(row.words))
        return QUOTABLE_MARK if row.quotable else NOT_QUOTABLE_MARK

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == FeedbackColumn.QUOTABLE:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            row = self.row_at(index.row())
            if column == FeedbackColumn.WORDS:
                return row.words
            if column == FeedbackColumn.QUOTABLE:
                if not row.person_uid:
                    return _("Anonymous: never quoted")
                if row.quotable:
                    return _("Their consent allows quoting their words")
                return _("No consent to quote their words")
        return super().data(index, role)


class SuggestionColumn(IntEnum):
    DATE = 0
    WORDS = 1
    FROM = 2
    STATUS = 3
    BECAME = 4


class SuggestionsModel(RowsTableModel[SuggestionRecord]):
    columns = SuggestionColumn

    def headers(self) -> dict[Any, str]:
        return {
            SuggestionColumn.DATE: _("Date"),
            SuggestionColumn.WORDS: _("Suggestion"),
            SuggestionColumn.FROM: _("From"),
            SuggestionColumn.STATUS: _("Status"),
            SuggestionColumn.BECAME: _("Became"),
        }

    def display(self, row: SuggestionRecord, column: Any) -> str:
        if column is SuggestionColumn.DATE:
            return format_date(row.suggested_on)
        if column is SuggestionColumn.WORDS:
            return embedded(_one_line(row.words))
        if column is SuggestionColumn.FROM:
            return row.person_name
        if column is SuggestionColumn.STATUS:
            return _(SUGGESTION_STATUSES.get(row.status, row.status))
        return row.program_name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and 0 <= index.row() < self.rowCount()
            and index.column() == SuggestionColumn.WORDS
        ):
            row = self.row_at(index.row())
            return "\n\n".join(part for part in (row.words, row.response) if part)
        return super().data(index, role)


def _stretch(table: QTableView, column: int) -> None:
    """The words take the room left; the other columns fit what they show."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def became_activities(suggestions: tuple[SuggestionRecord, ...]) -> int:
    """How many suggestions are done and name the program they became."""
    return sum(1 for s in suggestions if s.status == "done" and s.program_uid)


@dataclass(frozen=True)
class _Loaded:
    programs: tuple[ProgramRecord, ...]
    feedback: tuple[FeedbackRecord, ...]
    suggestions: tuple[SuggestionRecord, ...]
    all_suggestions: tuple[SuggestionRecord, ...]


class FeedbackPanel(QWidget):
    def __init__(
        self,
        feedback: FeedbackService,
        programs: ProgramService,
        people: PeopleService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._feedback = feedback
        self._programs = programs
        self._people = people
        self._tasks = tasks
        self._programs_list: tuple[ProgramRecord, ...] = ()
        self._loading: Task | None = None
        self.dialog: QWidget | None = None

        # What people said
        self.said = QWidget()
        self.program_filter = QComboBox()
        self.program_filter.addItem(_("All programs"), "")
        self.program_filter.setMinimumContentsLength(16)
        self.program_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.quotable_only = QCheckBox(_("Only what may be quoted"))
        self.quotable_only.setToolTip(
            _("What a report or an application may quote: the person's consent allows it")
        )
        self.quotable_only.toggled.connect(lambda _on: self.refresh())
        self.feedback_count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Program")))
        filters.addWidget(self.program_filter)
        filters.addWidget(self.quotable_only)
        filters.addStretch(1)
        filters.addWidget(self.feedback_count)
        self.new_feedback_button = QPushButton(_("Record what someone said…"))
        self.new_feedback_button.clicked.connect(self.new_feedback)
        self.edit_feedback_button = QPushButton(_("Edit…"))
        self.edit_feedback_button.clicked.connect(self.edit_feedback)
        self.remove_feedback_button = QPushButton(_("Remove"))
        self.remove_feedback_button.clicked.connect(self.remove_feedback)
        self.feedback_changes = BackgroundChanges(self.said, after=self.refresh)
        self.feedback_undo = self.feedback_changes.button
        self.feedback_model = FeedbackModel()
        self.feedback_table = rows_table(self.feedback_model)
        self.feedback_table.setWordWrap(False)
        _stretch(self.feedback_table, FeedbackColumn.WORDS)
        self.feedback_table.doubleClicked.connect(lambda _index: self.edit_feedback())
        self.feedback_table.selectionModel().selectionChanged.connect(self._update_buttons)
        said_buttons = QHBoxLayout()
        for button in (
            self.new_feedback_button,
            self.edit_feedback_button,
            self.remove_feedback_button,
            self.feedback_undo,
        ):
            said_buttons.addWidget(button)
        said_buttons.addStretch(1)
        said_layout = QVBoxLayout(self.said)
        said_layout.addLayout(filters)
        said_layout.addLayout(said_buttons)
        said_layout.addWidget(self.feedback_table, 1)

        # Members' suggestions
        self.suggested = QWidget()
        self.became = QLabel()
        self.became.setWordWrap(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("Any status"), "")
        for code, label in SUGGESTION_STATUSES.items():
            self.status_filter.addItem(_(label), code)
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel(_("Status")))
        status_row.addWidget(self.status_filter)
        status_row.addStretch(1)
        self.new_suggestion_button = QPushButton(_("Record a suggestion…"))
        self.new_suggestion_button.clicked.connect(self.new_suggestion)
        self.edit_suggestion_button = QPushButton(_("Edit…"))
        self.edit_suggestion_button.clicked.connect(self.edit_suggestion)
        self.remove_suggestion_button = QPushButton(_("Remove"))
        self.remove_suggestion_button.clicked.connect(self.remove_suggestion)
        self.suggestion_changes = BackgroundChanges(self.suggested, after=self.refresh)
        self.suggestion_undo = self.suggestion_changes.button
        self.suggestions_model = SuggestionsModel()
        self.suggestions_table = rows_table(self.suggestions_model)
        self.suggestions_table.setWordWrap(False)
        _stretch(self.suggestions_table, SuggestionColumn.WORDS)
        self.suggestions_table.doubleClicked.connect(lambda _index: self.edit_suggestion())
        self.suggestions_table.selectionModel().selectionChanged.connect(self._update_buttons)
        suggestion_buttons = QHBoxLayout()
        for button in (
            self.new_suggestion_button,
            self.edit_suggestion_button,
            self.remove_suggestion_button,
            self.suggestion_undo,
        ):
            suggestion_buttons.addWidget(button)
        suggestion_buttons.addStretch(1)
        suggested_layout = QVBoxLayout(self.suggested)
        suggested_layout.addWidget(self.became)
        suggested_layout.addLayout(status_row)
        suggested_layout.addLayout(suggestion_buttons)
        suggested_layout.addWidget(self.suggestions_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.said, _("What people said"))
        self.tabs.addTab(self.suggested, _("Members' suggestions"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._update_buttons()
        self.refresh()

    # --- reading -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return (
            self._loading is not None or self.feedback_changes.busy or self.suggestion_changes.busy
        )

    def refresh(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
        program_uid = str(self.program_filter.currentData() or "")
        quotable_only = self.quotable_only.isChecked()
        status = str(self.status_filter.currentData() or "")

        def load(_task: Task) -> _Loaded:
            everything = self._feedback.suggestions()
            return _Loaded(
                programs=self._programs.programs(),
                feedback=self._feedback.feedback(program_uid, quotable_only),
                suggestions=(
                    tuple(s for s in everything if s.status == status) if status else everything
                ),
                all_suggestions=everything,
            )

        self._loading = self._tasks.run(load, self._show, self._failed)

    def _show(self, loaded: _Loaded) -> None:
        self._loading = None
        self._programs_list = loaded.programs
        self._fill_programs(loaded.programs)
        self._show_rows(self.feedback_table, self.feedback_model, loaded.feedback)
        self.feedback_count.setText(
            ngettext("{count} shown", "{count} shown", len(loaded.feedback)).format(
                count=format_number(len(loaded.feedback))
            )
        )
        self._show_rows(self.suggestions_table, self.suggestions_model, loaded.suggestions)
        became = became_activities(loaded.all_suggestions)
        still_open = sum(1 for s in loaded.all_suggestions if s.status != "done")
        self.became.setText(
            "<b>{}</b> · {}".format(
                ngettext(
                    "{count} suggestion became an activity",
                    "{count} suggestions became activities",
                    became,
                ).format(count=format_number(became)),
                ngettext(
                    "{count} suggestion still open",
                    "{count} suggestions still open",
                    still_open,
                ).format(count=format_number(still_open)),
            )
        )
        self._update_buttons()

    def _fill_programs(self, programs: tuple[ProgramRecord, ...]) -> None:
        chosen = str(self.program_filter.currentData() or "")
        self.program_filter.blockSignals(True)
        self.program_filter.clear()
        self.program_filter.addItem(_("All programs"), "")
        for record in programs:
            self.program_filter.addItem(record.name, record.uid)
        self.program_filter.setCurrentIndex(max(self.program_filter.findData(chosen), 0))
        self.program_filter.blockSignals(False)

    @staticmethod
    def _show_rows(table: QTableView, model: RowsTableModel[Any], rows: tuple[Any, ...]) -> None:
        selected = table.selectionModel().selectedRows()
        uid = model.row_at(selected[0].row()).uid if selected else ""
        model.set_rows(rows)
        uids = [row.uid for row in rows]
        if uid in uids:
            select_row(table, uids.index(uid))
        table.resizeColumnsToContents()

    def selected_feedback(self) -> FeedbackRecord | None:
        rows = self.feedback_table.selectionModel().selectedRows()
        return self.feedback_model.row_at(rows[0].row()) if rows else None

    def selected_suggestion(self) -> SuggestionRecord | None:
        rows = self.suggestions_table.selectionModel().selectedRows()
        return self.suggestions_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has_feedback = self.selected_feedback() is not None
        self.edit_feedback_button.setEnabled(has_feedback)
        self.remove_feedback_button.setEnabled(has_feedback)
        has_suggestion = self.selected_suggestion() is not None
        self.edit_suggestion_button.setEnabled(has_suggestion)
        self.remove_suggestion_button.setEnabled(has_suggestion)

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        report_problem(self, error)

    # --- what people said ----------------------------------------------------------------------

    def new_feedback(self) -> None:
        self._open_feedback(None)

    def edit_feedback(self) -> None:
        record = self.selected_feedback()
        if record is not None:
            self._open_feedback(record)

    def _open_feedback(self, record: FeedbackRecord | None) -> None:
        from communitydesk.ui.dialogs.feedback_dialog import FeedbackDialog

        dialog = FeedbackDialog(
            self._feedback,
            self._people,
            self._tasks,
            programs=self._programs_list,
            record=record,
            program_uid=str(self.program_filter.currentData() or ""),
            parent=self,
        )
        self.dialog = dialog

        def saved() -> None:
            after = dialog.saved
            if after is None:
                return
            uid = after.uid
            who = after.person_name or _("anonymous")
            if record is None:
                self.feedback_changes.push(
                    _("record what {name} said").format(name=who),
                    redo=lambda: self._feedback.reinstate(uid),
                    undo=lambda: self._feedback.remove(uid),
                )
                return
            before, now = _as_input(record), _as_input(after)
            self.feedback_changes.push(
                _("edit what {name} said").format(name=who),
                redo=lambda: self._feedback.update(uid, now),
                undo=lambda: self._feedback.update(uid, before),
            )

        dialog.accepted.connect(saved)
        dialog.open()

    def remove_feedback(self) -> None:
        record = self.selected_feedback()
        if record is None:
            return
        uid = record.uid
        self.feedback_changes.push(
            _("remove what {name} said").format(name=record.person_name or _("anonymous")),
            redo=lambda: self._feedback.remove(uid),
            undo=lambda: self._feedback.reinstate(uid),
        )

    # --- members' suggestions ------------------------------------------------------------------

    def new_suggestion(self) -> None:
        self._open_suggestion(None)

    def edit_suggestion(self) -> None:
        record = self.selected_suggestion()
        if record is not None:
            self._open_suggestion(record)

    def _open_suggestion(self, record: SuggestionRecord | None) -> None:
        from communitydesk.ui.dialogs.feedback_dialog import SuggestionDialog

        dialog = SuggestionDialog(
            self._feedback,
            self._people,
            self._tasks,
            programs=self._programs_list,
            record=record,
            parent=self,
        )
        self.dialog = dialog

        def saved() -> None:
            after = dialog.saved
            if after is None:
                return
            uid = after.uid
            what = _short(after.words)
            if record is None:
                self.suggestion_changes.push(
                    _("record the suggestion “{what}”").format(what=what),
                    redo=lambda: self._feedback.reinstate_suggestion(uid),
                    undo=lambda: self._feedback.remove_suggestion(uid),
                )
                return
            before, now = _as_suggestion(record), _as_suggestion(after)
            self.suggestion_changes.push(
                _("edit the suggestion “{what}”").format(what=what),
                redo=lambda: self._feedback.update_suggestion(uid, now),
                undo=lambda: self._feedback.update_suggestion(uid, before),
            )

        dialog.accepted.connect(saved)
        dialog.open()

    def remove_suggestion(self) -> None:
        record = self.selected_suggestion()
        if record is None:
            return
        uid = record.uid
        self.suggestion_changes.push(
            _("remove the suggestion “{what}”").format(what=_short(record.words)),
            redo=lambda: self._feedback.remove_suggestion(uid),
            undo=lambda: self._feedback.reinstate_suggestion(uid),
        )
