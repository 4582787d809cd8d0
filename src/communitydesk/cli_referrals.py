"""`communitydesk referrals due` and the referral reports from a terminal: the resource
directory, a referral card, the groundwork report.

The PDFs are written by reportlab: no Qt is needed, so this works on a machine without a screen.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from communitydesk.cli_options import day_option
from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, current_language, format_date, ngettext

if TYPE_CHECKING:  # the parser is built at every start: the services load only when used
    from collections.abc import Callable

    from communitydesk.services.context import Services

    Printer = Callable[[str], None]

REPORTS: Final = ("directory", "referral-card", "groundwork")


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    reports: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    referrals = commands.add_parser("referrals", help=_("the referral log"))
    referrals.add_subparsers(dest="referrals_command", metavar="ACTION", required=True).add_parser(
        "due", help=_("follow-ups due today or overdue, the oldest first")
    )

    directory = reports.add_parser(
        "directory", help=_("the resource directory by category, as PDF")
    )
    directory.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write it"))
    # Not --lang: that one, before the command, is the language of the messages.
    directory.add_argument(
        "--lang", dest="document_language", metavar="CODE", help=_("en, fr or ar")
    )

    card = reports.add_parser("referral-card", help=_("a referral card for one service, as PDF"))
    card.add_argument("--service", required=True, metavar="UID", help=_("the service"))
    card.add_argument("--person", default="", metavar="UID", help=_("the person it is for"))
    card.add_argument(
        "--lang",
        dest="document_language",
        required=True,
        metavar="CODE",
        help=_("the family's language; the card adds English or French"),
    )
    card.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write it"))

    groundwork = reports.add_parser(
        "groundwork", help=_("who the group prepared and referred, and what came of it")
    )
    groundwork.add_argument("--from", dest="start", required=True, metavar="DATE")
    groundwork.add_argument("--to", dest="end", required=True, metavar="DATE")
    groundwork.add_argument(
        "--out", required=True, metavar="FILE.pdf|FILE.csv", help=_("where to write it")
    )


def run_referrals(args: argparse.Namespace, services: Services, out: Printer) -> int:
    assert args.referrals_command == "due"
    due = services.referrals.due()
    today = date.today()
    for referral in due:
        late = (today - referral.follow_up_on).days if referral.follow_up_on else 0
        when = (
            ngettext("{days} day overdue", "{days} days overdue", late).format(days=late)
            if late
            else _("due today")
        )
        contact = f" ({referral.contact_name})" if referral.contact_name else ""
        out(
            _("{who}: {service}, {organization}{contact} — referred on {day}, {when}").format(
                who=referral.who,
                service=referral.service_name,
                organization=referral.organization_name,
                contact=contact,
                day=format_date(referral.referred_on),
                when=when,
            )
        )
    if not due:
        out(_("No follow-ups are due."))
    return 0


def run_report(args: argparse.Namespace, services: Services, out: Printer) -> int:
    target = Path(args.out)
    if args.report_command == "groundwork":
        start, end = day_option(args.start, "--from"), day_option(args.end, "--to")
        assert start is not None and end is not None
        if end < start:
            raise ValidationError("--to", _("The period ends before it starts."))
        if target.suffix.lower() not in (".pdf", ".csv"):
            raise ValidationError("--out", _("The report is written as a .pdf or a .csv file."))
        services.groundwork.build(start, end).write(target)
    else:
        if target.suffix.lower() != ".pdf":
            raise ValidationError("--out", _("The document is written as a .pdf file."))
        if args.report_command == "directory":
            language = args.document_language or current_language().code
            services.resource_directory.write(target, language)
        else:
            cards = services.referral_cards
            cards.write(
                args.service,
                target,
                person_uid=args.person,
                language=args.document_language,
            )
    out(_("Written: {path}").format(path=target))
    return 0
