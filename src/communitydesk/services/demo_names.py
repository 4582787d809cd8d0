"""Names for the sample organization, from the communities such groups serve.

Each name is (as written, Latin spelling); the Latin spelling is empty where the name is
already written in Latin letters. Scripts: Latin (with diacritics), Arabic, Cyrillic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

Name = tuple[str, str]


@dataclass(frozen=True)
class Community:
    key: str
    country: str
    languages: tuple[str, ...]
    women: tuple[Name, ...]
    men: tuple[Name, ...]
    families: tuple[Name, ...]
    weight: int


def _latin(*names: str) -> tuple[Name, ...]:
    return tuple((name, "") for name in names)


COMMUNITIES: Final[tuple[Community, ...]] = (
    Community(
        "Vietnamese",
        "VN",
        ("vi", "en"),
        _latin("Thị Lan", "Thu Hà", "Ngọc Anh", "Hồng Nhung", "Mai", "Phương Thảo", "Bích Ngọc"),
        _latin("Văn Minh", "Quốc Bảo", "Đức Anh", "Hoàng Long", "Tuấn", "Thành Công", "Hữu Nghĩa"),
        _latin("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"),
        14,
    ),
    Community(
        "Somali",
        "SO",
        ("so", "ar", "en"),
        _latin("Hodan", "Ayaan", "Fadumo", "Sahra", "Hawa", "Nasra", "Amina", "Ifrah"),
        _latin("Mohamed", "Abdi", "Hassan", "Abdirahman", "Yusuf", "Ahmed", "Liban", "Farhan"),
        _latin("Warsame", "Farah", "Mohamud", "Ali", "Abdullahi", "Hersi", "Jama", "Osman"),
        14,
    ),
    Community(
        "Latin American",
        "CO",
        ("es", "en"),
        _latin("María José", "Ana Lucía", "Sofía", "Lucía", "Valentina", "Ximena", "Inés"),
        _latin("José Luis", "Andrés", "Julián", "Mateo", "Óscar", "Raúl", "Héctor"),
        _latin("García", "Rodríguez", "Hernández", "Muñoz", "Peña", "Gómez", "Pérez", "Núñez"),
        14,
    ),
    Community(
        "Syrian",
        "SY",
        ("ar", "en"),
        (
            ("فاطمة", "Fatima"),
            ("ليلى", "Layla"),
            ("مريم", "Mariam"),
            ("رنا", "Rana"),
            ("هبة", "Heba"),
            ("نور", "Nour"),
            ("سلمى", "Salma"),
        ),
        (
            ("محمد", "Mohammed"),
            ("أحمد", "Ahmad"),
            ("عمر", "Omar"),
            ("خالد", "Khaled"),
            ("يوسف", "Youssef"),
            ("سامر", "Samer"),
            ("طارق", "Tarek"),
        ),
        (
            ("الحسن", "Al-Hassan"),
            ("خليل", "Khalil"),
            ("حداد", "Haddad"),
            ("العلي", "Al-Ali"),
            ("الشامي", "Al-Shami"),
            ("نجار", "Najjar"),
            ("حمدان", "Hamdan"),
        ),
        16,
    ),
    Community(
        "Afghan",
        "AF",
        ("fa", "ps", "en"),
        (
            ("فریبا", "Fariba"),
            ("زهرا", "Zahra"),
            ("مریم", "Maryam"),
            ("شکیلا", "Shakila"),
            ("نرگس", "Narges"),
        ),
        (
            ("احمد", "Ahmad"),
            ("فرهاد", "Farhad"),
            ("نوید", "Navid"),
            ("جاوید", "Javid"),
            ("حمید", "Hamid"),
        ),
        (
            ("رحیمی", "Rahimi"),
            ("احمدی", "Ahmadi"),
            ("نوری", "Noori"),
            ("حیدری", "Haidari"),
            ("کریمی", "Karimi"),
        ),
        10,
    ),
    Community(
        "Serbian",
        "RS",
        ("sr", "en"),
        (
            ("Јелена", "Jelena"),
            ("Ана", "Ana"),
            ("Милица", "Milica"),
            ("Драгана", "Dragana"),
            ("Весна", "Vesna"),
        ),
        (
            ("Милан", "Milan"),
            ("Драган", "Dragan"),
            ("Никола", "Nikola"),
            ("Стефан", "Stefan"),
            ("Зоран", "Zoran"),
        ),
        (
            ("Петровић", "Petrović"),
            ("Јовановић", "Jovanović"),
            ("Николић", "Nikolić"),
            ("Марковић", "Marković"),
            ("Ђорђевић", "Đorđević"),
        ),
        8,
    ),
    Community(
        "Ukrainian",
        "UA",
        ("uk", "en"),
        (
            ("Олена", "Olena"),
            ("Оксана", "Oksana"),
            ("Ірина", "Iryna"),
            ("Наталія", "Nataliia"),
            ("Софія", "Sofiia"),
        ),
        (
            ("Андрій", "Andrii"),
            ("Олександр", "Oleksandr"),
            ("Тарас", "Taras"),
            ("Богдан", "Bohdan"),
            ("Микола", "Mykola"),
        ),
        (
            ("Шевченко", "Shevchenko"),
            ("Коваленко", "Kovalenko"),
            ("Бондаренко", "Bondarenko"),
            ("Ткаченко", "Tkachenko"),
            ("Мельник", "Melnyk"),
        ),
        10,
    ),
    Community(
        "Haitian",
        "HT",
        ("ht", "fr"),
        _latin("Marie-Claude", "Widlène", "Nadège", "Fabienne", "Rose-Andrée", "Guerda"),
        _latin("Jean-Baptiste", "Wilner", "Jacques", "Frantz", "Réginald", "Emmanuel"),
        _latin("Pierre", "Joseph", "Desrosiers", "Louis", "Célestin", "Baptiste", "Étienne"),
        8,
    ),
    Community(
        "Eritrean",
        "ER",
        ("ti", "ar", "en"),
        _latin("Selam", "Helen", "Saba", "Mebrat", "Yordanos"),
        _latin("Dawit", "Yonas", "Tesfaldet", "Samuel", "Filmon"),
        _latin("Tesfay", "Gebremedhin", "Haile", "Kidane", "Berhe"),
        6,
    ),
)

VOLUNTEER_SKILLS: Final = (
    "Interpretation",
    "Driving",
    "Cooking",
    "Homework help",
    "Bookkeeping",
    "Computer help",
    "Childminding",
    "Event set-up",
    "Phone tree",
    "Form filling",
)
STREETS: Final = (
    "Rideau St",
    "Bank St",
    "Montreal Rd",
    "Carling Ave",
    "Bronson Ave",
    "Somerset St W",
    "rue Principale",
    "boul. Saint-Joseph",
    "Merivale Rd",
    "Baseline Rd",
)
