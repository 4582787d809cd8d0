"""Phone numbers and e-mail addresses: tidied when we can, never refused for being unusual."""

from __future__ import annotations

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _
from communitydesk.core.text import EMAIL

DEFAULT_REGION = "CA"


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """'6135550100' -> '(613) 555-0100'; a foreign number in international form.

    A number the library cannot make sense of (an extension written out, a short local number)
    is kept as typed: a volunteer's note is better than a refusal.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text
    # The group's own region first: checking it alone is far cheaper than finding the region
    # of any number, which counts when a spreadsheet brings in thousands.
    if phonenumbers.is_valid_number_for_region(number, region):
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    if not phonenumbers.is_valid_number(number):
        return text
    if number.country_code == phonenumbers.country_code_for_region(region):
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def normalize_email(text: str, field: str = "email") -> str:
    text = text.strip()
    if not text:
        return ""
    if not EMAIL.match(text):
        raise ValidationError(field, _("This does not look like an e-mail address."))
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"
