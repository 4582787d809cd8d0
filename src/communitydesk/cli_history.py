"""`communitydesk history`: the change log, or one record's story, printed for a terminal."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from communitydesk.core.i18n import _, format_datetime
from communitydesk.services.context import Services
from communitydesk.services.history import (
    HistoryEntry,
    HistoryFilter,
    actor_text,
    change_text,
    entry_text,
)


def run_history(args: argparse.Namespace, services: Services, out: Callable[[str], None]) -> int:
    limit = max(1, args.limit)
    entries: tuple[HistoryEntry, ...]
    if args.record:
        entries = services.history.for_record(args.record, limit=limit)
    else:
        entries = services.history.log(HistoryFilter(kind=args.kind), limit=limit).entries
    if not entries:
        out(_("Nothing recorded."))
        return 0
    for entry in entries:
        when = format_datetime(entry.at, "short")
        out(f"{when}  {actor_text(entry.actor)}  {entry_text(entry)}")
        for change in entry.changes:
            out("    " + change_text(change))
    return 0
