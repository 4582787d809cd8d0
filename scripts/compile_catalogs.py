"""Compile translations/<lang>/LC_MESSAGES/*.po into src/communitydesk/locale/ (only when stale)."""

from __future__ import annotations

import sys
from pathlib import Path


def compile_catalogs(root: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted((root / "translations").glob("*/LC_MESSAGES/*.po")):
        language = po_path.parent.parent.name
        mo_path = root / "src" / "communitydesk" / "locale" / language / "LC_MESSAGES"
        mo_path = mo_path / po_path.with_suffix(".mo").name
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo_path)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    for path in compile_catalogs(root):
        print(f"compiled {path.relative_to(root)}")
