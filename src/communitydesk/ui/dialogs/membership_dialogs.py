"""Record a membership for a person; define the kinds of membership and their dues."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_money, ngettext
from communitydesk.core.money import parse_money
from communitydesk.services.membership import MembershipRecord, MembershipService
from communitydesk.services.people import PeopleService
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.person_picker import PersonPicker


class KindsDialog(QDialog):
    """The kinds of membership the group offers, with their dues and length."""

    def __init__(
        self, membership: MembershipService, currency: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._membership = membership
        self._currency = currency
        self.setWindowTitle(_("Kinds of membership"))
        self.kinds = QListWidget()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Family"))
        self.dues = QLineEdit()
        self.dues.setPlaceholderText(format_money(2500, currency))
        self.months = QSpinBox()
        self.months.setRange(1, 60)
        self.months.setValue(12)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self._add)
        self.error = error_label()
        row = QHBoxLayout()
        for widget in (self.name, self.dues, self.months, self.add_button):
            row.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kinds)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show()

    def _show(self) -> None:
        self.kinds.clear()
        for kind in self._membership.kinds():
            months = ngettext("{count} month", "{count} months", kind.period_months).format(
                count=kind.period_months
            )
            self.kinds.addItem(
                f"{kind.name} — {format_money(kind.dues_cents, self._currency)} — {months}"
            )

    def _add(self) -> None:
        self.error.hide()
        try:
            cents = parse_money(self.dues.text(), "dues")
            self._membership.add_kind(self.name.text(), cents, self.months.value())
        except CommunityDeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.name.clear()
        self.dues.clear()
        self._show()


class RecordMembershipDialog(QDialog):
    """A membership for one person, from a start date, paid now or later."""

    def __init__(
        self, membership: MembershipService, people: PeopleService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._membership = membership
        self._people = people
        self.setWindowTitle(_("Record a membership"))
        self.saved: MembershipRecord | None = None
        self.picker = PersonPicker(people, _("Type a name"))
        self.kind = QComboBox()
        for kind in membership.kinds():
            self.kind.addItem(kind.name, kind.uid)
        today = date.today()
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.start.setCalendarPopup(True)
        self.paid = QCheckBox(_("Dues paid today"))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Person"), self.picker)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Starts on"), self.start)
        form.addRow("", self.paid)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.kind.count() == 0:
            layout.addWidget(QLabel(_("First add a kind of membership, e.g. Family.")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        person, kind = self.picker.uid(), self.kind.currentData()
        if not person or not kind:
            self.error.setText(_("Choose a person and a kind of membership."))
            self.error.show()
            return
        start = self.start.date()
        try:
            self.saved = self._membership.record(
                person,
                str(kind),
                date(start.year(), start.month(), start.day()),
                paid_on=date.today() if self.paid.isChecked() else None,
            )
        except CommunityDeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        super().accept()
