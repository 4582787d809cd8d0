"""The Settings box for how long inactive people's details are kept, and who is past it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_date, format_number, ngettext
from communitydesk.services.retention import LONGEST, Inactive, RetentionService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import read_only_table

NO_LIMIT = 0


class RetentionBox(QGroupBox):
    def __init__(self, retention: RetentionService, parent: QWidget | None = None) -> None:
        super().__init__(_("Keeping personal details"), parent)
        self._retention = retention
        self._tasks = TaskRunner(parent=self)
        self.pending: Task | None = None
        self.inactive: tuple[Inactive, ...] = ()
        explanation = QLabel(
            _(
                "People no longer active (no contact, membership or volunteering) can be "
                "anonymized after some years: their name and contact details go, what the "
                "counts in past reports need stays."
            )
        )
        explanation.setWordWrap(True)
        self.years = QSpinBox()
        self.years.setRange(NO_LIMIT, LONGEST)
        self.years.setSpecialValueText(_("without limit"))
        self.years.setSuffix(" " + _("years"))
        self.years.setValue(retention.years() or NO_LIMIT)
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.found = QLabel()
        self.table = read_only_table([_("Name"), _("Last active")])
        self.table.setMaximumHeight(160)
        self.anonymize_button = QPushButton(_("Anonymize them…"))
        self.anonymize_button.clicked.connect(self.anonymize)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Keep the details of inactive people for")))
        row.addWidget(self.years)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(self.found)
        layout.addWidget(self.table)
        layout.addWidget(self.anonymize_button)
        self.refresh()

    def save(self) -> None:
        years = self.years.value() or None
        try:
            self._retention.set_years(years)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        self.refresh()

    def refresh(self) -> None:
        self.pending = self._tasks.run(lambda _task: self._retention.past_retention(), self._show)

    def _show(self, inactive: tuple[Inactive, ...]) -> None:
        self.pending = None
        self.inactive = inactive
        self.found.setText(
            ngettext(
                "{count} person is past the time their details are kept.",
                "{count} people are past the time their details are kept.",
                len(inactive),
            ).format(count=format_number(len(inactive)))
        )
        self.table.setRowCount(len(inactive))
        for index, person in enumerate(inactive):
            self.table.setItem(index, 0, QTableWidgetItem(person.display_name))
            self.table.setItem(index, 1, QTableWidgetItem(format_date(person.last_activity)))
        self.table.resizeColumnsToContents()
        for widget in (self.table, self.anonymize_button):
            widget.setVisible(bool(inactive))

    def anonymize(self) -> None:
        if not self.inactive:
            return
        answer = QMessageBox.warning(
            self,
            _("Anonymize"),
            ngettext(
                "Remove the name and contact details of {count} person for good? This cannot "
                "be undone.",
                "Remove the names and contact details of {count} people for good? This cannot "
                "be undone.",
                len(self.inactive),
            ).format(count=format_number(len(self.inactive))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        uids = [person.uid for person in self.inactive]
        try:
            self._retention.anonymize(uids)
        except CommunityDeskError as error:
            show_error(self, error)
        self.refresh()
