"""Per-machine preferences kept beside the database (the language this laptop shows).

What belongs to the organization (its profile, currency, fiscal year) lives in the database.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MachineSettings:
    language: str = ""  # empty: not chosen yet, the first-run assistant asks


def load_settings(path: Path) -> MachineSettings:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return MachineSettings()
    except (OSError, ValueError) as exc:
        # A damaged preferences file must never stop the app from opening.
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return MachineSettings()
    if not isinstance(raw, dict):
        return MachineSettings()
    known = {k: str(v) for k, v in raw.items() if k in MachineSettings.__dataclass_fields__}
    return replace(MachineSettings(), **known)


def save_settings(path: Path, settings: MachineSettings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash leaves the old file or the new one
