from __future__ import annotations

import pytest

from communitydesk.reports.document import (
    CHART_WIDTH,
    Chart,
    Document,
    Section,
    Table,
    charts,
    to_html,
)

VISITS = Chart(
    title="Visits <per> month",
    kind="bar",
    labels=("Jan", "Feb", "Mar"),
    series=(("Visits", (12, 19, 7)), ("Phone calls", (5, 8, 11))),
)
VOLUNTEERS = Chart(
    title="Bénévoles actifs",
    kind="line",
    labels=("janv.", "févr."),
    series=(("Bénévoles", (4, 6)),),
)


def _report() -> Document:
    return Document(
        title="Activity report",
        sections=(
            Section(heading="Visits", paragraphs=("Spring was busy.",), chart=VISITS),
            Section(heading="Members", table=Table(("Name",), (("Amina",),))),
            Section(heading="Volunteers", chart=VOLUNTEERS),
        ),
    )


def test_each_chart_is_an_image_numbered_in_printing_order() -> None:
    document = _report()
    html = to_html(document)
    assert charts(document) == (VISITS, VOLUNTEERS)
    assert f'<img src="chart:0" width="{CHART_WIDTH}"' in html
    assert f'<img src="chart:1" width="{CHART_WIDTH}"' in html
    # Under its section's text, and the title, as the picture's text alternative, is escaped.
    assert html.index("Spring was busy.") < html.index('src="chart:0"') < html.index("Amina")
    assert 'alt="Visits &lt;per&gt; month"' in html


def test_text_lists_the_chart_title_labels_and_series() -> None:
    assert _report().text().split("\n") == [
        "Activity report",
        "Visits",
        "Spring was busy.",
        "Visits <per> month",
        "Jan",
        "Feb",
        "Mar",
        "Visits",
        "Phone calls",
        "Members",
        "Name",
        "Amina",
        "Volunteers",
        "Bénévoles actifs",
        "janv.",
        "févr.",
        "Bénévoles",
    ]


def test_documents_without_charts_have_no_images() -> None:
    document = Document(title="List", sections=(Section(heading="A", paragraphs=("b",)),))
    assert charts(document) == ()
    assert "<img" not in to_html(document)


def test_a_chart_needs_one_value_per_label_and_a_known_kind() -> None:
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        Chart("T", "bar", ("a", "b", "c"), (("s", (1, 2)),))
    with pytest.raises(ValueError, match="pie"):
        Chart("T", "pie", ("a",), (("s", (1,)),))
