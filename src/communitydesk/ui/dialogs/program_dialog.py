"""One program: its name and the shared lists it is tagged with (for reports to funders and the
hub), the languages it runs in, who leads it, where it meets, and when it runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, language_name
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import (
    ProgramInput,
    ProgramRecord,
    ProgramService,
    VenueRecord,
)
from communitydesk.ui.dialogs.person_dialog import COMMON_LANGUAGES
from communitydesk.ui.dialogs.venue_dialog import VenueDialog
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.person_picker import PersonPicker
from communitydesk.ui.widgets.saving_dialog import SavingDialog

NEW_VENUE = "\0new"  # the combo item that opens a new venue's form


@dataclass(frozen=True)
class ProgramChoices:
    """What a program can be tagged with, loaded together off the UI thread."""

    categories: LookupList
    populations: LookupList
    issues: LookupList
    streams: LookupList
    venues: tuple[VenueRecord, ...]


def load_program_choices(
    programs: ProgramService, lookups: LookupService, language: str
) -> ProgramChoices:
    return ProgramChoices(
        categories=lookups.get_list("activity_category", language),
        populations=lookups.get_list("target_population", language),
        issues=lookups.get_list("family_issue", language),
        streams=lookups.get_list("service_stream", language),
        venues=programs.venues(),
    )


def _offered(entries: LookupList, kept: Iterable[str]) -> list[tuple[str, str]]:
    """(code, label) of the active entries, and of retired ones the record still uses."""
    keep = set(kept)
    return [(e.code, e.label) for e in entries.entries if e.is_active or e.code in keep]


class CheckList(QListWidget):
    """Several choices ticked in a list: populations, issues, languages."""

    def __init__(self, choices: Iterable[tuple[str, str]], checked: Iterable[str] = ()) -> None:
        super().__init__()
        # Long labels ("Préserver ses valeurs tout en s'intégrant") wrap instead of being cut.
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        ticked = set(checked)
        for code, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ticked else Qt.CheckState.Unchecked)
            self.addItem(item)

    def set_checked(self, code: str, checked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    def checked(self) -> tuple[str, ...]:
        return tuple(
            str(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )


class OptionalDate(QWidget):
    """A date that may be left out: a box to tick, then the date."""

    def __init__(self, label: str, value: date | None, default: date) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.edit = date_edit(value or default)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return to_date(self.edit) if self.check.isChecked() else None

    def set_value(self, value: date) -> None:
        self.check.setChecked(True)
        self.edit.setDate(qdate(value))


class ProgramDialog(SavingDialog):
    """A new program (no `program`) or an existing one; `saved` holds the result when accepted."""

    def __init__(
        self,
        programs: ProgramService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        choices: ProgramChoices,
        program: ProgramRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._programs = programs
        self._currency = currency
        self._program = program
        self._venues = list(choices.venues)
        self.saved: ProgramRecord | None = None
        current = program.as_input() if program else ProgramInput("")
        self.setWindowTitle(program.name if program else _("New program"))
        self.resize(940, 660)

        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText(_("e.g. Homework club, Seniors' circle"))
        self.category = QComboBox()
        self.category.addItem(_("Not chosen"), "")
        for code, label in _offered(choices.categories, [current.category]):
            self.category.addItem(label, code)
        self.category.setCurrentIndex(max(0, self.category.findData(current.category)))
        self.stream = QComboBox()
        self.stream.addItem(_("Not chosen"), "")
        for code, label in _offered(choices.streams, [current.service_stream]):
            self.stream.addItem(label, code)
        self.stream.setCurrentIndex(max(0, self.stream.findData(current.service_stream)))
        self.leader = PersonPicker(
            people, _("Leader: type a name"), none_label=_("No leader named")
        )
        if program is not None and program.leader_uid:
            self.leader.choices.addItem(program.leader_name, program.leader_uid)
            self.leader.choices.setCurrentIndex(self.leader.choices.count() - 1)
        self.venue = QComboBox()
        self.venue.setMinimumContentsLength(24)
        self._fill_venues(current.venue_uid, program.venue_name if program else "")
        self._venue_index = self.venue.currentIndex()
        self.venue.activated.connect(self._venue_chosen)
        today = date.today()
        self.starts_on = OptionalDate(_("From"), current.starts_on, today)
        self.ends_on = OptionalDate(_("Until"), current.ends_on, today)
        self.ongoing = QCheckBox(_("Ongoing: no end planned"))
        self.ongoing.setChecked(current.ongoing and current.ends_on is None)
        # The service keeps a program with an end date as ending then, whatever this box says.
        self.ends_on.check.toggled.connect(self._end_date_toggled)
        self._end_date_toggled(current.ends_on is not None)
        self.description = QPlainTextEdit(current.description)
        self.description.setPlaceholderText(
            _("What happens, for whom, and what the members decided about it")
        )
        self.description.setFixedHeight(80)

        self.populations = CheckList(
            _offered(choices.populations, current.populations), current.populations
        )
        self.issues = CheckList(_offered(choices.issues, current.issues), current.issues)
        languages = list(COMMON_LANGUAGES) + [
            code for code in current.languages if code not in COMMON_LANGUAGES
        ]
        self.languages = CheckList(
            [(code, language_name(code)) for code in languages], current.languages
        )

        for key, widget in (
            ("name", self.name),
            ("category", self.category),
            ("service_stream", self.stream),
            ("leader_uid", self.leader),
            ("venue_uid", self.venue),
            ("starts_on", self.starts_on),
            ("ends_on", self.ends_on),
            ("description", self.description),
            ("populations", self.populations),
            ("issues", self.issues),
            ("languages", self.languages),
        ):
            self.fields[key] = FieldWithError(widget)
        dates = QWidget()
        dates_layout = QHBoxLayout(dates)
        dates_layout.setContentsMargins(0, 0, 0, 0)
        dates_layout.addWidget(self.fields["starts_on"])
        dates_layout.addSpacing(16)
        dates_layout.addWidget(self.fields["ends_on"])
        dates_layout.addSpacing(16)
        dates_layout.addWidget(self.ongoing)
        dates_layout.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Name"), self.fields["name"])
        form.addRow(_("Category"), self.fields["category"])
        form.addRow(_("Settlement service stream"), self.fields["service_stream"])
        form.addRow(_("Leader"), self.fields["leader_uid"])
        form.addRow(_("Venue"), self.fields["venue_uid"])
        form.addRow(_("When"), dates)
        form.addRow(_("Description"), self.fields["description"])

        lists = QGridLayout()
        for column, (title, key) in enumerate(
            (
                (_("Who it is for"), "populations"),
                (_("Issues addressed"), "issues"),
                (_("Languages used"), "languages"),
            )
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(self.fields[key])
            lists.addWidget(box, 0, column)
            lists.setColumnStretch(column, (4, 5, 3)[column])  # the issues are the longest
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def _fill_venues(self, chosen: str, chosen_name: str = "") -> None:
        self.venue.clear()
        self.venue.addItem(_("No set venue"), "")
        for venue in self._venues:
            self.venue.addItem(venue.name, venue.uid)
        if chosen and self.venue.findData(chosen) < 0:
            # In the Trash since: shown as it is, so that nothing changes without the user.
            self.venue.addItem(_("{name} (deleted)").format(name=chosen_name), chosen)
        self.venue.addItem(_("New venue…"), NEW_VENUE)
        self.venue.setCurrentIndex(max(0, self.venue.findData(chosen)))

    def _venue_chosen(self, index: int) -> None:
        if self.venue.itemData(index) != NEW_VENUE:
            self._venue_index = index
            return
        dialog = VenueDialog(self._programs, self._tasks, self._currency, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._venues.append(dialog.saved)
            self._venues.sort(key=lambda venue: venue.name.casefold())
            self._fill_venues(dialog.saved.uid)
            self._venue_index = self.venue.currentIndex()
        else:
            self.venue.setCurrentIndex(self._venue_index)

    def _end_date_toggled(self, has_end: bool) -> None:
        if has_end:
            self.ongoing.setChecked(False)
        self.ongoing.setEnabled(not has_end)
        self.ongoing.setToolTip(
            _("A program with an end date runs until that date.") if has_end else ""
        )

    def program_input(self) -> ProgramInput:
        venue = str(self.venue.currentData() or "")
        return ProgramInput(
            name=self.name.text(),
            category=str(self.category.currentData() or ""),
            populations=self.populations.checked(),
            issues=self.issues.checked(),
            service_stream=str(self.stream.currentData() or ""),
            languages=self.languages.checked(),
            description=self.description.toPlainText(),
            leader_uid=self.leader.uid(),
            venue_uid="" if venue == NEW_VENUE else venue,
            starts_on=self.starts_on.value(),
            ends_on=self.ends_on.value(),
            ongoing=self.ongoing.isChecked(),
        )

    def save_step(self) -> Callable[[], ProgramRecord]:
        program, programs = self.program_input(), self._programs
        if self._program is None:
            return lambda: programs.create(program)
        uid = self._program.uid
        return lambda: programs.update(uid, program)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, ProgramRecord)
        self.saved = result
