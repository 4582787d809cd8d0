"""Write a file whole or not at all: into a neighbour first, then renamed over the target."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _


@contextlib.contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """Yield a path to write to; on success it replaces `target`, on failure it is removed.

    An OSError (a full disk, a read-only folder, a file open elsewhere) becomes a
    CommunityDeskError naming the file, and whatever was at `target` before stays as it was.
    """
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        if not partial.exists() or partial.stat().st_size == 0:
            raise OSError(_("nothing was written"))
        partial.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise CommunityDeskError(
            _("The file could not be written to {path}: {error}").format(
                path=target, error=error.strerror or error
            )
        ) from error
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
