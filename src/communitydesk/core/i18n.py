"""Languages: message catalogs and locale-aware formatting.

Import `_` and `ngettext` from here (never from builtins). Strings defined at import time are
marked with `N_` and translated where they are shown, so a language switch reaches them.
Dates, numbers and money always go through Babel in the chosen language.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Final

from communitydesk.core.paths import locale_dir
from communitydesk.core.text import fold

DOMAIN: Final = "communitydesk"
DEFAULT_LANGUAGE: Final = "en"
PSEUDO_LANGUAGE: Final = "xx"


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str  # shown as the language calls itself, so anyone can find their own
    babel_locale: str
    right_to_left: bool = False


LANGUAGES: Final[dict[str, Language]] = {
    "en": Language("en", "English", "en_CA"),
    "fr": Language("fr", "Français", "fr_CA"),
    "ar": Language("ar", "العربية", "ar", right_to_left=True),
}
# Stretches every string by about 40% to find clipped layouts; not offered in the menus.
_PSEUDO = Language(PSEUDO_LANGUAGE, "Pseudo (stretched)", "en_CA")

_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z%]|&(?=\w))")


class PseudoTranslations(gettext.NullTranslations):
    """English, stretched and bracketed, keeping placeholders and mnemonics intact."""

    _ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "àéîõüÀÉÎÕÜçñýÇÑÝ")

    def _stretch(self, message: str) -> str:
        parts = _PLACEHOLDER.split(message)
        out = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(self._ACCENTS) for p in parts)
        padding = "~" * max(2, len(message) * 2 // 5)
        return f"[{out}{padding}]"

    def gettext(self, message: str) -> str:
        return self._stretch(message) if message else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._stretch(msgid1 if n == 1 else msgid2)


_state: dict[str, object] = {
    "language": LANGUAGES[DEFAULT_LANGUAGE],
    "translations": gettext.NullTranslations(),
}


def available_languages() -> list[Language]:
    return list(LANGUAGES.values())


def parse_language(code: str | None) -> str | None:
    """'fr_CA', 'fr-CA.UTF-8' or 'FR' -> 'fr'; None for a language we do not have."""
    if not code:
        return None
    short = re.split(r"[_.\-@]", code.strip().lower())[0]
    return short if short == PSEUDO_LANGUAGE or short in LANGUAGES else None


def normalize_language(code: str | None) -> str:
    """Like parse_language, falling back to English."""
    return parse_language(code) or DEFAULT_LANGUAGE


def set_language(code: str) -> Language:
    code = normalize_language(code)
    translations: gettext.NullTranslations
    if code == PSEUDO_LANGUAGE:
        language, translations = _PSEUDO, PseudoTranslations()
    else:
        language = LANGUAGES[code]
        translations = gettext.translation(
            DOMAIN, localedir=locale_dir(), languages=[code], fallback=True
        )
    _state["language"] = language
    _state["translations"] = translations
    return language


def current_language() -> Language:
    language = _state["language"]
    assert isinstance(language, Language)
    return language


def is_right_to_left() -> bool:
    return current_language().right_to_left


def _translations() -> gettext.NullTranslations:
    translations = _state["translations"]
    assert isinstance(translations, gettext.NullTranslations)
    return translations


def _(message: str) -> str:
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations().ngettext(singular, plural, n)


def translated_in(code: str, message: str) -> str:
    """`message` in another language than the window's (a bilingual heading on a printout)."""
    code = normalize_language(code)
    if code == current_language().code:
        return _(message)
    translations = gettext.translation(
        DOMAIN, localedir=locale_dir(), languages=[code], fallback=True
    )
    return translations.gettext(message)


def second_language_for(window_language: str) -> str:
    """The other language of bilingual headings on a printout: French for an English window,
    English otherwise (the two official languages of the groups' funders)."""
    return "fr" if window_language == "en" else "en"


