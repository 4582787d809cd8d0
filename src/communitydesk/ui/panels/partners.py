"""The partners on board: who they are, how closely the group works with each, what each one
brings; add, edit, or send one to the Trash with undo. Funding applications draw on this list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, current_language, format_number, ngettext
from communitydesk.services.funding import FundingService, PartnerInput, PartnerRecord
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.fields import FieldWithError, narrowable
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.tables import fill_rows, read_only_table, select_row


class PartnerDialog(SavingDialog):
    def __init__(
        self,
        funding: FundingService,
        tasks: TaskRunner,
        levels: LookupList,
        partner: PartnerRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._funding = funding
        self.partner = partner
        self.saved: PartnerRecord | None = None
        self.setWindowTitle(_("Edit partner") if partner else _("New partner"))
        self.resize(520, 380)
        start = partner or PartnerRecord(name="")
        self.name = QLineEdit(start.name)
        self.level = QComboBox()
        self.level.addItem(_("(not said)"), "")
        for entry in levels.entries:
            if entry.is_active or entry.code == start.collaboration_level:
                self.level.addItem(entry.label, entry.code)
        self.level.setCurrentIndex(max(self.level.findData(start.collaboration_level), 0))
        narrowable(self.level, 12)
        self.contribution = QPlainTextEdit(start.contribution)
        self.contribution.setTabChangesFocus(True)
        self.contribution.setPlaceholderText(_("e.g. Lends its hall on Saturdays"))
        self.contact = QLineEdit(start.contact)
        self.contact.setPlaceholderText(_("Name, phone or email"))
        self.fields = {
            "name": FieldWithError(self.name),
            "collaboration_level": FieldWithError(self.level),
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Name"), self.fields["name"])
        form.addRow(_("Collaboration level"), self.fields["collaboration_level"])
        form.addRow(_("What they bring"), self.contribution)
        form.addRow(_("Contact"), self.contact)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def save_step(self) -> Callable[[], Any]:
        partner = PartnerInput(
            self.name.text(),
            self.level.currentData(),
            self.contribution.toPlainText(),
            self.contact.text(),
        )
        uid = self.partner.uid if self.partner else ""
        funding = self._funding
        return lambda: funding.save_partner(partner, uid)

    def saved_result(self, result: Any) -> None:
        self.saved = result


class PartnersPanel(QWidget):
    def __init__(
        self,
        funding: FundingService,
        lookups: LookupService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._funding = funding
        self._lookups = lookups
        self._tasks = tasks
        self._pending: Task | None = None
        self._levels: LookupList | None = None
        self._to_select = ""
        self.partners: tuple[PartnerRecord, ...] = ()
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.table = read_only_table(
            [_("Partner"), _("Collaboration level"), _("What they bring"), _("Contact")]
        )
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._open_index)
        self.new_button = QPushButton(_("New partner…"))
        self.new_button.clicked.connect(self.new_partner)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.changes = BackgroundChanges(self, self.refresh)
        for button in (self.new_button, self.edit_button):
            button.setEnabled(False)  # until the collaboration levels are read
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.changes.button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.changes.busy

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        funding, lookups = self._funding, self._lookups
        language = current_language().code

        def load(_task: Task) -> tuple[tuple[PartnerRecord, ...], LookupList]:
            return funding.partners(), lookups.get_list("collaboration_level", language)

        self._pending = self._tasks.run(load, self.show_partners, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def show_partners(self, result: tuple[tuple[PartnerRecord, ...], LookupList]) -> None:
        self._pending = None
        self.partners, self._levels = result
        labels = {e.code: e.label for e in self._levels.entries}
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self._to_select = ""
        rows = [
            (
                p.name,
                labels.get(p.collaboration_level, p.collaboration_level),
                " ".join(p.contribution.split()),
                p.contact,
            )
            for p in self.partners
        ]
        fill_rows(self.table, rows, [p.uid for p in self.partners], chosen)
        if self.partners:
            count = len(self.partners)
            self.count.setText(
                ngettext("{count} partner", "{count} partners", count).format(
                    count=format_number(count)
                )
            )
        else:
            self.count.setText(_("No partners yet: add one with “New partner…”."))
        for button in (self.new_button, self.edit_button):
            button.setEnabled(True)

    def selected(self) -> PartnerRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.partners[rows[0].row()] if rows and rows[0].row() < len(self.partners) else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    def _dialog(self, partner: PartnerRecord | None) -> PartnerDialog | None:
        if self._levels is None:
            return None
        return PartnerDialog(self._funding, self._tasks, self._levels, partner, parent=self)

    def new_partner(self) -> None:
        dialog = self._dialog(None)
        if dialog is None or not dialog.exec() or dialog.saved is None:
            return
        uid, funding = dialog.saved.uid, self._funding
        self._to_select = uid
        self.changes.push(
            _("add {name}").format(name=dialog.saved.name),
            redo=lambda: funding.restore_partner(uid),
            undo=lambda: funding.delete_partner(uid),
        )

    def edit_selected(self) -> None:
        partner = self.selected()
        dialog = self._dialog(partner) if partner is not None else None
        if partner is None or dialog is None:
            return
        if not dialog.exec() or dialog.saved is None or dialog.saved == partner:
            return
        uid, funding = partner.uid, self._funding
        before, after = partner.as_input(), dialog.saved.as_input()
        self.changes.push(
            _("edit {name}").format(name=dialog.saved.name),
            redo=lambda: funding.save_partner(after, uid),
            undo=lambda: funding.save_partner(before, uid),
        )

    def delete_selected(self) -> None:
        partner = self.selected()
        if partner is None:
            return
        uid, funding = partner.uid, self._funding
        self.changes.push(
            _("delete {name}").format(name=partner.name),
            redo=lambda: funding.delete_partner(uid),
            undo=lambda: funding.restore_partner(uid),
        )
