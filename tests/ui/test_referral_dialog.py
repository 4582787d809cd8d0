"""The referral form: who, to which service and whom to ask for there, found by typing; the
follow-up a week after the referral; who referred; and, once known, what came of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import PersonInput
from communitydesk.services.referrals import ReferralFilter, ReferralInput
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate

D = TypeVar("D", bound=QDialog)
TODAY = date.today()


@dataclass(frozen=True)
class Seeded:
    """Two organizations, three services (the food bank with a named contact) and a family."""

    food_bank: str
    doctors: str
    jobs: str
    amina: str
    omar: str
    lan: str


def seed(services: Services) -> Seeded:
    directory = services.directory
    moisson = directory.save_organization(OrganizationInput(name="Moisson Sud"))
    clsc = directory.save_organization(
        OrganizationInput(name="CLSC Côte-des-Neiges"),
        contacts=(ContactPersonInput("Sophie Gagnon", title="Social worker"),),
    )
    food_bank = directory.save_service(
        ServiceInput(
            moisson,
            "Food bank",
            category="income",
            contacts=(ContactPersonInput("Marie Tremblay", title="Intake worker"),),
        )
    )
    doctors = directory.save_service(ServiceInput(clsc, "Family doctor list", category="health"))
    jobs = directory.save_service(
        ServiceInput(clsc, "Job search workshops", category="employment", verified_on=TODAY)
    )
    people = services.people

    def person(given: str, family: str, phone: str = "") -> str:
        return people.create(PersonInput(given, family, phone=phone)).uid

    return Seeded(
        food_bank=food_bank,
        doctors=doctors,
        jobs=jobs,
        amina=person("Amina", "Haddad", "6135550177"),
        omar=person("Omar", "Haddad"),
        lan=person("Lan", "Tran", "4385550199"),
    )


def refer(
    services: Services,
    service: str,
    person: str,
    days_ago: int,
    follow_up_in: int | None = 7,
    reason: str = "",
    referred_by: str = "",
) -> str:
    """A referral made `days_ago`, to follow up `follow_up_in` days after it (None: never)."""
    on = TODAY - timedelta(days=days_ago)
    follow_up = None if follow_up_in is None else on + timedelta(days=follow_up_in)
    return services.referrals.create(
        ReferralInput(
            service,
            on,
            person_uid=person,
            follow_up_on=follow_up,
            reason=reason,
            referred_by=referred_by,
        ),
        today=TODAY,
    )


def on_modal(kind: type[D], act: Callable[[D], None], tries: int = 250) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        if tries:
            QTimer.singleShot(20, lambda: on_modal(kind, act, tries - 1))
        return
    try:
        act(dialog)
    except BaseException:
        dialog.done(0)
        raise


def save(dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def pick(picker_search: object, qtbot: QtBot, text: str, busy: Callable[[], bool]) -> None:
    qtbot.keyClicks(picker_search, text)
    qtbot.waitUntil(lambda: not busy())


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def seeded(organized: Services) -> Seeded:
    return seed(organized)


def _dialog(
    services: Services,
    tasks: TaskRunner,
    qtbot: QtBot,
    referral_uid: str = "",
    person_uid: str = "",
    service_uid: str = "",
) -> ReferralDialog:
    dialog = ReferralDialog(
        services.referrals,
        services.directory,
        services.people,
        services.households,
        services.lookups,
        tasks,
        referral_uid=referral_uid,
        person_uid=person_uid,
        service_uid=service_uid,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def _saved(dialog: ReferralDialog, qtbot: QtBot) -> None:
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)


def test_a_referral_typed_in_is_followed_up_a_week_later(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    pick(dialog.person.search, qtbot, "amina", lambda: dialog.busy)
    assert dialog.person.choices.currentText() == "Amina Haddad"
    pick(dialog.service.search, qtbot, "moisson", lambda: dialog.busy)
    assert dialog.service.choices.currentText() == "Food bank — Moisson Sud"
    # The service's own contact person is offered first: a referral is a call to a person.
    assert dialog.contact.currentText() == "Marie Tremblay (Intake worker)"
    assert dialog.follow_up.value() == TODAY + timedelta(days=7)
    dialog.referred_on.setDate(qdate(TODAY - timedelta(days=10)))
    assert dialog.follow_up.value() == TODAY - timedelta(days=3)  # it follows the date
    qtbot.keyClicks(dialog.reason, "Groceries for the month")
    pick(dialog.referred_by.search, qtbot, "Zainab", lambda: dialog.busy)
    assert dialog.referred_by.choices.currentText() == "Not on the roster: the name as typed"
    _saved(dialog, qtbot)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    [saved] = organized.referrals.page(ReferralFilter())
    assert saved == dialog.saved
    assert (saved.person_name, saved.service_name, saved.contact_name) == (
        "Amina Haddad",
        "Food bank",
        "Marie Tremblay",
    )
    assert (saved.referred_on, saved.follow_up_on) == (
        TODAY - timedelta(days=10),
        TODAY - timedelta(days=3),
    )
    assert (saved.reason, saved.referred_by_name) == ("Groceries for the month", "Zainab")


def test_a_follow_up_set_by_hand_stays_and_can_be_left_out(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot, person_uid=seeded.lan, service_uid=seeded.jobs)
    assert dialog.person.choices.currentText() == "Lan Tran"
    assert dialog.service.choices.currentText() == "Job search workshops — CLSC Côte-des-Neiges"
    # The organization's contact for every service is offered for this one too.
    assert dialog.contact.currentText() == "Sophie Gagnon (Social worker)"
    assert dialog.focusWidget() is dialog.reason  # who and where are filled in: why, next
    dialog.follow_up.edit.setDate(qdate(TODAY + timedelta(days=14)))
    dialog.referred_on.setDate(qdate(TODAY - timedelta(days=1)))
    assert dialog.follow_up.value() == TODAY + timedelta(days=14)  # the user's date stays
    dialog.follow_up.check.click()
    assert dialog.follow_up.value() is None
    dialog.contact.setCurrentIndex(0)
    _saved(dialog, qtbot)

    [saved] = organized.referrals.page(ReferralFilter())
    assert (saved.follow_up_on, saved.contact_uid, saved.service_uid) == (None, "", seeded.jobs)


def test_a_household_can_be_referred(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    household = organized.households.create(HouseholdInput(name="Haddad family")).uid
    organized.households.add_member(household, seeded.amina, "main_contact")
    dialog = _dialog(organized, tasks, qtbot, service_uid=seeded.food_bank)
    assert dialog.focusWidget() is dialog.person.search  # opened from a service: who, first
    dialog.for_household.click()
    pick(dialog.household.search, qtbot, "hadd", lambda: dialog.busy)
    assert dialog.household.choices.currentText() == "Haddad family (Amina Haddad)"
    _saved(dialog, qtbot)
    [saved] = organized.referrals.page(ReferralFilter())
    assert (saved.who, saved.person_uid, saved.household_uid) == ("Haddad family", "", household)


def test_saying_nobody_shows_the_problem_next_to_who(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot, service_uid=seeded.food_bank)
    _saved(dialog, qtbot)
    assert dialog.isVisible()
    assert dialog.fields["who"].error.isVisibleTo(dialog)
    assert dialog.fields["who"].error.text() == "Say who was referred: a person or a household."
    assert organized.referrals.count(ReferralFilter()) == 0


def test_the_signed_in_volunteer_refers_by_default(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    fatima = organized.people.create(PersonInput("Fatima", "Ali")).uid
    organized.people.create(PersonInput("Fatima", "Ali-Hassan"))
    profile = organized.profiles.add("Fatima Ali", "leader")
    organized.profiles.sign_in(profile.uid)
    dialog = _dialog(organized, tasks, qtbot, person_uid=seeded.omar, service_uid=seeded.doctors)
    assert dialog.referred_by.search.text() == "Fatima Ali"
    assert dialog.referred_by.uid() == fatima  # the roster person of exactly that name
    _saved(dialog, qtbot)
    assert dialog.saved is not None
    assert (dialog.saved.referred_by_uid, dialog.saved.referred_by_name) == (fatima, "Fatima Ali")


def test_editing_records_the_outcome_and_barriers(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    uid = refer(organized, seeded.food_bank, seeded.amina, days_ago=9, referred_by="Zainab")
    dialog = _dialog(organized, tasks, qtbot, referral_uid=uid)
    assert dialog.windowTitle() == "Referral"
    assert dialog.outcome_box.isVisibleTo(dialog)
    assert dialog.person.choices.currentText() == "Amina Haddad"
    assert dialog.service.choices.currentText() == "Food bank — Moisson Sud"
    assert dialog.contact.currentText() == "No one in particular"  # as it was saved
    assert dialog.referred_by.search.text() == "Zainab"
    assert dialog.follow_up.value() == TODAY - timedelta(days=2)
    dialog.outcome.setCurrentIndex(dialog.outcome.findText("Did not go"))
    assert dialog.follow_up.value() is None  # nothing left to follow up
    dialog.barriers.boxes["transit"].click()
    dialog.barriers.boxes["childcare"].click()
    qtbot.keyClicks(dialog.outcome_note, "Too far by bus")
    _saved(dialog, qtbot)

    saved = organized.referrals.get(uid)
    assert (saved.outcome, saved.outcome_on, saved.follow_up_on) == ("did_not_go", TODAY, None)
    assert (saved.barriers, saved.outcome_note) == (("transit", "childcare"), "Too far by bus")
    assert dialog.record is not None and dialog.record.outcome == ""  # what it was, for undo
    assert organized.referrals.due_count(TODAY) == 0
