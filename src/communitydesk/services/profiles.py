"""Profiles on a shared laptop: add, remove, and sign in with an optional PIN.

Signing in tells the database who is working (the change history names them) and what their
role may change (the database refuses the rest, whatever screen or command asks).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotAllowedError, NotFoundError, ValidationError
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import Profile
from communitydesk.models.base import utc_now
from communitydesk.services.access import ROLES, may_write

PIN_ROUNDS: Final = 200_000


@dataclass(frozen=True)
class ProfileRow:
    uid: str
    name: str
    role: str
    has_pin: bool


def _hash(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), PIN_ROUNDS).hex()


def _row(profile: Profile) -> ProfileRow:
    return ProfileRow(profile.uid, profile.name, profile.role, bool(profile.pin_hash))


class ProfileService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.current: ProfileRow | None = None

    def list(self) -> tuple[ProfileRow, ...]:
        with self._db.reading() as session:
            rows = session.scalars(
                select(Profile).where(Profile.removed_at.is_(None)).order_by(Profile.name)
            ).all()
            return tuple(_row(row) for row in rows)

    def add(self, name: str, role: str, pin: str = "") -> ProfileRow:
        name = " ".join(name.split())
        pin = pin.strip()
        if not name:
            raise ValidationError("name", _("Write the volunteer's name."))
        if role not in ROLES:
            raise ValidationError("role", _("Choose a role from the list."))
        if pin and not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise ValidationError("pin", _("A PIN is 4 to 8 digits, or none."))
        existing = self.list()
        if not existing and role != "leader":
            raise ValidationError(
                "role", _("The first profile is a group leader's, who can then add the others.")
            )
        if any(p.name.casefold() == name.casefold() for p in existing):
            raise ValidationError("name", _("There is already a profile with this name."))
        salt = secrets.token_hex(16) if pin else ""
        with self._db.unit_of_work() as session:
            row = Profile(
                name=name, role=role, pin_salt=salt, pin_hash=_hash(pin, salt) if pin else ""
            )
            session.add(row)
            session.flush()
            added = _row(row)
        if not existing:
            self._become(added)  # whoever made the first profile is now signed in as it
        return added

    def remove(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            row = self._profile(session, uid)
            leaders = session.scalar(
                select(func.count()).where(Profile.role == "leader", Profile.removed_at.is_(None))
            )
            if row.role == "leader" and (leaders or 0) <= 1:
                raise ValidationError(
                    "profile", _("Keep at least one group leader, who manages the profiles.")
                )
            row.removed_at = utc_now()

    def sign_in(self, uid: str, pin: str = "") -> ProfileRow:
        with self._db.reading() as session:
            row = self._profile(session, uid)
            if row.pin_hash and not hmac.compare_digest(
                _hash(pin.strip(), row.pin_salt), row.pin_hash
            ):
                raise NotAllowedError(_("That PIN is not right. Try again."))
            profile = _row(row)
        self._become(profile)
        return profile

    def sign_in_trusted(self, uid: str) -> ProfileRow:
        """The same person again, without their PIN (the data was reopened under them)."""
        with self._db.reading() as session:
            profile = _row(self._profile(session, uid))
        self._become(profile)
        return profile

    def sign_in_by_name(self, name: str, pin: str = "") -> ProfileRow:
        """For the command line: `--profile NAME`."""
        for profile in self.list():
            if profile.name.casefold() == " ".join(name.split()).casefold():
                return self.sign_in(profile.uid, pin)
        raise NotFoundError(_("There is no profile named '{name}'.").format(name=name))

    def _become(self, profile: ProfileRow) -> None:
        self.current = profile
        self._db.actor = profile.name
        self._db.role = profile.role
        self._db.may_write = functools.partial(may_write, profile.role)

    @staticmethod
    def _profile(session: Session, uid: str) -> Profile:
        row = session.scalars(
            select(Profile).where(Profile.uid == uid, Profile.removed_at.is_(None))
        ).first()
        if row is None:
            raise NotFoundError(_("This profile no longer exists."))
        return row
