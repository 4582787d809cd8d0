"""Record what a participant said about a program, and what members suggested.

Whether words may be quoted is never ticked here: it follows the person's consent, which the
dialog reads (on the task runner) as soon as a person is chosen and explains in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, embedded, format_date, language_name
from communitydesk.core.text import fold
from communitydesk.services.feedback import (
    SUGGESTION_STATUSES,
    FeedbackInput,
    FeedbackRecord,
    FeedbackService,
    SuggestionInput,
    SuggestionRecord,
    quoting_consent,
)
from communitydesk.services.people import PeopleService, PersonDetail
from communitydesk.services.programs import ProgramRecord
from communitydesk.ui.dialogs.person_dialog import COMMON_LANGUAGES
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import from_qdate, qdate
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.person_picker import PersonPicker

QUOTABLE_STYLE = "color: #1b5e20;"
NOT_QUOTABLE_STYLE = "color: #8a5a00;"
NEUTRAL_STYLE = "color: #444444;"


def quoting_sentence(detail: PersonDetail | None, today: date) -> tuple[bool, str]:
    """Whether their words may be quoted, and the sentence that says so and why."""
    if detail is None:
        return False, _("Anonymous: words without a name are never quoted in reports.")
    consent = quoting_consent(detail.consents, today)
    if consent is not None:
        return True, _("May be quoted in reports: consent to quoting on {date}.").format(
            date=embedded(format_date(consent.given_on, "long"))
        )
    withdrawn = [
        c.withdrawn_on
        for c in detail.consents
        if "quoting" in c.scopes and c.withdrawn_on is not None and c.withdrawn_on <= today
    ]
    if withdrawn:
        return False, _("Not for quoting: consent to quoting was withdrawn on {date}.").format(
            date=embedded(format_date(max(withdrawn), "long"))
        )
    return False, _(
        "Not for quoting: no consent to quote their words. Record it on the person's page first."
    )


def _programs_combo(programs: tuple[ProgramRecord, ...], none_label: str, chosen: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(none_label, "")
    for record in programs:
        combo.addItem(record.name, record.uid)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    return combo


class _WordsBox(QPlainTextEdit):
    """A text box that opens `lines` lines tall (and grows with the dialog)."""

    def __init__(self, placeholder: str, lines: int) -> None:
        super().__init__()
        self._lines = lines
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self._height(min(lines, 2)))

    def _height(self, lines: int) -> int:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        return self.fontMetrics().lineSpacing() * lines + frame

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(super().sizeHint().width(), self._height(self._lines))


def _words_box(placeholder: str, lines: int) -> QPlainTextEdit:
    return _WordsBox(placeholder, lines)


class _SavingDialog(QDialog):
    """A form whose Save runs on the task runner; a problem shows under the form."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.saving = False
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        raise NotImplementedError

    def _run_save(self, work: Callable[[], object]) -> None:
        self.saving = True
        self.buttons.setEnabled(False)
        self.error.hide()

        def done(saved: object) -> None:
            self.saving = False
            self.buttons.setEnabled(True)
            self._saved(saved)
            self.accept()

        self._tasks.run(lambda _task: work(), done, self._failed)

    def _saved(self, record: object) -> None:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if not isinstance(error, CommunityDeskError):
            raise error
        self.error.setText(error.message)
        self.error.show()


def _picker(
    people: PeopleService, placeholder: str, none_label: str, uid: str, name: str
) -> PersonPicker:
    picker = PersonPicker(people, placeholder, none_label=none_label)
    picker.choices.setCurrentIndex(0)  # say "anonymous" or "not noted" rather than nothing
    if uid:  # the person already recorded, chosen until someone else is searched for
        picker.choices.addItem(name, uid)
        picker.choices.setCurrentIndex(picker.choices.count() - 1)
    return picker


