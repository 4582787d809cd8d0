"""Referral cards: one service, written for a family in their language and in English or French.

The card's labels come from the message catalogs of each language (not the window's), and the
service's own texts (description, eligibility, what to bring) from the language they were written
in. A language whose letters the bundled fonts cannot draw (Tigrinya, Chinese ...) would print
as empty boxes: the card then falls back to English and French and says so.

Nothing about the person is printed but their name, and only when a card is made for them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final
from urllib.parse import quote_plus

from communitydesk.core.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    embedded,
    language_name,
    second_language_for,
    translated_in,
)
from communitydesk.db.session import Database
from communitydesk.reports.pdf import drawable
from communitydesk.reports.referral_card import CardField, CardSide, ReferralCard, write_card
from communitydesk.services.directory import (
    ContactPersonInput,
    OrganizationRecord,
    ServiceDirectory,
    ServiceRecord,
    text_in,
)
from communitydesk.services.people import display_name, find_person

OFFICIAL: Final = ("en", "fr")
# A Google Maps search link: it opens the maps app on Android and iPhone alike (a geo: link does
# not on an iPhone), and in a browser anywhere else. Only the service's address is in it.
MAPS_SEARCH: Final = "https://www.google.com/maps/search/?api=1&query="
MOST_CONTACTS: Final = 3
_SPLIT_CODE = re.compile(r"[_.\-@]")


def language_code(code: str) -> str:
    """'fr_CA' or 'FR' -> 'fr'; the code as stored in the directory's texts."""
    return _SPLIT_CODE.split(code.strip().lower())[0] if code.strip() else ""


def default_second_language(family: str, window: str) -> str:
    """English or French beside the family's language: the window's, when it is one of them
    (the volunteer's and most likely the service's), else English; never the family's own."""
    second = window if window in OFFICIAL else second_language_for(window)
    if second == family:
        return "fr" if second == "en" else "en"
    return second


def chrome(code: str) -> str:
    """The language of a column's labels, dates and language names: its own when the app
    has a catalog for it, English otherwise."""
    return code if code in LANGUAGES else "en"


@functools.lru_cache(maxsize=256)
def _locale_facts(code: str) -> tuple[str, bool]:
    """The language's name in itself, and whether it is written from the right."""
    from babel import Locale, UnknownLocaleError

    if code in LANGUAGES:
        return LANGUAGES[code].native_name, LANGUAGES[code].right_to_left
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code, False
    name = str(locale.get_display_name(code) or code)
    return name[:1].upper() + name[1:], locale.character_order == "right-to-left"


def own_name(code: str) -> str:
    return _locale_facts(code)[0]


@functools.lru_cache(maxsize=4096)
def date_in(day: date, code: str) -> str:
    """A date as `code` writes it in full ("June 1, 2026", "1 juin 2026")."""
    from babel.dates import format_date

    return str(format_date(day, "long", locale=LANGUAGES[chrome(code)].babel_locale))


@functools.lru_cache(maxsize=1024)
def _name_in(language: str, locale: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language).get_display_name(locale) or language)
    except (ValueError, UnknownLocaleError):
        return language


@functools.lru_cache(maxsize=1024)
def language_names_in(codes: tuple[str, ...], code: str) -> str:
    """Language codes as a list in `code`: "English, French and Arabic"."""
    from babel.lists import format_list

    locale = LANGUAGES[chrome(code)].babel_locale
    names = [_name_in(each, locale) for each in codes]
    return str(format_list(names, locale=locale)) if names else ""


def tel_link(phone: str) -> str:
    """'(514) 555-0101 poste 3' -> 'tel:+15145550101': a phone dials it when scanned."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, "CA")
    except phonenumbers.NumberParseException:
        digits = re.sub(r"[^\d+]", "", re.split(r"[A-Za-z]", phone)[0])
        return f"tel:{digits}" if digits else ""
    return f"tel:{phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)}"


def qr_content(record: ServiceRecord, organization_phone: str = "") -> str:
    """A maps link to the address, or without one, a tel: link to the phone to call."""
    address = record.location.one_line()
    if address:
        return MAPS_SEARCH + quote_plus(" ".join(address.split()))
    contact_phones = [c.phone for c in record.all_contacts() if c.phone]
    phone = record.phone or (contact_phones[0] if contact_phones else "") or organization_phone
    return tel_link(phone) if phone else ""


@dataclass(frozen=True)
class CardLanguages:
    """What the card dialog offers: the family's language and the second one."""

    choices: tuple[str, ...]  # languages the card can be written in for this service
    family: str
    second: str


