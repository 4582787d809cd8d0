from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import format_money, set_language
from communitydesk.core.money import parse_money


@pytest.mark.parametrize(
    ("language", "text", "cents"),
    [
        ("en", "25", 2500),
        ("en", "25.50", 2550),
        ("en", "$1,234.50", 123450),
        ("en", "25,50", 2550),
        ("en", "0.5", 50),
        ("fr", "25,50", 2550),
        ("fr", "1 234,50 $", 123450),
        ("fr", "25.50", 2550),
        ("ar", "25.50", 2550),
    ],
)
def test_amounts_as_people_type_them(language: str, text: str, cents: int) -> None:
    set_language(language)
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "25.505", "-3", "1.2.3"])
def test_unclear_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_money(text)


@given(st.integers(min_value=0, max_value=10**11), st.sampled_from(["en", "fr", "ar"]))
def test_what_is_shown_reads_back_the_same(cents: int, language: str) -> None:
    set_language(language)
    assert parse_money(format_money(cents, "CAD")) == cents


@given(st.text(max_size=30))
def test_any_text_gives_cents_or_a_clear_message(text: str) -> None:
    try:
        cents = parse_money(text)
    except ValidationError as error:
        assert error.message
    else:
        assert isinstance(cents, int) and cents >= 0


def test_huge_amounts_are_refused_clearly() -> None:
    import pytest

    from communitydesk.core.errors import ValidationError
    from communitydesk.core.money import parse_money

    for text in ("100000000000000000000000000", "NaN", "Infinity"):
        with pytest.raises(ValidationError):
            parse_money(text)
