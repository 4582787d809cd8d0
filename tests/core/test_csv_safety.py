from hypothesis import given
from hypothesis import strategies as st

from communitydesk.core.csv_safety import from_spreadsheet, spreadsheet_safe


@given(st.text(st.sampled_from("'=+-@\t\r a")))
def test_a_cell_comes_back_as_it_was_and_never_runs_as_a_formula(value: str) -> None:
    written = spreadsheet_safe(value)
    assert from_spreadsheet(written) == value
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_text_that_began_with_an_apostrophe_keeps_it() -> None:
    assert spreadsheet_safe("'=1+1") == "''=1+1"
    assert from_spreadsheet("''=1+1") == "'=1+1"
    assert from_spreadsheet("'=1+1") == "=1+1"
    assert from_spreadsheet("'Ana") == "'Ana"
