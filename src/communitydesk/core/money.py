"""Money typed by a person, to integer cents. Never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, current_language

# A trillion: more than any group handles, and well inside Decimal's precision.
LARGEST = Decimal(1_000_000_000_000)


def parse_money(text: str, field: str = "amount") -> int:
    """'25', '25.50', '25,50 $' or '1 234,50' in the current language -> cents (2550 ...)."""
    from babel.numbers import NumberFormatError, parse_decimal

    # Digits, signs and separators only; spaces only ever group thousands, so they go.
    cleaned = "".join(ch for ch in text if ch.isdigit() or ch in ".,-")
    if not cleaned:
        raise ValidationError(field, _("Write an amount, e.g. 25.00."))
    try:
        amount = parse_decimal(cleaned, locale=current_language().babel_locale, strict=True)
    except (NumberFormatError, InvalidOperation):
        try:  # "25.50" typed in French, or "25,50" in English: still clear enough
            amount = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(field, _("Write an amount, e.g. 25.00.")) from None
    if not amount.is_finite() or abs(amount) > LARGEST:
        raise ValidationError(
            field, _("That amount is too large; write it in dollars and cents, e.g. 25.00.")
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(field, _("An amount has at most two decimals."))
    if amount < 0:
        raise ValidationError(field, _("The amount cannot be negative."))
    return int(amount * 100)
