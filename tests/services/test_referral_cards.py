"""Referral cards: what a family takes to a service, in their language and in English or French."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
from pypdf import PdfReader

from communitydesk.core.i18n import set_language, translated_in
from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.services.people import PersonInput
from communitydesk.services.referral_cards import MAPS_SEARCH, default_second_language

WHAT_TO_BRING = {
    "en": "Health card if you have one and a list of your medicines",
    "fr": "Carte d'assurance maladie si vous en avez une et la liste de vos médicaments",
    "ar": "بطاقة التأمين الصحي إن وجدت وقائمة بأدويتك",
}
# Tigrinya, in the Ethiopic script that the bundled fonts do not have.
TIGRINYA = "ካርድ ጥዕና ሒዝኩም ምጹ"


def _service(services: Services, **changes: Any) -> str:
    organization = services.directory.save_organization(
        OrganizationInput(name="Clinique communautaire Pointe-Saint-Charles", phone="514-555-0101")
    )
    values: dict[str, Any] = {
        "organization_uid": organization,
        "name": "Walk-in clinic",
        "category": "health",
        "description": {"en": "Nurses without an appointment", "fr": "Soins sans rendez-vous"},
        "eligibility": {"en": "Anyone in the neighbourhood", "ar": "كل سكان الحي"},
        "what_to_bring": WHAT_TO_BRING,
        "languages": ("en", "fr", "ar"),
        "in_french": True,
        "hours": "Mon-Fri 8:00-20:00",
        "open_evenings": True,
        "regardless_of_status": True,
        "cost": "Free",
        "verified_on": date(2026, 6, 1),
        "location": LocationInput(
            address_1="500 av. Ash", city="Montréal", province="QC", transit="Bus 61"
        ),
        "contacts": (
            ContactPersonInput(name="Nadia Haddad", title="Intake nurse", phone="514-555-0144"),
        ),
    }
    values.update(changes)
    return services.directory.save_service(ServiceInput(**values))


def _person(services: Services, **changes: Any) -> str:
    values: dict[str, Any] = {
        "given_name": "Amina",
        "family_name": "Haddad",
        "languages": ("ar", "fr"),
        "phone": "438-555-0199",
        "address": "12 rue Secrète",
        "notes": "Arrived in March",
        "community": "Syrian",
    }
    values.update(changes)
    return services.people.create(PersonInput(**values)).uid


def _text(path: Path) -> str:
    # Arabic prints in its joined (presentation) forms; NFKC maps them back to letters.
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    # Lines joined: a long value wraps where the column ends.
    return " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())


def _has(text: str, words: str) -> bool:
    """pypdf gives right-to-left text in reading order or as drawn: accept either."""
    return words in text or words[::-1] in text


def test_an_english_and_french_card_holds_what_a_family_needs(
    organized: Services, tmp_path: Path
) -> None:
    uid = _service(organized)

    text = _text(organized.referral_cards.write(uid, tmp_path / "card.pdf", language="en"))

    for words in (
        "Walk-in clinic",
        "Clinique communautaire Pointe-Saint-Charles",
        "Nadia Haddad, Intake nurse",
        "514-555-0144",
        "514-555-0101",
        "500 av. Ash",
        "Montréal QC",
        "Bus 61",
        "Mon-Fri 8:00-20:00",
        "Free",
        WHAT_TO_BRING["en"],
        WHAT_TO_BRING["fr"],
        "Anyone in the neighbourhood",
    ):
        assert words in text
    # The labels of each column come from its own language's catalog.
    for message in ("Address", "Hours", "Phone", "Transit"):
        assert translated_in("en", message) in text
        assert translated_in("fr", message) in text
    assert "Adresse" in text and "Heures" in text
    assert text.count("Nadia Haddad") == 4  # both columns of both copies


def test_an_arabic_card_has_arabic_labels_and_texts_and_english_beside_them(
    organized: Services, tmp_path: Path
) -> None:
    uid = _service(organized)

    text = _text(
        organized.referral_cards.write(
            uid, tmp_path / "card.pdf", language="ar", second_language="en"
        )
    )

    for label in ("العنوان", "الهاتف", "الساعات"):
        assert _has(text, label)
    assert _has(text, "كل سكان الحي")
    assert _has(text, "وقائمة بأدويتك")
    assert WHAT_TO_BRING["en"] in text
    assert "Address" in text and "Hours" in text
    assert "514-555-0144" in text and "500 av. Ash" in text


def test_the_card_names_the_person_and_nothing_else_about_them(
    organized: Services, tmp_path: Path
) -> None:
    uid = _service(organized)
    person = _person(organized)

    card = organized.referral_cards.card(uid, person)
    text = _text(organized.referral_cards.write(uid, tmp_path / "card.pdf", person_uid=person))

    assert card.languages == ("ar", "en")  # the person's first language, then the window's
    assert "Amina Haddad" in text
    assert "For: Amina Haddad" in card.text()
    for private in ("438-555-0199", "Secrète", "Arrived in March", "Syrian"):
        assert private not in text
        assert private not in card.text()


def test_without_a_person_the_card_names_no_one(organized: Services) -> None:
    card = organized.referral_cards.card(_service(organized), language="fr")
    assert "For:" not in card.text()
    assert card.languages == ("fr", "en")


def test_the_qr_code_leads_to_the_address_or_else_to_the_phone(
    organized: Services, tmp_path: Path
) -> None:
    cards = organized.referral_cards
    with_address = _service(organized)
    without_address = _service(organized, name="Help line", location=LocationInput(), contacts=())

    assert cards.card(with_address).qr == MAPS_SEARCH + quote_plus("500 av. Ash, Montréal QC")
    # No address: the service's organization's phone, ready to dial.
    assert cards.card(without_address).qr == "tel:+15145550101"

    page = PdfReader(cards.write(with_address, tmp_path / "card.pdf")).pages[0]
    # The code is drawn as dark squares: hundreds of them for a link this long, on each copy.
    assert page.get_contents().get_data().count(b" re") > 400  # type: ignore[union-attr]


def test_the_family_language_is_the_first_one_a_card_can_be_written_in(
    organized: Services,
) -> None:
    uid = _service(organized, what_to_bring={**WHAT_TO_BRING, "so": "Kaarka caafimaadka"})
    cards = organized.referral_cards

    assert cards.family_language(_person(organized, languages=("ti", "ar"))) == "ar"
    somali = _person(organized, given_name="Hodan", languages=("so", "en"))
    assert cards.family_language(somali) == "en"  # no catalog for Somali
    assert cards.family_language(somali, uid) == "so"  # ... but the service wrote in it
    assert cards.family_language(_person(organized, given_name="Sami", languages=("ti",))) == "en"
    assert cards.languages(uid, somali).choices == ("en", "fr", "ar", "so")


def test_a_language_the_fonts_cannot_print_falls_back_to_english_and_french(
    organized: Services, tmp_path: Path
) -> None:
    uid = _service(organized, what_to_bring={**WHAT_TO_BRING, "ti": TIGRINYA})
    person = _person(organized, languages=("ti",))
    cards = organized.referral_cards

    card = cards.card(uid, person)
    text = _text(cards.write(uid, tmp_path / "card.pdf", person_uid=person))

    assert card.languages == ("en", "fr")
    assert card.notice == (
        "Tigrinya cannot be printed with the app's fonts: the card is in English and French "
        "instead."
    )
    assert TIGRINYA not in text
    assert WHAT_TO_BRING["en"] in text and WHAT_TO_BRING["fr"] in text


def test_a_name_the_fonts_cannot_print_uses_its_latin_spelling(organized: Services) -> None:
    uid = _service(organized)
    cards = organized.referral_cards

    spelled = _person(organized, given_name="ዮናስ", family_name="", latin_name="Yonas", languages=())
    assert "For: Yonas" in cards.card(uid, spelled, language="en").text()

    unspelled = _person(organized, given_name="ዮናስ", family_name="", languages=())
    card = cards.card(uid, unspelled, language="en")
    assert "For:" not in card.text()
    assert "write it on the card by hand" in card.notice
    assert card.languages == ("en", "fr")  # the name alone changes no language


def test_the_second_language_is_english_or_french() -> None:
    assert default_second_language("ar", "en") == "en"
    assert default_second_language("ar", "fr") == "fr"
    assert default_second_language("ar", "ar") == "en"
    assert default_second_language("fr", "fr") == "en"
    assert default_second_language("en", "en") == "fr"


def test_a_french_window_prints_french_beside_the_family_language(organized: Services) -> None:
    uid = _service(organized)
    set_language("fr")
    card = organized.referral_cards.card(uid, _person(organized))
    assert card.languages == ("ar", "fr")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_long_texts_are_cut_rather_than_run_off_the_card(
    organized: Services, tmp_path: Path, language: str
) -> None:
    long = " ".join(["Bring every paper you have about your housing and income."] * 60)
    uid = _service(
        organized,
        what_to_bring={"en": long, "fr": long, "ar": long},
        how_to_refer=long,
        eligibility={"en": long},
        contacts=tuple(
            ContactPersonInput(name=f"Person {i}", phone="514-555-0100", email="a@b.ca")
            for i in range(3)
        ),
    )
    page = PdfReader(organized.referral_cards.write(uid, tmp_path / "card.pdf", language=language))
    positions: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_rest: object) -> None:
        if text.strip():
            positions.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.pages[0].extract_text(visitor_text=visit)
    height = 792 / 2
    assert positions
    for x, y in positions:
        assert 12 <= x <= 612 - 12
        # Every line stays inside its copy's frame, clear of the cut between them.
        assert 12 < y % height < height - 12
