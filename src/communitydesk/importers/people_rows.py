"""Spreadsheet rows to people: each usable row becomes a record, each other one a reason and the
cell it is about (its row number as the spreadsheet shows it, and its column's header)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

from communitydesk.core.i18n import _
from communitydesk.importers.dates import DateError, parse_date, parse_year
from communitydesk.importers.mapping import fold
from communitydesk.importers.table import Table

LONGEST_CELL: Final = 2000
ROLE_WORDS: Final = {
    "main_contact": ("main contact", "head", "contact principal", "chef de famille", "main"),
    "spouse": ("spouse", "partner", "wife", "husband", "conjoint", "conjointe", "epoux", "epouse"),
    "child": ("child", "son", "daughter", "enfant", "fils", "fille", "kid"),
    "grandparent": (
        "grandparent",
        "grandmother",
        "grandfather",
        "grand-parent",
        "grand-mere",
        "grand-pere",
    ),
}


@dataclass(frozen=True)
class CellProblem:
    row: int  # as the spreadsheet numbers it: the headers are row 1
    column: str
    reason: str


@dataclass(frozen=True)
class PersonRecord:
    row: int
    given_name: str
    family_name: str = ""
    latin_name: str = ""
    preferred_name: str = ""
    phone: str = ""
    other_phone: str = ""
    email: str = ""
    address: str = ""
    birth_year: int | None = None
    age_band: str = ""
    gender: str = ""
    languages: tuple[str, ...] = ()
    country_of_origin: str = ""
    arrival_year: int | None = None
    community: str = ""
    notes: str = ""
    household: str = ""
    household_role: str = ""
    household_address: str = ""
    household_phone: str = ""
    membership: str = ""  # the name of a kind of membership
    member_since: date | None = None


@dataclass(frozen=True)
class ParsedRows:
    people: tuple[PersonRecord, ...]
    rejected: tuple[CellProblem, ...] = field(default=())


@functools.lru_cache(maxsize=1)
def language_codes() -> dict[str, str]:
    """Language names in English, French and Arabic, and the codes themselves -> code."""
    from babel import Locale

    found: dict[str, str] = {}
    for locale in ("ar", "fr", "en"):  # English last: its names win where they collide
        for code, name in Locale.parse(locale).languages.items():
            if "_" not in code and len(code) <= 3:
                found[fold(name)] = code
                found[fold(code)] = code
    return found


@functools.lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """Country names in English, French and Arabic, and the two-letter codes themselves -> code."""
    from babel import Locale

    found: dict[str, str] = {}
    for locale in ("ar", "fr", "en"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                found[fold(name)] = code
                found[fold(code)] = code
    return found


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """The same few language and country names come back on every row."""
    return fold(text)


def _split(text: str) -> list[str]:
    for separator in (";", "/", "|", " and ", " et "):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _role(text: str) -> str:
    key = fold(text)
    if not key:
        return ""
    for role, words in ROLE_WORDS.items():
        if key == fold(role) or key in (fold(w) for w in words):
            return role
    return "other"


def parse_people(
    table: Table, mapping: dict[int, str], day_first: bool | None = None
) -> ParsedRows:
    people: list[PersonRecord] = []
    rejected: list[CellProblem] = []
    languages, countries = language_codes(), country_codes()
    for offset, cells in enumerate(table.rows):
        row = offset + 2  # the headers are row 1
        values = {
            f: cells[i].strip() for i, f in mapping.items() if i < len(cells) and cells[i].strip()
        }
        headers = {f: table.headers[i] for i, f in mapping.items()}
        problem = None
        for name, value in values.items():
            if len(value) > LONGEST_CELL:
                problem = CellProblem(
                    row,
                    headers[name],
                    _("The cell holds over {count} characters.").format(count=LONGEST_CELL),
                )
                break
        if problem is None:
            try:
                people.append(_person(row, values, headers, languages, countries, day_first))
                continue
            except _Rejected as error:
                problem = error.problem
        rejected.append(problem)
    return ParsedRows(tuple(people), tuple(rejected))


class _Rejected(Exception):  # noqa: N818 (carries a CellProblem, not an error of ours)
    def __init__(self, problem: CellProblem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


def _person(
    row: int,
    values: dict[str, str],
    headers: dict[str, str],
    languages: dict[str, str],
    countries: dict[str, str],
    day_first: bool | None,
) -> PersonRecord:
    def reject(name: str, reason: str) -> _Rejected:
        return _Rejected(CellProblem(row, headers.get(name, ""), reason))

    given, family = values.get("given_name", ""), values.get("family_name", "")
    if not given and values.get("full_name"):
        words = values["full_name"].split()
        given, family = " ".join(words[:-1]) or words[0], words[-1] if len(words) > 1 else ""
    if not given:
        if family:
            given, family = family, ""
        else:
            raise reject(
                "given_name" if "given_name" in headers else "full_name", _("The name is empty.")
            )
    text = values.get
    record = PersonRecord(
        row=row,
        given_name=given,
        family_name=family,
        latin_name=text("latin_name", ""),
        preferred_name=text("preferred_name", ""),
        phone=text("phone", ""),
        other_phone=text("other_phone", ""),
        email=text("email", ""),
        address=text("address", ""),
        age_band=text("age_band", ""),
        gender=text("gender", ""),
        community=text("community", ""),
        notes=text("notes", ""),
        household=text("household", ""),
        household_address=text("household_address", ""),
        household_phone=text("household_phone", ""),
        membership=text("membership", ""),
    )
    if "member_since" in values:
        try:
            record = replace(record, member_since=parse_date(values["member_since"], day_first))
        except DateError as error:
            raise reject("member_since", str(error)) from error
    if "birth" in values:
        try:
            record = replace(record, birth_year=parse_year(values["birth"], day_first))
        except DateError as error:
            raise reject("birth", str(error)) from error
    if "arrival_year" in values:
        try:
            record = replace(record, arrival_year=parse_year(values["arrival_year"], day_first))
        except DateError as error:
            raise reject("arrival_year", str(error)) from error
    if "languages" in values:
        codes = []
        for name in _split(values["languages"]):
            code = languages.get(_folded(name))
            if code is None:
                raise reject("languages", _("Unknown language “{name}”.").format(name=name))
            codes.append(code)
        record = replace(record, languages=tuple(dict.fromkeys(codes)))
    if "country_of_origin" in values:
        code = countries.get(_folded(values["country_of_origin"]))
        if code is None:
            raise reject(
                "country_of_origin",
                _("Unknown country “{name}”.").format(name=values["country_of_origin"]),
            )
        record = replace(record, country_of_origin=code)
    if "household_role" in values:
        record = replace(record, household_role=_role(values["household_role"]))
    return record
