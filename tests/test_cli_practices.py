"""`practices list` and `report practice`, parsed and run in-process as a group leader would."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from communitydesk import cli_practices
from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.activity_stats import Period
from communitydesk.services.context import Services
from communitydesk.services.practices import PracticeInput
from tests.services.test_practice_evidence import make_world


def _parser() -> argparse.ArgumentParser:
    """The command line's shape: commands, and a `report` command holding the report kinds."""
    parser = argparse.ArgumentParser(prog="communitydesk")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report")
    reports = report.add_subparsers(dest="report_command", required=True)
    cli_practices.add_parsers(commands, reports)
    return parser


def run(services: Services, *words: str) -> tuple[int, list[str]]:
    args = _parser().parse_args(list(words))
    lines: list[str] = []
    if args.command == "practices":
        code = cli_practices.run_practices(args, services, lines.append)
    else:
        assert args.report_command in cli_practices.REPORTS
        code = cli_practices.run_report(args, services, lines.append)
    return code, lines


@pytest.fixture
def practice(organized: Services) -> str:
    world = make_world(organized)
    return organized.practices.save(
        PracticeInput(
            name="Tea and talk",
            evidence_level="good",
            program_uids=(world.circle, world.cooking),
            answers={"purpose": "Break isolation."},
            figures=("sessions_held", "unique_participants"),
            quote_uids=(world.quoted,),
            shareable=True,
        )
    )


def test_practices_list_shows_each_practice_with_its_uid(
    organized: Services, practice: str
) -> None:
    code, lines = run(organized, "practices", "list")
    assert code == 0
    [line] = lines
    assert line.startswith(practice)
    for part in ("Tea and talk", "Good practice", "Cooking together and Seniors' circle"):
        assert part in line
    assert line.endswith("shareable")


def test_practices_list_says_when_there_is_none(organized: Services) -> None:
    assert run(organized, "practices", "list") == (0, ["No practice has been written yet."])


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_report_practice_writes_the_profile(
    organized: Services, practice: str, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"tea{suffix}"
    code, lines = run(
        organized,
        "report",
        "practice",
        practice,
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        str(target),
    )
    assert (code, lines) == (0, [f"Written: {target}"])
    if suffix == ".pdf":
        text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    else:
        word = WordDocument(str(target))
        text = " ".join(p.text for p in word.paragraphs)
        text += " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    text = " ".join(text.split())
    assert "Tea and talk" in text and "Break isolation." in text
    figures = organized.activity_stats.figures(
        Period(date(2026, 1, 1), date(2026, 6, 30)),
        program_uids=organized.practices.get(practice).program_uids,
    )
    assert f"Unique participants {figures.unique_participants}" in text


def test_report_practice_refuses_mistakes(
    organized: Services, practice: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        run(organized, "report", "practice", practice, "--from", "1/2/26", "--out", "x.pdf")
    with pytest.raises(ValidationError, match=r"\.pdf or a \.docx"):
        run(organized, "report", "practice", practice, "--out", str(tmp_path / "x.txt"))
    with pytest.raises(NotFoundError):
        run(organized, "report", "practice", "no-such-uid", "--out", str(tmp_path / "x.pdf"))
    assert list(tmp_path.glob("x.*")) == []
