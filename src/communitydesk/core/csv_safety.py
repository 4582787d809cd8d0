"""Cells that a spreadsheet would run as a formula are neutralized before they leave the app."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)": shown as text, never run (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def from_spreadsheet(value: str) -> str:
    """The reverse, for a file coming back in: "'+1 613…" was "+1 613…" before it left."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
    return value
