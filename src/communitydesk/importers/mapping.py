"""Which column holds which field: guessed from English and French headers, changeable by hand,
and kept in a small JSON file to reuse next time."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Final

from communitydesk.core.errors import FileFormatError
from communitydesk.core.i18n import N_, _

IGNORE: Final = ""
# The fields a column can fill, with the words that name them in headers (folded, any order).
FIELDS: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "given_name": (N_("First name"), ("first name", "given name", "prenom", "firstname", "first")),
    "family_name": (
        N_("Family name"),
        ("last name", "family name", "surname", "nom de famille", "nom", "lastname", "last"),
    ),
    "full_name": (N_("Full name (split in two)"), ("full name", "name", "nom complet", "names")),
    "latin_name": (N_("Latin spelling"), ("latin spelling", "latin name", "graphie latine")),
    "preferred_name": (N_("Preferred name"), ("preferred name", "nickname", "nom usuel")),
    "phone": (N_("Phone"), ("phone", "telephone", "tel", "cell", "mobile", "cellulaire")),
    "other_phone": (N_("Other phone"), ("other phone", "phone 2", "autre telephone")),
    "email": (N_("E-mail"), ("email", "e-mail", "courriel", "mail", "adresse courriel")),
    "address": (N_("Address"), ("address", "adresse", "street")),
    "birth": (
        N_("Year or date of birth"),
        (
            "birth year",
            "year of birth",
            "date of birth",
            "dob",
            "born",
            "birthday",
            "date de naissance",
            "ne en",
            "ne le",
            "nee en",
            "nee le",
            "ne(e) le",
            "annee de naissance",
            "naissance",
        ),
    ),
    "age_band": (N_("Age band"), ("age band", "age group", "tranche d'age", "age")),
    "gender": (N_("Gender"), ("gender", "sex", "genre", "sexe")),
    "languages": (N_("Languages"), ("languages", "language", "langues", "langue")),
    "country_of_origin": (
        N_("Country of origin"),
        ("country of origin", "country", "origin", "pays d'origine", "pays"),
    ),
    "arrival_year": (
        N_("Year of arrival"),
        ("year of arrival", "arrival year", "arrival", "arrived", "annee d'arrivee", "arrivee"),
    ),
    "community": (N_("Community"), ("community", "communaute")),
    "notes": (N_("Notes"), ("notes", "note", "comments", "commentaires", "remarques")),
    "household": (N_("Household"), ("household", "family", "famille", "menage", "foyer")),
    "household_address": (
        N_("Household address"),
        ("household address", "family address", "adresse du foyer", "adresse de la famille"),
    ),
    "household_phone": (
        N_("Household phone"),
        ("household phone", "family phone", "telephone du foyer", "telephone de la famille"),
    ),
    "membership": (
        N_("Kind of membership"),
        ("membership", "membership type", "kind of membership", "adhesion", "type d'adhesion"),
    ),
    "member_since": (
        N_("Member since"),
        ("member since", "membership start", "membre depuis", "date d'adhesion"),
    ),
    "household_role": (
        N_("Role in the household"),
        ("household role", "role in household", "relationship", "lien", "role"),
    ),
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").replace(".", " ").split())


def guess_mapping(headers: tuple[str, ...]) -> dict[int, str]:
    """Column index -> field, from the headers' words; each field is taken once, best first."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    # Exact names first, then headers that start with a known name ("Phone (home)").
    for exact in (True, False):
        for index, header in enumerate(headers):
            if index in mapping:
                continue
            key = fold(header)
            for field, (_label, words) in FIELDS.items():
                if field in taken:
                    continue
                if any(key == w if exact else key.startswith(w + " ") for w in words):
                    mapping[index] = field
                    taken.add(field)
                    break
    if "full_name" in taken and {"given_name", "family_name"} & taken:
        # Both a full name and its parts: the parts win, the full name is left aside.
        mapping = {i: f for i, f in mapping.items() if f != "full_name"}
    return mapping


def save_mapping(path: Path, headers: tuple[str, ...], mapping: dict[int, str]) -> None:
    content = {headers[i]: field for i, field in sorted(mapping.items())}
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")


def load_mapping(path: Path, headers: tuple[str, ...]) -> dict[int, str]:
    """A saved mapping applied to this file's headers (by name, whatever their order)."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(content, dict):
            raise ValueError("not an object")
    except (OSError, ValueError) as error:
        raise FileFormatError(
            _("The mapping file {path} cannot be read.").format(path=path.name)
        ) from error
    by_name = {fold(h): i for i, h in enumerate(headers)}
    mapping = {}
    for header, field in content.items():
        if field in FIELDS and fold(str(header)) in by_name:
            mapping[by_name[fold(str(header))]] = str(field)
    return mapping
