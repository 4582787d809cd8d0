from __future__ import annotations

from pathlib import Path

import pytest

from communitydesk.core.paths import DataPaths, resolve_data_dir
from communitydesk.core.settings import MachineSettings, load_settings, save_settings


def test_data_dir_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COMMUNITYDESK_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir(None) == tmp_path / "from-env"
    monkeypatch.delenv("COMMUNITYDESK_DATA_DIR")
    assert "CommunityDesk" in str(resolve_data_dir(None))


def test_settings_survive_a_restart_and_a_damaged_file(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path).ensure()
    assert load_settings(paths.settings_file) == MachineSettings()
    save_settings(paths.settings_file, MachineSettings(language="ar"))
    assert load_settings(paths.settings_file).language == "ar"
    paths.settings_file.write_text("{not json", encoding="utf-8")
    assert load_settings(paths.settings_file) == MachineSettings()
    paths.settings_file.write_text('["a list"]', encoding="utf-8")
    assert load_settings(paths.settings_file) == MachineSettings()


def test_the_log_file_rotates(tmp_path: Path) -> None:
    import logging
    import logging.handlers

    from communitydesk.core.logging_setup import setup_logging

    paths = DataPaths(tmp_path).ensure()
    setup_logging(paths.log_file)
    try:
        logging.getLogger("communitydesk.test").info("Opened the roster")
        handlers = [
            h
            for h in logging.getLogger().handlers
            if isinstance(h, logging.handlers.RotatingFileHandler)
        ]
        assert len(handlers) == 1 and handlers[0].maxBytes == 1_000_000
        handlers[0].flush()
        assert "Opened the roster" in paths.log_file.read_text(encoding="utf-8")
        setup_logging(paths.log_file)  # a second set-up replaces, never doubles, the handlers
        assert (
            sum(
                isinstance(h, logging.handlers.RotatingFileHandler)
                for h in logging.getLogger().handlers
            )
            == 1
        )
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_communitydesk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
