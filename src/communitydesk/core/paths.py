"""Where CommunityDesk keeps its files.

One data folder per organization: the database, its backups, the log and the per-machine
settings. It is `--data-dir`, else `COMMUNITYDESK_DATA_DIR`, else the platform's user-data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "CommunityDesk"
ENV_DATA_DIR = "COMMUNITYDESK_DATA_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataPaths:
    """The files inside one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "communitydesk.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "communitydesk.log"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def key_file(self) -> Path:
        """The database key, wrapped under the passphrase and the recovery key (encryption)."""
        return self.root / "communitydesk.key"

    @property
    def lock_file(self) -> Path:
        return self.root / "communitydesk.lock"

    @property
    def window_state_file(self) -> Path:
        return self.root / "window.ini"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resource_dir() -> Path:
    """Icons and fonts: inside the package when installed from a wheel, else the source tree."""
    packaged = PACKAGE_DIR / "resources"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent.parent / "resources"


def locale_dir() -> Path:
    """Compiled message catalogs (<lang>/LC_MESSAGES/communitydesk.mo)."""
    return PACKAGE_DIR / "locale"
