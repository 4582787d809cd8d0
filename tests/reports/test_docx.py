"""The .docx writer, checked by reading the file back with python-docx as Word would."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table as WordTable

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import isolate
from communitydesk.reports.document import Chart, Document, Section, Table
from communitydesk.reports.docx import write_docx
from communitydesk.reports.pdf_text import without_controls

PREPARED = "Prepared by Ana Silva on March 3, 2025"
ARABIC_PREPARED = "أعدّته آنا سيلفا في 3 مارس 2025"


def _english() -> Document:
    return Document(
        title="Homework club: a promising practice",
        subtitle="April 1, 2025 to March 31, 2026",
        organization="Riverside Newcomer Families Association",
        prepared=PREPARED,
        introduction=("Children meet twice a week\nwith volunteer tutors.",),
        sections=(
            Section(
                heading="Who took part",
                paragraphs=("Most families came back every term.",),
                chart=Chart(
                    title="Visits by month",
                    kind="bar",
                    labels=("Jan", "Feb", "Mar"),
                    series=(("Children", (12, 15, 1300)), ("Parents", (4, 6, 5))),
                ),
            ),
            Section(
                heading="Budget",
                table=Table(
                    ("Item", "Amount"),
                    (("Snacks", "120.00"), ("Bus tickets", "80.50"), ("Total", "200.50")),
                    widths=(70, 30),
                    numeric=(1,),
                    emphasized=(2,),
                ),
            ),
            Section(heading="Next year", paragraphs=("A second group.",), new_page=True),
        ),
        footnotes=("Figures come from the attendance records.",),
    )


def _arabic() -> Document:
    return Document(
        title="نادي الواجبات المدرسية",
        subtitle="من 1 أبريل 2025 إلى 31 مارس 2026",
        organization="جمعية العائلات الجديدة",
        prepared=ARABIC_PREPARED,
        right_to_left=True,
        introduction=(f"يلتقي الأطفال مرتين في الأسبوع مع {isolate('Maria Lopez')}.",),
        sections=(
            Section(
                heading="المشاركون",
                paragraphs=("عادت معظم العائلات كل فصل.",),
                chart=Chart(
                    title="الزيارات حسب الشهر",
                    kind="line",
                    labels=("يناير", "فبراير"),
                    series=(("الأطفال", (12, 15)),),
                    right_to_left=True,
                ),
            ),
            Section(
                heading="الميزانية",
                table=Table(
                    ("البند", "المبلغ"),
                    (("وجبات خفيفة", "120,00"), ("المجموع", "120,00")),
                    numeric=(1,),
                    emphasized=(1,),
                ),
            ),
        ),
    )


def _read(path: Path) -> WordDocument:
    return docx.Document(str(path))


def _texts(word: WordDocument) -> list[str]:
    return [without_controls(paragraph.text) for paragraph in word.paragraphs]


def _cells(table: WordTable) -> list[list[str]]:
    return [[without_controls(cell.text) for cell in row.cells] for row in table.rows]


def _bold(cell: Any) -> bool:
    runs = [run for paragraph in cell.paragraphs for run in paragraph.runs]
    return bool(runs) and all(run.bold for run in runs)


def _bidi(paragraph: Any) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:bidi")) is not None


def test_headings_paragraphs_and_tables_read_back(tmp_path: Path) -> None:
    target = write_docx(_english(), tmp_path / "practice.docx")

    word = _read(target)
    texts = _texts(word)
    styles = {text: p.style.name for text, p in zip(texts, word.paragraphs, strict=True) if p.style}
    assert styles["Homework club: a promising practice"] == "Title"
    assert styles["April 1, 2025 to March 31, 2026"] == "Subtitle"
    assert styles["Who took part"] == "Heading 1"
    assert styles["Budget"] == "Heading 1"
    assert styles["Visits by month"] == "Heading 2"
    # A line break within a paragraph stays a line break.
    assert "Children meet twice a week\nwith volunteer tutors." in texts
    assert "Most families came back every term." in texts
    assert "Figures come from the attendance records." in texts
    # The section that starts a page says so.
    next_year = word.paragraphs[texts.index("Next year")]
    assert next_year.paragraph_format.page_break_before
    assert word.core_properties.title == "Homework club: a promising practice"
    assert word.core_properties.author == "Riverside Newcomer Families Association"


def test_a_chart_becomes_a_table_of_its_figures(tmp_path: Path) -> None:
    word = _read(write_docx(_english(), tmp_path / "practice.docx"))

    chart, budget = word.tables
    assert _cells(chart) == [
        ["", "Children", "Parents"],
        ["Jan", "12", "4"],
        ["Feb", "15", "6"],
        ["Mar", "1,300", "5"],
    ]
    assert chart.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert chart.rows[1].cells[0].paragraphs[0].alignment is None
    assert all(_bold(cell) for cell in chart.rows[0].cells[1:])
    del budget


def test_a_table_has_a_header_row_numbers_at_the_end_and_a_bold_total(tmp_path: Path) -> None:
    word = _read(write_docx(_english(), tmp_path / "practice.docx"))

    table = word.tables[1]
    assert _cells(table) == [
        ["Item", "Amount"],
        ["Snacks", "120.00"],
        ["Bus tickets", "80.50"],
        ["Total", "200.50"],
    ]
    header, *rows = table.rows
    # A real header row: Word repeats it on every page.
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(_bold(cell) for cell in header.cells)
    assert [_bold(row.cells[0]) for row in rows] == [False, False, True]
    assert [row.cells[1].paragraphs[0].alignment for row in rows] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3
    # The widths asked for: seven tenths and three tenths of the line.
    first, second = (column.width for column in table.columns)
    assert first is not None and second is not None
    assert round(first / (first + second), 2) == 0.7


def test_the_pages_carry_the_organization_and_who_prepared_it(tmp_path: Path) -> None:
    word = _read(write_docx(_english(), tmp_path / "practice.docx"))

    section = word.sections[0]
    assert _cells(section.header.tables[0]) == [
        ["Riverside Newcomer Families Association", "Homework club: a promising practice"]
    ]
    footer = section.footer.tables[0].rows[0].cells
    assert without_controls(footer[0].text) == PREPARED
    # Word counts the pages: "Page N of M" are fields.
    xml = footer[1]._tc.xml
    assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml
    assert "Page " in xml and " of " in xml
    # Letter paper, upright.
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width < section.page_height


def test_an_arabic_document_reads_from_the_right(tmp_path: Path) -> None:
    word = _read(write_docx(_arabic(), tmp_path / "practice-ar.docx"))

    texts = _texts(word)
    for text in ("نادي الواجبات المدرسية", "المشاركون", "عادت معظم العائلات كل فصل."):
        paragraph = word.paragraphs[texts.index(text)]
        assert _bidi(paragraph), text
        assert all(run.font.rtl for run in paragraph.runs)
    chart, budget = word.tables
    assert _cells(chart) == [["", "الأطفال"], ["يناير", "12"], ["فبراير", "15"]]
    assert _cells(budget) == [["البند", "المبلغ"], ["وجبات خفيفة", "120,00"], ["المجموع", "120,00"]]
    # The first column on the right, every cell's paragraph right-to-left.
    for table in (chart, budget):
        assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
        assert all(_bidi(cell.paragraphs[0]) for row in table.rows for cell in row.cells)
    total = budget.rows[2].cells
    assert _bold(total[0]) and _bold(total[1])
    # Arabic is bold by the complex-script flag too.
    assert all(run.font.cs_bold for run in total[0].paragraphs[0].runs)
    assert without_controls(word.sections[0].footer.tables[0].rows[0].cells[0].text) == (
        ARABIC_PREPARED
    )


def test_a_landscape_document_lies_across_the_page(tmp_path: Path) -> None:
    from dataclasses import replace

    word = _read(write_docx(replace(_english(), landscape=True), tmp_path / "wide.docx"))

    section = word.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height


def test_the_file_is_valid_word_xml(tmp_path: Path) -> None:
    target = write_docx(_arabic(), tmp_path / "practice-ar.docx")

    with zipfile.ZipFile(target) as package:
        body = package.read("word/document.xml").decode()
    # Elements in the order the schema wants (Word refuses a file otherwise).
    paragraph = body[body.index("<w:pPr>") : body.index("</w:pPr>")]
    assert paragraph.index("<w:pStyle") < paragraph.index("<w:bidi/>")
    # A Latin name inside Arabic keeps its place with the embeddings every Word version knows.
    assert "\u2068" not in body and "\u2069" not in body
    assert "\u202aMaria Lopez\u202c" in body


def test_a_failed_write_leaves_what_was_there(tmp_path: Path) -> None:
    target = tmp_path / "practice.docx"
    target.write_bytes(b"the earlier file")
    (tmp_path / "practice.docx.partial").mkdir()  # saving there fails

    with pytest.raises(CommunityDeskError):
        write_docx(_english(), target)

    assert target.read_bytes() == b"the earlier file"
