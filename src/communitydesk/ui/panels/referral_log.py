"""The referral log: every referral, the newest first, searched and filtered by period, category
and outcome, sorted by a click on a column's header. Filtering, sorting and paging happen in SQL
on the task runner. New referrals, edits, outcomes and deletions can be undone with Ctrl+Z."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any, Final

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, current_language, format_date, format_number, ngettext
from communitydesk.services.directory import ServiceDirectory
from communitydesk.services.households import HouseholdService
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.services.people import PeopleService
from communitydesk.services.periods import PERIODS, named_period
from communitydesk.services.referrals import (
    OUTCOMES,
    ReferralFilter,
    ReferralLog,
    ReferralRecord,
)
from communitydesk.ui.dialogs.outcome_dialog import OutcomeDialog
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.panels.follow_ups import OVERDUE_COLOUR
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, undo_stack
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import narrowable
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

PAGE_SIZE: Final = 200
SEARCH_DELAY_MS: Final = 300
WIDEST_COLUMN: Final = 145  # eight columns fit the window; a longer name is in its tooltip
ANY_TIME: Final = ""
CUSTOM: Final = "custom"
# The periods offered (the fiscal ones need the books' year: the groundwork report has them).
LOG_PERIODS: Final = ("last_30_days", "this_month", "last_month", "this_year", "last_year")


class LogColumn(IntEnum):
    WHO = 0
    SERVICE = 1
    ORGANIZATION = 2
    CATEGORY = 3
    REFERRED_ON = 4
    FOLLOW_UP = 5
    OUTCOME = 6
    REFERRED_BY = 7


SORT_OF: Final = {
    LogColumn.WHO: "who",
    LogColumn.SERVICE: "service",
    LogColumn.ORGANIZATION: "organization",
    LogColumn.CATEGORY: "category",
    LogColumn.REFERRED_ON: "referred_on",
    LogColumn.FOLLOW_UP: "follow_up_on",
    LogColumn.OUTCOME: "outcome",
    LogColumn.REFERRED_BY: "referred_by",
}


class ReferralLogModel(RowsTableModel[ReferralRecord]):
    """The log's rows, read a page at a time. `loaded` when a first page is shown; `failed`
    with the error when a read fails."""

    loaded = Signal()
    failed = Signal(object)
    columns = LogColumn

    def __init__(self, referrals: ReferralLog, tasks: TaskRunner) -> None:
        super().__init__()
        self._referrals = referrals
        self._tasks = tasks
        self.where = ReferralFilter()
        self.sort_key = "referred_on"
        self.descending = True
        self.categories: dict[str, str] = {}
        self.today = date.today()
        self.total = 0
        self.has_loaded = False
        self._first: Task | None = None
        self._more: Task | None = None

    @property
    def busy(self) -> bool:
        return self._first is not None or self._more is not None

    def headers(self) -> dict[Any, str]:
        return {
            LogColumn.WHO: _("Who"),
            LogColumn.SERVICE: _("Service"),
            LogColumn.ORGANIZATION: _("Organization"),
            LogColumn.CATEGORY: _("Category"),
            LogColumn.REFERRED_ON: _("Referred on"),
            LogColumn.FOLLOW_UP: _("Follow-up"),
            LogColumn.OUTCOME: _("Outcome"),
            LogColumn.REFERRED_BY: _("Referred by"),
        }

    def display(self, row: ReferralRecord, column: Any) -> str:
        if column == LogColumn.WHO:
            return row.who
        if column == LogColumn.SERVICE:
            return row.service_name
        if column == LogColumn.ORGANIZATION:
            return row.organization_name
        if column == LogColumn.CATEGORY:
            return self.categories.get(row.category, row.category)
        if column == LogColumn.REFERRED_ON:
            return format_date(row.referred_on)
        if column == LogColumn.FOLLOW_UP:
            return format_date(row.follow_up_on) if row.follow_up_on else ""
        if column == LogColumn.OUTCOME:
            return _(OUTCOMES[row.outcome]) if row.outcome in OUTCOMES else ""
        return row.referred_by_name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == LogColumn.FOLLOW_UP:
            late = row.follow_up_on is not None and row.follow_up_on < self.today
            return QBrush(QColor(OVERDUE_COLOUR)) if late else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == LogColumn.WHO and row.reason:
                return row.reason
            return self.display(row, self.columns(index.column())) or None
        return super().data(index, role)

    def reload(self, keep: bool = True) -> None:
        """Read the first page again; with `keep`, as many rows as are shown now."""
        for task in (self._first, self._more):
            if task is not None:
                task.cancel()
        self._more = None
        referrals, where = self._referrals, self.where
        sort, descending = self.sort_key, self.descending
        limit = max(PAGE_SIZE, self.rowCount()) if keep else PAGE_SIZE

        def load(_task: Task) -> tuple[list[ReferralRecord], int]:
            return referrals.page(where, sort, descending, limit=limit), referrals.count(where)

        self._first = self._tasks.run(load, self._show_first, self._failed)

    def _show_first(self, loaded: tuple[list[ReferralRecord], int]) -> None:
        self._first = None
        rows, self.total = loaded
        self.has_loaded = True
        self.set_rows(tuple(rows))
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return (
            not parent.isValid()
            and self.has_loaded
            and not self.busy
            and self.rowCount() < self.total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        referrals, where = self._referrals, self.where
        sort, descending, offset = self.sort_key, self.descending, self.rowCount()
        self._more = self._tasks.run(
            lambda _task: referrals.page(where, sort, descending, PAGE_SIZE, offset),
            self._show_more,
            self._failed,
        )

    def _show_more(self, rows: list[ReferralRecord]) -> None:
        self._more = None
        if rows:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows = self._rows + tuple(rows)
            self.endInsertRows()

    def _failed(self, error: BaseException) -> None:
        self._first = self._more = None
        self.failed.emit(error)


class ReferralLogPanel(QWidget):
    """Emits `card_requested(service_uid, person_uid)` for the referral card of the one chosen."""

    card_requested = Signal(str, str)

    def __init__(
        self,
        referrals: ReferralLog,
        directory: ServiceDirectory,
        people: PeopleService,
        households: HouseholdService,
        lookups: LookupService,
        tasks: TaskRunner,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._referrals = referrals
        self._directory = directory
        self._people = people
        self._households = households
        self._lookups = lookups
        self._tasks = tasks
        self._fixed_today = today
        self._loading_categories: Task | None = None
        self._shown_before = False
        self._to_select = ""
        self._selected_before: set[str] = set()
        self._sort_column: int = LogColumn.REFERRED_ON

        # --- filters ---
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, service or organization"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(self._debounce.start)
        self.category = QComboBox()
        self.category.setToolTip(_("Category"))
        self.category.addItem(_("Every category"), "")
        self.category.currentIndexChanged.connect(self._filters_changed)
        self.outcome = QComboBox()
        self.outcome.setToolTip(_("Outcome"))
        self.outcome.addItem(_("Any outcome"), "")
        self.outcome.addItem(_("No outcome yet"), "open")
        for code, label in OUTCOMES.items():
            self.outcome.addItem(_(label), code)
        self.outcome.currentIndexChanged.connect(self._filters_changed)
        self.period = QComboBox()
        self.period.setToolTip(_("Period"))
        self.period.addItem(_("Any time"), ANY_TIME)
        for key in LOG_PERIODS:
            self.period.addItem(_(PERIODS[key]), key)
        self.period.addItem(_("Dates chosen"), CUSTOM)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.start = date_edit(self.today.replace(day=1))
        self.end = date_edit(self.today)
        self.start.dateChanged.connect(self._dates_typed)
        self.end.dateChanged.connect(self._dates_typed)
        self.to_label = QLabel(_("to"))

        # --- the list ---
        self.model = ReferralLogModel(referrals, tasks)
        self.model.setParent(self)  # gone with the panel: a page read late is then dropped
        self.model.loaded.connect(self._rows_loaded)
        self.model.failed.connect(lambda error: report_problem(self, error))
        self.model.rowsInserted.connect(lambda *_args: self._show_count())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(LogColumn.REFERRED_ON, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(enter), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        # --- actions ---
        self.new_button = QPushButton(_("New referral…"))
        self.new_button.clicked.connect(self.new_referral)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.outcome_button = QPushButton(_("Record outcome…"))
        self.outcome_button.clicked.connect(self.record_outcome)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self.refresh)
        self.card_button = QPushButton(_("Referral card…"))
        self.card_button.setToolTip(
            _("The service's card to hand to the family, in their language")
        )
        self.card_button.clicked.connect(self._card_of_selected)
        self.count = QLabel()

        narrowable(self.category, widest=260)  # its entries are read later
        narrowable(self.outcome)
        narrowable(self.period)
        searching = QHBoxLayout()
        searching.addWidget(self.search, 2)
        searching.addWidget(self.category, 1)
        searching.addWidget(self.outcome, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.period, 1)
        dates.addWidget(self.start)
        dates.addWidget(self.to_label)
        dates.addWidget(self.end)
        dates.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.card_button)
        acting = QHBoxLayout()
        for button in (
            self.edit_button,
            self.outcome_button,
            self.delete_button,
            self.undo_button,
        ):
            acting.addWidget(button)
        acting.addStretch(1)
        acting.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(searching)
        layout.addLayout(dates)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(acting)
        self._period_chosen()
        self._selection_changed()
        self._load_categories()

    # --- state -----------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    @property
    def busy(self) -> bool:
        return (
            self.model.busy
            or self.writes.busy
            or self._debounce.isActive()
            or self._loading_categories is not None
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Outcomes recorded from the call list, or referrals made from People, show here too.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def current_filter(self) -> ReferralFilter:
        period = str(self.period.currentData())
        return ReferralFilter(
            text=self.search.text(),
            category=str(self.category.currentData() or ""),
            outcome=str(self.outcome.currentData() or ""),
            starts_on=None if period == ANY_TIME else to_date(self.start),
            ends_on=None if period == ANY_TIME else to_date(self.end),
        )

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._reload(keep=True)

    def _load_categories(self) -> None:
        lookups, language = self._lookups, current_language().code
        self._loading_categories = self._tasks.run(
            lambda _task: lookups.get_list("referral_category", language),
            self._show_categories,
            self._categories_failed,
        )

    def _categories_failed(self, error: BaseException) -> None:
        self._loading_categories = None
        report_problem(self, error)

    def _show_categories(self, categories: LookupList) -> None:
        self._loading_categories = None
        self.model.categories = {entry.code: entry.label for entry in categories.entries}
        chosen = str(self.category.currentData() or "")
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("Every category"), "")
        for entry in categories.entries:
            self.category.addItem(entry.label, entry.code)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        self.category.blockSignals(False)
        self.model.layoutChanged.emit()  # the category column now shows names

    def _reload(self, keep: bool) -> None:
        self._debounce.stop()
        self._selected_before = {row.uid for row in self.selected_rows()}
        self.model.where = self.current_filter()
        self.model.today = self.today
        self.model.reload(keep)

    def _filters_changed(self) -> None:
        self._reload(keep=False)

    def _period_chosen(self) -> None:
        key = str(self.period.currentData())
        chosen = key not in (ANY_TIME, CUSTOM)
        if chosen:
            shown = named_period(key, self.today)
            for edit, day in ((self.start, shown.start), (self.end, shown.end)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        for widget in (self.start, self.to_label, self.end):
            widget.setEnabled(key != ANY_TIME)
        self._filters_changed()

    def _dates_typed(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(CUSTOM))
        self.period.blockSignals(False)
        self._debounce.start()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(LogColumn):
            return
        self._sort_column = column
        self.model.sort_key = SORT_OF[LogColumn(column)]
        self.model.descending = order == Qt.SortOrder.DescendingOrder
        self._reload(keep=False)

    def _rows_loaded(self) -> None:
        uids = [self.model.row_at(i).uid for i in range(self.model.rowCount())]
        wanted = {self._to_select} if self._to_select else self._selected_before
        self._to_select = ""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in LogColumn:
            if header.sectionSize(column) > WIDEST_COLUMN:
                header.resizeSection(column, WIDEST_COLUMN)
        chosen = [index for index, uid in enumerate(uids) if uid in wanted]
        if chosen:
            select_row(self.table, chosen[0])
            self.table.scrollTo(self.model.index(chosen[0], 0))
        elif uids:
            select_row(self.table, 0)
        self._show_count()
        self._selection_changed()

    def _show_count(self) -> None:
        total = self.model.total
        if total:
            text = ngettext("{count} referral", "{count} referrals", total).format(
                count=format_number(total)
            )
        elif self.current_filter() == ReferralFilter():
            text = _("No referrals yet: record the first one with “New referral…”.")
        else:
            text = _("No referrals match these filters.")
        self.count.setText(text)

    # --- the selected referrals ------------------------------------------------------------------

    def selected_rows(self) -> list[ReferralRecord]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows if row < self.model.rowCount()]

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        for button in (self.edit_button, self.outcome_button, self.card_button):
            button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(bool(rows))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    def _one_selected(self) -> ReferralRecord | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    # --- actions ---------------------------------------------------------------------------------

    def _dialog(self, referral_uid: str = "") -> ReferralDialog:
        return ReferralDialog(
            self._referrals,
            self._directory,
            self._people,
            self._households,
            self._lookups,
            self._tasks,
            referral_uid=referral_uid,
            parent=self,
            today=self.today,
        )

    def new_referral(self) -> None:
        dialog = self._dialog()
        if not dialog.exec() or dialog.saved is None:
            return
        saved, referrals = dialog.saved, self._referrals
        uid = saved.uid
        self._to_select = uid
        self.undo_stack.push(
            self.writes.change(
                _("refer {name} to {service}").format(name=saved.who, service=saved.service_name),
                redo=lambda: referrals.restore(uid),
                undo=lambda: referrals.delete(uid),
            )
        )

    def edit_selected(self) -> None:
        referral = self._one_selected()
        if referral is None:
            return
        dialog = self._dialog(referral.uid)
        if not dialog.exec() or dialog.saved is None or dialog.record is None:
            return
        self._push_edit(dialog.record, dialog.saved, _("edit {who}'s referral"))

    def record_outcome(self) -> None:
        referral = self._one_selected()
        if referral is None:
            return
        dialog = OutcomeDialog(
            referral, self._referrals, self._lookups, self._tasks, self.today, parent=self
        )
        if not dialog.exec() or dialog.saved is None:
            return
        self._push_edit(referral, dialog.saved, _("record what came of {who}'s referral"))

    def _push_edit(self, before: ReferralRecord, after: ReferralRecord, text: str) -> None:
        if before == after:
            return
        uid, referrals, today = before.uid, self._referrals, self.today
        old, new = before.as_input(), after.as_input()
        self._to_select = uid
        self.undo_stack.push(
            self.writes.change(
                text.format(who=after.who),
                redo=lambda: referrals.update(uid, new, today),
                undo=lambda: referrals.update(uid, old, today),
            )
        )

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        uids, referrals = tuple(row.uid for row in rows), self._referrals
        text = (
            _("delete {who}'s referral").format(who=rows[0].who)
            if len(rows) == 1
            else ngettext("delete {count} referral", "delete {count} referrals", len(rows)).format(
                count=format_number(len(rows))
            )
        )
        self.undo_stack.push(
            self.writes.change(
                text,
                redo=lambda: referrals.delete(*uids),
                undo=lambda: referrals.restore(*uids),
            )
        )

    def _card_of_selected(self) -> None:
        referral = self._one_selected()
        if referral is not None:
            self.card_requested.emit(referral.service_uid, referral.person_uid)
