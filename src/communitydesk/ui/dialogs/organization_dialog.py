"""The organizations that offer the directory's services: one organization's form with its own
contact people, the table of contact people (shared with the service form), and the list of
organizations to add, change or send to the Trash."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, format_list, format_number, language_name, ngettext
from communitydesk.services.directory import (
    ContactPersonInput,
    OrganizationInput,
    OrganizationRecord,
    ServiceDirectory,
)
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.language_choice import LanguageChecks
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.multilingual_text import MultilingualText
from communitydesk.ui.widgets.record_list_dialog import RecordListDialog
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.tables import fill_rows

NAME, TITLE, PHONE, EMAIL, LANGUAGES = range(5)
# Kept on a row's name cell: what the table does not show but must save back unchanged.
_KEPT = Qt.ItemDataRole.UserRole + 1
_CODES = Qt.ItemDataRole.UserRole + 2


def left_to_right_field(edit: QLineEdit) -> QLineEdit:
    """Phone numbers, e-mail and web addresses read left to right in every language."""
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return edit


class ContactLanguagesDialog(QDialog):
    def __init__(self, name: str, checked: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Languages of {name}").format(name=name) if name else _("Languages"))
        self.resize(320, 400)
        self.checks = LanguageChecks(checked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The languages this person speaks with families:")))
        layout.addWidget(self.checks, 1)
        layout.addWidget(buttons)


class ContactPeopleEditor(QWidget):
    """The people to call, one a row: name, title, phone, e-mail and the languages they speak.
    Rows left entirely empty are not saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Title"), _("Phone"), _("E-mail"), _("Languages")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((NAME, 150), (TITLE, 120), (PHONE, 110), (EMAIL, 150)):
            self.table.setColumnWidth(column, width)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.add_button = QPushButton(_("Add a person"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the chosen person from this list"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.languages_button = QPushButton(_("Languages…"))
        self.languages_button.setToolTip(_("The languages the chosen person speaks"))
        self.languages_button.clicked.connect(lambda: self.edit_languages())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.languages_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def add_row(self, contact: ContactPersonInput | None = None) -> int:
        contact = contact or ContactPersonInput(name="")
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(contact.name)
        name.setData(_KEPT, (contact.uid, contact.notes))
        self.table.setItem(row, NAME, name)
        for column, text in (
            (TITLE, contact.title),
            (PHONE, contact.phone),
            (EMAIL, contact.email),
        ):
            self.table.setItem(row, column, QTableWidgetItem(text))
        languages = QTableWidgetItem()
        languages.setFlags(languages.flags() & ~Qt.ItemFlag.ItemIsEditable)
        languages.setToolTip(_("Double-click to choose the languages"))
        self.table.setItem(row, LANGUAGES, languages)
        self._set_languages(row, contact.languages)
        if contact.name == "":
            self.table.setCurrentCell(row, NAME)
            self.table.editItem(name)
        return row

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every row is made with all its cells
        return item

    def _set_languages(self, row: int, codes: tuple[str, ...]) -> None:
        item = self._item(row, LANGUAGES)
        item.setData(_CODES, codes)
        item.setText(format_list([language_name(code) for code in codes]))

    def set_contacts(self, contacts: tuple[ContactPersonInput, ...]) -> None:
        self.table.setRowCount(0)
        for contact in contacts:
            self.add_row(contact)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def contacts(self) -> tuple[ContactPersonInput, ...]:
        found = []
        for row in range(self.table.rowCount()):
            uid, notes = self._item(row, NAME).data(_KEPT) or ("", "")
            codes = tuple(self._item(row, LANGUAGES).data(_CODES) or ())
            texts = [self._text(row, column) for column in (NAME, TITLE, PHONE, EMAIL)]
            if not any(t.strip() for t in texts) and not codes and not notes:
                continue
            name, title, phone, email = texts
            found.append(
                ContactPersonInput(
                    name=name,
                    title=title,
                    phone=phone,
                    email=email,
                    languages=codes,
                    notes=notes,
                    uid=uid,
                )
            )
        return tuple(found)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _double_clicked(self, row: int, column: int) -> None:
        if column == LANGUAGES:
            self.edit_languages(row)

    def edit_languages(self, row: int = -1) -> None:
        row = row if row >= 0 else self.table.currentRow()
        if row < 0:
            return
        codes = tuple(self._item(row, LANGUAGES).data(_CODES) or ())
        dialog = ContactLanguagesDialog(self._text(row, NAME), codes, self)
        if dialog.exec():
            self._set_languages(row, dialog.checks.checked())


@dataclass(frozen=True)
class SavedOrganization:
    record: OrganizationRecord
    contacts: tuple[ContactPersonInput, ...]

    def as_input(self) -> OrganizationInput:
        return organization_input(self.record)


def organization_input(record: OrganizationRecord) -> OrganizationInput:
    return OrganizationInput(**{f.name: getattr(record, f.name) for f in fields(OrganizationInput)})


def load_organization(directory: ServiceDirectory, uid: str) -> SavedOrganization:
    """An organization with its own contact people, read together (off the UI thread)."""
    return SavedOrganization(directory.organization(uid), directory.organization_contacts(uid))


class OrganizationDialog(SavingDialog):
    """A new organization (no `organization`) or an existing one; `saved` holds the result."""

    def __init__(
        self,
        directory: ServiceDirectory,
        tasks: TaskRunner,
        organization: SavedOrganization | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._directory = directory
        self._organization = organization
        self.saved: SavedOrganization | None = None
        record = organization.record if organization else OrganizationRecord(name="")
        self.setWindowTitle(record.name or _("New organization"))
        self.resize(720, 520)
        self.name = QLineEdit(record.name)
        self.name.setPlaceholderText(_("e.g. Centre de santé communautaire du Sud"))
        self.alternate_name = QLineEdit(record.alternate_name)
        self.alternate_name.setPlaceholderText(_("Another name or an acronym families know"))
        self.description = MultilingualText(
            record.description, lines=3, placeholder=_("What the organization does, in plain words")
        )
        self.phone = left_to_right_field(QLineEdit(record.phone))
        self.email = left_to_right_field(QLineEdit(record.email))
        self.website = left_to_right_field(QLineEdit(record.website))
        self.notes = QPlainTextEdit(record.notes)
        self.notes.setPlaceholderText(_("For the group only; not printed on cards"))
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.contacts = ContactPeopleEditor()
        self.contacts.set_contacts(organization.contacts if organization else ())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in (
            ("name", _("Name"), self.name),
            ("alternate_name", _("Other name"), self.alternate_name),
            ("description", _("Description"), self.description),
            ("phone", _("Phone"), self.phone),
            ("email", _("E-mail"), self.email),
            ("website", _("Website"), self.website),
            ("notes", _("Notes"), self.notes),
        ):
            self.fields[key] = FieldWithError(widget)
            form.addRow(label, self.fields[key])
        self.fields["contacts"] = FieldWithError(self.contacts)
        about = QWidget()
        about_layout = QVBoxLayout(about)
        about_layout.addLayout(form)
        about_layout.addStretch(1)
        people = QWidget()
        people_layout = QVBoxLayout(people)
        hint = QLabel(
            _(
                "The people to call at this organization for any of its services. A service's "
                "own contact people are entered with the service."
            )
        )
        hint.setWordWrap(True)
        people_layout.addWidget(hint)
        people_layout.addWidget(self.fields["contacts"], 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(about, _("Organization"))
        self.tabs.addTab(people, _("Contact people"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def organization_input(self) -> OrganizationInput:
        return OrganizationInput(
            name=self.name.text(),
            alternate_name=self.alternate_name.text(),
            description=self.description.texts(),
            website=self.website.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )

    def save_step(self) -> Callable[[], SavedOrganization]:
        organization, contacts = self.organization_input(), self.contacts.contacts()
        directory = self._directory
        uid = self._organization.record.uid if self._organization else ""

        def save() -> SavedOrganization:
            saved = directory.save_organization(organization, uid, contacts)
            return load_organization(directory, saved)

        return save

    def show_problem(self, error: Any) -> None:
        field = self.fields.get(getattr(error, "field", ""))
        if field is not None:
            self.tabs.setCurrentIndex(1 if field is self.fields["contacts"] else 0)
        super().show_problem(error)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, SavedOrganization)
        self.saved = result


class OrganizationsDialog(RecordListDialog):
    """The organizations of the directory: add, change, or send one to the Trash (with undo)."""

    def __init__(
        self, directory: ServiceDirectory, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            tasks,
            _("Organizations"),
            [_("Name"), _("Other name"), _("Phone"), _("Services")],
            _("New organization…"),
            _("To the Trash with its services and contact people; Undo brings them back."),
            parent,
        )
        self._directory = directory
        self._organizations: tuple[OrganizationRecord, ...] = ()
        self.resize(720, 440)
        self.refresh()

    def refresh(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        directory = self._directory
        self.pending = self._tasks.run(
            lambda _task: directory.organizations(), self.show_organizations, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        report_problem(self, error)

    def show_organizations(self, organizations: tuple[OrganizationRecord, ...]) -> None:
        self.pending = None
        chosen = self.selected()
        self._organizations = organizations
        self.count.setText(
            ngettext("{count} organization", "{count} organizations", len(organizations)).format(
                count=format_number(len(organizations))
            )
        )
        fill_rows(
            self.table,
            [(o.name, o.alternate_name, o.phone, format_number(o.services)) for o in organizations],
            [o.uid for o in organizations],
            chosen.uid if chosen is not None else "",
        )
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(bool(organizations))

    def selected(self) -> OrganizationRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self._organizations[rows[0].row()] if rows else None

    def new_record(self) -> None:
        dialog = OrganizationDialog(self._directory, self._tasks, parent=self)
        if dialog.exec() and dialog.saved is not None:
            uid, directory = dialog.saved.record.uid, self._directory
            self.changed = True
            self.undo_stack.push(
                self.writes.change(
                    _("add {name}").format(name=dialog.saved.record.name),
                    redo=lambda: directory.restore_organization(uid),
                    undo=lambda: directory.delete_organization(uid),
                )
            )

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.pending is not None:
            return
        directory, uid = self._directory, chosen.uid
        self.pending = self._tasks.run(
            lambda _task: load_organization(directory, uid), self._edit, self._failed
        )

    def _edit(self, before: SavedOrganization) -> None:
        self.pending = None
        dialog = OrganizationDialog(self._directory, self._tasks, before, parent=self)
        if not dialog.exec() or dialog.saved is None or dialog.saved == before:
            return
        after, directory, uid = dialog.saved, self._directory, before.record.uid
        self.changed = True
        self.undo_stack.push(
            self.writes.change(
                _("edit {name}").format(name=after.record.name),
                redo=lambda: directory.save_organization(after.as_input(), uid, after.contacts),
                undo=lambda: directory.save_organization(before.as_input(), uid, before.contacts),
            )
        )

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if chosen.services:
            answer = QMessageBox.question(
                self,
                _("Delete an organization"),
                ngettext(
                    "Send {name} and its {count} service to the Trash?",
                    "Send {name} and its {count} services to the Trash?",
                    chosen.services,
                ).format(name=chosen.name, count=format_number(chosen.services)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        uid, directory = chosen.uid, self._directory
        self.changed = True
        self.undo_stack.push(
            self.writes.change(
                _("delete {name}").format(name=chosen.name),
                redo=lambda: directory.delete_organization(uid),
                undo=lambda: directory.restore_organization(uid),
            )
        )
