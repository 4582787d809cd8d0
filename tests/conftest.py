"""Shared fixtures: every test gets its own data folder; the language goes back to English."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: tests never need a screen (scripts/test sets this too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from communitydesk.core.i18n import set_language
from communitydesk.core.paths import DataPaths
from communitydesk.db.engine import forget_key
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.organization import OrganizationProfile


@pytest.fixture(autouse=True)
def _no_unlocked_key() -> Iterator[None]:
    # An encrypted folder's key is held for the process; each test starts and ends without one.
    forget_key()
    yield
    forget_key()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _no_default_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A test that forgot --data-dir must never touch the developer's real data.
    monkeypatch.setenv("COMMUNITYDESK_DATA_DIR", str(tmp_path / "env-data"))


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def services(paths: DataPaths) -> Iterator[Services]:
    opened = open_data_folder(paths)
    yield opened
    opened.close()


@pytest.fixture
def organized(services: Services) -> Services:
    services.organization.create(OrganizationProfile(name="Cercle des aînés"))
    return services


@pytest.fixture
def sample(services: Services) -> Services:
    services.demo.generate(people=120, seed=7)
    return services
