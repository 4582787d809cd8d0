"""Cells that a spreadsheet would run as a formula are neutralized before they leave the app."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_mark(value: str) -> bool:
    # A text that already starts with apostrophes before a formula character gets one more, so
    # that reading it back (which takes one off) returns it as it was.
    return value.lstrip("'").startswith(_FORMULA_STARTS)


def spreadsheet_safe(value: str) -> str:
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)": shown as text, never run (OWASP CSV injection).
    "'=1+1" -> "''=1+1", so that `from_spreadsheet` returns every text as it was."""
    return "'" + value if _needs_mark(value) else value


def from_spreadsheet(value: str) -> str:
    """The reverse, for a file coming back in: "'+1 613…" was "+1 613…" before it left."""
    return value[1:] if value.startswith("'") and _needs_mark(value[1:]) else value
