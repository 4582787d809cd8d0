"""The printed resource directory: a title page, contents by category, the services of each."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from communitydesk.core.i18n import translated_in, without_isolates
from communitydesk.services.context import Services
from communitydesk.services.directory import (
    ContactPersonInput,
    DirectoryFilter,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)

TODAY = date(2026, 11, 23)
CATEGORIES = ("settlement", "housing", "health", "schools", "legal", "")


def _seed(services: Services, count: int = 60) -> dict[str, str]:
    """`count` services spread over a few categories; every seventh one inactive and every
    fifth one last checked two years ago. Returns each service's category by name."""
    organization = services.directory.save_organization(
        OrganizationInput(name="Centre communautaire Saint-Henri", phone="514-555-0100")
    )
    seeded = {}
    for number in range(count):
        name = f"Service {number:02d}"
        category = CATEGORIES[number % len(CATEGORIES)]
        services.directory.save_service(
            ServiceInput(
                organization_uid=organization,
                name=name,
                category=category,
                eligibility={"en": "Families with children", "fr": "Familles avec enfants"},
                languages=("en", "ar"),
                in_french=number % 2 == 0,
                hours="Mon-Fri 9:00-17:00",
                cost="Free",
                verified_on=date(2024, 11, 1) if number % 5 == 0 else date(2026, 9, 1),
                is_active=number % 7 != 3,
                location=LocationInput(address_1=f"{number + 1} rue Notre-Dame", city="Montréal"),
                contacts=(ContactPersonInput(name=f"Contact {number:02d}", phone="514-555-0142"),),
            )
        )
        seeded[name] = category
    return seeded


def _pages(path: Path) -> list[str]:
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(path).pages]


def _fragments(path: Path) -> list[set[str]]:
    """Each page's lines as drawn, one set a page: a heading is a line of its own."""
    pages = []
    for page in PdfReader(path).pages:
        found: set[str] = set()

        def visit(text: str, *_rest: Any, found: set[str] = found) -> None:
            if text.strip():
                found.add(unicodedata.normalize("NFKC", text).strip())

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def test_the_contents_give_the_page_where_each_category_starts(
    organized: Services, tmp_path: Path
) -> None:
    _seed(organized)
    directory = organized.resource_directory
    book = directory.book("en", today=TODAY)
    path = directory.write(tmp_path / "directory.pdf", "en", today=TODAY)

    titles = [category.title for category in book.categories]
    assert titles == [
        "Settlement",
        "Housing",
        "Health",
        "Schools & education",
        "Legal & immigration law",
        "Other services",
    ]
    pages = _pages(path)
    fragments = _fragments(path)
    assert "Cercle des aînés" in pages[0] and "Resource directory" in pages[0]
    assert "Printed on November 23, 2026" in pages[0]
    contents = pages[1]
    assert "Contents" in contents.splitlines()
    starts = []
    for title in titles:
        found = re.search(rf"^{re.escape(title)}\s*(\d+)$", contents, re.MULTILINE)
        assert found is not None, title
        starts.append(int(found.group(1)))
    assert starts == sorted(starts)
    for title, start in zip(titles, starts, strict=True):
        # The heading is on the page the contents give, and on no page before it.
        assert title in fragments[start - 1]
        assert all(title not in fragments[page] for page in range(2, start - 1))
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_inactive_services_are_left_out_and_stale_ones_marked(
    organized: Services, tmp_path: Path
) -> None:
    seeded = _seed(organized)
    book = organized.resource_directory.book("en", today=TODAY)
    text = "\n".join(
        _pages(organized.resource_directory.write(tmp_path / "d.pdf", "en", None, TODAY))
    )

    listed = {entry.name: entry for c in book.categories for entry in c.entries}
    inactive = {f"Service {n:02d}" for n in range(60) if n % 7 == 3}
    assert set(listed) == set(seeded) - inactive
    for name in inactive:
        assert name not in text
    stale = {name for name, entry in listed.items() if entry.stale}
    assert stale == {f"Service {n:02d}" for n in range(0, 60, 5)} - inactive
    assert text.count("Not checked for over a year") == len(stale)
    assert without_isolates(listed["Service 00"].verified) == "Last verified on November 1, 2024"
    assert "Last verified on September 1, 2026" in text
    # What a volunteer needs to send a family there.
    entry = listed["Service 01"]
    assert dict(entry.fields) == {
        "Ask for": "Contact 01, 514-555-0142",
        "Phone": "514-555-0100",
        "Address": "2 rue Notre-Dame, Montréal",
        "Hours": "Mon-Fri 9:00-17:00",
        "Languages": "English and Arabic",
        "Cost": "Free",
        "Who it is for": "Families with children",
    }
    assert "Contact 01, 514-555-0142" in text


def test_the_printed_list_can_be_what_the_screen_shows(organized: Services, tmp_path: Path) -> None:
    _seed(organized)
    wanted = DirectoryFilter(category="health", in_french=True)
    book = organized.resource_directory.book("en", wanted, TODAY)

    assert [c.title for c in book.categories] == ["Health"]
    names = [entry.name for entry in book.categories[0].entries]
    shown = [r.name for r in organized.directory.browse(wanted, today=TODAY)]
    assert names == shown
    assert book.selection == "Only the services chosen: Health; Service in French"
    # Asking for inactive services too changes nothing: they are not for families.
    again = organized.resource_directory.book(
        "en", DirectoryFilter(category="health", in_french=True, include_inactive=True), TODAY
    )
    assert again.categories == book.categories


def test_the_directory_prints_in_french_and_arabic(organized: Services, tmp_path: Path) -> None:
    _seed(organized, count=12)
    directory = organized.resource_directory

    pages = _pages(directory.write(tmp_path / "fr.pdf", "fr", today=TODAY))
    french = "\n".join(pages)
    assert "Santé" in french and "Établissement" in french
    assert "Familles avec enfants" in french
    assert "1 septembre 2026" in french
    page_one = translated_in("fr", "Page {page} of {pages}").format(page=1, pages=len(pages))
    assert page_one in french

    book = directory.book("ar", today=TODAY)
    assert book.right_to_left
    arabic = "\n".join(_pages(directory.write(tmp_path / "ar.pdf", "ar", today=TODAY)))
    for title in ("الصحة", "السكن", "الاستقرار"):
        assert title in arabic or title[::-1] in arabic
    assert "Families with children" in arabic  # no Arabic text: the English one


def test_an_empty_directory_says_so(organized: Services, tmp_path: Path) -> None:
    path = organized.resource_directory.write(tmp_path / "empty.pdf", "en", today=TODAY)
    pages = _pages(path)
    assert len(pages) == 2
    assert "No service in the directory matches." in pages[1]
    assert "Page 2 of 2" in pages[1]
