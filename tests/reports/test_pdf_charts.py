"""Charts in the reportlab PDF: drawn under their title, every label a reader can find."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from communitydesk.reports.document import Chart, Document, Section, Table
from communitydesk.reports.pdf import chart_scale, write_pdf

MONTHS = ("Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025")
VISITS = Chart(
    title="Visits by month",
    kind="bar",
    labels=MONTHS,
    series=(("Children", (12, 15, 9, 20, 18, 22)), ("Parents", (4, 6, 5, 8, 7, 9))),
)
HOURS = Chart(
    title="Volunteer hours",
    kind="line",
    labels=MONTHS,
    series=(("Hours", (40, 52, 38, 61, 57, 70)),),
)
ARABIC = Chart(
    title="الزيارات حسب الشهر",
    kind="bar",
    labels=("يناير", "فبراير", "مارس"),
    series=(("الأطفال", (12, 15, 9)), ("الآباء", (4, 6, 5))),
    right_to_left=True,
)


def _document(*sections: Section, right_to_left: bool = False) -> Document:
    return Document(
        title="Homework club",
        organization="Riverside Newcomer Families Association",
        prepared="Prepared by Ana Silva on March 3, 2025",
        right_to_left=right_to_left,
        sections=sections,
    )


def _text(path: Path) -> str:
    # Arabic is printed in its joined forms; NFKC maps them back to letters.
    return "\n".join(
        unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(path).pages
    )


def _has(text: str, words: str) -> bool:
    """pypdf gives right-to-left text in reading order or as drawn; accept either."""
    return words in text or words[::-1] in text


def test_a_bar_and_a_line_chart_print_their_titles_labels_and_legend(tmp_path: Path) -> None:
    document = _document(
        Section(heading="Who took part", paragraphs=("Every week.",), chart=VISITS),
        Section(
            heading="Volunteers",
            chart=HOURS,
            table=Table(("Month", "Hours"), (("Jan 2025", "40"),), numeric=(1,)),
        ),
    )

    text = _text(write_pdf(document, tmp_path / "charts.pdf"))

    for words in ("Visits by month", "Volunteer hours", "Children", "Parents", *MONTHS):
        assert words in text
    # The value axis: whole numbers from zero.
    assert "0" in text.split() and "25" in text.split()
    # In the document's order: heading, words, chart, then the table.
    assert text.index("Who took part") < text.index("Every week.") < text.index("Visits by month")
    assert text.index("Volunteer hours") < text.index("Month")
    # One series needs no legend: "Hours" is the table's header, and no more.
    assert text.count("Hours") == 1


def test_an_arabic_chart_prints_joined_labels(tmp_path: Path) -> None:
    document = _document(Section(heading="المشاركون", chart=ARABIC), right_to_left=True)

    text = _text(write_pdf(document, tmp_path / "charts-ar.pdf"))

    for words in ("الزيارات حسب الشهر", "يناير", "فبراير", "مارس", "الأطفال", "الآباء"):
        assert _has(text, words), words


def test_a_chart_without_labels_prints_nothing(tmp_path: Path) -> None:
    empty = Chart(title="Nothing yet", kind="line", labels=(), series=(("Visits", ()),))
    document = _document(Section(heading="Visits", paragraphs=("None yet.",), chart=empty))

    text = _text(write_pdf(document, tmp_path / "empty.pdf"))

    assert "None yet." in text and "Nothing yet" not in text


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((), (0, 1, 1)),
        ((0, 0), (0, 1, 1)),
        ((3, 4), (0, 4, 1)),
        ((12, 22), (0, 25, 5)),
        ((1300,), (0, 1500, 500)),
        ((-3, 8), (-5, 10, 5)),
    ],
)
def test_the_value_axis_climbs_in_whole_steps(
    values: tuple[int, ...], expected: tuple[int, int, int]
) -> None:
    bottom, top, step = chart_scale(values)
    assert (bottom, top, step) == expected
    assert (top - bottom) // step <= 5
