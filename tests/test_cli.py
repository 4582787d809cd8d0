"""The `communitydesk` command, run in-process as a user would type it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from communitydesk import __version__
from communitydesk.cli import main
from communitydesk.db.migrate import CURRENT_REVISION


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"CommunityDesk {__version__}"


def test_demo_then_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    code, out, _err = run(capsys, "--data-dir", data, "demo", "--people", "80", "--seed", "5")
    assert code == 0
    assert "  80 people\n" in out
    code, out, _err = run(capsys, "--data-dir", data, "check")
    assert code == 0
    assert "The database is healthy." in out
    assert "person" in out and "80" in out
    assert f"Schema version: {CURRENT_REVISION}" in out


def test_demo_refuses_existing_data_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "10")
    code, out, err = run(capsys, "--data-dir", data, "demo", "--people", "10")
    assert code == 1
    assert out == ""
    assert err.startswith("communitydesk: This data folder already holds an organization")
    assert "Traceback" not in err
    assert run(capsys, "--data-dir", data, "demo", "--if-empty")[0] == 0
    code, out, _err = run(capsys, "--data-dir", data, "demo", "--people", "12", "--force")
    assert code == 0 and "  12 people\n" in out


def test_data_dir_from_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMUNITYDESK_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "demo", "--people", "5")[0] == 0
    assert (tmp_path / "env" / "communitydesk.sqlite3").exists()


def test_messages_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "10")
    code, out, _err = run(capsys, "--data-dir", data, "--lang", "fr", "check")
    assert code == 0
    assert "La base de données est en bon état." in out


def test_check_reports_a_damaged_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "demo", "--people", "10")
    (data / "communitydesk.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 300)
    for suffix in ("-wal", "-shm"):
        (data / f"communitydesk.sqlite3{suffix}").unlink(missing_ok=True)
    code, _out, err = run(capsys, "--data-dir", str(data), "check")
    assert code == 1
    assert err.startswith("communitydesk: ")
    assert "Traceback" not in err


def test_check_reports_a_newer_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "demo", "--people", "10")
    connection = sqlite3.connect(data / "communitydesk.sqlite3")
    connection.execute("UPDATE alembic_version SET version_num='7777'")
    connection.commit()
    connection.close()
    code, _out, err = run(capsys, "--data-dir", str(data), "check")
    assert code == 1
    assert "newer version" in err
    code, _out, err = run(capsys, "--data-dir", str(data), "demo", "--if-empty")
    assert code == 1
    assert "was not opened and has not been changed" in err


def test_backup_and_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    backup = tmp_path / "key" / "copy.sqlite3"
    run(capsys, "--data-dir", data, "demo", "--people", "30")
    code, out, _err = run(capsys, "--data-dir", data, "backup", "--out", str(backup))
    assert code == 0 and "verified" in out and backup.exists()
    run(capsys, "--data-dir", data, "demo", "--people", "3", "--force")
    code, out, _err = run(capsys, "--data-dir", data, "restore", str(backup))
    assert code == 0 and "is kept in" in out
    code, out, _err = run(capsys, "--data-dir", data, "check")
    assert "30" in out


def test_restore_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "3")
    code, _out, err = run(capsys, "--data-dir", data, "restore", str(tmp_path / "nope.sqlite3"))
    assert code == 1
    assert "does not exist" in err


def test_unknown_language(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(tmp_path), "--lang", "zz", "check")
    assert code == 1
    assert "Unknown language 'zz'" in err


def test_people_list_show_and_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import csv
    import json

    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "40", "--seed", "9")
    code, out, _err = run(capsys, "--data-dir", data, "people", "list", "--format", "json")
    assert code == 0
    people = json.loads(out)
    assert len(people) == 40
    assert set(people[0]) == {"uid", "name", "latin_name", "household", "languages"}
    assert " 555-01" not in out and "@" not in out  # no contact details in a listing

    code, out, _err = run(capsys, "--data-dir", data, "people", "list", "--role", "volunteer")
    assert code == 0 and 0 < len(out.strip().splitlines()) < 40

    name = people[0]["name"].split()[0]
    code, out, _err = run(
        capsys, "--data-dir", data, "people", "list", "--search", name, "--format", "csv"
    )
    rows = list(csv.reader(out.splitlines()))
    assert rows[0][:2] == ["uid", "Name"] and all(name in r[1] for r in rows[1:])

    code, out, _err = run(capsys, "--data-dir", data, "people", "show", people[0]["uid"])
    assert code == 0
    assert f"Name: {people[0]['name']}" in out
    assert "Consent:" in out and "Contact by phone" in out

    target = tmp_path / "roster.csv"
    code, out, _err = run(capsys, "--data-dir", data, "people", "export", "--out", str(target))
    assert code == 0
    assert f"to {target}." in out
    with target.open(encoding="utf-8-sig") as handle:
        written = len(list(csv.reader(handle))) - 1
    assert f"Wrote {written} people" in out
    assert written < 40 and "Left out" in out


def test_people_show_an_unknown_uid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "3")
    code, _out, err = run(capsys, "--data-dir", data, "people", "show", "no-such-person")
    assert code == 1
    assert err == "communitydesk: This person is no longer in the roster.\n"


def test_history_lists_changes_newest_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from communitydesk.core.paths import DataPaths
    from communitydesk.services.context import open_data_folder
    from communitydesk.services.people import PersonInput

    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "demo", "--people", "5")
    services = open_data_folder(DataPaths(data))
    uid = services.people.create(PersonInput("Selam", "Tesfay", phone="6135550123")).uid
    services.close()

    code, out, _err = run(capsys, "--data-dir", str(data), "history", "--limit", "2")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].endswith("someone on this laptop  Person “Selam Tesfay” added")
    assert "    Phone: — → (613) 555-0123" in lines
    assert any(
        line.endswith("Organization “Riverside Newcomer Families Association” imported")
        for line in lines
    )

    code, out, _err = run(
        capsys, "--data-dir", str(data), "--lang", "fr", "history", "--record", uid
    )
    assert code == 0 and "Personne « Selam Tesfay » : ajout" in out and "Téléphone" in out
    code, out, _err = run(capsys, "--data-dir", str(data), "history", "--record", "nobody")
    assert code == 0 and out.strip() == "Nothing recorded."


def test_commands_that_change_data_wait_for_the_window_to_close(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from communitydesk.core.instance import FolderLock
    from communitydesk.core.paths import DataPaths

    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "demo", "--people", "5")
    backup = tmp_path / "copy.sqlite3"
    run(capsys, "--data-dir", str(data), "backup", "--out", str(backup))
    with FolderLock(DataPaths(data).lock_file):  # as the open window holds it
        code, _out, err = run(capsys, "--data-dir", str(data), "restore", str(backup))
        assert code == 1 and "already open on this data folder" in err
        code, _out, err = run(capsys, "--data-dir", str(data), "demo", "--force")
        assert code == 1 and "already open" in err
        # Reading is fine meanwhile.
        assert run(capsys, "--data-dir", str(data), "check")[0] == 0
    assert run(capsys, "--data-dir", str(data), "restore", str(backup))[0] == 0


def test_backup_list_shows_what_each_copy_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from communitydesk.core.paths import DataPaths
    from communitydesk.services.context import open_data_folder

    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "demo", "--people", "7")
    code, out, _err = run(capsys, "--data-dir", str(data), "backup", "list")
    assert code == 0 and out.startswith("No backups yet in ")
    services = open_data_folder(DataPaths(data))
    services.maintenance.backup_if_due()
    services.close()
    code, out, _err = run(capsys, "--data-dir", str(data), "backup", "list")
    assert code == 0 and " auto " in out and "7 people" in out
    code, _out, err = run(capsys, "--data-dir", str(data), "backup")
    assert code == 1 and "backup --out FILE" in err


def test_with_profiles_the_command_line_asks_who_you_are(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from communitydesk.core.paths import DataPaths
    from communitydesk.services.context import open_data_folder

    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "demo", "--people", "5")
    services = open_data_folder(DataPaths(data))
    services.profiles.add("Amina", "leader")
    services.profiles.add("Selam", "volunteer", pin="1357")
    services.close()

    code, _out, err = run(capsys, "--data-dir", str(data), "people", "list")
    assert code == 1 and "--profile NAME" in err
    code, _out, err = run(capsys, "--data-dir", str(data), "--profile", "Selam", "people", "list")
    assert code == 1 and "PIN is not right" in err
    monkeypatch.setenv("COMMUNITYDESK_PIN", "1357")
    code, out, _err = run(capsys, "--data-dir", str(data), "--profile", "selam", "people", "list")
    assert code == 0 and len(out.splitlines()) == 5
    assert run(capsys, "--data-dir", str(data), "check")[0] == 0  # no personal data: no profile


def test_encrypt_and_decrypt_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "8")
    monkeypatch.setenv("OUR_PASSPHRASE", "our cedar tree 1987")
    code, out, _err = run(
        capsys, "--data-dir", data, "--passphrase-env", "OUR_PASSPHRASE", "encrypt"
    )
    assert code == 0 and "now encrypted" in out
    recovery = out.split("Recovery key, shown this once: ")[1].split()[0]
    assert len(recovery) == 29

    from communitydesk.db.engine import forget_key

    forget_key()
    code, _out, err = run(capsys, "--data-dir", data, "check")
    assert code == 1 and "--passphrase-env" in err  # no terminal to ask on
    monkeypatch.setenv("WRONG", "our cedar tree 1988")
    code, _out, err = run(capsys, "--data-dir", data, "--passphrase-env", "WRONG", "check")
    assert code == 1 and "does not open this data" in err
    monkeypatch.setenv("RECOVERY", recovery)
    code, out, _err = run(
        capsys, "--data-dir", data, "--passphrase-env", "RECOVERY", "people", "list"
    )
    assert code == 0 and len(out.splitlines()) == 8
    forget_key()
    code, out, _err = run(
        capsys, "--data-dir", data, "--passphrase-env", "OUR_PASSPHRASE", "decrypt"
    )
    assert code == 0 and "no longer encrypted" in out
    forget_key()
    assert run(capsys, "--data-dir", data, "check")[0] == 0


def test_import_people_preview_commit_list_and_undo(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "3")
    sheet = tmp_path / "membres.csv"
    sheet.write_bytes(
        "Prénom;Nom;Né le\nJosé;Peña;03/04/1980\nLucía;Peña;1982\n;;\nAna;;31/02/1990\n".encode(
            "cp1252"
        )
    )
    code, out, _err = run(capsys, "--data-dir", data, "import", "people", str(sheet), "--dry-run")
    assert code == 0
    assert "membres.csv: 3 rows (encoding " in out
    assert "  1 person to add" in out and "  2 rows rejected" in out
    assert "    row 2: Né le: “03/04/1980” could be day/month or month/day" in out
    assert out.rstrip().endswith("Nothing was written (--dry-run).")

    code, out, _err = run(capsys, "--data-dir", data, "import", "people", str(sheet), "--day-first")
    assert code == 0 and "  2 people to add" in out
    uid = out.split("Undo with: import undo ")[1].split()[0]
    assert (tmp_path / "membres-rejected.csv").exists()
    code, out, _err = run(capsys, "--data-dir", data, "import", "list")
    assert uid in out and "2 added" in out
    code, out, _err = run(capsys, "--data-dir", data, "import", "undo", uid)
    assert code == 0 and "Import undone: 2 people removed." in out

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _out, err = run(capsys, "--data-dir", data, "import", "people", str(empty))
    assert code == 1 and "is empty" in err


def test_duplicates_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from communitydesk.core.paths import DataPaths
    from communitydesk.services.context import open_data_folder
    from communitydesk.services.organization import OrganizationProfile
    from communitydesk.services.people import PersonInput

    data = tmp_path / "d"
    services = open_data_folder(DataPaths(data).ensure())
    services.organization.create(OrganizationProfile(name="Club"))
    services.people.create(PersonInput("José", "Peña", email="jose@example.org"))
    services.people.create(PersonInput("Jose", "Pena", email="jose@example.org"))
    services.close()
    code, out, _err = run(capsys, "--data-dir", str(data), "duplicates", "list")
    assert code == 0
    assert "José Peña (" in out and "Jose Pena (" in out
    assert "same or very close name, same e-mail" in out


def test_sessions_list_and_the_activity_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv
    from datetime import date, timedelta

    from pypdf import PdfReader

    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "demo", "--people", "120", "--seed", "4")
    today = date.today()
    start = (today - timedelta(days=60)).isoformat()
    code, out, _err = run(capsys, "--data-dir", data, "sessions", "list", "--from", start)
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) > 5
    assert all("present" in line for line in lines)

    target = tmp_path / "report.csv"
    first = (today - timedelta(days=364)).isoformat()
    code, out, _err = run(
        capsys, "--data-dir", data, "report", "activity", "--from", first,
        "--to", today.isoformat(), "--out", str(target),
    )  # fmt: skip
    assert code == 0 and str(target) in out
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Program" and rows[-1][0] == "All programs"
    assert int(rows[-1][2]) > 10  # sessions held in the year

    pdf = tmp_path / "report.pdf"
    code, _out, _err = run(
        capsys, "--data-dir", data, "report", "activity", "--from", first,
        "--to", today.isoformat(), "--out", str(pdf),
    )  # fmt: skip
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert code == 0 and "Activity" in text and "Summary" in text

    code, _out, err = run(
        capsys, "--data-dir", data, "report", "activity", "--from", "2026-13-01",
        "--to", "2026-12-31", "--out", str(target),
    )  # fmt: skip
    assert code == 1 and "YYYY-MM-DD" in err
