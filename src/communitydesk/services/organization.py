"""The organization profile: created by the first-run assistant, edited under Settings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Final

from sqlalchemy import select

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.core.i18n import _
from communitydesk.core.text import EMAIL
from communitydesk.db.session import Database
from communitydesk.models import Organization
from communitydesk.services.lookups import seed_default_lists

COMMON_CURRENCIES: Final = ("CAD", "USD", "EUR", "GBP", "AUD", "CHF", "MAD", "DZD", "TND", "XOF")


@dataclass(frozen=True)
class OrganizationProfile:
    name: str
    legal_name: str = ""
    registration_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    languages_spoken: tuple[str, ...] = ()
    communities_served: tuple[str, ...] = ()
    mission: str = ""
    # How the group began and what it has done (the opening of a funding application).
    history: str = ""
    currency: str = "CAD"
    fiscal_year_start_month: int = 4
    newcomer_years: int = 5
    # The in-kind value of an hour of volunteering, in cents (-1: what was typed is no amount).
    volunteer_hour_cents: int = 2500
    # Who signs donation receipts: a name and a title ("Joseph Mensah, treasurer").
    receipt_signer: str = ""
    is_sample: bool = False
    uid: str = field(default="", compare=False)


_EDITABLE = (
    "name",
    "legal_name",
    "registration_number",
    "address",
    "phone",
    "email",
    "website",
    "mission",
    "history",
    "currency",
    "fiscal_year_start_month",
    "newcomer_years",
    "volunteer_hour_cents",
    "receipt_signer",
    "is_sample",
)


def _clean_list(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value and value.casefold() not in {v.casefold() for v in seen}:
            seen[value] = None
    return tuple(seen)


def validate_profile(profile: OrganizationProfile) -> OrganizationProfile:
    """Return the profile tidied up, or raise ValidationError naming the field."""
    from babel.numbers import get_currency_name

    cleaned = replace(
        profile,
        name=profile.name.strip(),
        legal_name=profile.legal_name.strip(),
        registration_number=profile.registration_number.strip(),
        address=profile.address.strip(),
        phone=profile.phone.strip(),
        email=profile.email.strip(),
        website=profile.website.strip(),
        mission=profile.mission.strip(),
        history=profile.history.strip(),
        receipt_signer=" ".join(profile.receipt_signer.split())[:200],
        currency=profile.currency.strip().upper(),
        languages_spoken=_clean_list(profile.languages_spoken),
        communities_served=_clean_list(profile.communities_served),
    )
    if not cleaned.name:
        raise ValidationError("name", _("The organization needs a name."))
    if len(cleaned.name) > 200:
        raise ValidationError("name", _("The name is too long (200 characters at most)."))
    if cleaned.email and not EMAIL.match(cleaned.email):
        raise ValidationError("email", _("This does not look like an e-mail address."))
    if len(cleaned.currency) != 3 or get_currency_name(cleaned.currency) == cleaned.currency:
        raise ValidationError("currency", _("Choose a currency from the list."))
    if not 1 <= cleaned.fiscal_year_start_month <= 12:
        raise ValidationError("fiscal_year_start_month", _("Choose a month from the list."))
    if not 1 <= cleaned.newcomer_years <= 50:
        raise ValidationError(
            "newcomer_years", _("A newcomer arrived within 1 to 50 years; 5 is usual.")
        )
    if not 0 <= cleaned.volunteer_hour_cents <= 100_000:
        raise ValidationError(
            "volunteer_hour_cents",
            _("Write what an hour of volunteering is worth, e.g. 25.00 (at most 1,000)."),
        )
    return cleaned


def _to_profile(row: Organization) -> OrganizationProfile:
    return OrganizationProfile(
        **{name: getattr(row, name) for name in _EDITABLE},
        languages_spoken=tuple(row.languages_spoken or ()),
        communities_served=tuple(row.communities_served or ()),
        uid=row.uid,
    )


class OrganizationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> OrganizationProfile | None:
        with self._db.reading() as session:
            row = session.scalars(select(Organization).limit(1)).first()
            return _to_profile(row) if row else None

    def require(self) -> OrganizationProfile:
        profile = self.get()
        if profile is None:
            raise NotFoundError(_("No organization has been set up in this data folder yet."))
        return profile

    def create(self, profile: OrganizationProfile) -> OrganizationProfile:
        """Create the organization with the default lists, in one transaction."""
        profile = validate_profile(profile)
        with self._db.unit_of_work() as session:
            if session.scalars(select(Organization.id).limit(1)).first() is not None:
                raise ValidationError("name", _("This data folder already has an organization."))
            row = Organization(
                **{name: getattr(profile, name) for name in _EDITABLE},
                languages_spoken=list(profile.languages_spoken),
                communities_served=list(profile.communities_served),
            )
            session.add(row)
            seed_default_lists(session)
            session.flush()
            return _to_profile(row)

    def update(self, profile: OrganizationProfile) -> OrganizationProfile:
        profile = validate_profile(profile)
        with self._db.unit_of_work() as session:
            row = session.scalars(select(Organization).limit(1)).first()
            if row is None:
                raise NotFoundError(_("No organization has been set up in this data folder yet."))
            for name in _EDITABLE:
                setattr(row, name, getattr(profile, name))
            row.languages_spoken = list(profile.languages_spoken)
            row.communities_served = list(profile.communities_served)
            session.flush()
            return _to_profile(row)
