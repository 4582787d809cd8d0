from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import CommunityDeskError
from communitydesk.services.context import Services
from communitydesk.services.people import ConsentInput, PersonInput

TODAY = date(2026, 11, 1)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_only_people_with_contact_consent_leave(organized: Services, tmp_path: Path) -> None:
    people = organized.people
    phone_only = people.create(
        PersonInput(
            "Hodan",
            "Warsame",
            phone="6135550101",
            email="hodan@example.org",
            sensitive_notes="never exported",
            notes="private",
        )
    ).uid
    people.add_consent(phone_only, ConsentInput("verbal", TODAY, ("contact_phone",)))
    by_email = people.create(
        PersonInput(
            "محمد", "الحسن", "Mohammed Al-Hassan", phone="6135550102", email="m@example.org"
        )
    ).uid
    people.add_consent(by_email, ConsentInput("signed", TODAY, ("contact_email", "photos")))
    withdrawn = people.create(PersonInput("Ana", "Peña", phone="6135550103")).uid
    consent = people.add_consent(withdrawn, ConsentInput("signed", TODAY, ("contact_phone",)))
    people.withdraw_consent(consent.uid, TODAY)
    people.create(PersonInput("Милан", "Петровић", phone="6135550104"))  # no consent at all
    photos_only = people.create(PersonInput("Thu Hà", "Lê")).uid
    people.add_consent(photos_only, ConsentInput("signed", TODAY, ("photos",)))

    result = organized.roster_export.export(tmp_path / "out" / "roster.csv")

    assert (result.written, result.left_out) == (2, 3)
    rows = _read(result.path)
    assert [r["Name"] for r in rows] == ["Hodan Warsame", "محمد الحسن"]
    assert rows[0]["Phone"] == "(613) 555-0101" and rows[0]["E-mail"] == ""
    assert rows[1]["Phone"] == "" and rows[1]["E-mail"] == "m@example.org"
    assert rows[1]["Latin spelling"] == "Mohammed Al-Hassan"
    text = result.path.read_text(encoding="utf-8-sig")
    assert "never exported" not in text and "private" not in text


def test_headers_follow_the_language(organized: Services, tmp_path: Path) -> None:
    from communitydesk.core.i18n import set_language

    set_language("fr")
    result = organized.roster_export.export(tmp_path / "liste.csv")
    with result.path.open(encoding="utf-8-sig") as handle:
        assert handle.readline().startswith("Nom,Graphie latine,")


def test_a_folder_that_cannot_be_written(organized: Services, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CommunityDeskError) as raised:
        organized.roster_export.export(blocker / "roster.csv")
    assert "could not be written" in raised.value.message


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+1 613", "'+1 613"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Ana", "Ana"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralized(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and "\x00" not in s))
def test_hostile_names_never_become_formulas(
    organized: Services, tmp_path: Path, name: str
) -> None:
    uid = organized.people.create(PersonInput(name)).uid
    organized.people.add_consent(uid, ConsentInput("signed", TODAY, ("contact_phone",)))
    result = organized.roster_export.export(tmp_path / "hostile.csv")
    for row in _read(result.path):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))
    organized.people.delete(uid)
    organized.people.purge(uid)