class FeedbackDialog(_SavingDialog):
    """New feedback, or `record` to edit."""

    def __init__(
        self,
        feedback: FeedbackService,
        people: PeopleService,
        tasks: TaskRunner,
        programs: tuple[ProgramRecord, ...] = (),
        record: FeedbackRecord | None = None,
        program_uid: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._feedback = feedback
        self._people = people
        self._record = record
        self._today = today or date.today()
        self._consent_task: Task | None = None
        self.quotable: bool | None = None  # None until the person's consent is read
        self.saved: FeedbackRecord | None = None
        self.setWindowTitle(_("Edit feedback") if record else _("Record what someone said"))
        self.setMinimumWidth(640)

        self.given_on = QDateEdit(qdate(record.given_on if record else self._today))
        self.given_on.setCalendarPopup(True)
        self.given_on.setMaximumDate(qdate(self._today))
        self.program = _programs_combo(
            programs, _("No particular program"), record.program_uid if record else program_uid
        )
        self.person = _picker(
            people,
            _("Who said it: type a name"),
            _("anonymous"),
            record.person_uid if record else "",
            record.person_name if record else "",
        )
        self.person.choices.currentIndexChanged.connect(self._person_chosen)
        self.consent = QLabel()
        self.consent.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem(_("not noted"), "")
        codes = sorted(COMMON_LANGUAGES, key=lambda code: fold(language_name(code)))
        if record and record.language and record.language not in codes:
            codes.append(record.language)
        for code in codes:
            self.language.addItem(language_name(code), code)
        if record:
            self.language.setCurrentIndex(max(self.language.findData(record.language), 0))
        self.words = _words_box(
            _("Their words, as they said them (in their language is fine)"), lines=5
        )
        if record:
            self.words.setPlainText(record.words)

        form = QFormLayout()
        form.addRow(_("Date"), self.given_on)
        form.addRow(_("Program"), self.program)
        form.addRow(_("Who said it"), self.person)
        form.addRow("", self.consent)
        form.addRow(_("Language"), self.language)
        form.addRow(_("What they said"), self.words)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._person_chosen()

    @property
    def busy(self) -> bool:
        return self.saving or self._consent_task is not None or self.person.busy

    def _person_chosen(self) -> None:
        if self._consent_task is not None:
            self._consent_task.cancel()
            self._consent_task = None
        uid = self.person.uid()
        if not uid:
            self._show_consent(None)
            return
        self.quotable = None
        self.consent.setStyleSheet(NEUTRAL_STYLE)
        self.consent.setText(_("Reading their consent…"))

        def done(detail: PersonDetail) -> None:
            self._consent_task = None
            self._show_consent(detail)

        def failed(error: BaseException) -> None:
            self._consent_task = None
            self._failed(error)

        self._consent_task = self._tasks.run(lambda _task: self._people.get(uid), done, failed)

    def _show_consent(self, detail: PersonDetail | None) -> None:
        self.quotable, text = quoting_sentence(detail, self._today)
        style = QUOTABLE_STYLE if self.quotable else NOT_QUOTABLE_STYLE
        self.consent.setStyleSheet(style if detail else NEUTRAL_STYLE)
        self.consent.setText(text)
        if detail is not None and not self.language.currentData() and detail.person.languages:
            # Most people speak their first language when they talk about what matters to them.
            self.language.setCurrentIndex(
                max(self.language.findData(detail.person.languages[0]), 0)
            )

    def feedback_input(self) -> FeedbackInput:
        return FeedbackInput(
            given_on=from_qdate(self.given_on.date()),
            words=self.words.toPlainText(),
            program_uid=str(self.program.currentData() or ""),
            person_uid=self.person.uid(),
            language=str(self.language.currentData() or ""),
        )

    def save(self) -> None:
        wanted, today, record = self.feedback_input(), self._today, self._record
        if record is None:
            self._run_save(lambda: self._feedback.record(wanted, today))
        else:
            self._run_save(lambda: self._feedback.update(record.uid, wanted, today))

    def _saved(self, record: object) -> None:
        assert isinstance(record, FeedbackRecord)
        self.saved = record


class SuggestionDialog(_SavingDialog):
    """A member's suggestion, new or `record` to edit, and what became of it."""

    def __init__(
        self,
        feedback: FeedbackService,
        people: PeopleService,
        tasks: TaskRunner,
        programs: tuple[ProgramRecord, ...] = (),
        record: SuggestionRecord | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._feedback = feedback
        self._record = record
        self._today = today or date.today()
        self.saved: SuggestionRecord | None = None
        self.setWindowTitle(_("Edit suggestion") if record else _("Record a suggestion"))
        self.setMinimumWidth(640)

        self.suggested_on = QDateEdit(qdate(record.suggested_on if record else self._today))
        self.suggested_on.setCalendarPopup(True)
        self.suggested_on.setMaximumDate(qdate(self._today))
        self.words = _words_box(_("What the member asked for"), lines=3)
        if record:
            self.words.setPlainText(record.words)
        self.person = _picker(
            people,
            _("Who suggested it: type a name"),
            _("not noted"),
            record.person_uid if record else "",
            record.person_name if record else "",
        )
        self.status = QComboBox()
        for code, label in SUGGESTION_STATUSES.items():
            self.status.addItem(_(label), code)
        self.status.setCurrentIndex(max(self.status.findData(record.status if record else ""), 0))
        self.program = _programs_combo(
            programs, _("Not an activity (yet)"), record.program_uid if record else ""
        )
        self.program.setToolTip(_("The program or activity this suggestion became"))
        self.response = _words_box(_("What the group answered or decided"), lines=2)
        if record:
            self.response.setPlainText(record.response)

        form = QFormLayout()
        form.addRow(_("Date"), self.suggested_on)
        form.addRow(_("Suggestion"), self.words)
        form.addRow(_("From"), self.person)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Became"), self.program)
        form.addRow(_("Response"), self.response)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def busy(self) -> bool:
        return self.saving or self.person.busy

    def suggestion_input(self) -> SuggestionInput:
        return SuggestionInput(
            suggested_on=from_qdate(self.suggested_on.date()),
            words=self.words.toPlainText(),
            person_uid=self.person.uid(),
            status=str(self.status.currentData()),
            program_uid=str(self.program.currentData() or ""),
            response=self.response.toPlainText(),
        )

    def save(self) -> None:
        wanted, today, record = self.suggestion_input(), self._today, self._record
        if record is None:
            self._run_save(lambda: self._feedback.suggest(wanted, today))
        else:
            self._run_save(lambda: self._feedback.update_suggestion(record.uid, wanted, today))

    def _saved(self, record: object) -> None:
        assert isinstance(record, SuggestionRecord)
        self.saved = record
