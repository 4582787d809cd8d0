"""Text helpers shared by search, sorting and validation."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: 'José  ÉLIE' -> 'jose elie'.

    Letters of scripts without accents (Arabic, Cyrillic, Han ...) are kept as they are.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_key(*parts: str) -> str:
    return fold(" ".join(part for part in parts if part))


_DOUBLED = re.compile(r"(.)\1+")


def skeleton(folded: str) -> str:
    """Doubled letters made single, for spellings that differ only so: 'mohammed' -> 'mohamed'."""
    return _DOUBLED.sub(r"\1", folded)


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
