"""The duplicate finder's window: likely pairs with their reasons, and merging a pair field by
field (each field shows both values; the chosen one stays), with an Undo for the last merge."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_number, ngettext
from communitydesk.services.duplicates import REASONS, DuplicatePair, DuplicateService
from communitydesk.services.history import FIELDS as FIELD_LABELS
from communitydesk.services.merge import MergeResult, MergeService
from communitydesk.services.people import PeopleService, PersonInput
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import read_only_table, select_row


def _shown(value: object) -> str:
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


class MergeDialog(QDialog):
    """Both records side by side: for each field where they differ, which value to keep."""

    def __init__(
        self, first: PersonInput, second: PersonInput, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge two records"))
        self.groups: dict[str, QButtonGroup] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>{}</b>".format(_("Keep"))), 0, 1)
        row = 1
        for name in first.__dataclass_fields__:
            if name == "sensitive_notes":
                continue  # never shown side by side; an empty one is filled from the other
            mine, theirs = getattr(first, name), getattr(second, name)
            if mine == theirs:
                continue
            label = _(FIELD_LABELS[name]) if name in FIELD_LABELS else name
            group = QButtonGroup(self)
            left, right = QRadioButton(_shown(mine)), QRadioButton(_shown(theirs))
            group.addButton(left, 0)
            group.addButton(right, 1)
            (right if not mine else left).setChecked(True)
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(left, row, 1)
            grid.addWidget(right, row, 2)
            self.groups[name] = group
            row += 1
        note = QLabel(
            _(
                "Consents, memberships, contacts, volunteering and the household of the second "
                "record move to the first; the second goes to the Trash. The merge can be undone."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Merge"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def taken(self) -> set[str]:
        """The fields where the second record's value is kept."""
        return {name for name, group in self.groups.items() if group.checkedId() == 1}


class DuplicatesDialog(QDialog):
    def __init__(
        self,
        duplicates: DuplicateService,
        merge: MergeService,
        people: PeopleService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._duplicates, self._merge, self._people = duplicates, merge, people
        self._tasks = TaskRunner(parent=self)
        self.pending: Task | None = None
        self.pairs: tuple[DuplicatePair, ...] = ()
        self.last_merge: MergeResult | None = None
        self.setWindowTitle(_("Possible duplicates"))
        self.resize(900, 560)
        self.count = QLabel()
        self.table = read_only_table([_("Score"), _("First record"), _("Second record"), _("Why")])
        self.merge_button = QPushButton(_("Merge…"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.undo_button = QPushButton(_("Undo the last merge"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.pending = self._tasks.run(lambda _task: self._duplicates.find(), self._show)

    def _show(self, pairs: tuple[DuplicatePair, ...]) -> None:
        self.pending = None
        self.pairs = pairs
        self.count.setText(
            ngettext("{count} likely pair", "{count} likely pairs", len(pairs)).format(
                count=format_number(len(pairs))
            )
        )
        self.table.setRowCount(len(pairs))
        for index, pair in enumerate(pairs):
            cells = [
                format_number(pair.score),
                pair.first_name,
                pair.second_name,
                ", ".join(_(REASONS[r]) for r in pair.reasons),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.merge_button.setEnabled(bool(pairs))
        if pairs:
            select_row(self.table, 0)

    def selected(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def merge_selected(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        try:
            first = self._people.get(pair.first_uid).person
            second = self._people.get(pair.second_uid).person
        except CommunityDeskError as error:
            show_error(self, error)
            self.refresh()
            return
        self.merge_dialog = MergeDialog(first, second, self)
        if self.merge_dialog.exec():
            self.merge_pair(pair, self.merge_dialog.taken())

    def merge_pair(self, pair: DuplicatePair, taken: set[str]) -> None:
        try:
            self.last_merge = self._merge.merge(pair.first_uid, pair.second_uid, taken)
        except CommunityDeskError as error:
            show_error(self, error)
        self.undo_button.setEnabled(self.last_merge is not None)
        self.refresh()

    def undo(self) -> None:
        if self.last_merge is None:
            return
        try:
            self._merge.undo(self.last_merge.uid)
        except CommunityDeskError as error:
            show_error(self, error)
        self.last_merge = None
        self.undo_button.setEnabled(False)
        self.refresh()
