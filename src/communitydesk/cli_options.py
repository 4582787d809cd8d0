"""Option values typed on the command line, read the same way by every command."""

from __future__ import annotations

from datetime import date

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _


def day_option(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option, or None when it was not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            option, _("{option}: write the date as YYYY-MM-DD.").format(option=option)
        ) from None
