"""Fill empty translations in the French and Arabic catalogs from a table file.

    .venv/bin/python scripts/fill_translations.py TABLE.py

TABLE.py defines T: {msgid: (french, arabic)}; a plural msgid is a (singular, plural) tuple
whose translations are lists (2 French forms, 6 Arabic forms). Only empty entries are filled,
so a translator's work is never overwritten.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    table = runpy.run_path(sys.argv[1])["T"]
    for index, language in enumerate(("fr", "ar")):
        path = ROOT / "translations" / language / "LC_MESSAGES" / "communitydesk.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        filled = 0
        for message in catalog:
            if not message.id or message.id not in table:
                continue
            wanted = table[message.id][index]
            if isinstance(message.string, tuple):
                if not all(message.string):
                    message.string = tuple(wanted)
                    filled += 1
            elif not message.string:
                message.string = wanted
                filled += 1
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
        print(f"{language}: filled {filled}")


if __name__ == "__main__":
    main()
