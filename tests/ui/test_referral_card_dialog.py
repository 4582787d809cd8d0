"""The referral card dialog: the family's language chosen for them, the card previewed as it
prints, saved, and a clear word when a language cannot be printed."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.services.people import PersonInput
from communitydesk.ui.dialogs.referral_card_dialog import ReferralCardDialog
from communitydesk.ui.tasks import TaskRunner

WHAT_TO_BRING = {
    "en": "Your lease and two pay stubs",
    "fr": "Votre bail et deux talons de paie",
    "ar": "عقد الإيجار وقسيمتا راتب",
    "ti": "ውዕል ገዛ",  # Ethiopic: the bundled fonts cannot print it
}


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _service(services: Services) -> str:
    organization = services.directory.save_organization(
        OrganizationInput(name="Comité logement Petite-Patrie")
    )
    return services.directory.save_service(
        ServiceInput(
            organization_uid=organization,
            name="Housing rights clinic",
            category="housing",
            what_to_bring=WHAT_TO_BRING,
            hours="Tue 13:00-19:00",
            location=LocationInput(address_1="6839 rue Drolet", city="Montréal", province="QC"),
            contacts=(ContactPersonInput(name="Lucie Gagnon", phone="514-555-0177"),),
        )
    )


def _person(services: Services, *languages: str) -> str:
    return services.people.create(
        PersonInput(given_name="Amina", family_name="Haddad", languages=languages)
    ).uid


def _text(path: Path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def _open(qtbot: QtBot, dialog: ReferralCardDialog) -> ReferralCardDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.card is not None and dialog.save_button.isEnabled())
    return dialog


def test_the_card_opens_in_the_persons_language_beside_the_windows(
    organized: Services, qtbot: QtBot, tasks: TaskRunner, tmp_path: Path
) -> None:
    dialog = _open(
        qtbot,
        ReferralCardDialog(
            organized.referral_cards, tasks, _service(organized), _person(organized, "ar", "fr")
        ),
    )

    assert dialog.family.currentData() == "ar"
    assert dialog.second.currentData() == "en"
    assert dialog.family.currentText() == "Arabic — العربية"
    text = _text(dialog.draft)
    assert "Housing rights clinic" in text and "Lucie Gagnon" in text
    assert "For: Amina Haddad" in text
    assert "عقد الإيجار" in text or "عقد الإيجار"[::-1] in text
    assert WHAT_TO_BRING["en"] in text
    assert dialog.notice.isHidden()

    first = dialog.draft
    dialog.family.setCurrentIndex(dialog.family.findData("fr"))
    qtbot.waitUntil(lambda: dialog.draft != first and dialog.save_button.isEnabled())
    assert not first.exists()  # the earlier draft is not left behind
    assert WHAT_TO_BRING["fr"] in _text(dialog.draft)
    assert dialog.card is not None and dialog.card.languages == ("fr", "en")

    target = tmp_path / "card.pdf"
    dialog.save_to(target)
    assert dialog.saved_to == target
    assert target.read_bytes() == dialog.draft.read_bytes()
    draft = dialog.draft
    dialog.reject()
    assert not draft.exists()


def test_a_language_that_cannot_be_printed_is_explained(
    organized: Services, qtbot: QtBot, tasks: TaskRunner
) -> None:
    dialog = _open(
        qtbot,
        ReferralCardDialog(
            organized.referral_cards, tasks, _service(organized), _person(organized, "ti")
        ),
    )

    assert dialog.family.currentData() == "ti"  # the service has its texts in Tigrinya
    assert dialog.notice.isVisible()
    assert dialog.notice.text() == (
        "Tigrinya cannot be printed with the app's fonts: the card is in English and French "
        "instead."
    )
    text = _text(dialog.draft)
    assert WHAT_TO_BRING["en"] in text and WHAT_TO_BRING["fr"] in text
    assert WHAT_TO_BRING["ti"] not in text
    dialog.reject()


def test_a_card_without_a_person_is_in_the_windows_language(
    organized: Services, qtbot: QtBot, tasks: TaskRunner
) -> None:
    dialog = _open(qtbot, ReferralCardDialog(organized.referral_cards, tasks, _service(organized)))
    assert (dialog.family.currentData(), dialog.second.currentData()) == ("en", "fr")
    assert "For:" not in _text(dialog.draft)
    assert [dialog.family.itemData(i) for i in range(dialog.family.count())] == [
        "en",
        "fr",
        "ar",
        "ti",
    ]
    dialog.reject()
