"""The roster: search as you type over names in every script; open, add, edit, move to the
Trash with undo, restore, and remove for good. Queries run in SQL, off the UI thread, and only
the latest answer is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_number, isolate, language_name, ngettext
from communitydesk.core.text import fold
from communitydesk.reports.document import Document
from communitydesk.services.contact_sheets import ContactSheetService
from communitydesk.services.directory import ServiceDirectory
from communitydesk.services.history import HistoryService
from communitydesk.services.households import HouseholdService
from communitydesk.services.lookups import LookupService
from communitydesk.services.people import (
    FilterChoices,
    PeoplePage,
    PeopleService,
    PersonInput,
    PersonRow,
    RosterFilter,
)
from communitydesk.services.referrals import ReferralLog
from communitydesk.services.roster_export import ExportResult, RosterExportService
from communitydesk.services.support import SupportService
from communitydesk.ui.dialogs.contact_dialog import ContactDialog
from communitydesk.ui.dialogs.history_dialog import HistoryDialog
from communitydesk.ui.dialogs.person_dialog import PersonDialog
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.item_models.people_table import SORT_KEYS, Column, PeopleTableModel
from communitydesk.ui.printing import PdfPreview, draft_pdf
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import Change, undo_stack
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import select_row

if TYPE_CHECKING:  # the card service loads reportlab: imported when a card is printed
    from communitydesk.services.referral_cards import ReferralCardService

SEARCH_DELAY_MS = 200
PAGE_SIZE = 500


class PeoplePanel(QWidget):
    """With `referrals` (and the directory, households and lookups it needs), a "Refer…" button
    refers the person chosen to a service."""

    def __init__(
        self,
        people: PeopleService,
        roster_export: RosterExportService,
        contact_sheets: ContactSheetService,
        support: SupportService,
        history: HistoryService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        referrals: ReferralLog | None = None,
        directory: ServiceDirectory | None = None,
        households: HouseholdService | None = None,
        lookups: LookupService | None = None,
        cards: Callable[[], ReferralCardService] | None = None,
    ) -> None:
        super().__init__(parent)
        self._cards = cards
        self._people = people
        self._referrals = referrals
        self._directory = directory
        self._households = households
        self._lookups = lookups
        self._export = roster_export
        self._sheets = contact_sheets
        self._support = support
        self._history = history
        self.preview_dialog: PdfPreview | None = None
        self.history_dialog: HistoryDialog | None = None
        self._tasks = tasks
        self._pending: Task | None = None
        self.showing_trash = False
        self.undo_stack, self.undo_button = undo_stack(self)

        self.title = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, in any script or its Latin spelling"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.notice = QLabel()
        self.notice.hide()
        self.model = PeopleTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Size columns on the first rows only: measuring 500 rows would block for 50 ms.
        header.setResizeContentsPrecision(60)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(lambda *_args: self.refresh())
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.role_filter = QComboBox()
        self.role_filter.addItem(_("Everyone"), None)
        self.role_filter.addItem(_("Volunteers"), "volunteer")
        self.language_filter = QComboBox()
        self.community_filter = QComboBox()
        self.membership_filter = QComboBox()
        for label, value in (
            (_("Anyone"), ""),
            (_("Members"), "member"),
            (_("Dues paid"), "paid"),
            (_("Dues due"), "due"),
            (_("Lapsed"), "lapsed"),
            (_("Not members"), "none"),
        ):
            self.membership_filter.addItem(label, value)
        self.newcomers_filter = QCheckBox(_("Newcomers only"))
        for combo in (
            self.role_filter,
            self.language_filter,
            self.community_filter,
            self.membership_filter,
        ):
            combo.currentIndexChanged.connect(lambda *_args: self.refresh())
        self.newcomers_filter.toggled.connect(lambda *_args: self.refresh())

        self.new_button = QPushButton(_("New person"))
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.clicked.connect(self.new_person)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.log_button = QPushButton(_("Log a contact…"))
        self.log_button.setToolTip(_("One-to-one support given to the selected person"))
        self.log_button.clicked.connect(self.log_contact)
        self.refer_button = QPushButton(_("Refer…"))
        self.refer_button.setToolTip(_("Refer the selected person to a service of the directory"))
        self.refer_button.clicked.connect(self.refer_selected)
        self.history_button = QPushButton(_("History…"))
        self.history_button.setToolTip(_("Who changed this person's record, and when"))
        self.history_button.clicked.connect(self.show_history)
        self.delete_button = QPushButton(_("Move to the Trash"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton(_("Remove for good…"))
        self.purge_button.clicked.connect(self.purge_selected)
        self.export_button = QPushButton(_("Export contact list…"))
        self.export_button.setToolTip(_("The people shown, as a spreadsheet file (CSV)"))
        self.export_button.clicked.connect(self.export_roster)
        self.print_button = QPushButton(_("Print"))
        self.print_button.setToolTip(_("The people shown, as consent allows"))
        print_menu = QMenu(self.print_button)
        self.print_contact_list = print_menu.addAction(_("Contact list…"))
        self.print_contact_list.triggered.connect(lambda: self.preview("contact_list"))
        self.print_phone_tree = print_menu.addAction(_("Phone tree…"))
        self.print_phone_tree.triggered.connect(lambda: self.preview("phone_tree"))
        # The family's card for a service, in their language: from their record, as on paper.
        self.print_card = print_menu.addAction(_("Referral card for the selected person…"))
        self.print_card.triggered.connect(self.print_referral_card)
        self.print_card.setVisible(cards is not None and directory is not None)
        self.print_button.setMenu(print_menu)
        self.trash_button = QPushButton()
        self.trash_button.setCheckable(True)
        self.trash_button.toggled.connect(self.show_trash)

        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.delete_selected),
            (QKeySequence.StandardKey.Find, self.search.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)

        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.open_button,
            self.log_button,
            self.refer_button,
            self.history_button,
            self.delete_button,
            self.restore_button,
            self.purge_button,
            self.undo_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # What acts on the whole list sits by the title: one row of buttons fits a laptop.
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.print_button)
        heading.addWidget(self.export_button)
        heading.addWidget(self.trash_button)
        # Two rows of two filters: one row of four needs more than a small laptop's width.
        filters = QGridLayout()
        for position, (text, combo) in enumerate(
            (
                (_("Show"), self.role_filter),
                (_("Language"), self.language_filter),
                (_("Community"), self.community_filter),
                (_("Membership"), self.membership_filter),
            )
        ):
            row, pair = divmod(position, 2)
            filters.addWidget(QLabel(text), row, pair * 2)
            filters.addWidget(combo, row, pair * 2 + 1)
        filters.addWidget(self.newcomers_filter, 0, 4)
        filters.setColumnStretch(5, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        self.load_filter_choices()
        self.show_trash(False)

    # --- lists -----------------------------------------------------------------------------------

    def show_trash(self, trash: bool) -> None:
        self.showing_trash = trash
        self.trash_button.setChecked(trash)
        self.title.setText("<h2>{}</h2>".format(_("Trash") if trash else _("People")))
        self.trash_button.setText(_("Back to the roster") if trash else _("Trash"))
        for button in (
            self.new_button,
            self.open_button,
            self.log_button,
            self.delete_button,
            self.print_button,
            self.export_button,
        ):
            button.setVisible(not trash)
        self.refer_button.setVisible(not trash and self._can_refer)
        for button in (self.restore_button, self.purge_button):
            button.setVisible(trash)
        self.refresh()

    def load_filter_choices(self) -> None:
        self._tasks.run(lambda _task: self._people.filter_choices(), self._show_filter_choices)

    def _show_filter_choices(self, choices: FilterChoices) -> None:
        for combo, values, name in (
            (self.language_filter, choices.languages, language_name),
            (self.community_filter, choices.communities, str),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("Any"), "")
            for value in sorted(values, key=lambda v: fold(name(v))):
                combo.addItem(name(value), value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def current_filter(self) -> RosterFilter:
        header = self.table.horizontalHeader()
        return RosterFilter(
            text=self.search.text(),
            role=self.role_filter.currentData(),
            language=str(self.language_filter.currentData() or ""),
            community=str(self.community_filter.currentData() or ""),
            membership=str(self.membership_filter.currentData() or ""),
            newcomers_only=self.newcomers_filter.isChecked(),
            trash=self.showing_trash,
            sort=SORT_KEYS[Column(header.sortIndicatorSection())],
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        wanted = self.current_filter()
        self._pending = self._tasks.run(
            lambda _task: self._people.roster(wanted, limit=PAGE_SIZE), self.show_page
        )

    def show_page(self, page: PeoplePage) -> None:
        self._pending = None
        selected = self.selected()
        self.model.set_rows(page.rows)
        self.table.resizeColumnsToContents()
        if page.total > len(page.rows):
            text = _("Showing the first {shown} of {total} people").format(
                shown=format_number(len(page.rows)), total=format_number(page.total)
            )
        else:
            text = ngettext("{count} person", "{count} people", page.total).format(
                count=format_number(page.total)
            )
        self.count.setText(text)
        uids = [row.uid for row in page.rows]
        if selected is not None and selected.uid in uids:
            select_row(self.table, uids.index(selected.uid))
        elif page.rows:
            select_row(self.table, 0)
        self._selection_changed()

    @property
    def _can_refer(self) -> bool:
        return None not in (self._referrals, self._directory, self._households, self._lookups)

    def _selection_changed(self) -> None:
        one = len(self.table.selectionModel().selectedRows()) == 1
        self.refer_button.setEnabled(one)
        self.print_card.setEnabled(one and not self.showing_trash)

    def selected(self) -> PersonRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # --- actions ---------------------------------------------------------------------------------

    def _change(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> Change:
        return Change(text, self, redo, undo, after=self._after_change)

    def _after_change(self) -> None:
        self.refresh()
        self.load_filter_choices()  # a new language or community may have appeared

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid() and not self.showing_trash:
            select_row(self.table, index.row())
            self.open_selected()

    def new_person(self) -> None:
        dialog = PersonDialog(self._people, parent=self)
        if dialog.exec() and dialog.saved is not None:
            uid = dialog.saved.uid
            self.undo_stack.push(
                self._change(
                    _("add {name}").format(name=dialog.saved.display_name),
                    redo=lambda: self._people.restore(uid),
                    undo=lambda: self._people.delete(uid),
                )
            )

    def open_selected(self) -> None:
        row = self.selected()
        if row is None or self.showing_trash:
            return
        try:
            before = self._people.get(row.uid)
        except CommunityDeskError as error:
            show_error(self, error)
            self.refresh()
            return
        dialog = PersonDialog(self._people, before, parent=self)
        if dialog.exec() and dialog.saved is not None:
            after: PersonInput = dialog.saved.person
            old: PersonInput = before.person
            uid = before.uid
            self.undo_stack.push(
                self._change(
                    _("edit {name}").format(name=dialog.saved.display_name),
                    redo=lambda: self._people.update(uid, after),
                    undo=lambda: self._people.update(uid, old),
                )
            )
        else:
            self.refresh()  # consent may have changed even when the form was cancelled

    def log_contact(self) -> None:
        row = self.selected()
        if row is None or self.showing_trash:
            return
        dialog = ContactDialog(
            self._support, self._people, person=(row.uid, row.display_name), parent=self
        )
        if dialog.exec() and dialog.saved is not None:
            uid = dialog.saved.uid
            self.undo_stack.push(
                self._change(
                    _("log a contact with {name}").format(name=row.display_name),
                    redo=lambda: self._support.reinstate(uid),
                    undo=lambda: self._support.remove(uid),
                )
            )

    def refer_selected(self) -> None:
        row = self.selected()
        referrals, directory = self._referrals, self._directory
        households, lookups = self._households, self._lookups
        if row is None or self.showing_trash:
            return
        if referrals is None or directory is None or households is None or lookups is None:
            return
        dialog = ReferralDialog(
            referrals,
            directory,
            self._people,
            households,
            lookups,
            self._tasks,
            person_uid=row.uid,
            parent=self,
        )
        if dialog.exec() and dialog.saved is not None:
            uid, service = dialog.saved.uid, dialog.saved.service_name
            self.undo_stack.push(
                self._change(
                    _("refer {name} to {service}").format(name=row.display_name, service=service),
                    redo=lambda: referrals.restore(uid),
                    undo=lambda: referrals.delete(uid),
                )
            )

    def print_referral_card(self) -> None:
        row = self.selected()
        if row is None or self._cards is None or self._directory is None:
            return
        # Cards are drawn with reportlab: loaded when the first card is asked for.
        from communitydesk.ui.dialogs.choose_service import ChooseServiceDialog
        from communitydesk.ui.dialogs.referral_card_dialog import ReferralCardDialog

        chooser = ChooseServiceDialog(
            self._directory,
            self._tasks,
            _("Referral card"),
            _("Which service is the card for? {name} will take it there.").format(
                name=row.display_name
            ),
            parent=self,
        )
        if chooser.exec() and chooser.chosen():
            self.card_dialog = ReferralCardDialog(
                self._cards(), self._tasks, chooser.chosen(), row.uid, parent=self
            )
            self.card_dialog.open()

    def show_history(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.history_dialog = HistoryDialog(
            self._history,
            record_uid=row.uid,
            title=_("History of {name}").format(name=row.display_name),
            parent=self,
        )
        self.history_dialog.show()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or self.showing_trash:
            return
        uid = row.uid
        self.undo_stack.push(
            self._change(
                _("move {name} to the Trash").format(name=row.display_name),
                redo=lambda: self._people.delete(uid),
                undo=lambda: self._people.restore(uid),
            )
        )

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None or not self.showing_trash:
            return
        uid = row.uid
        self.undo_stack.push(
            self._change(
                _("restore {name}").format(name=row.display_name),
                redo=lambda: self._people.restore(uid),
                undo=lambda: self._people.delete(uid),
            )
        )

    def export_roster(self) -> None:
        name = _("contact-list") + f"-{date.today().isoformat()}.csv"
        suggested = str(Path.home() / name)
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Export contact list"), suggested, _("CSV file (*.csv)")
        )
        if target:
            self.export_to(Path(target))

    def preview(self, kind: str) -> None:
        self.print_button.setEnabled(False)
        self.notice.setText(_("Preparing the pages…"))
        self.notice.show()
        wanted = replace(self.current_filter(), trash=False)
        build = self._sheets.phone_tree if kind == "phone_tree" else self._sheets.contact_list

        def done(made: tuple[Document, Path]) -> None:
            self.print_button.setEnabled(True)
            self.notice.hide()
            self.preview_dialog = PdfPreview(*made, parent=self)
            self.preview_dialog.open()

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            if not isinstance(error, CommunityDeskError):
                raise error
            show_error(self, error)

        def make(_task: Task) -> tuple[Document, Path]:
            document = build(wanted)
            return document, draft_pdf(document)

        self._tasks.run(make, done, failed)

    def export_to(self, target: Path) -> None:
        self.export_button.setEnabled(False)
        wanted = replace(self.current_filter(), trash=False)

        def done(result: ExportResult) -> None:
            self.export_button.setEnabled(True)
            text = ngettext(
                "Wrote {count} person to {path}.",
                "Wrote {count} people to {path}.",
                result.written,
            ).format(count=format_number(result.written), path=isolate(str(result.path)))
            if result.left_out:
                text += " " + ngettext(
                    "Left out {count} person whose consent does not allow contact.",
                    "Left out {count} people whose consent does not allow contact.",
                    result.left_out,
                ).format(count=format_number(result.left_out))
            self.notice.setText(text)
            self.notice.show()

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            if not isinstance(error, CommunityDeskError):
                raise error
            show_error(self, error)

        self._tasks.run(lambda _task: self._export.export(target, wanted), done, failed)

    def purge_selected(self) -> None:
        row = self.selected()
        if row is None or not self.showing_trash:
            return
        answer = QMessageBox.warning(
            self,
            _("Remove for good"),
            _(
                "Remove {name} and everything recorded about them for good? This cannot be "
                "undone. Use it when a person asks to be forgotten."
            ).format(name=row.display_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            name = self._people.purge(row.uid)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        # Earlier steps may refer to the person; they can no longer be undone.
        self.undo_stack.clear()
        self.notice.setText(_("{name} was removed for good.").format(name=name))
        self.notice.show()
        self.refresh()
