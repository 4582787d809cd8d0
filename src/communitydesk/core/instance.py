"""One program at a time writes to a data folder: the window, or a command that changes it.

An operating-system lock on a file in the folder, held while the program runs. The system lets
it go when the program ends however it ends (a crash, a power cut), so no stale lock is left
to clear by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _


class FolderInUseError(CommunityDeskError):
    """Another CommunityDesk already has this data folder open."""


class FolderLock:
    """`with FolderLock(path):` or `acquire()` / `release()`; raises FolderInUseError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as error:
            os.close(fd)
            raise FolderInUseError(
                _(
                    "CommunityDesk is already open on this data folder. Close it first (or "
                    "switch to its window); two programs must never write to the same data."
                )
            ) from error
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
