from __future__ import annotations

from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput


def _add(services: Services, given: str, family: str = "", latin: str = "") -> str:
    return services.people.create(PersonInput(given, family, latin)).uid


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


def test_doubled_letters_are_forgiven(organized: Services) -> None:
    _add(organized, "محمد", "الحسن", "Mohammed Al-Hassan")
    _add(organized, "Mohamed", "Warsame")
    assert organized.people.search("Mohamed").total == 2
    assert organized.people.search("Mohammed").total == 2
    assert [r.display_name for r in organized.people.search("hasan").rows] == ["محمد الحسن"]


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


def test_the_name_index_and_the_plain_search_agree(sample: Services) -> None:
    from communitydesk.db.name_search import FTS_TABLE, has_name_index

    queries = ["mohamed", "nguyen", "al-", "ana", "الحسن", "ab", "x", "fatima al", "петр", "'\""]
    with sample.database.reading() as session:
        assert has_name_index(session)
    indexed = {q: sample.people.search(q, limit=500) for q in queries}
    uid = sample.people.create(PersonInput("Yonas", "Haile")).uid  # the index follows changes
    assert [r.uid for r in sample.people.search("yonas hai").rows] == [uid]
    sample.people.update(uid, PersonInput("Yonas", "Tesfay"))
    assert sample.people.search("yonas hai").total == 0
    sample.people.delete(uid)
    sample.people.purge(uid)
    with sample.database.unit_of_work() as session:
        session.connection().exec_driver_sql(f"DROP TABLE {FTS_TABLE}")
    for query, page in indexed.items():
        assert sample.people.search(query, limit=500) == page, query
