"""One `Database` per data folder; every operation runs in its own unit of work."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc
from sqlalchemy.orm import Session, sessionmaker

from communitydesk.core.errors import DatabaseError
from communitydesk.core.i18n import _
from communitydesk.db.engine import create_db_engine
from communitydesk.db.history import ACTOR_KEY, MAY_WRITE_KEY, record_history

log = logging.getLogger(__name__)


def _friendly(error: exc.OperationalError) -> DatabaseError:
    text = str(error.orig).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            _("The database is busy in another window or program. Close it and try again.")
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return DatabaseError(_("The disk is full or cannot be written. Nothing was saved."))
    if "readonly" in text or "read-only" in text:
        return DatabaseError(_("The data folder is read-only. Nothing was saved."))
    return DatabaseError(_("The database could not be used: {error}").format(error=error.orig))


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = create_db_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        record_history(self._sessions)
        # Who is using the app, as the change history names them ("" until profiles exist),
        # their role (None: no profiles, everything allowed) and which tables they may change.
        self.actor = ""
        self.role: str | None = None
        self.may_write: Callable[[str], bool] | None = None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back whole."""
        try:
            with self._sessions.begin() as session:
                session.info[ACTOR_KEY] = self.actor
                session.info[MAY_WRITE_KEY] = self.may_write
                yield session
        except exc.OperationalError as error:
            log.warning("Database operation failed: %s", error)
            raise _friendly(error) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing it does is committed."""
        try:
            with self._sessions() as session:
                yield session
        except exc.OperationalError as error:
            log.warning("Database read failed: %s", error)
            raise _friendly(error) from error

    def close(self) -> None:
        self.engine.dispose()
