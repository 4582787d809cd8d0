"""What an installed CommunityDesk needs reaches the wheel: catalogs, fonts, migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_catalogs_fonts_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("communitydesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("en", "fr", "ar"):
        assert f"communitydesk/locale/{language}/LC_MESSAGES/communitydesk.mo" in names
    assert "communitydesk/resources/fonts/NotoSansArabic-Regular.ttf" in names
    assert "communitydesk/resources/fonts/OFL.txt" in names
    assert "communitydesk/db/migrations/env.py" in names
    assert "communitydesk/db/migrations/script.py.mako" in names
    assert "communitydesk/db/migrations/versions/0001_foundation.py" in names
