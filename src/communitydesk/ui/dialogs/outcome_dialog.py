"""What came of a referral, recorded while working through the follow-ups: the outcome in one
click, a short note, the barriers met, and for "Waiting" when to call again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Final

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _, current_language, embedded, format_date
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.services.referrals import (
    OUTCOMES,
    TEXT_LIMIT,
    ReferralLog,
    ReferralRecord,
    default_follow_up,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.saving_dialog import SavingDialog

HINT_STYLE: Final = "color: #555555;"
BIG_CHOICE_STYLE: Final = (
    "QRadioButton { font-size: 13pt; padding: 4px; }"
    "QRadioButton::indicator { width: 18px; height: 18px; }"
)
OUTCOME_HINTS: Final = {
    "connected": N_("They reached the service and are being helped."),
    "waiting": N_("On a waiting list, or an appointment still to come: call again later."),
    "not_eligible": N_("The service cannot take them."),
    "did_not_go": N_("They did not go, or gave up on it."),
    "other": N_("Something else: say what in the note."),
}


def barrier_choices(entries: LookupList, kept: Iterable[str]) -> list[tuple[str, str]]:
    """(code, label) of the barriers offered: the active ones, and retired ones still ticked."""
    keep = set(kept)
    return [(e.code, e.label) for e in entries.entries if e.is_active or e.code in keep]


class BarrierChecks(QWidget):
    """The barriers met, as boxes to tick in columns: all seen at once, nothing to scroll."""

    def __init__(self, columns: int = 2) -> None:
        super().__init__()
        self._columns = columns
        self.boxes: dict[str, QCheckBox] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def set_choices(self, choices: list[tuple[str, str]], checked: Iterable[str]) -> None:
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        ticked = set(checked)
        rows = -(-len(choices) // self._columns)  # down each column, as a list is read
        for index, (code, label) in enumerate(choices):
            box = QCheckBox(label)
            box.setChecked(code in ticked)
            self.boxes[code] = box
            self._grid.addWidget(box, index % rows, index // rows)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def checked(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())


def left_aligned(field: QWidget) -> QWidget:
    """A short field (a date) kept at its own width in a form whose fields grow."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    layout.addStretch(1)
    row.setFocusProxy(field)
    return row


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class OutcomeDialog(SavingDialog):
    """`saved` holds the referral as recorded once saved."""

    def __init__(
        self,
        record: ReferralRecord,
        referrals: ReferralLog,
        lookups: LookupService,
        tasks: TaskRunner,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._record = record
        self._referrals = referrals
        self._today = today or date.today()
        self._next_touched = False
        self.saved: ReferralRecord | None = None
        self.loading: Task | None = None
        self.setWindowTitle(_("What came of the referral?"))
        self.setMinimumWidth(580)

        self.about = QLabel(
            _("{who}, referred to {service} on {date}.").format(
                who=embedded(record.who),
                service=embedded(record.service_name),
                date=embedded(format_date(record.referred_on)),
            )
        )
        self.about.setWordWrap(True)
        self.outcomes = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        choices = QWidget()
        grid = QGridLayout(choices)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for row, (code, label) in enumerate(OUTCOMES.items()):
            button = QRadioButton(_(label))
            button.setStyleSheet(BIG_CHOICE_STYLE)
            self.outcomes.addButton(button)
            self.choices[code] = button
            grid.addWidget(button, row, 0)
            grid.addWidget(hint_label(_(OUTCOME_HINTS[code])), row, 1)
            button.toggled.connect(self._outcome_changed)
        choices.setFocusProxy(self.choices["connected"])

        self.on = date_edit(self._today)
        self.on.setMaximumDate(qdate(self._today))
        self.on.setMinimumDate(qdate(record.referred_on))
        self.next_follow_up = date_edit(default_follow_up(self._today))
        self.next_follow_up.setMinimumDate(qdate(record.referred_on))
        self.next_label = QLabel(_("Call again on"))
        self.note = QLineEdit(record.outcome_note)
        self.note.setMaxLength(TEXT_LIMIT)
        self.note.setPlaceholderText(_("A few words; not a case note"))
        self.barriers = BarrierChecks()

        for key, widget in (
            ("outcome", choices),
            ("outcome_on", left_aligned(self.on)),
            ("follow_up_on", left_aligned(self.next_follow_up)),
            ("outcome_note", self.note),
        ):
            self.fields[key] = FieldWithError(widget)
        barriers = QGroupBox(_("Barriers met"))
        barriers_layout = QVBoxLayout(barriers)
        barriers_layout.addWidget(self.barriers)
        self.fields["barriers"] = FieldWithError(barriers)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Heard on"), self.fields["outcome_on"])
        form.addRow(self.next_label, self.fields["follow_up_on"])
        form.addRow(_("Note"), self.fields["outcome_note"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.fields["outcome"])
        layout.addLayout(form)
        layout.addWidget(self.fields["barriers"])
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.on.dateChanged.connect(self._on_changed)
        self.next_follow_up.dateChanged.connect(self._next_changed)
        if record.outcome in self.choices:
            self.choices[record.outcome].setChecked(True)
        self._outcome_changed()
        self.choices[record.outcome or "connected"].setFocus()
        self._load_barriers(lookups)

    @property
    def busy(self) -> bool:
        return self.pending is not None or self.loading is not None

    def reject(self) -> None:
        if self.loading is not None:  # nothing to wait for: the list is only read
            self.loading.cancel()
            self.loading = None
        super().reject()

    def _load_barriers(self, lookups: LookupService) -> None:
        language = current_language().code
        self.buttons.setEnabled(False)
        self.loading = self._tasks.run(
            lambda _task: lookups.get_list("referral_barrier", language),
            self._show_barriers,
            self._load_failed,
        )

    def _show_barriers(self, entries: LookupList) -> None:
        self.loading = None
        self.buttons.setEnabled(True)
        kept = self._record.barriers
        self.barriers.set_choices(barrier_choices(entries, kept), kept)

    def _load_failed(self, error: BaseException) -> None:
        self.loading = None
        report_problem(self, error)
        self.reject()

    def outcome(self) -> str:
        return next((code for code, button in self.choices.items() if button.isChecked()), "")

    def _outcome_changed(self) -> None:
        waiting = self.outcome() == "waiting"
        self.next_label.setVisible(waiting)
        self.fields["follow_up_on"].setVisible(waiting)

    def _on_changed(self) -> None:
        # The next call follows the date heard until the user sets one.
        if not self._next_touched:
            self.next_follow_up.blockSignals(True)
            self.next_follow_up.setDate(qdate(default_follow_up(to_date(self.on))))
            self.next_follow_up.blockSignals(False)

    def _next_changed(self) -> None:
        self._next_touched = True

    def save_step(self) -> Callable[[], ReferralRecord]:
        outcome = self.outcome()
        if not outcome:
            raise ValidationError("outcome", _("Choose what came of the referral."))
        uid, referrals, today = self._record.uid, self._referrals, self._today
        on, note, barriers = to_date(self.on), self.note.text(), self.barriers.checked()
        next_call = to_date(self.next_follow_up) if outcome == "waiting" else None

        def save() -> ReferralRecord:
            referrals.record_outcome(uid, outcome, on, note, barriers, next_call, today)
            return referrals.get(uid)

        return save

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, ReferralRecord)
        self.saved = result
