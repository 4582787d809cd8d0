"""Every message is translated in French and Arabic, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MNEMONIC = re.compile(r"&(?=\w)")  # "&File"; a spaced " & " is a plain ampersand
COMPLETE_LANGUAGES = ("fr", "ar")


def _catalog(language: str) -> Catalog:
    with (ROOT / "translations" / language / "LC_MESSAGES" / "communitydesk.po").open("rb") as f:
        return read_po(f, locale=language)


def _source_messages() -> set[str]:
    found = set()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src"), method_map=[("**.py", "python")], keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_every_message_in_the_code_is_translated(language: str) -> None:
    catalog = _catalog(language)
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalog
        if m.id and all(m.string if isinstance(m.string, tuple) else (m.string,)) and not m.fuzzy
    }
    missing = sorted(_source_messages() - translated)
    assert missing == [], f"{language}: untranslated messages (run the extract step): {missing}"


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_placeholders_and_mnemonics_match_the_english(language: str) -> None:
    for message in _catalog(language):
        if not message.id:
            continue
        source = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in map(str, strings):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), (
                language,
                source,
                text,
            )
            if MNEMONIC.search(source):
                assert len(MNEMONIC.findall(text)) == 1, (language, source, text)


def test_compiled_catalogs_are_installed_with_the_package() -> None:
    from communitydesk.core.paths import locale_dir

    for language in ("en", *COMPLETE_LANGUAGES):
        assert (locale_dir() / language / "LC_MESSAGES" / "communitydesk.mo").is_file()
