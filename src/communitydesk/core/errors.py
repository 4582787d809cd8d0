"""The project's own error types.

An expected problem (a bad file, a database from a newer version, a full disk) is raised as a
`CommunityDeskError` whose message a volunteer can act on. Anything else is a bug and reaches
the crash dialog or a traceback.
"""

from __future__ import annotations


class CommunityDeskError(Exception):
    """An expected problem, with a message meant for the person using the app."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(CommunityDeskError):
    """A value typed by the user is not acceptable; `field` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(CommunityDeskError):
    """The record asked for does not exist (or is in the Trash)."""


class NotAllowedError(CommunityDeskError):
    """The profile signed in may not do this (its role decides)."""


class DatabaseError(CommunityDeskError):
    """The database file cannot be opened, read or written as asked."""


class PassphraseNeededError(DatabaseError):
    """The data is encrypted: its passphrase (or recovery key) must be given to open it."""


class WrongPassphraseError(DatabaseError):
    """Neither the passphrase nor the recovery key typed opens this data."""


class NewerSchemaError(DatabaseError):
    """The database was written by a newer CommunityDesk; it is left untouched."""


class BackupError(CommunityDeskError):
    """A backup could not be written, verified or restored."""


class FileFormatError(CommunityDeskError):
    """A file's content is not what was expected; row and column point at the problem."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


class PeriodClosedError(CommunityDeskError):
    """The books are closed for that date; the treasurer reopens the period to change it."""


class FundOverspentError(CommunityDeskError):
    """An expense would take a restricted fund below zero; saved only when confirmed.

    `shortfalls` holds (fund name, balance after in cents) for each fund that would go below zero.
    """

    def __init__(self, message: str, shortfalls: tuple[tuple[str, int], ...]) -> None:
        super().__init__(message)
        self.shortfalls = shortfalls
