"""`communitydesk practices list` and `communitydesk report practice UID`: the practice records
and their profile, from a terminal.

The profile is written by reportlab (.pdf) or python-docx (.docx): no Qt is needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Final

from communitydesk.cli_options import day_option
from communitydesk.core.i18n import _, format_date, format_list

if TYPE_CHECKING:  # the parser is built at every start: the services load only when used
    from collections.abc import Callable

    from communitydesk.services.context import Services

    Printer = Callable[[str], None]

REPORTS: Final = ("practice",)


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    reports: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    practices = commands.add_parser("practices", help=_("the practice records"))
    practices.add_subparsers(dest="practices_command", metavar="ACTION", required=True).add_parser(
        "list", help=_("the practices by name, with their evidence level and programs")
    )

    profile = reports.add_parser(
        "practice", help=_("a practice profile with the figures of its programs")
    )
    profile.add_argument("uid", metavar="UID", help=_("the practice (see: practices list)"))
    profile.add_argument(
        "--from", dest="start", metavar="DATE", help=_("first day of the evidence (YYYY-MM-DD)")
    )
    profile.add_argument(
        "--to", dest="end", metavar="DATE", help=_("last day of the evidence (YYYY-MM-DD)")
    )
    profile.add_argument(
        "--out", required=True, metavar="FILE.pdf|FILE.docx", help=_("where to write it")
    )


def run_practices(args: argparse.Namespace, services: Services, out: Printer) -> int:
    assert args.practices_command == "list"
    from communitydesk.services.practice_guidance import EVIDENCE_LEVELS

    practices = services.practices.list()
    for practice in practices:
        level = _(EVIDENCE_LEVELS[practice.evidence_level][0])
        programs = format_list(list(practice.program_names)) or _("no program linked")
        line = _("{uid}  {name} — {level} — {programs} — updated {day}").format(
            uid=practice.uid,
            name=practice.name,
            level=level,
            programs=programs,
            day=format_date(practice.updated_at.date()),
        )
        if practice.shareable:
            line = _("{line} — shareable").format(line=line)
        out(line)
    if not practices:
        out(_("No practice has been written yet."))
    return 0


def run_report(args: argparse.Namespace, services: Services, out: Printer) -> int:
    assert args.report_command == "practice"
    target = Path(args.out)
    start, end = day_option(args.start, "--from"), day_option(args.end, "--to")
    services.practice_profiles.write(args.uid, target, start, end)
    out(_("Written: {path}").format(path=target))
    return 0
