"""Importing people: preview, one-transaction commit, no duplicates twice, undo as a whole."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from communitydesk.core.errors import NotAllowedError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.history import HistoryFilter
from communitydesk.services.imports import ImportOptions
from communitydesk.services.people import PersonInput

TODAY = date(2026, 11, 20)
MEMBERS = (
    "Prénom;Nom;Téléphone;Courriel;Langue;Né en;Famille;Lien\r\n"
    "José;Peña;613-555-0101;jose@example.org;Espagnol;1980;Peña;chef de famille\r\n"
    "Lucía;Peña;;;espagnol, anglais;1982;Peña;conjointe\r\n"
    "محمد;الحسن;6135550103;;arabe;1975;;\r\n"
    ";;6135550150;;;;;\r\n"
    "Ana;Núñez;;;Martien;;;\r\n"
    "Hodan;Warsame;6135550199;;;2090;;\r\n"
    "José;Peña;613-555-0101;jose@example.org;Espagnol;1980;Peña;chef de famille\r\n"
)


def _file(tmp_path: Path, text: str = MEMBERS, name: str = "membres.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def test_preview_then_commit_creates_people_and_households(
    organized: Services, tmp_path: Path
) -> None:
    organized.people.create(PersonInput("Hodan", "Warsame", phone="6135550199"))
    preview = organized.imports.preview(_file(tmp_path), today=TODAY)

    assert preview.table.delimiter == ";" and preview.table.encoding == "utf-8-sig"
    assert [r.person.given_name for r in preview.to_create] == ["José", "Lucía", "محمد"]
    assert [(p.row, p.column, p.reason) for p in preview.rejected] == [
        (5, "Prénom", "The name is empty."),
        (6, "Langue", "Unknown language “Martien”."),
        (7, "Né en", "The year of birth must be between 1900 and 2026."),
    ]
    assert [(d.row, d.reason) for d in preview.possible_duplicates] == [
        (8, "the same person twice in the file; imported once")
    ]
    assert organized.dashboard.summary().people == 1  # a preview writes nothing

    summary = organized.imports.commit(preview)
    assert (summary.created, summary.rejected) == (3, 3)
    jose = organized.people.search("Jose Pena").rows[0]
    assert jose.phone == "(613) 555-0101" and jose.household == "Peña"
    household = organized.households.list("Pena")[0]
    assert household.members == 2 and household.main_contact == "José Peña"
    entry = organized.history.log(HistoryFilter(kind="import_batch")).entries[0]
    assert entry.action == "import" and entry.label == "membres.csv"


def test_the_same_file_twice_adds_no_one(organized: Services, tmp_path: Path) -> None:
    organized.imports.commit(organized.imports.preview(_file(tmp_path), today=TODAY))
    again = organized.imports.preview(_file(tmp_path), today=TODAY)
    assert again.to_create == ()
    assert len(again.already_there) == 4  # its three people, and the line it repeats
    assert organized.imports.commit(again).created == 0
    assert organized.dashboard.summary().people == 3


def test_an_import_is_undone_whole_until_something_depends_on_it(
    organized: Services, tmp_path: Path
) -> None:
    first = organized.imports.commit(organized.imports.preview(_file(tmp_path), today=TODAY))
    assert organized.imports.undo(first.uid) == 3
    assert organized.dashboard.summary().people == 0
    assert organized.households.list() == ()
    with pytest.raises(ValidationError, match="already undone"):
        organized.imports.undo(first.uid)

    second = organized.imports.commit(organized.imports.preview(_file(tmp_path), today=TODAY))
    lucia = organized.people.search("Lucia").rows[0]
    detail = organized.people.get(lucia.uid)
    organized.people.update(lucia.uid, replace(detail.person, notes="Speaks at meetings"))
    with pytest.raises(ValidationError, match="can no longer be undone: 1 of its records"):
        organized.imports.undo(second.uid)
    assert organized.dashboard.summary().people == 3
    assert [i.created for i in organized.imports.imports()] == [3, 3]


def test_rejected_rows_are_saved_to_fix(organized: Services, tmp_path: Path) -> None:
    preview = organized.imports.preview(_file(tmp_path), today=TODAY)
    out = organized.imports.write_rejected(preview, tmp_path / "to-fix.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "Why it was not imported"
    assert [r[-1] for r in rows[1:]] == [
        "Prénom: The name is empty.",
        "Langue: Unknown language “Martien”.",
        "Né en: The year of birth must be between 1900 and 2026.",
    ]


def test_ambiguous_dates_wait_for_a_choice_and_names_are_required(
    organized: Services, tmp_path: Path
) -> None:
    path = _file(tmp_path, "Full name,Date of birth\nHodan Warsame,03/04/1990\n", "d.csv")
    preview = organized.imports.preview(path, today=TODAY)
    assert preview.rejected[0].reason.startswith("“03/04/1990” could be day/month")
    chosen = organized.imports.preview(path, ImportOptions(day_first=True), today=TODAY)
    assert chosen.to_create[0].person.birth_year == 1990
    with pytest.raises(ValidationError, match="column that holds the names"):
        organized.imports.preview(path, ImportOptions(mapping={1: "birth"}), today=TODAY)


def test_a_volunteer_profile_cannot_import(organized: Services, tmp_path: Path) -> None:
    organized.profiles.add("Amina", "leader")
    organized.profiles.sign_in(organized.profiles.add("Selam", "volunteer").uid)
    preview = organized.imports.preview(_file(tmp_path), today=TODAY)
    with pytest.raises(NotAllowedError):
        organized.imports.commit(preview)


def test_stopping_during_the_commit_writes_nothing(organized: Services, tmp_path: Path) -> None:
    lines = ["First name,Family name"] + [f"Person{i},Family{i}" for i in range(1500)]
    path = _file(tmp_path, "\n".join(lines), "many.csv")
    seen: list[tuple[int, int]] = []
    preview = organized.imports.preview(
        path, progress=lambda done, total: seen.append((done, total))
    )
    assert seen[0] == (0, 1500) and len(seen) == 3

    class StopError(Exception):
        pass

    def stop_midway(done: int, total: int) -> None:
        if done >= 1000:
            raise StopError

    with pytest.raises(StopError):
        organized.imports.commit(preview, progress=stop_midway)
    assert organized.dashboard.summary().people == 0
    assert organized.imports.imports() == ()


def test_people_already_there_get_their_empty_fields_filled_when_asked(
    organized: Services, tmp_path: Path
) -> None:
    organized.people.create(PersonInput("Hodan", "Warsame", notes="Kept as it is"))
    path = _file(
        tmp_path,
        "First name,Family name,Address,Notes\nHodan,Warsame,12 Elm St,From the file\n",
        "again.csv",
    )
    skipped = organized.imports.commit(organized.imports.preview(path))
    assert (skipped.created, skipped.updated, skipped.skipped) == (0, 0, 1)
    hodan = organized.people.search("Hodan").rows[0].uid
    assert organized.people.get(hodan).person.address == ""

    preview = organized.imports.preview(path, ImportOptions(update_existing=True))
    summary = organized.imports.commit(preview)
    assert (summary.created, summary.updated) == (0, 1)
    person = organized.people.get(hodan).person
    assert person.address == "12 Elm St" and person.notes == "Kept as it is"  # never overwritten


def test_memberships_come_in_with_their_kind(organized: Services, tmp_path: Path) -> None:
    organized.membership.add_kind("Family", 2500, 12)
    path = _file(
        tmp_path,
        "Prénom,Nom,Adhésion,Membre depuis\nHodan,Warsame,family,2026-01-15\nAbdi,Osman,Gold,\n",
        "members.csv",
    )
    preview = organized.imports.preview(path, today=TODAY)
    assert [(p.row, p.column, p.reason) for p in preview.rejected] == [
        (3, "Adhésion", "Unknown kind of membership “Gold”; add it first.")
    ]
    summary = organized.imports.commit(preview)
    [member] = organized.membership.current(TODAY)
    assert (member.display_name, member.kind) == ("Hodan Warsame", "Family")
    assert (member.start_date, member.end_date) == (date(2026, 1, 15), date(2027, 1, 14))
    assert member.status == "due"
    organized.imports.undo(summary.uid)
    assert organized.membership.current(TODAY) == ()