def bilingual(message: str, **values: object) -> str:
    """A heading in the window's language with, on a second line, the same in the other
    language of printouts; one line when both read the same ("Budget")."""
    first = _(message).format(**values) if values else _(message)
    other = translated_in(second_language_for(current_language().code), message)
    other = other.format(**values) if values else other
    return first if other == first else f"{first}\n{embedded(other)}"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a string for extraction without translating it yet."""
    return message


# --- Formatting -------------------------------------------------------------------------------


def _locale() -> str:
    return current_language().babel_locale


def format_date(value: date, style: str = "medium") -> str:
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, format=style, locale=_locale()))


def format_time(value: time) -> str:
    """A time of day as the window's language writes it ('2:00 p.m.', '14 h 00')."""
    from babel.dates import format_time as babel_format_time

    return str(babel_format_time(value, "short", locale=_locale()))


def format_datetime(value: datetime, style: str = "medium") -> str:
    """Show a UTC instant in the machine's local time zone."""
    from babel.dates import format_datetime as babel_format_datetime

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone()
    return str(babel_format_datetime(local, format=style, tzinfo=local.tzinfo, locale=_locale()))


def format_number(value: int | Decimal) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_locale()))


def format_amount(cents: int) -> str:
    """Cents as an amount to edit, without the currency: 250050 -> "2,500.50" ("2 500,50")."""
    from babel.numbers import format_decimal

    return str(format_decimal(Decimal(cents) / 100, format="#,##0.00", locale=_locale()))


def format_money(cents: int, currency: str) -> str:
    """Integer cents to a display amount, e.g. 123450 CAD -> '$1,234.50' / '1 234,50 $'."""
    if not isinstance(cents, int) or isinstance(cents, bool):
        raise TypeError("money is integer cents")
    from babel.numbers import format_currency

    return str(format_currency(Decimal(cents).scaleb(-2), currency, locale=_locale()))


def month_name(month: int) -> str:
    from babel.dates import get_month_names

    return str(get_month_names("wide", locale=_locale())[month])


def currency_name(code: str) -> str:
    from babel.numbers import get_currency_name

    return str(get_currency_name(code, locale=_locale()))


def language_name(code: str) -> str:
    """A language code ('so', 'fa') as its name in the current language ('Somali', 'persan')."""
    return _language_name(code, _locale())


@functools.lru_cache(maxsize=1024)
def _language_name(code: str, locale: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(locale)
    except (ValueError, UnknownLocaleError):
        return code
    return str(name) if name else code


def format_list(items: list[str]) -> str:
    """['Somali', 'Arabic', 'English'] -> 'Somali, Arabic and English'."""
    if not items:
        return ""
    from babel.lists import format_list as babel_format_list

    return str(babel_format_list(items, style="standard", locale=_locale()))


def isolate(text: str) -> str:
    """Keep a path, e-mail or code in its own direction inside a sentence of the other direction.

    Without this, '/home/ana/data' inside an Arabic sentence shows as 'home/ana/data/'.
    """
    return f"\u2068{text}\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def country_names() -> list[tuple[str, str]]:
    """(ISO code, name in the current language) for every country, sorted by name."""
    return list(_country_names(_locale()))


@functools.lru_cache(maxsize=8)
def _country_names(locale: str) -> tuple[tuple[str, str], ...]:
    from babel import Locale

    territories = Locale.parse(locale).territories
    countries = [
        (code, str(name))
        for code, name in territories.items()
        if len(code) == 2
        and code.isalpha()
        and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
    ]
    return tuple(sorted(countries, key=lambda pair: fold(pair[1])))


def left_to_right(text: str) -> str:
    """Phone numbers and codes read left to right in every language: '(613) 555-0144' stays so."""
    return f"\u2066{text}\u2069" if text else text  # LEFT-TO-RIGHT ISOLATE ... POP ISOLATE


def embedded(text: str) -> str:
    """A value of either direction set inside a sentence: Arabic keeps its own direction,
    anything else (a phone number, a Latin name, a date in digits) reads left to right."""
    import unicodedata

    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return isolate(text)
    return left_to_right(text)


_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))  # LRI, RLI, FSI, PDI


def without_isolates(text: str) -> str:
    """The text without the invisible direction marks above (for terminals and searching)."""
    return text.translate(_ISOLATES)
