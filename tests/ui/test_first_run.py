from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.ui.app import Session
from communitydesk.ui.dialogs.first_run import FirstRunDialog


def _dialog(services: Services, qapp: QApplication, qtbot: QtBot) -> FirstRunDialog:
    session = Session(qapp, services, "en")
    dialog = FirstRunDialog(services.organization, services.demo, session.change_language)
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog: FirstRunDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_creating_our_own_organization(
    services: Services, qapp: QApplication, qtbot: QtBot
) -> None:
    dialog = _dialog(services, qapp, qtbot)
    assert dialog.start_empty.isChecked()
    qtbot.keyClicks(dialog.form.name, "Vietnamese Seniors Circle")
    dialog.form.currency.setCurrentIndex(dialog.form.currency.findData("EUR"))
    dialog.form.fiscal_month.setCurrentIndex(0)
    _ok(dialog)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    profile = services.organization.require()
    assert profile.name == "Vietnamese Seniors Circle"
    assert profile.currency == "EUR"
    assert profile.fiscal_year_start_month == 1
    assert not profile.is_sample
    assert services.dashboard.summary().people == 0


def test_a_missing_name_is_shown_next_to_the_field(
    services: Services, qapp: QApplication, qtbot: QtBot
) -> None:
    dialog = _dialog(services, qapp, qtbot)
    dialog.show()
    _ok(dialog)
    error = dialog.form.fields["name"].error
    assert error.isVisible()
    assert error.text() == "The organization needs a name."
    assert dialog.isVisible()
    assert services.organization.get() is None


def test_starting_with_the_sample(services: Services, qapp: QApplication, qtbot: QtBot) -> None:
    dialog = _dialog(services, qapp, qtbot)
    dialog.start_sample.setChecked(True)
    assert dialog.form.name.text() == "Riverside Newcomer Families Association"
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.result() == FirstRunDialog.DialogCode.Accepted)
    profile = services.organization.require()
    assert profile.is_sample
    assert services.dashboard.summary().people == 300


def test_choosing_a_language_relabels_the_assistant(
    services: Services, qapp: QApplication, qtbot: QtBot
) -> None:
    dialog = _dialog(services, qapp, qtbot)
    qtbot.keyClicks(dialog.form.name, "Groupe des femmes")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.windowTitle() == "Bienvenue dans CommunityDesk"
    assert dialog.form.name.text() == "Groupe des femmes"  # what was typed is kept
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    assert dialog.isRightToLeft()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "إنشاء المنظمة"
