from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services, open_data_folder
from communitydesk.ui import app as app_module
from communitydesk.ui.dialogs.passphrase import PassphraseDialog

PASSPHRASE = "our cedar tree 1987"


def test_the_app_asks_until_the_passphrase_is_right(
    sample: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = sample.paths
    sample.close()
    open_data_folder(paths).maintenance.encrypt(PASSPHRASE)
    from communitydesk.db.engine import forget_key

    forget_key()
    asked: list[str] = []
    answers = iter(["our cedar tree 1988", PASSPHRASE])

    def ask(problem: str = "") -> str | None:
        asked.append(problem)
        return next(answers)

    monkeypatch.setattr(PassphraseDialog, "ask", staticmethod(ask))
    services = app_module._open(paths, "en")
    assert services is not None
    assert asked[0] == ""
    assert asked[1].startswith("That passphrase (or recovery key) does not open this data.")
    assert services.dashboard.summary().people > 0
    services.close()

    forget_key()
    monkeypatch.setattr(PassphraseDialog, "ask", staticmethod(lambda problem="": None))
    assert app_module._open(paths, "en") is None  # cancelled: nothing opened


def test_the_dialog_hides_what_is_typed(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("That passphrase does not open this data.")
    qtbot.addWidget(dialog)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    assert dialog.error.text() == "That passphrase does not open this data."
