"""Columns guessed from English and French headers; rows to people, or a reason and a cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydesk.importers.dates import DateError, parse_date
from communitydesk.importers.mapping import guess_mapping, load_mapping, save_mapping
from communitydesk.importers.people_rows import CellProblem, parse_people
from communitydesk.importers.table import Table


def test_french_and_english_headers_are_recognized() -> None:
    headers = (
        "Prénom",
        "Nom de famille",
        "Courriel",
        "Téléphone",
        "Langue",
        "Date de naissance",
        "Pays d'origine",
        "Famille",
        "Lien",
        "Remarques",
        "Colonne inconnue",
    )
    assert guess_mapping(headers) == {
        0: "given_name",
        1: "family_name",
        2: "email",
        3: "phone",
        4: "languages",
        5: "birth",
        6: "country_of_origin",
        7: "household",
        8: "household_role",
        9: "notes",
    }
    assert guess_mapping(("Full name", "Phone (home)", "E-mail")) == {
        0: "full_name",
        1: "phone",
        2: "email",
    }


def test_a_mapping_is_saved_and_reused_whatever_the_column_order(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    save_mapping(path, ("Prénom", "Tel"), {0: "given_name", 1: "phone"})
    assert load_mapping(path, ("tel", "Autre", "PRÉNOM")) == {0: "phone", 2: "given_name"}


def test_rows_become_people_or_rejections_with_their_cell() -> None:
    table = Table(
        headers=("Nom complet", "Langues", "Né le", "Pays", "Famille", "Lien"),
        rows=(
            ("José Luis Peña", "Espagnol, anglais", "1982-05-01", "Colombie", "Peña", "Père"),
            ("محمد الحسن", "arabe; French", "15/03/1990", "Syria", "Al-Hassan", "main contact"),
            ("", "English", "", "", "", ""),
            ("Ana Núñez", "Martian", "", "", "", ""),
            ("Hodan Warsame", "so", "03/04/1990", "", "", ""),
            ("Thu Hà", "", "31/02/1990", "", "", ""),
        ),
    )
    mapping = guess_mapping(table.headers)
    assert mapping[2] == "birth"  # "Né le", in French
    parsed = parse_people(table, mapping)
    first, second = parsed.people
    assert (first.given_name, first.family_name) == ("José Luis", "Peña")
    assert (first.languages, first.birth_year, first.country_of_origin) == (
        ("es", "en"),
        1982,
        "CO",
    )
    assert (first.household, first.household_role) == ("Peña", "other")
    assert (second.given_name, second.family_name, second.languages) == (
        "محمد",
        "الحسن",
        ("ar", "fr"),
    )
    assert (second.birth_year, second.country_of_origin, second.household_role) == (
        1990,
        "SY",
        "main_contact",
    )
    assert parsed.rejected == (
        CellProblem(4, "Nom complet", "The name is empty."),
        CellProblem(5, "Langues", "Unknown language “Martian”."),
        CellProblem(
            6, "Né le", "“03/04/1990” could be day/month or month/day: choose which the file uses."
        ),
        CellProblem(7, "Né le", "“31/02/1990” is not a real date."),
    )
    # Told the file is day first, the ambiguous date reads 3 April.
    assert [p.birth_year for p in parse_people(table, mapping, day_first=True).people][-1] == 1990


def test_long_cells_are_refused_not_truncated() -> None:
    table = Table(("First name", "Notes"), (("Ana", "x" * 100_000),))
    parsed = parse_people(table, guess_mapping(table.headers))
    assert parsed.people == ()
    assert parsed.rejected == (CellProblem(2, "Notes", "The cell holds over 2000 characters."),)


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2024-03-15", None, date(2024, 3, 15)),
        ("15/03/2024", None, date(2024, 3, 15)),
        ("03/15/2024", None, date(2024, 3, 15)),
        ("03/04/2024", True, date(2024, 4, 3)),
        ("03/04/2024", False, date(2024, 3, 4)),
        ("45366", None, date(2024, 3, 15)),  # an Excel serial number
        ("15.03.84", None, date(1984, 3, 15)),
    ],
)
def test_dates_as_spreadsheets_hold_them(text: str, day_first: bool | None, expected: date) -> None:
    assert parse_date(text, day_first) == expected


@given(st.text(max_size=40), st.sampled_from([None, True, False]))
def test_any_text_is_a_date_or_a_reason(text: str, day_first: bool | None) -> None:
    try:
        parse_date(text, day_first)
    except DateError as error:
        assert str(error)


@given(
    st.lists(
        st.tuples(st.text(max_size=20), st.text(max_size=20), st.text(max_size=20)), max_size=20
    )
)
def test_hostile_rows_are_each_accepted_or_rejected(rows: list[tuple[str, str, str]]) -> None:
    table = Table(("Name", "Language", "Born"), tuple(rows))
    parsed = parse_people(table, {0: "full_name", 1: "languages", 2: "birth"})
    # Every row ends in exactly one place: a person, or a rejection naming its row.
    assert len(parsed.people) + len(parsed.rejected) == len(rows)
    assert sorted([p.row for p in parsed.people] + [r.row for r in parsed.rejected]) == list(
        range(2, len(rows) + 2)
    )
    assert all(p.given_name.strip() for p in parsed.people)
