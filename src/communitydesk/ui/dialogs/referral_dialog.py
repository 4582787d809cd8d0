"""A referral: who goes to which service (and whom to ask for there), when, why in a few words,
who made it, and when to follow up; once known, what came of it and the barriers met.

The form reads what it needs (the referral, the person, the service and its contact people, the
list of barriers) on the task runner, and saves there too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.core.i18n import _, current_language
from communitydesk.core.text import fold
from communitydesk.services.directory import (
    ContactPersonInput,
    ServiceDirectory,
    ServiceRecord,
)
from communitydesk.services.households import HouseholdService
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.services.people import PeopleService
from communitydesk.services.referrals import (
    OUTCOMES,
    TEXT_LIMIT,
    ReferralInput,
    ReferralLog,
    ReferralRecord,
    default_follow_up,
)
from communitydesk.ui.dialogs.outcome_dialog import (
    BarrierChecks,
    barrier_choices,
    hint_label,
    left_aligned,
)
from communitydesk.ui.dialogs.program_dialog import OptionalDate
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.person_picker import PersonPicker
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.service_picker import (
    SHOWN,
    Choice,
    SearchPicker,
    ServicePicker,
    service_label,
)


class HouseholdPicker(SearchPicker):
    """Households whose names hold every word typed."""

    def __init__(self, households: HouseholdService, tasks: TaskRunner) -> None:
        self._households = households
        super().__init__(tasks, _("Household: type its name"))

    def search_step(self, text: str) -> Callable[[], list[Choice]]:
        households = self._households

        def search() -> list[Choice]:
            return [
                (
                    _("{name} ({contact})").format(name=row.name, contact=row.main_contact)
                    if row.main_contact
                    else row.name,
                    row.uid,
                )
                for row in households.list(text, limit=SHOWN)
            ]

        return search


@dataclass(frozen=True)
class _Loaded:
    barriers: LookupList
    record: ReferralRecord | None
    person: tuple[str, str] | None  # (uid, name) of the person the form opens on
    service: ServiceRecord | None


def contact_label(contact: ContactPersonInput) -> str:
    if contact.title:
        return _("{name} ({title})").format(name=contact.name, title=contact.title)
    return contact.name


class ReferralDialog(SavingDialog):
    """A new referral (no `referral_uid`), opened on a person or a service when given, or an
    existing one. `saved` holds the referral as saved, `record` the one opened (None for new)."""

    def __init__(
        self,
        referrals: ReferralLog,
        directory: ServiceDirectory,
        people: PeopleService,
        households: HouseholdService,
        lookups: LookupService,
        tasks: TaskRunner,
        referral_uid: str = "",
        person_uid: str = "",
        service_uid: str = "",
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._referrals = referrals
        self._directory = directory
        self._uid = referral_uid
        self._today = today or date.today()
        self._follow_up_touched = False
        self._referrer_typed = ""  # a name put in the referrer box: chosen once searched
        self.record: ReferralRecord | None = None
        self.saved: ReferralRecord | None = None
        self.loading: Task | None = None
        self.service_loading: Task | None = None
        self.setWindowTitle(_("Referral") if referral_uid else _("New referral"))
        self.setMinimumWidth(720)

        # --- who ---
        self.for_person = QRadioButton(_("A person"))
        self.for_household = QRadioButton(_("A whole household"))
        self.for_person.setChecked(True)
        who_kind = QButtonGroup(self)
        who_kind.addButton(self.for_person)
        who_kind.addButton(self.for_household)
        self.person = PersonPicker(people, _("Person: type a name"))
        self.household = HouseholdPicker(households, tasks)
        self.who_stack = QStackedWidget()
        self.who_stack.addWidget(self.person)
        self.who_stack.addWidget(self.household)
        self.for_household.toggled.connect(self._who_kind_changed)
        who = QWidget()
        who_layout = QVBoxLayout(who)
        who_layout.setContentsMargins(0, 0, 0, 0)
        kinds = QHBoxLayout()
        kinds.addWidget(self.for_person)
        kinds.addWidget(self.for_household)
        kinds.addStretch(1)
        who_layout.addLayout(kinds)
        who_layout.addWidget(self.who_stack)
        who.setFocusProxy(self.person.search)
        self._who = who

        # --- where to ---
        self.service = ServicePicker(directory, tasks)
        self.service.chosen.connect(self._service_chosen)
        self.contact = QComboBox()
        self.contact.setMinimumContentsLength(18)
        self._fill_contacts(None)

        # --- the referral ---
        self.referred_on = date_edit(self._today)
        self.referred_on.setMaximumDate(qdate(self._today))
        self.reason = QLineEdit()
        self.reason.setMaxLength(TEXT_LIMIT)
        self.reason.setPlaceholderText(_("e.g. looking for a family doctor; French classes"))
        reason = QWidget()
        reason_layout = QVBoxLayout(reason)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.setSpacing(2)
        reason_layout.addWidget(self.reason)
        reason_layout.addWidget(
            hint_label(
                _(
                    "A few words on why. This is not a case note: write no health or "
                    "family-violence details."
                )
            )
        )
        reason.setFocusProxy(self.reason)
        self.referred_by = PersonPicker(
            people,
            _("Who referred: a volunteer's name"),
            none_label=_("Not on the roster: the name as typed"),
        )
        self.referred_by.found.connect(self._referrer_found)
        self.follow_up = OptionalDate(
            _("Follow up on"), default_follow_up(self._today), default_follow_up(self._today)
        )
        self.follow_up.setToolTip(_("Untick for no follow-up"))
        self.follow_up.check.setToolTip(_("Untick for no follow-up"))

        # --- what came of it (an existing referral) ---
        self.outcome = QComboBox()
        self.outcome.addItem(_("Not known yet"), "")
        for code, label in OUTCOMES.items():
            self.outcome.addItem(_(label), code)
        self.outcome_on = date_edit(self._today)
        self.outcome_on.setMaximumDate(qdate(self._today))
        self.outcome_note = QLineEdit()
        self.outcome_note.setMaxLength(TEXT_LIMIT)
        self.outcome_note.setPlaceholderText(_("A few words; not a case note"))
        self.barriers = BarrierChecks()

        for key, widget in (
            ("who", who),
            ("service", self.service),
            ("contact", self.contact),
            ("referred_on", left_aligned(self.referred_on)),
            ("reason", reason),
            ("referred_by", self.referred_by),
            ("follow_up_on", left_aligned(self.follow_up)),
            ("outcome", self.outcome),
            ("outcome_on", self.outcome_on),
            ("outcome_note", self.outcome_note),
        ):
            self.fields[key] = FieldWithError(widget)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Who"), self.fields["who"])
        form.addRow(_("Service"), self.fields["service"])
        form.addRow(_("Contact person"), self.fields["contact"])
        form.addRow(_("Date"), self.fields["referred_on"])
        form.addRow(_("Reason"), self.fields["reason"])
        form.addRow(_("Referred by"), self.fields["referred_by"])
        form.addRow(_("Follow-up"), self.fields["follow_up_on"])

        self.outcome_box = QGroupBox(_("What came of it"))
        outcome_form = QFormLayout()
        outcome_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outcome_row = QWidget()
        outcome_layout = QHBoxLayout(outcome_row)
        outcome_layout.setContentsMargins(0, 0, 0, 0)
        outcome_layout.addWidget(self.fields["outcome"], 1)
        outcome_layout.addWidget(self.fields["outcome_on"])
        outcome_form.addRow(_("Outcome"), outcome_row)
        outcome_form.addRow(_("Note"), self.fields["outcome_note"])
        self.fields["barriers"] = FieldWithError(self.barriers)
        outcome_form.addRow(_("Barriers met"), self.fields["barriers"])
        self.outcome_box.setLayout(outcome_form)
        self.outcome_box.setVisible(bool(referral_uid))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.referred_on.dateChanged.connect(self._referred_on_changed)
        self.follow_up.edit.dateChanged.connect(self._follow_up_changed)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._outcome_changed()
        self._load(people, lookups, person_uid, service_uid)

    # --- loading ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return (
            self.pending is not None
            or self.loading is not None
            or self.service_loading is not None
            or self.person.busy
            or self.household.busy
            or self.service.busy
            or self.referred_by.busy
        )

    def reject(self) -> None:
        for task in (self.loading, self.service_loading):
            if task is not None:  # only reading: nothing to wait for
                task.cancel()
        self.loading = self.service_loading = None
        super().reject()

    def _load(
        self, people: PeopleService, lookups: LookupService, person_uid: str, service_uid: str
    ) -> None:
        referrals, directory, uid = self._referrals, self._directory, self._uid
        language = current_language().code

        def load(_task: Task) -> _Loaded:
            record = referrals.get(uid) if uid else None
            service = record.service_uid if record else service_uid
            try:
                chosen = directory.service(service) if service else None
            except NotFoundError:  # in the Trash since: the referral still names it
                chosen = None
            person = None
            if person_uid and record is None:
                person = (person_uid, people.get(person_uid).display_name)
            return _Loaded(
                barriers=lookups.get_list("referral_barrier", language),
                record=record,
                person=person,
                service=chosen,
            )

        self.buttons.setEnabled(False)
        self.loading = self._tasks.run(load, self._loaded, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.loading = None
        report_problem(self, error)
        self.reject()

    def _loaded(self, loaded: _Loaded) -> None:
        self.loading = None
        self.buttons.setEnabled(True)
        record = self.record = loaded.record
        kept = record.barriers if record else ()
        self.barriers.set_choices(barrier_choices(loaded.barriers, kept), kept)
        if loaded.person is not None:
            uid, name = loaded.person
            self.person.choices.addItem(name, uid)
            self.person.choices.setCurrentIndex(self.person.choices.count() - 1)
        if record is not None:
            self._show_record(record, loaded.service)
        elif loaded.service is not None:
            service = loaded.service
            self.service.blockSignals(True)  # its contact people are read already
            self.service.set_choice(
                service_label(service.name, service.organization_name), service.uid
            )
            self.service.blockSignals(False)
            self._fill_contacts(service)
        if record is None:
            self._put_referrer(self._referrals.signed_in_name())
        # The first thing left to fill in.
        focus: QWidget = self.person.search
        if record is not None or (loaded.person is not None and loaded.service is not None):
            focus = self.reason
        elif loaded.person is not None:
            focus = self.service
        focus.setFocus()

    def _show_record(self, record: ReferralRecord, service: ServiceRecord | None) -> None:
        if record.person_uid:
            self.person.choices.addItem(record.person_name, record.person_uid)
            self.person.choices.setCurrentIndex(self.person.choices.count() - 1)
        else:
            self.for_household.setChecked(True)
            self.household.set_choice(record.household_name, record.household_uid)
        name = service_label(record.service_name, record.organization_name)
        if service is None:
            name = _("{name} (deleted)").format(name=name)
        self.service.blockSignals(True)
        self.service.set_choice(name, record.service_uid)
        self.service.blockSignals(False)
        self._fill_contacts(service, record)
        self.referred_on.setDate(qdate(record.referred_on))
        self.referred_on.setMaximumDate(qdate(max(record.referred_on, self._today)))
        self.reason.setText(record.reason)
        if record.referred_by_uid:
            self.referred_by.choices.addItem(record.referred_by_name, record.referred_by_uid)
            self.referred_by.choices.setCurrentIndex(self.referred_by.choices.count() - 1)
        else:
            self._put_referrer(record.referred_by)
        default = default_follow_up(record.referred_on)
        self.follow_up.edit.blockSignals(True)
        self.follow_up.edit.setDate(qdate(record.follow_up_on or default))
        self.follow_up.edit.blockSignals(False)
        self.follow_up.check.setChecked(record.follow_up_on is not None)
        self._follow_up_touched = record.follow_up_on not in (None, default)
        self.outcome.blockSignals(True)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(record.outcome)))
        self.outcome.blockSignals(False)
        if record.outcome_on is not None:
            self.outcome_on.setDate(qdate(record.outcome_on))
        self.outcome_note.setText(record.outcome_note)
        self._outcome_changed()

    def _who_kind_changed(self, household: bool) -> None:
        picker = self.household.search if household else self.person.search
        self.who_stack.setCurrentIndex(1 if household else 0)
        self._who.setFocusProxy(picker)  # a problem with "who" sends the cursor there
        picker.setFocus()

    def _put_referrer(self, name: str) -> None:
        """A name typed for the user: the roster person of exactly that name, if there is one,
        else the name as typed (never the first person whose name merely starts so)."""
        if name:
            self._referrer_typed = name
            self.referred_by.search.setText(name)

    def _referrer_found(self, _count: int) -> None:
        name, self._referrer_typed = fold(self._referrer_typed), ""
        choices = self.referred_by.choices
        if not name:
            if choices.currentIndex() < 0 and self.referred_by.search.text().strip():
                choices.setCurrentIndex(0)  # nobody of that name: the name as typed, said so
            return
        exact = [
            index
            for index in range(1, choices.count())
            if fold(choices.itemText(index)).split(" (")[0] == name
        ]
        choices.setCurrentIndex(exact[0] if len(exact) == 1 else 0)

    # --- the service and its contact people ------------------------------------------------------

    def _service_chosen(self, uid: str) -> None:
        if self.service_loading is not None:
            self.service_loading.cancel()
            self.service_loading = None
        if not uid:
            self._fill_contacts(None)
            return
        directory = self._directory

        def done(service: ServiceRecord) -> None:
            self.service_loading = None
            self._fill_contacts(service, self.record)

        def failed(error: BaseException) -> None:
            self.service_loading = None
            report_problem(self, error)

        self.service_loading = self._tasks.run(lambda _task: directory.service(uid), done, failed)

    def _fill_contacts(
        self, service: ServiceRecord | None, record: ReferralRecord | None = None
    ) -> None:
        """The service's own contact people, then its organization's; the one chosen stays."""
        chosen = str(self.contact.currentData() or "") or (record.contact_uid if record else "")
        self.contact.clear()
        self.contact.addItem(_("No one in particular"), "")
        for contact in service.all_contacts() if service else ():
            self.contact.addItem(contact_label(contact), contact.uid)
        if (
            record is not None
            and record.contact_uid
            and self.contact.findData(record.contact_uid) < 0
            and (service is None or service.uid == record.service_uid)
        ):
            self.contact.addItem(
                _("{name} (deleted)").format(name=record.contact_name), record.contact_uid
            )
        index = self.contact.findData(chosen) if chosen else -1
        if index < 0:
            # A referral works best as a call to a named person: a new one offers the first.
            index = 1 if record is None and self.contact.count() > 1 else 0
        self.contact.setCurrentIndex(index)
        self.contact.setEnabled(self.contact.count() > 1)

    # --- dates and outcome -----------------------------------------------------------------------

    def _referred_on_changed(self) -> None:
        # The follow-up follows the referral's date until the user sets it.
        if not self._follow_up_touched:
            self.follow_up.edit.blockSignals(True)
            self.follow_up.edit.setDate(qdate(default_follow_up(to_date(self.referred_on))))
            self.follow_up.edit.blockSignals(False)

    def _follow_up_changed(self) -> None:
        self._follow_up_touched = True

    def _outcome_changed(self) -> None:
        outcome = str(self.outcome.currentData() or "")
        self.outcome_on.setEnabled(bool(outcome))
        if self.loading is not None or not outcome:
            return
        # Waiting is followed up again; any other outcome closes the follow-up.
        self.follow_up.check.setChecked(outcome == "waiting")
        if outcome == "waiting" and not self._follow_up_touched:
            self.follow_up.edit.blockSignals(True)
            self.follow_up.edit.setDate(qdate(default_follow_up(to_date(self.outcome_on))))
            self.follow_up.edit.blockSignals(False)

    # --- saving ----------------------------------------------------------------------------------

    def referral_input(self) -> ReferralInput:
        household = self.for_household.isChecked()
        referrer = self.referred_by.uid()
        outcome = str(self.outcome.currentData() or "")
        return ReferralInput(
            service_uid=self.service.uid(),
            referred_on=to_date(self.referred_on),
            person_uid="" if household else self.person.uid(),
            household_uid=self.household.uid() if household else "",
            contact_uid=str(self.contact.currentData() or ""),
            reason=self.reason.text(),
            referred_by_uid=referrer,
            referred_by="" if referrer else self.referred_by.search.text(),
            follow_up_on=self.follow_up.value(),
            outcome=outcome,
            outcome_on=to_date(self.outcome_on) if outcome else None,
            outcome_note=self.outcome_note.text() if outcome else "",
            barriers=self.barriers.checked(),
        )

    def save_step(self) -> Callable[[], ReferralRecord]:
        if self.loading is not None:
            raise ValidationError("", _("The form is still being read. Try again."))
        entered, referrals, uid, today = (
            self.referral_input(),
            self._referrals,
            self._uid,
            self._today,
        )
        if uid:

            def update() -> ReferralRecord:
                referrals.update(uid, entered, today)
                return referrals.get(uid)

            return update
        return lambda: referrals.get(referrals.create(entered, today))

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, ReferralRecord)
        self.saved = result
