from __future__ import annotations

from communitydesk.reports.document import Document, Section, Table, to_html


def test_html_escapes_what_people_typed_and_keeps_line_breaks() -> None:
    document = Document(
        title="Liste <des> contacts",
        sections=(
            Section(
                heading="A & B",
                table=Table(headers=("Nom",), rows=(("<script>x</script>\nLatin",),), blank_rows=2),
            ),
        ),
    )
    html = to_html(document)
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;<br/>Latin" in html
    assert "Liste &lt;des&gt; contacts" in html
    assert "A &amp; B" in html
    # Two blank rows to fill in by hand after the one row of data.
    assert html.count("<td>&nbsp;</td>") == 2


def test_right_to_left_documents_read_from_the_right_tables_included() -> None:
    table = Table(("الاسم", "الهاتف"), (("سامي", "555-0100"),), widths=(70, 30))
    html = to_html(
        Document(title="قائمة", right_to_left=True, sections=(Section("قسم", table=table),))
    )
    assert '<h1 dir="rtl" align="right">قائمة</h1>' in html
    assert '<h2 dir="rtl" align="right">قسم</h2>' in html
    # Columns are written from the right, so the first one is printed on the right.
    assert html.index("الهاتف") < html.index("الاسم")
    assert html.index('width="30%"') < html.index('width="70%"')
    assert html.index("555-0100") < html.index("سامي")
    assert 'dir="rtl"' not in to_html(Document(title="List", sections=(Section(table=table),)))


def test_a_new_page_section_breaks_the_page() -> None:
    html = to_html(Document(title="T", sections=(Section(heading="Amina calls", new_page=True),)))
    assert '<h2 style="page-break-before: always">Amina calls</h2>' in html


def test_text_lists_every_printed_word_in_order() -> None:
    document = Document(
        title="Phone tree",
        subtitle="Club",
        sections=(Section(heading="Callers", table=Table(("Caller",), (("Amina",),))),),
        footnotes=("2 people were left out.",),
    )
    assert document.text().split("\n") == [
        "Phone tree",
        "Club",
        "Callers",
        "Caller",
        "Amina",
        "2 people were left out.",
    ]
