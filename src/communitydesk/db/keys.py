"""The key that encrypts the database, kept beside it wrapped twice: under the passphrase and
under a recovery key printed once when encryption is turned on.

The database key is 32 random bytes. Each wrap XORs it with 32 bytes derived from the secret by
PBKDF2 (its own salt), and stores an HMAC that tells a right secret from a wrong one without
touching the database. Changing the passphrase rewraps the key; the data is not re-encrypted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from communitydesk.core.errors import DatabaseError, WrongPassphraseError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _

ROUNDS: Final = 310_000
CHECK_LABEL: Final = b"communitydesk key check"
KEY_BYTES: Final = 32


@dataclass(frozen=True)
class Wrap:
    kind: str  # "passphrase" or "recovery"
    salt: str
    wrapped: str


def _derive(secret: str, salt: str) -> bytes:
    normalized = secret.strip().replace("-", "").upper() if _is_recovery(secret) else secret
    return hashlib.pbkdf2_hmac(
        "sha256", normalized.encode(), bytes.fromhex(salt), ROUNDS, dklen=KEY_BYTES
    )


def _is_recovery(secret: str) -> bool:
    parts = secret.strip().split("-")
    return len(parts) == 6 and all(len(p) == 4 and p.isalnum() for p in parts)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def _check(key: bytes) -> str:
    return hmac.new(key, CHECK_LABEL, hashlib.sha256).hexdigest()


def _wrap(kind: str, key: bytes, secret: str) -> Wrap:
    salt = secrets.token_hex(16)
    return Wrap(kind, salt, _xor(key, _derive(secret, salt)).hex())


def new_recovery_key() -> str:
    """Six groups of four letters and digits, easy to copy by hand: 'K7QF-2MZD-...'."""
    text = base64.b32encode(secrets.token_bytes(15)).decode()  # 24 characters
    return "-".join(text[i : i + 4] for i in range(0, 24, 4))


def create_key_file(path: Path, passphrase: str) -> tuple[str, str]:
    """A new database key, wrapped; returns (the key for SQLCipher, the recovery key)."""
    key = secrets.token_bytes(KEY_BYTES)
    recovery = new_recovery_key()
    write_key_file(path, key, passphrase, recovery)
    return sqlcipher_key(key), recovery


def write_key_file(path: Path, key: bytes, passphrase: str, recovery: str) -> None:
    content = {
        "version": 1,
        "check": _check(key),
        "wraps": [
            _wrap("passphrase", key, passphrase).__dict__,
            _wrap("recovery", key, recovery).__dict__,
        ],
    }
    with written_whole(path) as partial:
        partial.write_text(json.dumps(content, indent=2), encoding="utf-8")
        partial.chmod(0o600)


def unlock(path: Path, secret: str) -> str:
    """The database key for the passphrase or recovery key typed, or WrongPassphraseError."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        wraps = [Wrap(**w) for w in content["wraps"]]
        check = str(content["check"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatabaseError(
            _("The key file {path} is missing or damaged; use a backup of it.").format(path=path)
        ) from error
    for wrap in wraps:
        key = _xor(bytes.fromhex(wrap.wrapped), _derive(secret, wrap.salt))
        if hmac.compare_digest(_check(key), check):
            return sqlcipher_key(key)
    raise WrongPassphraseError(
        _(
            "That passphrase (or recovery key) does not open this data. Check the keyboard "
            "language and Caps Lock, and try again."
        )
    )


def sqlcipher_key(key: bytes) -> str:
    """The raw key as SQLCipher takes it (no second key derivation)."""
    return f"x'{key.hex()}'"
