"""`communitydesk directory import …` and `communitydesk directory export …`: the service
directory exchanged with a hub or another group as Open Referral (HSDS) CSV files.

An import from the terminal keeps every record edited here since the last exchange (a conflict
is never settled for the file without someone looking); the window's import shows both versions
and lets the volunteer take the file's.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from communitydesk.core.i18n import _, format_number, ngettext

if TYPE_CHECKING:  # the parser is built at every start: the services load only when used
    from collections.abc import Callable

    from communitydesk.services.context import Services
    from communitydesk.services.directory_exchange import ImportPlan

    Printer = Callable[[str], None]


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    directory = commands.add_parser(
        "directory", help=_("the service directory, exchanged with a hub as Open Referral CSV")
    )
    actions = directory.add_subparsers(dest="directory_command", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help=_("bring in a directory: a folder of CSV files, a .zip, or its services.csv"),
    )
    importing.add_argument("source", metavar="FILE_OR_FOLDER")
    importing.add_argument(
        "--dry-run", action="store_true", help=_("say what would change, change nothing")
    )
    exporting = actions.add_parser(
        "export", help=_("write the directory as Open Referral CSV files")
    )
    exporting.add_argument(
        "--out", required=True, metavar="FOLDER", help=_("the folder (or .zip file) to write")
    )


def run_directory(args: argparse.Namespace, services: Services, out: Printer) -> int:
    if args.directory_command == "import":
        return _import(Path(args.source), args.dry_run, services, out)
    if args.directory_command == "export":
        return _export(Path(args.out), services, out)
    raise AssertionError(f"unhandled directory command {args.directory_command}")


def _show_plan(plan: ImportPlan, out: Printer) -> None:
    from communitydesk.services.directory_exchange import plan_lines

    out(_("Read from “{source}”:").format(source=plan.source))
    for counts in (*plan.counts, plan.total):
        out(
            "  "
            + _(
                "{kind} — new: {new}, changed: {changed}, unchanged: {unchanged}, "
                "conflicts: {conflicts}"
            ).format(
                kind=counts.label,
                new=format_number(counts.new),
                changed=format_number(counts.changed),
                unchanged=format_number(counts.unchanged),
                conflicts=format_number(counts.conflicts),
            )
        )
    if plan.conflicts:
        out(_("Edited here since the last exchange, and changed in the file too:"))
        for line in plan_lines(plan.conflicts):
            out("  " + line)


def _import(source: Path, dry_run: bool, services: Services, out: Printer) -> int:
    exchange = services.directory_exchange
    plan = exchange.plan(source)
    _show_plan(plan, out)
    if dry_run:
        out(_("Dry run: nothing was written."))
        return 0
    summary = exchange.apply(plan)
    out(
        _("Imported: {added} added, {updated} updated, {unchanged} unchanged.").format(
            added=format_number(summary.added),
            updated=format_number(summary.updated),
            unchanged=format_number(summary.unchanged),
        )
    )
    if summary.kept_mine:
        out(
            ngettext(
                "{count} record edited here was kept as it is here. To take the file's version "
                "instead, import the file in the window (Directory, Import) and choose “Take "
                "theirs”.",
                "{count} records edited here were kept as they are here. To take the file's "
                "version instead, import the file in the window (Directory, Import) and choose "
                "“Take theirs”.",
                summary.kept_mine,
            ).format(count=format_number(summary.kept_mine))
        )
    return 0


def _export(target: Path, services: Services, out: Printer) -> int:
    summary = services.directory_exchange.export(target)
    out(_("Written to {path}:").format(path=summary.target))
    for name, rows in summary.files:
        out(
            "  "
            + ngettext("{file}: {count} row", "{file}: {count} rows", rows).format(
                file=name, count=format_number(rows)
            )
        )
    return 0
