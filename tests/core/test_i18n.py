from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.i18n import (
    _,
    format_date,
    format_money,
    format_number,
    is_right_to_left,
    ngettext,
    normalize_language,
    parse_language,
    set_language,
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "$1,234.50"), ("fr", "1\u00a0234,50\u00a0$"), ("ar", "1,234.50")],
)
def test_money_is_formatted_for_the_language(language: str, expected: str) -> None:
    set_language(language)
    assert expected in format_money(123450, "CAD")


def test_money_is_integer_cents_only() -> None:
    assert format_money(-5, "CAD") == "-$0.05"
    with pytest.raises(TypeError):
        format_money(12.5, "CAD")  # type: ignore[arg-type]


def test_dates_and_numbers_follow_the_language() -> None:
    day = date(2026, 11, 22)
    assert format_date(day, "long") == "November 22, 2026"
    set_language("fr")
    assert format_date(day, "long") == "22 novembre 2026"
    assert format_number(12345) == "12\u00a0345"
    set_language("ar")
    assert "نوفمبر" in format_date(day, "long")
    assert is_right_to_left()


def test_language_codes_from_the_system_are_understood() -> None:
    assert parse_language("fr_CA.UTF-8") == "fr"
    assert parse_language("AR") == "ar"
    assert parse_language("de_DE") is None
    assert normalize_language("de_DE") == "en"
    assert normalize_language(None) == "en"


def test_translations_reach_the_code() -> None:
    set_language("fr")
    assert _("Dashboard") == "Tableau de bord"
    set_language("ar")
    assert _("Settings") == "الإعدادات"
    set_language("en")
    assert _("Dashboard") == "Dashboard"


def test_pseudo_language_stretches_but_keeps_placeholders_and_mnemonics() -> None:
    set_language("xx")
    stretched = _("Backup written and verified: {path}")
    assert stretched.startswith("[") and stretched.endswith("]")
    assert "{path}" in stretched
    assert len(stretched) > len("Backup written and verified: {path}") * 1.3
    assert "&F" in _("&File")
    assert "{count}" in ngettext("{count} person", "{count} people", 3)


def test_language_names_in_the_current_language() -> None:
    from communitydesk.core.i18n import language_name

    assert language_name("so") == "Somali"
    set_language("fr")
    assert language_name("so") == "somali"
    set_language("ar")
    assert language_name("ar") == "العربية"
    assert language_name("not a code") == "not a code"


def test_lists_follow_the_language() -> None:
    from communitydesk.core.i18n import format_list

    assert format_list(["Somali", "Arabic", "English"]) == "Somali, Arabic and English"
    set_language("fr")
    assert format_list(["somali", "arabe"]) == "somali et arabe"
    set_language("ar")
    assert format_list(["الصومالية", "العربية"]) == "الصومالية والعربية"
    assert format_list([]) == ""
