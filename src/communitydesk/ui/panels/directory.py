"""The service directory: find a service by words, category, language, evenings or French, read
it as a referral card would show it, keep it up to date (add, edit, Trash with undo, "checked
today"), and hand it on to a referral, a card, a printout or a hub. Lists are filtered and sorted
in SQL, off the UI thread; only the answer to the latest question is shown."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any, Final

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    current_language,
    embedded,
    format_date,
    format_list,
    format_number,
    is_right_to_left,
    language_name,
    left_to_right,
    ngettext,
)
from communitydesk.core.text import fold
from communitydesk.services.directory import (
    DirectoryFilter,
    OrganizationRecord,
    ServiceDirectory,
    ServiceRecord,
    ServiceRow,
    text_in,
    verify_before,
)
from communitydesk.services.lookups import LookupService
from communitydesk.ui.dialogs.organization_dialog import OrganizationsDialog
from communitydesk.ui.dialogs.service_dialog import (
    ServiceChoices,
    ServiceDialog,
    load_service_choices,
)
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.fields import narrowable
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

SEARCH_DELAY_MS = 200
# Narrower than this, the card goes under the list rather than beside it (a small screen).
SIDE_BY_SIDE_WIDTH: Final = 860
WIDEST_COLUMN: Final = 220
PAGE_SIZE: Final = 1000
STALE_COLOR = QColor("#b3261e")
INACTIVE_COLOR = QColor("#5f6368")
BANNER_STYLE = (
    "QFrame#banner { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; }"
)


class ServiceColumn(IntEnum):
    NAME = 0
    ORGANIZATION = 1
    CATEGORY = 2
    LANGUAGES = 3
    CITY = 4
    PHONE = 5
    VERIFIED = 6


# The columns the list can be sorted by (in SQL); the others keep the current order.
SORT_KEYS: Final = {
    ServiceColumn.NAME: "name",
    ServiceColumn.ORGANIZATION: "organization",
    ServiceColumn.CATEGORY: "category",
    ServiceColumn.VERIFIED: "verified_on",
}


def is_stale(verified_on: date | None, today: date) -> bool:
    return verified_on is None or verified_on < verify_before(today)


def verified_text(verified_on: date | None, today: date) -> str:
    """When a service was last checked, saying so in words when it needs checking again."""
    if verified_on is None:
        return _("Never checked")
    if is_stale(verified_on, today):
        return _("{date}: needs checking").format(date=embedded(format_date(verified_on)))
    return format_date(verified_on)


def languages_text(codes: tuple[str, ...]) -> str:
    return format_list([language_name(code) for code in codes])


class ServicesTableModel(RowsTableModel[ServiceRow]):
    columns = ServiceColumn

    def __init__(self) -> None:
        super().__init__()
        self.categories: dict[str, str] = {}  # code -> label in the window's language
        self.today = date.today()

    def headers(self) -> dict[Any, str]:
        return {
            ServiceColumn.NAME: _("Service"),
            ServiceColumn.ORGANIZATION: _("Organization"),
            ServiceColumn.CATEGORY: _("Category"),
            ServiceColumn.LANGUAGES: _("Languages"),
            ServiceColumn.CITY: _("City"),
            ServiceColumn.PHONE: _("Phone"),
            ServiceColumn.VERIFIED: _("Last verified"),
        }

    def set_categories(self, categories: dict[str, str]) -> None:
        self.categories = categories
        if self.rowCount():
            column = ServiceColumn.CATEGORY
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    def display(self, row: ServiceRow, column: Any) -> str:
        if column == ServiceColumn.NAME:
            return row.name if row.is_active else _("{name} (inactive)").format(name=row.name)
        if column == ServiceColumn.ORGANIZATION:
            return row.organization
        if column == ServiceColumn.CATEGORY:
            return self.categories.get(row.category, row.category)
        if column == ServiceColumn.LANGUAGES:
            return languages_text(row.languages)
        if column == ServiceColumn.CITY:
            return row.city
        if column == ServiceColumn.PHONE:
            return left_to_right(row.phone)
        return verified_text(row.verified_on, self.today)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == ServiceColumn.VERIFIED and is_stale(row.verified_on, self.today):
                return QBrush(STALE_COLOR)
            if not row.is_active:
                return QBrush(INACTIVE_COLOR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ServiceColumn.VERIFIED:
            if is_stale(row.verified_on, self.today):
                return _("Not checked for a year or more: call them or read their website.")
            return None
        return super().data(index, role)


@dataclass(frozen=True)
class DirectoryPage:
    rows: tuple[ServiceRow, ...]
    found: int  # services matching the filter (the list shows at most PAGE_SIZE)
    total: int  # every service in the directory, inactive ones included
    stale: int  # active services not checked for a year
    today: date


@dataclass(frozen=True)
class DirectoryChoices:
    service: ServiceChoices
    languages: tuple[str, ...]


@dataclass(frozen=True)
class ServiceDetail:
    record: ServiceRecord
    organization: OrganizationRecord


# --- the card -----------------------------------------------------------------------------------


def _yes_no_unknown(value: bool | None) -> str:
    if value is None:
        return _("Not known")
    return _("Yes") if value else _("No")


def _lines_html(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.strip().splitlines())


def _phone_html(phone: str) -> str:
    return html.escape(left_to_right(phone))


def _email_html(email: str) -> str:
    escaped = html.escape(email)
    return f'<a href="mailto:{escaped}">{html.escape(left_to_right(email))}</a>'


def _web_html(website: str) -> str:
    target = website if "://" in website else f"https://{website}"
    return f'<a href="{html.escape(target)}">{html.escape(left_to_right(website))}</a>'


def service_card_html(
    detail: ServiceDetail, categories: dict[str, str], language: str, today: date
) -> str:
    """The selected service as a referral card shows it, for the detail pane."""
    record, organization = detail.record, detail.organization
    direction = "rtl" if is_right_to_left() else "ltr"
    parts: list[str] = [f'<h2 dir="{direction}">{html.escape(record.name)}</h2>']

    def row(label: str, value_html: str) -> None:
        if value_html:
            parts.append(
                f'<p dir="{direction}" style="margin-top:4px; margin-bottom:0">'
                f"<b>{html.escape(label)}</b><br>{value_html}</p>"
            )

    def heading(text: str) -> None:
        parts.append(f'<h4 dir="{direction}" style="margin-bottom:0">{html.escape(text)}</h4>')

    # Each part keeps its own direction: a French name beside an Arabic category stays whole.
    subtitle = [html.escape(embedded(record.organization_name))]
    if record.category:
        subtitle.append(html.escape(embedded(categories.get(record.category, record.category))))
    parts.append(f'<p dir="{direction}">{" · ".join(subtitle)}</p>')
    if not record.is_active:
        parts.append(
            f'<p dir="{direction}" style="color:{INACTIVE_COLOR.name()}">'
            f"{html.escape(_('No longer offered (inactive).'))}</p>"
        )
    row(_("Description"), _lines_html(text_in(record.description, language)))
    row(_("Who it is for"), _lines_html(text_in(record.eligibility, language)))

    heading(_("Who to call"))
    for contact in record.all_contacts():
        bits = [f"<b>{html.escape(contact.name)}</b>"]
        if contact.title:
            bits.append(html.escape(contact.title))
        lines = [", ".join(bits)]
        reach = [_phone_html(c) for c in (contact.phone,) if c]
        reach += [_email_html(c) for c in (contact.email,) if c]
        if reach:
            lines.append(" · ".join(reach))
        if contact.languages:
            lines.append(
                html.escape(
                    _("Speaks {languages}").format(languages=languages_text(contact.languages))
                )
            )
        if contact in record.organization_contacts:
            lines.append(html.escape(_("For all of the organization's services")))
        parts.append(f'<p dir="{direction}" style="margin-top:4px">{"<br>".join(lines)}</p>')
    if not record.all_contacts():
        parts.append(f'<p dir="{direction}">{html.escape(_("No contact person named yet."))}</p>')
    row(_("Phone"), _phone_html(record.phone or organization.phone))
    row(
        _("E-mail"),
        _email_html(record.email or organization.email)
        if (record.email or organization.email)
        else "",
    )
    website = record.website or organization.website
    row(_("Website"), _web_html(website) if website else "")

    heading(_("Where and when"))
    place = record.location
    row(_("Address"), "<br>".join(html.escape(line) for line in place.address_lines()))
    row(_("Transit"), _lines_html(place.transit))
    access = _("Wheelchair accessible: {answer}").format(
        answer=_yes_no_unknown(place.wheelchair_accessible)
    )
    row(
        _("Accessibility"),
        "<br>".join(p for p in (html.escape(access), _lines_html(place.accessibility)) if p),
    )
    times = [html.escape(record.hours)] if record.hours else []
    times.append(
        html.escape(
            _("Open evenings: {answer}").format(answer=_yes_no_unknown(record.open_evenings))
        )
    )
    times.append(
        html.escape(
            _("Open weekends: {answer}").format(answer=_yes_no_unknown(record.open_weekends))
        )
    )
    row(_("Hours"), "<br>".join(times))

    heading(_("For the family"))
    row(
        _("Languages"), html.escape(languages_text(record.languages)) or html.escape(_("Not known"))
    )
    row(_("Service in French"), html.escape(_yes_no_unknown(record.in_french)))
    row(_("Childcare on site"), html.escape(_yes_no_unknown(record.childcare)))
    row(
        _("Served regardless of immigration status"),
        html.escape(_yes_no_unknown(record.regardless_of_status)),
    )
    row(_("Cost"), html.escape(record.cost))
    row(_("How to refer"), _lines_html(record.how_to_refer))
    row(_("What to bring"), _lines_html(text_in(record.what_to_bring, language)))

    heading(_("Checking"))
    if record.verified_on is None:
        checked = _("Never checked")
    elif record.verified_by:
        checked = _("Last verified on {date} by {name}").format(
            date=embedded(format_date(record.verified_on)), name=record.verified_by
        )
    else:
        checked = _("Last verified on {date}").format(
            date=embedded(format_date(record.verified_on))
        )
    if is_stale(record.verified_on, today):
        checked = _("{checked}: needs checking").format(checked=checked)
        parts.append(
            f'<p dir="{direction}" style="color:{STALE_COLOR.name()}"><b>'
            f"{html.escape(checked)}</b></p>"
        )
    else:
        parts.append(f'<p dir="{direction}">{html.escape(checked)}</p>')
    return "\n".join(parts)


# --- the panel ----------------------------------------------------------------------------------


class DirectoryPanel(QWidget):
    """The directory's list, the chosen service's card and what can be done with it.

    The referrals area connects `refer_requested` and `card_requested` (a service's uid),
    `directory_print_requested`, `import_requested` and `export_requested`."""

    refer_requested = Signal(str)
    card_requested = Signal(str)
    directory_print_requested = Signal()
    import_requested = Signal()
    export_requested = Signal()

    def __init__(
        self,
        directory: ServiceDirectory,
        lookups: LookupService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._lookups = lookups
        self._tasks = tasks
        self._pending: Task | None = None
        self._detail_task: Task | None = None
        self._choices_task: Task | None = None
        self._action_task: Task | None = None
        self.dialog: QDialog | None = None  # the form open now; no second one over it
        self._choices: DirectoryChoices | None = None
        self._typed_checker = ""  # who the last "Mark verified" said checked, in this window
        self._to_select: list[str] = []  # services to choose once the list shows them
        self.detail: ServiceDetail | None = None
        self.page: DirectoryPage | None = None

        # --- filters
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names, services, descriptions and contact people"))
        self.search.setClearButtonEnabled(True)
        self.category_filter = QComboBox()
        self.category_filter.addItem(_("All categories"), "")
        narrowable(self.category_filter, 10, widest=260)
        self.language_filter = QComboBox()
        self.language_filter.addItem(_("Any language"), "")
        narrowable(self.language_filter, 10, widest=200)
        self.evenings_filter = QCheckBox(_("Open evenings"))
        self.french_filter = QCheckBox(_("In French"))
        self.stale_filter = QCheckBox(_("Needs checking"))
        self.stale_filter.setToolTip(_("Only services not checked for a year or more"))
        self.inactive_filter = QCheckBox(_("Show inactive"))
        for combo in (self.category_filter, self.language_filter):
            combo.currentIndexChanged.connect(lambda *_args: self.refresh())
        for check in (
            self.evenings_filter,
            self.french_filter,
            self.stale_filter,
            self.inactive_filter,
        ):
            check.toggled.connect(lambda *_args: self.refresh())
        self.stale_filter.toggled.connect(lambda *_args: self._show_banner())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)

        # --- the banner of services to check
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setStyleSheet("color: #5c4400;")
        self.banner_button = QPushButton(_("Show them"))
        self.banner_button.clicked.connect(lambda: self.stale_filter.setChecked(True))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 8, 4)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_button)
        self.banner.hide()

        # --- the list
        self.model = ServicesTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(60)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(ServiceColumn.NAME, Qt.SortOrder.AscendingOrder)
        self._sort = (ServiceColumn.NAME, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._load_detail())

        # --- the card
        self.card = QTextBrowser()
        self.card.setOpenExternalLinks(True)
        self.card.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.refer_button = QPushButton(_("Refer someone…"))
        self.refer_button.setToolTip(_("Record a referral of a person or family to this service"))
        self.refer_button.clicked.connect(self._refer)
        self.card_button = QPushButton(_("Referral card…"))
        self.card_button.setToolTip(_("A card to hand to the family, in their language"))
        self.card_button.clicked.connect(self._card)
        card_buttons = QHBoxLayout()
        card_buttons.addWidget(self.refer_button)
        card_buttons.addWidget(self.card_button)
        card_buttons.addStretch(1)
        card_side = QWidget()
        card_layout = QVBoxLayout(card_side)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.card, 1)
        card_layout.addLayout(card_buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(card_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        # --- actions
        self.changes = BackgroundChanges(self, after=self._after_change)
        self.undo_stack, self.undo_button = self.changes.stack, self.changes.button
        self.new_button = QPushButton(_("New service…"))
        self.new_button.clicked.connect(self.new_service)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.verify_button = QPushButton(_("Mark verified today"))
        self.verify_button.setToolTip(
            _("Someone called the chosen services or read their websites today")
        )
        self.verify_button.clicked.connect(self.mark_verified)
        self.organizations_button = QPushButton(_("Organizations…"))
        self.organizations_button.clicked.connect(self.edit_organizations)
        self.print_button = QPushButton(_("Print directory…"))
        self.print_button.clicked.connect(self.directory_print_requested.emit)
        self.exchange_button = QPushButton(_("Exchange with a hub…"))
        exchange_menu = QMenu(self.exchange_button)
        self.import_action = exchange_menu.addAction(_("Import directory files…"))
        self.import_action.triggered.connect(self.import_requested.emit)
        self.export_action = exchange_menu.addAction(_("Export directory…"))
        self.export_action.triggered.connect(self.export_requested.emit)
        self.exchange_button.setMenu(exchange_menu)
        self.count = QLabel()
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search.setFocus)

        first = QHBoxLayout()
        first.addWidget(self.search, 3)
        first.addWidget(self.category_filter, 2)
        first.addWidget(self.language_filter, 2)
        checks = QHBoxLayout()
        for check in (
            self.evenings_filter,
            self.french_filter,
            self.stale_filter,
            self.inactive_filter,
        ):
            checks.addWidget(check)
        checks.addStretch(1)
        edits = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.undo_button,
            self.verify_button,
        ):
            edits.addWidget(button)
        edits.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.organizations_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.exchange_button)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(checks)
        layout.addWidget(self.banner)
        layout.addLayout(edits)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.new_button.setEnabled(False)  # until the organizations and categories are read
        self._update_buttons()
        self.load_choices()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.splitter.setSizes([3000, 2000])  # back to the 3:2 share in the new direction

    # --- reading ------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return (
            any(
                task is not None
                for task in (
                    self._pending,
                    self._detail_task,
                    self._choices_task,
                    self._action_task,
                )
            )
            or self._debounce.isActive()
            or self.changes.busy
        )

    def current_filter(self) -> DirectoryFilter:
        return DirectoryFilter(
            text=self.search.text(),
            category=str(self.category_filter.currentData() or ""),
            language=str(self.language_filter.currentData() or ""),
            evenings=self.evenings_filter.isChecked(),
            in_french=self.french_filter.isChecked(),
            stale_only=self.stale_filter.isChecked(),
            include_inactive=self.inactive_filter.isChecked(),
        )

    def refresh(self) -> None:
        self._debounce.stop()
        if self._pending is not None:
            self._pending.cancel()
        wanted = self.current_filter()
        column, order = self._sort
        sort, descending = SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder
        directory = self._directory

        def load(_task: Task) -> DirectoryPage:
            today = date.today()
            return DirectoryPage(
                rows=tuple(directory.browse(wanted, sort, descending, PAGE_SIZE, 0, today)),
                found=directory.count(wanted, today),
                total=directory.count(DirectoryFilter(include_inactive=True), today),
                stale=directory.stale_count(today),
                today=today,
            )

        self._pending = self._tasks.run(load, self.show_page, self._failed)

    def show_page(self, page: DirectoryPage) -> None:
        self._pending = None
        self.page = page
        chosen = self._to_select or self.selected_uids()
        current = self.current_uid()
        self._to_select = []
        self.model.today = page.today
        self.model.set_rows(page.rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            if self.table.columnWidth(column) > WIDEST_COLUMN:
                self.table.setColumnWidth(column, WIDEST_COLUMN)
        if page.found > len(page.rows):
            text = _("Showing the first {shown} of {count} services found").format(
                shown=format_number(len(page.rows)), count=format_number(page.found)
            )
        elif page.found == page.total:
            text = ngettext("{count} service", "{count} services", page.total).format(
                count=format_number(page.total)
            )
        else:
            text = ngettext(
                "{shown} of {count} service shown", "{shown} of {count} services shown", page.total
            ).format(shown=format_number(page.found), count=format_number(page.total))
        self.count.setText(text)
        self._show_banner()
        self._select(chosen, current)
        if not page.rows:
            self._show_detail(None)
        self._update_buttons()

    def _select(self, uids: list[str], current: str) -> None:
        shown = [row.uid for row in (self.model.row_at(i) for i in range(self.model.rowCount()))]
        rows = [shown.index(uid) for uid in uids if uid in shown]
        if not rows and shown:
            rows = [0]
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        first = (
            shown.index(current) if current in shown and shown.index(current) in rows else rows[0]
        )
        select_row(self.table, first)
        flags = self.table.selectionModel().SelectionFlag
        self.table.selectionModel().select(selection, flags.Select | flags.Rows)
        self._load_detail()

    def _show_banner(self) -> None:
        stale = self.page.stale if self.page else 0
        self.banner.setVisible(stale > 0)
        self.banner_text.setText(
            ngettext(
                "{count} service has not been checked for a year.",
                "{count} services have not been checked for a year.",
                stale,
            ).format(count=format_number(stale))
        )
        self.banner_button.setVisible(not self.stale_filter.isChecked())

    def load_choices(self) -> None:
        if self._choices_task is not None:
            self._choices_task.cancel()
        directory, lookups = self._directory, self._lookups
        language = current_language().code

        def load(_task: Task) -> DirectoryChoices:
            return DirectoryChoices(
                service=load_service_choices(directory, lookups, language),
                languages=directory.languages_in_use(),
            )

        self._choices_task = self._tasks.run(load, self._show_choices, self._failed)

    def _show_choices(self, choices: DirectoryChoices) -> None:
        self._choices_task = None
        self._choices = choices
        entries = choices.service.categories.entries
        self.model.set_categories({entry.code: entry.label for entry in entries})
        self._refill(
            self.category_filter,
            _("All categories"),
            [(e.code, e.label) for e in entries if e.is_active],
        )
        languages = sorted(
            ((code, language_name(code)) for code in choices.languages),
            key=lambda pair: fold(pair[1]),
        )
        self._refill(self.language_filter, _("Any language"), languages)
        self.new_button.setEnabled(True)
        if self.detail is not None:
            self._show_detail(self.detail)

    @staticmethod
    def _refill(combo: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for code, label in entries:
            combo.addItem(label, code)
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)  # still filtering by it: keep it visible
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        if column not in SORT_KEYS:
            header.blockSignals(True)
            header.setSortIndicator(*self._sort)
            header.blockSignals(False)
            return
        self._sort = (ServiceColumn(column), order)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        self._detail_task = None
        self._choices_task = None
        self._action_task = None
        self._update_buttons()
        report_problem(self, error)

    # --- selection and the card ---------------------------------------------------------------

    def selected_uids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).uid for row in rows]

    def current_uid(self) -> str:
        """The service the card shows: the row last clicked among those chosen."""
        index = self.table.selectionModel().currentIndex()
        selected = self.selected_uids()
        if index.isValid() and 0 <= index.row() < self.model.rowCount():
            uid = self.model.row_at(index.row()).uid
            if uid in selected:
                return uid
        return selected[0] if selected else ""

    def _selection_changed(self, *_args: object) -> None:
        self._update_buttons()
        self._load_detail()

    def _load_detail(self) -> None:
        uid = self.current_uid()
        if self.detail is not None and self.detail.record.uid == uid and self._detail_task is None:
            return
        if self._detail_task is not None:
            self._detail_task.cancel()
            self._detail_task = None
        if not uid:
            self._show_detail(None)
            return
        directory = self._directory

        def load(_task: Task) -> ServiceDetail:
            record = directory.service(uid)
            return ServiceDetail(record, directory.organization(record.organization_uid))

        def done(detail: ServiceDetail) -> None:
            self._detail_task = None
            self._show_detail(detail)

        self._detail_task = self._tasks.run(load, done, self._failed)

    def _show_detail(self, detail: ServiceDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.card.setHtml(
                "<p>{}</p>".format(
                    html.escape(
                        _("Choose a service in the list to see it here.")
                        if self.model.rowCount()
                        else _("No service to show. Add one with “New service…”.")
                    )
                )
            )
        else:
            categories = self._choices.service.categories if self._choices else None
            labels = {e.code: e.label for e in categories.entries} if categories else {}
            today = self.page.today if self.page else date.today()
            self.card.setHtml(service_card_html(detail, labels, current_language().code, today))
        self._update_buttons()

    def card_text(self) -> str:
        return self.card.toPlainText()

    def _update_buttons(self) -> None:
        selected = self.selected_uids()
        one = len(selected) == 1
        idle = self._action_task is None
        self.edit_button.setEnabled(one and idle and self._choices is not None)
        for button in (self.delete_button, self.verify_button):
            button.setEnabled(bool(selected) and idle)
        for button in (self.refer_button, self.card_button):
            button.setEnabled(bool(self.current_uid()))

    # --- changes ------------------------------------------------------------------------------

    def _after_change(self) -> None:
        if self.detail is not None:
            self.detail = None  # read the card again: it may be what changed
        self.refresh()
        self.load_choices()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    def _run(self, dialog: QDialog) -> bool:
        self.dialog = dialog
        try:
            return bool(dialog.exec())
        finally:
            self.dialog = None

    def new_service(self) -> None:
        if self._choices is None or self.dialog is not None:
            return
        dialog = ServiceDialog(self._directory, self._tasks, self._choices.service, parent=self)
        accepted = self._run(dialog) and dialog.saved is not None
        if not accepted or dialog.saved is None:
            self.load_choices()  # an organization may have been added from the form
            return
        uid, name, directory = dialog.saved.uid, dialog.saved.name, self._directory
        self._to_select = [uid]
        self.changes.push(
            _("add {name}").format(name=name),
            redo=lambda: directory.restore_services(uid),
            undo=lambda: directory.delete_services(uid),
        )

    def edit_selected(self) -> None:
        uid = self.current_uid()
        if not uid or self._choices is None or self._action_task is not None or self.dialog:
            return
        directory = self._directory
        self._action_task = self._tasks.run(
            lambda _task: directory.service(uid), self._edit, self._failed
        )
        self._update_buttons()

    def _edit(self, record: ServiceRecord) -> None:
        self._action_task = None
        self._update_buttons()
        assert self._choices is not None
        dialog = ServiceDialog(
            self._directory, self._tasks, self._choices.service, record, parent=self
        )
        if not self._run(dialog) or dialog.saved is None:
            self.load_choices()
            return
        if dialog.saved == record:
            return
        uid, directory = record.uid, self._directory
        before, after = record.as_input(), dialog.saved.as_input()
        self._to_select = [uid]
        self.changes.push(
            _("edit {name}").format(name=dialog.saved.name),
            redo=lambda: directory.save_service(after, uid),
            undo=lambda: directory.save_service(before, uid),
        )

    def delete_selected(self) -> None:
        uids = self.selected_uids()
        if not uids:
            return
        rows = {
            row.uid: row for row in (self.model.row_at(i) for i in range(self.model.rowCount()))
        }
        if len(uids) == 1:
            text = _("delete {name}").format(name=rows[uids[0]].name)
        else:
            text = ngettext("delete {count} service", "delete {count} services", len(uids)).format(
                count=format_number(len(uids))
            )
        directory = self._directory
        self.changes.push(
            text,
            redo=lambda: directory.delete_services(*uids),
            undo=lambda: directory.restore_services(*uids),
        )

    def checker(self) -> str:
        """The name the next "Mark verified" offers: who checked last."""
        if self._typed_checker:
            return self._typed_checker
        return self._choices.service.checker if self._choices is not None else ""

    def mark_verified(self) -> None:
        uids = self.selected_uids()
        if not uids:
            return
        question = ngettext(
            "Who checked this service today?",
            "Who checked these {count} services today?",
            len(uids),
        ).format(count=format_number(len(uids)))
        name, ok = QInputDialog.getText(
            self, _("Mark verified today"), question, QLineEdit.EchoMode.Normal, self.checker()
        )
        if not ok:
            return
        self._typed_checker = name.strip() or self._typed_checker
        today, directory = date.today(), self._directory
        previous: dict[str, tuple[date | None, str]] = {}

        def mark() -> None:
            # What undo puts back is read just before each (re)do, in turn with other writes.
            previous.clear()
            previous.update(
                {r.uid: (r.verified_on, r.verified_by) for r in directory.services(uids)}
            )
            directory.mark_verified(uids, today, name)

        text = ngettext(
            "mark {count} service verified", "mark {count} services verified", len(uids)
        ).format(count=format_number(len(uids)))
        self._to_select = list(uids)
        self.changes.attempt(text, mark, lambda: directory.restore_verification(dict(previous)))

    def edit_organizations(self) -> None:
        if self.dialog is not None:
            return
        dialog = OrganizationsDialog(self._directory, self._tasks, parent=self)
        self._run(dialog)
        if dialog.changed:
            self._after_change()

    def _refer(self) -> None:
        uid = self.current_uid()
        if uid:
            self.refer_requested.emit(uid)

    def _card(self) -> None:
        uid = self.current_uid()
        if uid:
            self.card_requested.emit(uid)
