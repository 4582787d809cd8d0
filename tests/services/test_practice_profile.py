"""The practice profile, read back from its PDF and .docx: answers, bilingual headings, the
dashboard's figures, and never a quote its author no longer allows."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import translated_in
from communitydesk.services.activity_stats import Period
from communitydesk.services.context import Services
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.practices import Assessment, PracticeInput
from tests.services.test_practice_evidence import TODAY, World, add_books, make_world

HALF = Period(date(2026, 1, 1), date(2026, 6, 30))


def _fake_french(code: str, message: str) -> str:
    # The new headings are not translated yet: a marked copy shows which language printed.
    return f"[{code}] {message}" if code == "fr" else translated_in(code, message)


@pytest.fixture
def practice(organized: Services, monkeypatch: pytest.MonkeyPatch) -> tuple[str, World]:
    monkeypatch.setattr("communitydesk.services.practice_profile.translated_in", _fake_french)
    profile = organized.organization.get()
    assert profile is not None
    organized.organization.update(
        OrganizationProfile(
            **{
                **vars(profile),
                "mission": "No senior left alone.",
                "history": "Founded in 2009 by five families.",
                "languages_spoken": ("vi", "fr"),
            }
        )
    )
    world = make_world(organized)
    add_books(organized, world)
    uid = organized.practices.save(
        PracticeInput(
            name="Tea and talk",
            language="en",
            program_uids=(world.circle,),
            answers={"what_it_is": "Seniors meet weekly over tea.", "purpose": "Break isolation."},
            elements={"volunteers": Assessment("Seniors host the tea.", "Sign-up sheets")},
            evidence_from=HALF.start,
            evidence_to=HALF.end,
            figures=(
                "sessions_held",
                "unique_participants",
                "volunteer_hours",
                "referrals",
                "cost_per_participant",
                "attendance_trend",
            ),
            # Chosen while both authors allowed quoting; Minh has since withdrawn.
            quote_uids=(world.quoted, world.withdrawn),
        )
    )
    return uid, world


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    word = WordDocument(str(path))
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_profile_holds_answers_headings_figures_and_consented_quotes(
    organized: Services, practice: tuple[str, World], tmp_path: Path, suffix: str
) -> None:
    uid, world = practice
    target = organized.practice_profiles.write(uid, tmp_path / f"profile{suffix}", today=TODAY)
    text = _pdf_text(target) if suffix == ".pdf" else _docx_text(target)
    for expected in (
        "Cercle des aînés",
        "Tea and talk",
        "No senior left alone.",
        "Founded in 2009 by five families.",
        "Promising practice",
        "What it is",
        "[fr] What it is",  # the heading in the second language too
        "Seniors meet weekly over tea.",
        "Break isolation.",
        "Seniors host the tea.",
        "Sign-up sheets",
        "Here I am not alone.",
        "Referrals are those the whole group made",
    ):
        assert expected in text, expected
    figures = organized.activity_stats.figures(HALF, world.circle, today=TODAY)  # the dashboard's
    assert re.search(rf"Sessions held {figures.sessions_held}\b", text)
    assert re.search(rf"Unique participants {figures.unique_participants}\b", text)
    assert re.search(r"Volunteer hours 1\.5\b", text)
    assert re.search(r"Cost per participant \$20\.00", text)  # $60.00 for 3 people
    assert "Attendance by month" in text
    assert "Minh's old words." not in text  # consent withdrawn since it was chosen
    assert "Private words." not in text


def test_the_period_given_replaces_the_practice_s(
    organized: Services, practice: tuple[str, World]
) -> None:
    uid, world = practice
    document = organized.practice_profiles.document(
        uid, date(2026, 2, 1), date(2026, 2, 28), today=TODAY
    )
    figures = organized.activity_stats.figures(
        Period(date(2026, 2, 1), date(2026, 2, 28)), world.circle, today=TODAY
    )
    text = document.text()
    assert f"Sessions held\n{figures.sessions_held}\n" in text
    assert figures.sessions_held == 1


def test_only_pdf_and_docx_are_written(
    organized: Services, practice: tuple[str, World], tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match=r"\.pdf or a \.docx"):
        organized.practice_profiles.write(practice[0], tmp_path / "profile.txt", today=TODAY)
    assert list(tmp_path.glob("profile*")) == []
