"""Where programs meet: one venue's form, and the small list of venues with New, Edit and Delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, format_money, format_number, ngettext
from communitydesk.core.money import parse_money
from communitydesk.services.programs import ProgramService, VenueInput, VenueRecord
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.record_list_dialog import RecordListDialog
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.tables import fill_rows


def rental_text(cents: int | None, currency: str) -> str:
    """'$45.00', 'free', or '' when not known."""
    if cents is None:
        return ""
    return format_money(cents, currency) if cents else _("free")


class VenueDialog(SavingDialog):
    """A new venue (no `venue`) or an existing one; `saved` holds the result when accepted."""

    def __init__(
        self,
        programs: ProgramService,
        tasks: TaskRunner,
        currency: str,
        venue: VenueRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._programs = programs
        self._venue = venue
        self.saved: VenueRecord | None = None
        self.setWindowTitle(venue.name if venue else _("New venue"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(56)
        self.transit = QLineEdit()
        self.transit.setPlaceholderText(_("e.g. Bus 7, stop at Elm Street"))
        self.accessibility = QLineEdit()
        self.accessibility.setPlaceholderText(_("e.g. Step-free entrance, elevator, quiet room"))
        self.rental = QLineEdit()
        self.rental.setPlaceholderText(
            _("e.g. {amount}; leave empty when it is free").format(
                amount=format_money(4500, currency)
            )
        )
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_("Who to call to book it, and their phone"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(72)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in (
            ("name", _("Name"), self.name),
            ("address", _("Address"), self.address),
            ("transit", _("Transit"), self.transit),
            ("accessibility", _("Accessibility"), self.accessibility),
            ("rental_cents", _("Rental cost each time"), self.rental),
            ("contact", _("Contact"), self.contact),
            ("notes", _("Notes"), self.notes),
        ):
            self.fields[key] = FieldWithError(widget)
            form.addRow(label, self.fields[key])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if venue is not None:
            self.name.setText(venue.name)
            self.address.setPlainText(venue.address)
            self.transit.setText(venue.transit)
            self.accessibility.setText(venue.accessibility)
            if venue.rental_cents is not None:
                self.rental.setText(format_money(venue.rental_cents, currency))
            self.contact.setText(venue.contact)
            self.notes.setPlainText(venue.notes)

    def venue_input(self) -> VenueInput:
        """What the form says; raises ValidationError for an amount that is not one."""
        rental = self.rental.text().strip()
        return VenueInput(
            name=self.name.text(),
            address=self.address.toPlainText(),
            transit=self.transit.text(),
            accessibility=self.accessibility.text(),
            rental_cents=parse_money(rental, "rental_cents") if rental else None,
            contact=self.contact.text(),
            notes=self.notes.toPlainText(),
        )

    def save_step(self) -> Callable[[], VenueRecord]:
        venue, programs = self.venue_input(), self._programs
        if self._venue is None:
            return lambda: programs.create_venue(venue)
        uid = self._venue.uid
        return lambda: programs.update_venue(uid, venue)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, VenueRecord)
        self.saved = result


class VenuesDialog(RecordListDialog):
    """The venues programs meet in: add, change, or send one to the Trash (with undo)."""

    def __init__(
        self,
        programs: ProgramService,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            _("Venues"),
            [_("Name"), _("Address"), _("Rental cost each time"), _("Accessibility")],
            _("New venue…"),
            _("To the Trash; programs that met there keep its name. Undo brings it back."),
            parent,
        )
        self._programs = programs
        self._currency = currency
        self._venues: tuple[VenueRecord, ...] = ()
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        self.pending = self._tasks.run(lambda _task: self._programs.venues(), self.show_venues)

    def show_venues(self, venues: tuple[VenueRecord, ...]) -> None:
        self.pending = None
        chosen = self.selected()
        self._venues = venues
        self.count.setText(
            ngettext("{count} venue", "{count} venues", len(venues)).format(
                count=format_number(len(venues))
            )
        )
        fill_rows(
            self.table,
            [
                (
                    venue.name,
                    ", ".join(line.strip() for line in venue.address.splitlines() if line.strip()),
                    rental_text(venue.rental_cents, self._currency),
                    venue.accessibility,
                )
                for venue in venues
            ],
            [venue.uid for venue in venues],
            chosen.uid if chosen is not None else "",
        )

    def selected(self) -> VenueRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self._venues[rows[0].row()] if rows else None

    def new_record(self) -> None:
        dialog = VenueDialog(self._programs, self._tasks, self._currency, parent=self)
        if dialog.exec() and dialog.saved is not None:
            uid, programs = dialog.saved.uid, self._programs
            self.changed = True
            self.undo_stack.push(
                self.writes.change(
                    _("add {name}").format(name=dialog.saved.name),
                    redo=lambda: programs.restore_venue(uid),
                    undo=lambda: programs.delete_venue(uid),
                )
            )

    def edit_selected(self) -> None:
        venue = self.selected()
        if venue is None:
            return
        dialog = VenueDialog(self._programs, self._tasks, self._currency, venue, parent=self)
        if dialog.exec() and dialog.saved is not None and dialog.saved != venue:
            uid, programs = venue.uid, self._programs
            before, after = venue.as_input(), dialog.saved.as_input()
            self.changed = True
            self.undo_stack.push(
                self.writes.change(
                    _("edit {name}").format(name=dialog.saved.name),
                    redo=lambda: programs.update_venue(uid, after),
                    undo=lambda: programs.update_venue(uid, before),
                )
            )

    def delete_selected(self) -> None:
        venue = self.selected()
        if venue is None:
            return
        uid, programs = venue.uid, self._programs
        self.changed = True
        self.undo_stack.push(
            self.writes.change(
                _("delete {name}").format(name=venue.name),
                redo=lambda: programs.delete_venue(uid),
                undo=lambda: programs.restore_venue(uid),
            )
        )
