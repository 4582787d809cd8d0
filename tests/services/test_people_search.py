from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from communitydesk.models import Person
from communitydesk.services.context import Services
from communitydesk.services.people import person_sort_key


def _add(services: Services, given: str, family: str, latin: str = "") -> None:
    now = datetime.now(UTC)
    with services.database.unit_of_work() as session:
        session.execute(
            insert(Person).values(
                uid=f"{given}-{family}-{latin}"[:36].ljust(36, "x"),
                given_name=given,
                family_name=family,
                latin_name=latin,
                sort_key=person_sort_key(given, family, latin),
                languages=[],
                created_at=now,
                updated_at=now,
            )
        )


def test_search_ignores_accents_and_case(organized: Services) -> None:
    _add(organized, "José Luis", "Peña")
    _add(organized, "Josée", "Tremblay")
    _add(organized, "Joseph", "Pierre")
    names = [r.display_name for r in organized.people.search("JOSE").rows]
    assert names == ["José Luis Peña", "Josée Tremblay", "Joseph Pierre"]
    assert [r.display_name for r in organized.people.search("pena").rows] == ["José Luis Peña"]


def test_search_in_any_script_and_by_latin_spelling(organized: Services) -> None:
    _add(organized, "محمد", "الحسن", "Mohammed Al-Hassan")
    _add(organized, "Милан", "Петровић", "Milan Petrović")
    assert [r.display_name for r in organized.people.search("محمد").rows] == ["محمد الحسن"]
    assert [r.display_name for r in organized.people.search("mohammed").rows] == ["محمد الحسن"]
    assert [r.display_name for r in organized.people.search("петровић").rows] == ["Милан Петровић"]
    assert [r.display_name for r in organized.people.search("petrovic").rows] == ["Милан Петровић"]


def test_every_word_must_match_and_wildcards_are_literal(organized: Services) -> None:
    _add(organized, "Ana", "García")
    _add(organized, "Ana", "Muñoz")
    _add(organized, "100%", "Test_")
    assert [r.display_name for r in organized.people.search("ana garcia").rows] == ["Ana García"]
    assert organized.people.search("%").total == 1
    assert organized.people.search("_").total == 1


def test_paging_reports_the_total(sample: Services) -> None:
    page = sample.people.search(limit=25)
    assert len(page.rows) == 25
    assert page.total == 120
    keys = [r.display_name for r in sample.people.search(limit=200).rows]
    assert len(keys) == 120
