"""The reportlab renderer, checked by what a reader of the PDF gets: words, order, pages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from communitydesk.core.i18n import isolate
from communitydesk.reports.document import Document, Section, Table
from communitydesk.reports.pdf import write_pdf
from communitydesk.reports.pdf_text import visual

ORGANIZATION = "Riverside Seniors Club"
PREPARED = "Prepared by Ana Silva on March 3, 2025"
HEADERS = ("Date", "Description", "Amount")
# Long enough to wrap over two lines or more in a table cell or on the page.
ARABIC_PARAGRAPH = (
    "يعرض هذا التقرير الميزانية السنوية للجمعية مقارنة بالمصروفات الفعلية لكل بند من البنود، "
    "ويشمل التبرعات التي وصلت من الأعضاء والمنح الحكومية خلال السنة المالية كاملة، مع ملاحظات "
    "أمين الصندوق حول الفروق الكبيرة بين المتوقع والفعلي في آخر السنة"
)


@dataclass(frozen=True)
class Fragment:
    """A piece of text as pypdf met it, where it stands on the page, and in which font."""

    text: str
    x: float
    y: float
    font: str


def _text(page: Any) -> str:
    # Arabic is printed in its joined (presentation) forms; NFKC maps them back to letters.
    return unicodedata.normalize("NFKC", page.extract_text())


def _pages(path: Path) -> list[str]:
    return [_text(page) for page in PdfReader(path).pages]


def _fragments(page: Any) -> list[Fragment]:
    found: list[Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, _size: float) -> None:
        if text.strip():
            # The text matrix, then the page's: where the text starts on the page.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append(Fragment(unicodedata.normalize("NFKC", text).strip(), x, y, name))

    page.extract_text(visitor_text=visit)
    return found


def _has_word(text: str, word: str) -> bool:
    """pypdf puts right-to-left text back in reading order; accept it drawn order too."""
    return word in text or word[::-1] in text


def _money_table(rows: int) -> Table:
    return Table(
        HEADERS,
        tuple((f"2024-03-{1 + i % 28:02d}", f"Item {i}", f"{i * 10},50") for i in range(rows)),
        widths=(20, 60, 20),
        numeric=(2,),
    )


def _report(**changes: Any) -> Document:
    fields: dict[str, Any] = {
        "title": "Income and expenses",
        "subtitle": "Fiscal year 2024",
        "organization": ORGANIZATION,
        "prepared": PREPARED,
        "introduction": ("Every transaction recorded during the year.",),
        "sections": (
            Section(heading="Income", table=_money_table(3)),
            Section(heading="Expenses", paragraphs=("Paid by cheque.",), new_page=True),
        ),
        "footnotes": ("Amounts in Canadian dollars.",),
    }
    return Document(**(fields | changes))


def test_an_english_report_prints_its_words_and_every_page_says_whose_and_which(
    tmp_path: Path,
) -> None:
    target = write_pdf(_report(), tmp_path / "report.pdf")

    first, second = _pages(target)
    for words in (
        ORGANIZATION,
        "Income and expenses",
        "Fiscal year 2024",
        "Every transaction recorded",
        "Income",
        "Description",
        "Item 2",
        "20,50",
        PREPARED,
        "Page 1 of 2",
    ):
        assert words in first
    for words in ("Expenses", "Paid by cheque.", "Amounts in Canadian dollars.", "Page 2 of 2"):
        assert words in second
    # The header and the footer are on the second page too.
    assert ORGANIZATION in second and "Income and expenses" in second and PREPARED in second


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    document = _report(sections=(Section(heading="Income", table=_money_table(120)),))

    pages = _pages(write_pdf(document, tmp_path / "long.pdf"))

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Description" in text and "Amount" in text
        assert f"Page {number} of {len(pages)}" in text
    assert "Item 119" in pages[-1] and "Item 119" not in pages[0]


def test_totals_are_bold_and_amounts_line_up_at_the_right(tmp_path: Path) -> None:
    table = Table(
        ("Fund", "Balance"),
        (("General", "5,00"), ("Scholarships", "1 234,50"), ("Total", "1 239,50")),
        numeric=(1,),
        emphasized=(2,),
    )
    target = write_pdf(_report(sections=(Section(table=table),)), tmp_path / "funds.pdf")

    fragments = _fragments(PdfReader(target).pages[0])
    fonts = {fragment.text: fragment.font for fragment in fragments}
    assert fonts["Total"].endswith("NotoSans-Bold") and fonts["1 239,50"].endswith("Bold")
    assert fonts["General"].endswith("NotoSans-Regular")
    # Both amounts end at the right edge of their column, so the shorter one starts further in.
    starts = {fragment.text: fragment.x for fragment in fragments}
    assert starts["5,00"] > starts["1 234,50"] > starts["General"]


def test_a_landscape_report_is_wider_than_tall(tmp_path: Path) -> None:
    wide = PdfReader(write_pdf(_report(landscape=True), tmp_path / "wide.pdf")).pages[0]
    tall = PdfReader(write_pdf(_report(), tmp_path / "tall.pdf")).pages[0]

    assert wide.mediabox.width > wide.mediabox.height
    assert tall.mediabox.width < tall.mediabox.height
    # Letter, in points.
    assert (round(tall.mediabox.width), round(tall.mediabox.height)) == (612, 792)


def test_french_accents_come_through(tmp_path: Path) -> None:
    document = Document(
        title="Bilan des fonds — état détaillé",
        organization="Cercle des aînés de Saint-Éloi",
        prepared="Préparé par Éloïse Côté",
        sections=(
            Section(
                heading="Soldes d’ouverture",
                table=Table(("Fonds", "Dépenses"), (("Fonds général", "1\u00a0234,50\u00a0$"),)),
            ),
        ),
    )

    (text,) = _pages(write_pdf(document, tmp_path / "fonds.pdf"))

    for words in (
        "Bilan des fonds — état détaillé",
        "Cercle des aînés de Saint-Éloi",
        "Préparé par Éloïse Côté",
        "Soldes d’ouverture",
        "Dépenses",
        "Fonds général",
    ):
        assert words in text
    # A no-break space holds an amount together (pypdf may give it back as a plain space).
    assert "1\u00a0234,50\u00a0$" in text or "1 234,50 $" in text


def _arabic_report(**changes: Any) -> Document:
    table = Table(
        ("البند", "المبلغ"),
        (("تبرع من", "Maria Lopez"), ("الإيجار", "1 234,50 $"), ("المجموع", "1 239,50 $")),
        widths=(70, 30),
        numeric=(1,),
        emphasized=(2,),
    )
    fields: dict[str, Any] = {
        "title": "الميزانية مقابل الفعلي",
        "right_to_left": True,
        "organization": "جمعية الجالية العربية",
        "prepared": "أعدّه " + isolate("Sami Haddad") + " في 3 مارس 2025",
        "introduction": (ARABIC_PARAGRAPH,),
        "sections": (Section(heading="البنود والمصروفات", table=table),),
    }
    return Document(**(fields | changes))


def test_arabic_words_are_printed_and_read_back(tmp_path: Path) -> None:
    (text,) = _pages(write_pdf(_arabic_report(), tmp_path / "ar.pdf"))

    for word in ("الميزانية", "مقابل", "الفعلي", "البنود", "والمصروفات", "جمعية", "الإيجار"):
        assert _has_word(text, word), word
    # Direction isolates steer the order and never print.
    assert "Sami Haddad" in text
    assert not any(0x2066 <= ord(char) <= 0x2069 for char in text)


def test_a_wrapped_arabic_paragraph_starts_on_its_top_line(tmp_path: Path) -> None:
    page = PdfReader(write_pdf(_arabic_report(), tmp_path / "ar.pdf")).pages[0]
    fragments = _fragments(page)

    def line_of(words: str) -> float:
        (y,) = {round(f.y, 1) for f in fragments if _has_word(f.text, words)}
        return y

    # Two lines or more, the first words above the last ones (y grows up the page): each line
    # was put in order by itself, not the paragraph as a whole and then cut.
    assert line_of("يعرض هذا التقرير") > line_of("في آخر السنة")
    top = " ".join(f.text for f in fragments if round(f.y, 1) == line_of("يعرض هذا التقرير"))
    assert not _has_word(top, "آخر")


def test_an_arabic_table_reads_from_the_right_and_keeps_latin_names_readable(
    tmp_path: Path,
) -> None:
    page = PdfReader(write_pdf(_arabic_report(), tmp_path / "ar.pdf")).pages[0]
    text = _text(page)
    fragments = _fragments(page)

    assert "Maria Lopez" in text and "1 234,50 $" in text
    x = {f.text: f.x for f in fragments}
    # The first column is printed on the right.
    assert (
        x[next(t for t in x if _has_word(t, "البند"))]
        > x[next(t for t in x if _has_word(t, "المبلغ"))]
    )
    # Amounts line up at the end of the cell, which in Arabic is its left.
    assert x["1 234,50 $"] == pytest.approx(x["1 239,50 $"], abs=0.5)
    assert x["Maria Lopez"] == pytest.approx(x["1 234,50 $"], abs=0.5)


def test_brackets_face_the_right_way_in_right_to_left_text() -> None:
    # Drawn from the left: the closing bracket's mirror image first, then the words backwards.
    assert visual("قال (نعم)", right_to_left=True) == "(معن) لاق"
    assert visual("\u2068Maria\u2069 قال", right_to_left=True) == "لاق Maria"


def test_a_failed_write_leaves_what_was_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the earlier report")
    document = _report()

    def fail_halfway(document: Document, path: Path) -> None:
        path.write_bytes(b"%PDF-1.4 half a report")
        raise ValueError("a bug halfway")

    monkeypatch.setattr("communitydesk.reports.pdf._build", fail_halfway)
    with pytest.raises(ValueError, match="halfway"):
        write_pdf(document, target)

    assert target.read_bytes() == b"the earlier report"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.pdf"]
    with pytest.raises(ValueError):
        write_pdf(document, tmp_path / "new.pdf")
    assert not (tmp_path / "new.pdf").exists()
