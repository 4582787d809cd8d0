"""The income and expense categories a new organization's books start with.

What small volunteer-run groups actually receive and spend, in three languages; from then on the
group renames, adds and retires its own. The codes stay: dues and donations are found by them.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from communitydesk.models import MoneyCategory
from communitydesk.models.base import new_uid, utc_now

# (code, kind, parent code or "", English, French, Arabic)
DEFAULT_CATEGORIES: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    ("dues", "income", "", "Membership dues", "Cotisations des membres", "اشتراكات الأعضاء"),
    ("donations", "income", "", "Donations", "Dons", "التبرعات"),
    (
        "donations_individual",
        "income",
        "donations",
        "From individuals",
        "De particuliers",
        "من الأفراد",
    ),
    (
        "donations_business",
        "income",
        "donations",
        "From businesses and places of worship",
        "D'entreprises et de lieux de culte",
        "من الشركات ودور العبادة",
    ),
    (
        "fundraising",
        "income",
        "",
        "Fundraising events",
        "Activités de financement",
        "فعاليات جمع التبرعات",
    ),
    ("grants", "income", "", "Grants", "Subventions", "المنح"),
    (
        "grants_government",
        "income",
        "grants",
        "Government grants",
        "Subventions gouvernementales",
        "منح حكومية",
    ),
    (
        "grants_foundation",
        "income",
        "grants",
        "Foundation and community grants",
        "Subventions de fondations et communautaires",
        "منح المؤسسات والمجتمع",
    ),
    ("fees", "income", "", "Program fees", "Frais de participation", "رسوم البرامج"),
    (
        "sales",
        "income",
        "",
        "Sales (food, crafts)",
        "Ventes (nourriture, artisanat)",
        "المبيعات (طعام، حرف يدوية)",
    ),
    ("interest", "income", "", "Bank interest", "Intérêts bancaires", "الفوائد البنكية"),
    ("other_income", "income", "", "Other income", "Autres revenus", "إيرادات أخرى"),
    ("rent", "expense", "", "Room rental", "Location de salle", "إيجار القاعة"),
    (
        "food",
        "expense",
        "",
        "Food and refreshments",
        "Nourriture et rafraîchissements",
        "الطعام والمرطبات",
    ),
    ("transport", "expense", "", "Transport", "Transport", "المواصلات"),
    (
        "transport_bus",
        "expense",
        "transport",
        "Bus tickets and passes",
        "Billets et laissez-passer d'autobus",
        "تذاكر واشتراكات الحافلات",
    ),
    (
        "transport_mileage",
        "expense",
        "transport",
        "Mileage and taxis",
        "Kilométrage et taxis",
        "بدل المسافات وسيارات الأجرة",
    ),
    ("supplies", "expense", "", "Supplies", "Fournitures", "اللوازم"),
    (
        "honoraria",
        "expense",
        "",
        "Honoraria (speakers, facilitators)",
        "Honoraires (conférenciers, animateurs)",
        "المكافآت (المتحدثون والميسّرون)",
    ),
    (
        "interpretation",
        "expense",
        "",
        "Interpretation and translation",
        "Interprétation et traduction",
        "الترجمة الفورية والتحريرية",
    ),
    ("childcare", "expense", "", "Child care", "Garde d'enfants", "رعاية الأطفال"),
    (
        "printing",
        "expense",
        "",
        "Printing and photocopies",
        "Impression et photocopies",
        "الطباعة والنسخ",
    ),
    (
        "phone_internet",
        "expense",
        "",
        "Phone and internet",
        "Téléphone et internet",
        "الهاتف والإنترنت",
    ),
    ("insurance", "expense", "", "Insurance", "Assurances", "التأمين"),
    ("bank_fees", "expense", "", "Bank fees", "Frais bancaires", "الرسوم البنكية"),
    (
        "registration",
        "expense",
        "",
        "Registration and filing fees",
        "Frais d'enregistrement et de déclaration",
        "رسوم التسجيل والإيداع",
    ),
    (
        "events",
        "expense",
        "",
        "Events and celebrations",
        "Événements et célébrations",
        "الفعاليات والاحتفالات",
    ),
    (
        "volunteer_appreciation",
        "expense",
        "",
        "Volunteer appreciation",
        "Reconnaissance des bénévoles",
        "تقدير المتطوعين",
    ),
    (
        "fundraising_costs",
        "expense",
        "",
        "Fundraising costs",
        "Frais de collecte de fonds",
        "تكاليف جمع التبرعات",
    ),
    ("other_expense", "expense", "", "Other expenses", "Autres dépenses", "مصروفات أخرى"),
)


def seed_default_categories(session: Session) -> int:
    """Insert the default categories when the books have none yet; returns how many."""
    if session.scalar(select(func.count()).select_from(MoneyCategory)):
        return 0
    now = utc_now()
    ids: dict[str, int] = {}
    # Parents come before their children in the table above.
    for order, (code, kind, parent, english, french, arabic) in enumerate(DEFAULT_CATEGORIES):
        category_id = session.scalar(
            insert(MoneyCategory)
            .returning(MoneyCategory.id)
            .values(
                uid=new_uid(),
                created_at=now,
                updated_at=now,
                code=code,
                kind=kind,
                parent_id=ids.get(parent),
                labels={"en": english, "fr": french, "ar": arabic},
                sort_order=order,
            )
        )
        ids[code] = int(category_id or 0)
    return len(DEFAULT_CATEGORIES)
