from __future__ import annotations

from pathlib import Path

import pytest

from communitydesk.core.instance import FolderInUseError, FolderLock


def test_one_program_at_a_time_holds_a_folder(tmp_path: Path) -> None:
    lock_file = tmp_path / "data" / "communitydesk.lock"
    with FolderLock(lock_file):
        with pytest.raises(FolderInUseError) as raised:
            FolderLock(lock_file).acquire()
        assert "already open on this data folder" in raised.value.message
    # Released on leaving: the next program gets it.
    FolderLock(lock_file).acquire().release()