class ReferralCardService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._directory = ServiceDirectory(db)

    # --- languages -----------------------------------------------------------------------------

    def _person(self, person_uid: str) -> tuple[str, str, tuple[str, ...]]:
        """The person's name, its Latin spelling and their languages: nothing more is read."""
        with self._db.reading() as session:
            row = find_person(session, person_uid, include_trash=True)
            return (
                display_name(row.given_name, row.family_name),
                row.latin_name,
                tuple(language_code(code) for code in row.languages or ()),
            )

    @staticmethod
    def _written_in(record: ServiceRecord | None) -> set[str]:
        if record is None:
            return set()
        texts = (record.description, record.eligibility, record.what_to_bring)
        return {language_code(code) for t in texts for code, text in t.items() if text.strip()}

    def family_language(self, person_uid: str, service_uid: str = "") -> str:
        """The first of the person's languages a card can be written in (one the app has a
        catalog for, or one the service has texts in); the window's language otherwise."""
        window = current_language().code
        if not person_uid:
            return window
        record = self._directory.service(service_uid) if service_uid else None
        return self._family_language(self._person(person_uid)[2], record, window)

    def _family_language(
        self, spoken: tuple[str, ...], record: ServiceRecord | None, window: str
    ) -> str:
        usable = set(LANGUAGES) | self._written_in(record)
        return next((code for code in spoken if code in usable), window)

    def languages(self, service_uid: str, person_uid: str = "") -> CardLanguages:
        """The choices of the card dialog, with the person's language chosen."""
        record = self._directory.service(service_uid)
        window = current_language().code
        spoken = self._person(person_uid)[2] if person_uid else ()
        family = self._family_language(spoken, record, window) if person_uid else window
        choices = [*LANGUAGES]
        choices += sorted(self._written_in(record) - set(choices))
        if family not in choices:
            choices.append(family)
        return CardLanguages(tuple(choices), family, default_second_language(family, window))

    # --- the card ------------------------------------------------------------------------------

    def card(
        self,
        service_uid: str,
        person_uid: str = "",
        language: str = "",
        second_language: str = "",
    ) -> ReferralCard:
        """The card's content; `language` defaults to the person's, `second_language` to
        English or French (see default_second_language)."""
        record = self._directory.service(service_uid)
        organization = self._directory.organization(record.organization_uid)
        window = current_language().code
        name, latin, spoken = self._person(person_uid) if person_uid else ("", "", ())
        family = language_code(language) or self._family_language(spoken, record, window)
        second = language_code(second_language) or default_second_language(family, window)

        notes = []
        shown = name
        if name and not drawable(name):
            # The Latin spelling kept for sorting is the next best thing to empty boxes.
            shown = latin if latin and drawable(latin) else ""
            if not shown:
                notes.append(
                    _(
                        "The name {name} cannot be printed with the app's fonts: write it on "
                        "the card by hand."
                    ).format(name=embedded(name))
                )

        missing: list[str] = []
        sides = []
        for code in dict.fromkeys((family, second)):
            side = self._side(record, organization, code, shown)
            if drawable(side.text()):
                sides.append(side)
            else:
                missing.append(code)
        if missing:
            # English and French stand in, never the same language twice, never no language.
            for code in OFFICIAL:
                if len(sides) < 2 and code not in [side.language for side in sides]:
                    sides.append(self._side(record, organization, code, shown))
            notes.insert(0, self._notice(missing, sides))
        return ReferralCard(
            title=_("Referral card: {service}").format(service=record.name),
            service=record.name,
            organization=record.organization_name,
            qr=qr_content(record, organization.phone),
            sides=tuple(sides),
            notice=" ".join(notes),
            languages=tuple(side.language for side in sides),
        )

    def write(
        self,
        service_uid: str,
        target: Path,
        person_uid: str = "",
        language: str = "",
        second_language: str = "",
    ) -> Path:
        card = self.card(service_uid, person_uid, language, second_language)
        return write_card(card, target)

    @staticmethod
    def _notice(missing: list[str], sides: list[CardSide]) -> str:
        printed = [language_name(side.language) for side in sides]
        if len(printed) == 1:
            return _(
                "{language} cannot be printed with the app's fonts: the card is in {first} only."
            ).format(language=language_name(missing[0]), first=printed[0])
        return _(
            "{language} cannot be printed with the app's fonts: the card is in {first} and "
            "{second} instead."
        ).format(language=language_name(missing[0]), first=printed[0], second=printed[1])

    # --- one language's side -------------------------------------------------------------------

    @staticmethod
    def _side(
        record: ServiceRecord, organization: OrganizationRecord, code: str, name: str
    ) -> CardSide:
        heading, rtl = _locale_facts(code)

        def t(message: str) -> str:
            return translated_in(chrome(code), message)

        def value(text: str) -> str:
            # Phone numbers, hours and Latin names keep their own order in a right-to-left
            # column: without this "(514) 555-0101" prints as "555-0101 (514)".
            text = text.strip()
            if not rtl or not text:
                return text
            return "\n".join(embedded(line) if line else line for line in text.split(N_("\n")))

        fields: list[CardField] = []

        def add(label: str, text: str, whole: bool = False) -> None:
            if text.strip():
                fields.append(CardField(t(label), value(text), whole))

        add(
            N_("Ask for"),
            "\n".join(_contact_lines(record.contacts or record.organization_contacts)),
            whole=True,
        )
        add(N_("Phone"), record.phone or organization.phone, whole=True)
        add(N_("E-mail"), record.email or organization.email)
        add(
            N_("Address"),
            "\n".join(p for p in (record.location.name, *record.location.address_lines()) if p),
            whole=True,
        )
        add(N_("Transit"), record.location.transit)
        add(N_("Hours"), "\n".join(p for p in (record.hours, _open_when(record, t)) if p))
        add(N_("What to bring"), text_in(record.what_to_bring, code))
        add(N_("Who it is for"), text_in(record.eligibility, code))
        add(N_("Cost"), record.cost)
        add(N_("Languages"), language_names_in(record.languages, code))
        add(N_("How to refer"), record.how_to_refer)
        add(N_("Website"), record.website or organization.website)

        statements = []
        if record.in_french:
            statements.append(t(N_("Service in French")))
        if record.regardless_of_status:
            statements.append(t(N_("Served regardless of immigration status")))
        if record.childcare:
            statements.append(t(N_("Childcare on site")))
        if record.location.wheelchair_accessible:
            statements.append(t(N_("Wheelchair accessible")))

        checked = (
            t(N_("Information checked on {date}")).format(
                date=embedded(date_in(record.verified_on, code))
            )
            if record.verified_on
            else t(N_("Information not checked yet"))
        )
        return CardSide(
            language=code,
            heading=heading,
            right_to_left=rtl,
            for_line=t(N_("For: {name}")).format(name=embedded(name)) if name else "",
            description=text_in(record.description, code),
            fields=tuple(fields),
            statements=tuple(statements),
            checked=checked,
            qr_caption=t(N_("Scan for directions"))
            if record.location.one_line()
            else t(N_("Scan to call")),
        )


def _contact_lines(contacts: tuple[ContactPersonInput, ...]) -> list[str]:
    out = []
    for contact in contacts[:MOST_CONTACTS]:
        out.append(", ".join(p for p in (contact.name, contact.title) if p))
        reach = " · ".join(p for p in (contact.phone, contact.email) if p)
        if reach:
            out.append(reach)
    return out


def _open_when(record: ServiceRecord, t: Callable[[str], str]) -> str:
    if record.open_evenings and record.open_weekends:
        return t(N_("Open evenings and weekends"))
    if record.open_evenings:
        return t(N_("Open evenings"))
    if record.open_weekends:
        return t(N_("Open weekends"))
    return ""
