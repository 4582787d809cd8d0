"""The sample organization's service directory: fictional agencies of Ottawa and Gatineau and
the services its volunteers refer families to, with the people to call there.

Sample data as a group would type it (names, hours, costs and how to refer in English, as the
directory keeper wrote them; what a family reads in English and French, and in Arabic for about
a third), not interface strings. Every organization, person, address and 555-01xx number is
invented: none of them can reach a real family or agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

Texts = dict[str, str]


def texts(en: str, fr: str, ar: str = "") -> Texts:
    return {code: text for code, text in (("en", en), ("fr", fr), ("ar", ar)) if text}


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    address_1: str
    postal_code: str
    transit: str
    address_2: str = ""
    city: str = "Ottawa"
    province: str = "ON"
    wheelchair: bool | None = True
    accessibility: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    title: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    description: Texts
    number: int  # the last two digits of its 555-01xx phone number
    places: tuple[Place, ...]
    alternate_name: str = ""
    area_code: str = "613"
    # The organization's own contact for all its services, if it names one.
    contact: Contact | None = None

    @property
    def domain(self) -> str:
        return f"{self.key.replace('_', '-')}.example.org"

    @property
    def phone(self) -> str:
        return f"({self.area_code}) 555-01{self.number:02d}"


@dataclass(frozen=True)
class Offer:
    agency: str
    place: str
    name: str
    category: str
    description: Texts
    eligibility: Texts
    what_to_bring: Texts
    languages: tuple[str, ...]
    hours: str
    how_to_refer: str
    contact: Contact | None
    cost: str = "Free"
    evenings: bool = False
    weekends: bool = False
    childcare: bool = False
    # Served regardless of immigration status: the service's stated policy, or None (not known).
    regardless: bool | None = True
    active: bool = True


VANIER = Place(
    "vanier",
    "",
    "285 McArthur Ave",
    "K1L 6N9",
    "Bus 12 or 19 to McArthur and Lévis; 3 minutes on foot.",
)

AGENCIES: Final[tuple[Agency, ...]] = (
    Agency(
        "eastview_settlement",
        "Eastview Newcomer Settlement Services",
        texts(
            "A settlement agency for newcomers in the east end: counselling, forms, schools.",
            "Un organisme d'établissement pour les nouveaux arrivants de l'Est de la ville.",
        ),
        1,
        (VANIER,),
        alternate_name="ENSS",
        contact=Contact("Beatriz Souza", "Intake coordinator", ("pt", "es", "en")),
    ),
    Agency(
        "clsc",
        "CLSC de la Rivière",
        texts(
            "The local community health and social services centre on the Gatineau side.",
            "Le centre local de services communautaires du secteur Hull, à Gatineau.",
        ),
        2,
        (
            Place(
                "hull",
                "Point de service Hull",
                "250 boulevard Saint-Joseph",
                "J8Y 3X6",
                "STO bus 33 or 35 from downtown Ottawa; stop Saint-Joseph / Montclair.",
                city="Gatineau",
                province="QC",
            ),
        ),
        area_code="819",
    ),
    Agency(
        "eastview_chc",
        "Eastview Community Health Centre",
        texts(
            "A community health centre: doctors, nurses, counsellors and health programs.",
            "Un centre de santé communautaire : médecins, infirmières, conseillers, programmes.",
        ),
        3,
        (
            Place(
                "ogilvie",
                "",
                "1455 Ogilvie Rd",
                "K1J 8M9",
                "Bus 24 or 25 to Ogilvie and Aviation; free parking.",
            ),
        ),
        alternate_name="ECHC",
    ),
    Agency(
        "legal_clinic",
        "Bytown Community Legal Clinic",
        texts(
            "Free legal advice for people with low incomes: housing, income support, immigration.",
            "Conseils juridiques gratuits pour les personnes à faible revenu.",
        ),
        4,
        (
            Place(
                "st_laurent",
                "",
                "1500 St. Laurent Blvd",
                "K1G 0Z8",
                "Bus 19 to St. Laurent and Industrial; St-Laurent station is 10 minutes away.",
                address_2="Suite 210",
                accessibility="Elevator at the back entrance.",
            ),
        ),
    ),
    Agency(
        "food_bank",
        "Capital Harvest Food Bank",
        texts(
            "A community food bank with halal, vegetarian and baby food on request.",
            "Une banque alimentaire communautaire (halal, végétarien et aliments pour bébés).",
        ),
        5,
        (
            Place(
                "cyrville",
                "",
                "1216 Cyrville Rd",
                "K1J 7S9",
                "Bus 24 to Cyrville and Michael; Cyrville station is a 10-minute walk.",
            ),
        ),
    ),
    Agency(
        "school_board",
        "Capital District School Board",
        texts(
            "The English public school board: its Welcome Centre assesses newcomer students.",
            "Le conseil scolaire public de langue anglaise et son centre d'accueil.",
        ),
        6,
        (
            Place(
                "welcome_centre",
                "Newcomer Welcome Centre",
                "440 Albert St",
                "K1R 5B5",
                "Lyon or Parliament station, then 5 minutes on foot.",
            ),
            Place(
                "adult_school",
                "Adult High School",
                "300 Rochester St",
                "K1R 7N4",
                "Bus 85 or 14 to Gladstone and Rochester.",
            ),
        ),
    ),
    Agency(
        "french_board",
        "Conseil scolaire du Grand Est",
        texts(
            "The French-language public school board for the east of the city.",
            "Le conseil scolaire public de langue française de l'Est de la ville.",
        ),
        7,
        (
            Place(
                "head_office",
                "Siège social",
                "2445 boulevard St-Laurent",
                "K1G 6C3",
                "Bus 19 or 87 to St. Laurent and Walkley.",
            ),
        ),
    ),
    Agency(
        "library",
        "Riverside Public Library",
        texts(
            "The public library: free cards, computers, classes and books in many languages.",
            "La bibliothèque publique : carte gratuite, ordinateurs, activités, livres.",
        ),
        8,
        (
            Place(
                "vanier_branch",
                "Vanier branch",
                "310 McArthur Ave",
                "K1L 6N8",
                "Bus 12 or 19 to McArthur and Lévis.",
            ),
            Place(
                "rideau_branch",
                "Rideau branch",
                "377 Rideau St",
                "K1N 5Y6",
                "Rideau station, or bus 7 or 12 to Rideau and Nelson.",
            ),
        ),
        contact=Contact("Julien Roy", "Branch head, Vanier", ("fr", "en")),
    ),
    Agency(
        "ymca",
        "Eastside YMCA Newcomer Centre",
        texts(
            "Language classes, youth programs and job search help at the Y.",
            "Cours de langue, programmes jeunesse et aide à l'emploi au Y.",
        ),
        9,
        (
            Place(
                "beechwood",
                "",
                "95 Beechwood Ave",
                "K1M 1L9",
                "Bus 7 to Beechwood and Putman.",
            ),
        ),
    ),
    Agency(
        "shelter",
        "Maison Clarté Women's Shelter",
        texts(
            "A shelter and outreach service for women and their children, open day and night.",
            "Une maison d'hébergement pour femmes et enfants, ouverte jour et nuit.",
        ),
        10,
        (
            Place(
                "confidential",
                "",
                "Confidential address (given on the phone)",
                "",
                "Staff arrange a taxi when needed.",
                wheelchair=None,
            ),
        ),
    ),
    Agency(
        "employment_centre",
        "Pathways Employment Centre",
        texts(
            "Employment counselling, job leads and bridging programs for internationally "
            "trained people.",
            "Conseils en emploi, offres d'emploi et programmes de transition professionnelle.",
        ),
        11,
        (
            Place(
                "city_park",
                "",
                "1900 City Park Dr",
                "K1J 1A3",
                "Blair station, then 8 minutes on foot.",
                address_2="2nd floor",
            ),
        ),
    ),
    Agency(
        "centre_francophone",
        "Centre francophone de l'Est",
        texts(
            "A Francophone community centre: settlement in French, French classes, seniors' club.",
            "Un centre communautaire francophone : établissement, francisation, club des aînés.",
        ),
        12,
        (
            Place(
                "montreal_road",
                "",
                "435 chemin de Montréal",
                "K1K 0V8",
                "Bus 12 to chemin de Montréal and Vanier Parkway.",
            ),
        ),
    ),
    Agency(
        "masjid",
        "Masjid Al-Noor Community Kitchen",
        texts(
            "The mosque's community kitchen and women's circle, open to everyone.",
            "La cuisine communautaire de la mosquée et son cercle de femmes, ouverts à tous.",
        ),
        13,
        (
            Place(
                "masjid",
                "",
                "1030 Cummings Ave",
                "K1J 7R8",
                "Bus 24 to Cummings and Ogilvie.",
                accessibility="Ramp at the side door.",
            ),
        ),
    ),
    Agency(
        "church",
        "St. Columba Church Community Kitchen",
        texts(
            "A church hall that serves a free supper and runs a clothing cupboard.",
            "Une salle paroissiale : souper gratuit et vestiaire communautaire.",
        ),
        14,
        (
            Place(
                "church_hall",
                "Church hall",
                "24 Sandridge Rd",
                "K1K 0A9",
                "Bus 12 to Montreal Rd and Sandridge.",
                wheelchair=False,
                accessibility="Six steps down to the hall; staff bring meals up on request.",
            ),
        ),
    ),
    Agency(
        "city",
        "City Client Service Centre — Eastview",
        texts(
            "The city's counter for recreation, transit, housing and social assistance.",
            "Le comptoir municipal : loisirs, transport en commun, logement, aide sociale.",
        ),
        15,
        (
            Place(
                "eastview_counter",
                "",
                "1200 St. Laurent Blvd",
                "K1K 3B8",
                "St-Laurent station, inside the shopping centre, lower level.",
            ),
        ),
    ),
    Agency(
        "provincial_id",
        "Provincial ID and Health Card Office — St. Laurent",
        texts(
            "The provincial office for health cards, photo ID and driver's licences.",
            "Le bureau provincial des cartes santé, cartes-photo et permis de conduire.",
        ),
        16,
        (
            Place(
                "st_laurent_office",
                "",
                "1250 St. Laurent Blvd",
                "K1K 3B9",
                "St-Laurent station, next to the bus loop.",
            ),
        ),
    ),
    Agency(
        "federal_centre",
        "Federal Service Centre — Montreal Road",
        texts(
            "The federal office for Social Insurance Numbers, benefits and pensions.",
            "Le bureau fédéral des numéros d'assurance sociale, prestations et pensions.",
        ),
        17,
        (
            Place(
                "montreal_road_office",
                "",
                "1590 Montreal Rd",
                "K1J 6N4",
                "Bus 12 to Montreal Rd and Ogilvie.",
            ),
        ),
    ),
    Agency(
        "housing_help",
        "Riverside Housing Help Centre",
        texts(
            "Help to find and keep a home: listings, landlords, emergency rent.",
            "Aide pour trouver et garder un logement : annonces, propriétaires, loyer d'urgence.",
        ),
        18,
        (
            Place(
                "housing_office",
                "",
                "211 Donald St",
                "K1K 1N1",
                "Bus 20 or 27 to Donald and St. Laurent.",
            ),
        ),
    ),
    Agency(
        "police_centre",
        "Community Police Centre — Vanier",
        texts(
            "A neighbourhood police office: reports, information and safety sessions.",
            "Un bureau de police de quartier : signalements, information, séances de sécurité.",
        ),
        19,
        (
            Place(
                "police_office",
                "",
                "270 Marier Ave",
                "K1L 5S5",
                "Bus 12 to Montreal Rd and Marier.",
            ),
        ),
    ),
    Agency(
        "victim_services",
        "Capital Victim Services",
        texts(
            "Free and confidential support for people affected by a crime.",
            "Soutien gratuit et confidentiel aux personnes touchées par un crime.",
        ),
        20,
        (
            Place(
                "victim_office",
                "",
                "474 Elgin St",
                "K2P 2E6",
                "Bus 14 to Elgin and Gilmour.",
                address_2="Room 3",
            ),
        ),
    ),
    Agency(
        "family_services",
        "Family Services Riverside",
        texts(
            "Counselling for individuals, couples and families, and parenting groups.",
            "Counseling individuel, de couple et familial, et groupes de parents.",
        ),
        21,
        (
            Place(
                "family_office",
                "",
                "312 Parkdale Ave",
                "K1Y 4X5",
                "Bus 85 to Parkdale and Wellington; Tunney's Pasture station nearby.",
            ),
        ),
    ),
    Agency(
        "wellness_connect",
        "Newcomer Wellness Connect",
        texts(
            "Counselling and peer groups in newcomers' own languages.",
            "Counseling et groupes d'entraide dans la langue des nouveaux arrivants.",
        ),
        22,
        (
            Place(
                "wellness_office",
                "",
                "1355 Bank St",
                "K1H 8K7",
                "Bus 6 or 7 to Bank and Riverside.",
                address_2="Suite 400",
            ),
        ),
    ),
    Agency(
        "early_years",
        "Eastview Early Years Centre",
        texts(
            "Free playgroups and help for parents of children up to 6 years old.",
            "Haltes-jeux gratuites et soutien aux parents d'enfants de 0 à 6 ans.",
        ),
        23,
        (
            Place(
                "early_years_room",
                "",
                "1245 Donald St",
                "K1J 8V4",
                "Bus 20 to Donald and Cummings.",
            ),
        ),
    ),
    Agency(
        "seniors_centre",
        "Overbrook Seniors Active Living Centre",
        texts(
            "Lunches, activities and home support for people 55 and over.",
            "Repas, activités et soutien à domicile pour les 55 ans et plus.",
        ),
        24,
        (
            Place(
                "overbrook",
                "",
                "33 Quill St",
                "K1K 4E7",
                "Bus 15 to Donald and Quill.",
            ),
        ),
    ),
    Agency(
        "microloan",
        "Capital Microloan Fund",
        texts(
            "Small loans and coaching for people starting a business.",
            "Petits prêts et accompagnement pour lancer une entreprise.",
        ),
        25,
        (
            Place(
                "microloan_office",
                "",
                "150 Isabella St",
                "K1S 1V7",
                "Bus 6 or 7 to Bank and Isabella.",
                address_2="Suite 1100",
            ),
        ),
    ),
    Agency(
        "eritrean_association",
        "Eritrean and Ethiopian Community Association",
        texts(
            "A community association: help in Tigrinya and Amharic, events, a Saturday school.",
            "Une association communautaire : aide en tigrigna et en amharique, école du samedi.",
        ),
        26,
        (VANIER,),
    ),
    Agency(
        "ukrainian_centre",
        "Kalyna Ukrainian Community Centre",
        texts(
            "A community centre whose volunteers welcome families arriving from Ukraine.",
            "Un centre communautaire dont les bénévoles accueillent les familles ukrainiennes.",
        ),
        27,
        (
            Place(
                "kalyna_hall",
                "",
                "952 Green Valley Cres",
                "K2C 3K7",
                "Bus 80 to Baseline and Clyde.",
            ),
        ),
    ),
    Agency(
        "youth_dropin",
        "Eastview Youth Drop-In",
        texts(
            "A drop-in for teens: homework, sports, music and a hot snack.",
            "Un centre d'accueil pour ados : devoirs, sports, musique et collation.",
        ),
        28,
        (
            Place(
                "youth_room",
                "",
                "1489 Ogilvie Rd",
                "K1J 7P4",
                "Bus 24 or 25 to Ogilvie and Cummings.",
            ),
        ),
    ),
    Agency(
        "women_network",
        "Riverside Immigrant Women's Network",
        texts(
            "Groups, skills and support by and for immigrant women.",
            "Groupes, compétences et soutien par et pour les femmes immigrantes.",
        ),
        29,
        (
            Place(
                "network_room",
                "",
                "1200 Michael St",
                "K1J 7T2",
                "Bus 24 to Michael and Cyrville; Cyrville station nearby.",
            ),
        ),
    ),
    Agency(
        "dental",
        "Capital Community Dental Clinic",
        texts(
            "Dental care at a reduced cost for adults and children.",
            "Soins dentaires à coût réduit pour adultes et enfants.",
        ),
        30,
        (
            Place(
                "dental_office",
                "",
                "1380 Coventry Rd",
                "K1K 0Y6",
                "Bus 19 to Coventry and St. Laurent.",
                address_2="Unit 4",
            ),
        ),
    ),
)

OFFERS: Final[tuple[Offer, ...]] = (
    # --- Settlement ------------------------------------------------------------------------------
    Offer(
        "eastview_settlement",
        "vanier",
        "Settlement counselling",
        "settlement",
        texts(
            "One-to-one help to settle: housing, schools, health care, banking and the first "
            "steps in Canada.",
            "Aide individuelle à l'établissement : logement, écoles, santé, banque et premières "
            "démarches au Canada.",
            "مساعدة فردية للاستقرار: السكن والمدارس والرعاية الصحية "
            "والبنوك والخطوات الأولى في كندا.",
        ),
        texts(
            "Newcomers and their families. Some services are for permanent residents and "
            "refugees; everyone gets information.",
            "Les nouveaux arrivants et leur famille. Certains services sont réservés aux "
            "résidents permanents et réfugiés; tout le monde reçoit de l'information.",
            "القادمون الجدد وعائلاتهم. بعض الخدمات للمقيمين الدائمين واللاجئين، "
            "والمعلومات متاحة للجميع.",
        ),
        texts(
            "Any identity document you have, and the letters you have questions about.",
            "Une pièce d'identité si vous en avez, et les lettres qui vous posent question.",
            "أي وثيقة هوية لديك، والرسائل التي لديك أسئلة عنها.",
        ),
        ("en", "fr", "ar", "so", "fa", "es"),
        "Mon–Fri 9:00–17:00; Tue until 20:00",
        "Call the intake line or walk in. A warm transfer by phone, with the family beside "
        "you, works best.",
        Contact("Hodan Warsame", "Settlement counsellor", ("so", "ar", "en")),
        evenings=True,
        childcare=True,
    ),
    Offer(
        "ukrainian_centre",
        "kalyna_hall",
        "Arrival support for Ukrainian families",
        "settlement",
        texts(
            "Ukrainian-speaking volunteers help with the first weeks: bank, phone, school, "
            "a temporary address.",
            "Des bénévoles ukrainophones aident pendant les premières semaines : banque, "
            "téléphone, école, adresse temporaire.",
        ),
        texts(
            "Families who arrived from Ukraine in the last two years.",
            "Les familles arrivées d'Ukraine au cours des deux dernières années.",
        ),
        texts("Passport and arrival papers.", "Passeport et documents d'arrivée."),
        ("uk", "ru", "en"),
        "Mon, Wed 10:00–16:00; Sat 10:00–14:00",
        "Call or send an e-mail with the family's phone number; a volunteer calls back in "
        "Ukrainian.",
        Contact("Oksana Melnyk", "Volunteer coordinator", ("uk", "ru", "en")),
        weekends=True,
    ),
    Offer(
        "centre_francophone",
        "montreal_road",
        "Information sessions: your first months in Ottawa",
        "settlement",
        texts(
            "A monthly group session on housing, health, schools and rights, with time for "
            "questions.",
            "Une séance de groupe mensuelle sur le logement, la santé, les écoles et les droits, "
            "avec du temps pour les questions.",
        ),
        texts("Anyone who arrived recently.", "Toute personne arrivée récemment."),
        texts("Nothing.", "Rien."),
        ("fr", "en", "ar"),
        "First Thursday of the month, 18:30–20:30",
        "Register by phone or just come.",
        Contact("Aminata Diallo", "Settlement counsellor", ("fr", "en", "wo")),
        evenings=True,
        childcare=True,
    ),
    # --- Language training -----------------------------------------------------------------------
    Offer(
        "school_board",
        "adult_school",
        "English classes for adults (LINC)",
        "language_training",
        texts(
            "Free English classes from beginner to advanced, in the day or the evening, with "
            "child minding.",
            "Cours d'anglais gratuits du niveau débutant à avancé, le jour ou le soir, avec "
            "halte-garderie.",
            "دروس مجانية في اللغة الإنجليزية من المستوى المبتدئ إلى المتقدم، "
            "نهارًا أو مساءً، مع رعاية للأطفال.",
        ),
        texts(
            "Permanent residents and protected persons 18 and over. A language assessment comes "
            "first.",
            "Résidents permanents et personnes protégées de 18 ans et plus. Une évaluation "
            "linguistique est faite d'abord.",
            "المقيمون الدائمون والأشخاص المحميون من سن 18 عامًا فما فوق. يسبق ذلك تقييم لغوي.",
        ),
        texts(
            "Your permanent resident card or confirmation, and your language assessment result "
            "if you have one.",
            "Votre carte ou confirmation de résidence permanente, et votre résultat d'évaluation "
            "linguistique si vous l'avez.",
            "بطاقة الإقامة الدائمة أو تأكيدها، ونتيجة التقييم اللغوي إن وجدت.",
        ),
        ("en",),
        "Mon–Thu 9:00–12:00 and 18:00–21:00",
        "The family books a language assessment by phone; we can call with them.",
        Contact("Olena Kovalenko", "LINC assessor", ("uk", "ru", "en")),
        evenings=True,
        childcare=True,
        regardless=False,
    ),
    Offer(
        "library",
        "rideau_branch",
        "English conversation circles",
        "language_training",
        texts(
            "Practise speaking English in a small, friendly group led by a volunteer.",
            "Pratiquer l'anglais en petit groupe convivial animé par un bénévole.",
        ),
        texts("Adults at any level. No registration.", "Adultes de tout niveau. Sans inscription."),
        texts("Nothing.", "Rien."),
        ("en",),
        "Wed 18:00–19:30; Sat 10:30–12:00",
        "Just come; the family can call first to check the room.",
        Contact("Ana Sofía Ramírez", "Program librarian", ("es", "en")),
        evenings=True,
        weekends=True,
    ),
    Offer(
        "centre_francophone",
        "montreal_road",
        "Cours de français pour adultes",
        "language_training",
        texts(
            "French classes for adults, from the alphabet to everyday conversation.",
            "Cours de français pour adultes, de l'alphabet à la conversation courante.",
        ),
        texts("Adults 18 and over.", "Adultes de 18 ans et plus."),
        texts("An identity document.", "Une pièce d'identité."),
        ("fr",),
        "Tue, Thu 18:30–20:30; Sat 9:30–12:00",
        "Call to book a placement test.",
        Contact("Louis-Philippe Ouellet", "Responsable de la francisation", ("fr", "en")),
        cost="Free; $20 for the book",
        evenings=True,
        weekends=True,
        childcare=True,
    ),
    # --- Employment ------------------------------------------------------------------------------
    Offer(
        "employment_centre",
        "city_park",
        "Employment counselling and job leads",
        "employment",
        texts(
            "A counsellor helps with the résumé, interviews and job leads, and can fund "
            "short training.",
            "Un conseiller aide pour le CV, les entrevues et les offres d'emploi, et peut "
            "financer une courte formation.",
        ),
        texts(
            "People allowed to work in Canada who are looking for work.",
            "Personnes autorisées à travailler au Canada qui cherchent un emploi.",
        ),
        texts(
            "Your résumé if you have one, and your work permit or PR card.",
            "Votre CV si vous en avez un, et votre permis de travail ou carte de RP.",
        ),
        ("en", "fr", "es"),
        "Mon–Fri 8:30–16:30; Wed until 19:00",
        "Call or walk in; mention the association and ask for the newcomer counsellor.",
        Contact("Kwame Boateng", "Employment counsellor", ("en", "fr", "tw")),
        evenings=True,
        regardless=False,
    ),
    Offer(
        "employment_centre",
        "city_park",
        "Credential recognition and bridging programs",
        "employment",
        texts(
            "Help to have diplomas recognized and to join a bridging program in your profession.",
            "Aide à faire reconnaître les diplômes et à intégrer un programme de transition "
            "dans sa profession.",
        ),
        texts(
            "Internationally trained people with a degree or trade.",
            "Personnes formées à l'étranger ayant un diplôme ou un métier.",
        ),
        texts(
            "Diplomas and transcripts (copies), and translations if you have them.",
            "Diplômes et relevés de notes (copies), et leurs traductions si vous les avez.",
        ),
        ("en", "fr", "uk", "ru"),
        "By appointment, Mon–Fri",
        "E-mail the counsellor with the person's profession; she calls back within a week.",
        Contact("Irina Petrenko", "Bridging program advisor", ("uk", "ru", "en")),
        regardless=False,
    ),
    Offer(
        "ymca",
        "beechwood",
        "Job search workshops for newcomers",
        "employment",
        texts(
            "Four-week workshops on Canadian résumés, interviews and networking.",
            "Ateliers de quatre semaines sur le CV canadien, les entrevues et le réseautage.",
        ),
        texts("Newcomers looking for work.", "Nouveaux arrivants en recherche d'emploi."),
        texts("A notebook; a laptop if you have one.", "Un cahier; un portable si possible."),
        ("en", "ti", "am"),
        "Mon–Thu 13:00–16:00",
        "Register by phone; the next group starts each month.",
        Contact("Yohannes Tesfaye", "Employment facilitator", ("ti", "am", "en")),
    ),
    # --- Housing ---------------------------------------------------------------------------------
    Offer(
        "housing_help",
        "housing_office",
        "Housing search help",
        "housing",
        texts(
            "Listings, calls to landlords with you, and help with rental applications.",
            "Annonces, appels aux propriétaires avec vous et aide aux demandes de location.",
            "قوائم السكن، والاتصال بالملاك معك، والمساعدة في طلبات الإيجار.",
        ),
        texts(
            "Anyone looking for a place to rent in the city.",
            "Toute personne qui cherche un logement à louer en ville.",
            "كل من يبحث عن مسكن للإيجار في المدينة.",
        ),
        texts(
            "Proof of income if you have it, and references.",
            "Preuve de revenu si vous en avez, et références.",
            "إثبات الدخل إن وجد، ومراجع.",
        ),
        ("en", "fr", "ar", "so", "es"),
        "Mon–Fri 9:00–16:30",
        "Walk in before 11:00 or call for an appointment.",
        Contact("Mohamed Jama", "Housing worker", ("so", "ar", "en")),
    ),
    Offer(
        "housing_help",
        "housing_office",
        "Rent bank: emergency rent and utilities",
        "housing",
        texts(
            "A grant or loan to pay rent arrears or a utility bill and avoid losing the home.",
            "Une aide ou un prêt pour payer un retard de loyer ou une facture et garder le "
            "logement.",
        ),
        texts(
            "Low-income tenants in the city with arrears or a disconnection notice.",
            "Locataires à faible revenu de la ville ayant un retard ou un avis de coupure.",
        ),
        texts(
            "Lease, notice from the landlord or utility, proof of income.",
            "Bail, avis du propriétaire ou du fournisseur, preuve de revenu.",
        ),
        ("en", "fr"),
        "Mon–Fri 9:00–16:30",
        "Call the worker; decisions usually come within 10 days.",
        Contact("Mohamed Jama", "Housing worker", ("so", "ar", "en")),
        regardless=None,
    ),
    Offer(
        "legal_clinic",
        "st_laurent",
        "Tenant rights and eviction help",
        "housing",
        texts(
            "Advice and representation for tenants: repairs, rent increases, eviction notices.",
            "Conseils et représentation pour les locataires : réparations, hausses de loyer, "
            "avis d'expulsion.",
            "استشارات وتمثيل للمستأجرين: الإصلاحات وزيادة الإيجار وإشعارات الإخلاء.",
        ),
        texts(
            "Tenants with low incomes in the east end.",
            "Locataires à faible revenu de l'Est de la ville.",
            "المستأجرون ذوو الدخل المحدود في شرق المدينة.",
        ),
        texts(
            "Lease and every letter or notice from the landlord.",
            "Bail et toutes les lettres ou avis du propriétaire.",
            "عقد الإيجار وكل رسالة أو إشعار من المالك.",
        ),
        ("en", "fr", "ar", "es"),
        "Mon–Fri 9:00–12:00, 13:00–16:30",
        "Call the intake line; urgent notices are seen the same week.",
        Contact("Daniel Okafor", "Community legal worker", ("en", "fr", "yo")),
    ),
    Offer(
        "city",
        "eastview_counter",
        "Social housing waiting list",
        "housing",
        texts(
            "Apply for rent-geared-to-income housing and keep the application up to date.",
            "Faire une demande de logement à loyer indexé sur le revenu et la tenir à jour.",
        ),
        texts(
            "Citizens, permanent residents and refugee claimants living in the city.",
            "Citoyens, résidents permanents et demandeurs d'asile habitant la ville.",
        ),
        texts(
            "Status documents and income proof for everyone in the household.",
            "Documents de statut et preuves de revenu de toutes les personnes du ménage.",
        ),
        ("en", "fr"),
        "Mon–Fri 8:30–16:30",
        "The family applies at the counter or online; the wait is several years.",
        Contact("Danielle Charron", "Housing registry clerk", ("fr", "en")),
        regardless=False,
    ),
    # --- Income ----------------------------------------------------------------------------------
    Offer(
        "food_bank",
        "cyrville",
        "Emergency food hamper",
        "income",
        texts(
            "A hamper of groceries for the household once a month, with halal and baby food.",
            "Un panier d'épicerie par mois pour le ménage, avec halal et aliments pour bébés.",
            "سلة غذائية للأسرة مرة في الشهر، مع طعام حلال وأغذية للأطفال الرضع.",
        ),
        texts(
            "Households in the east end who are short of food. Everyone is served.",
            "Ménages de l'Est de la ville qui manquent de nourriture. Tout le monde est servi.",
            "الأسر في شرق المدينة التي تحتاج إلى الطعام. الخدمة للجميع.",
        ),
        texts(
            "Something with your address, and the names and ages of the people in the household.",
            "Un papier avec votre adresse, et les noms et âges des personnes du ménage.",
            "ورقة تحمل عنوانك، وأسماء وأعمار أفراد الأسرة.",
        ),
        ("en", "fr", "ar", "so", "es"),
        "Tue, Thu 10:00–15:00; Sat 9:00–12:00",
        "No referral needed; a call from us makes the first visit easier.",
        Contact("Grace Mensah", "Intake coordinator", ("en", "fr")),
        weekends=True,
    ),
    Offer(
        "food_bank",
        "cyrville",
        "Good Food Box (paused)",
        "income",
        texts(
            "A box of fresh fruit and vegetables at cost, picked up once a month.",
            "Une boîte de fruits et légumes frais à prix coûtant, une fois par mois.",
        ),
        texts("Everyone.", "Tout le monde."),
        texts("Payment when ordering.", "Le paiement à la commande."),
        ("en", "fr"),
        "Second Wednesday of the month",
        "Order by phone before the first of the month.",
        None,
        cost="$15 a box",
        active=False,
    ),
    Offer(
        "legal_clinic",
        "st_laurent",
        "Income support appeals",
        "income",
        texts(
            "Help when social assistance or disability support is refused, cut or stopped.",
            "Aide quand l'aide sociale ou le soutien aux personnes handicapées est refusé, "
            "réduit ou arrêté.",
        ),
        texts("People with low incomes.", "Personnes à faible revenu."),
        texts(
            "The decision letter and its envelope (the date matters).",
            "La lettre de décision et son enveloppe (la date compte).",
        ),
        ("en", "fr"),
        "Mon–Fri 9:00–16:30",
        "Call quickly: appeals have short deadlines.",
        Contact("Daniel Okafor", "Community legal worker", ("en", "fr", "yo")),
    ),
    Offer(
        "library",
        "rideau_branch",
        "Free tax clinic",
        "income",
        texts(
            "Volunteers file simple tax returns, which families need for child benefits.",
            "Des bénévoles remplissent les déclarations simples, nécessaires aux allocations "
            "familiales.",
        ),
        texts(
            "Households with modest incomes and simple taxes.",
            "Ménages à revenu modeste dont l'impôt est simple.",
        ),
        texts(
            "Slips (T4, T5007), rent receipts, your SIN and last year's assessment.",
            "Feuillets (T4, T5007), reçus de loyer, votre NAS et l'avis de l'an dernier.",
        ),
        ("en", "fr", "ar", "zh"),
        "March and April: Sat 10:00–15:00",
        "Book a time at the branch desk or by phone.",
        Contact("Samuel Adeyemi", "Tax clinic volunteer lead", ("en", "yo")),
        weekends=True,
    ),
    Offer(
        "city",
        "eastview_counter",
        "Social assistance (Ontario Works) intake",
        "income",
        texts(
            "Monthly income support and help with employment, for people in financial need.",
            "Aide financière mensuelle et aide à l'emploi pour les personnes dans le besoin.",
            "دعم مالي شهري ومساعدة في التوظيف للأشخاص المحتاجين.",
        ),
        texts(
            "Residents of Ontario in financial need; refugee claimants can apply.",
            "Résidents de l'Ontario dans le besoin; les demandeurs d'asile peuvent faire une "
            "demande.",
            "المقيمون في أونتاريو المحتاجون ماليًا؛ ويمكن لطالبي اللجوء التقديم.",
        ),
        texts(
            "Identity and status documents, bank statements, lease.",
            "Pièces d'identité et de statut, relevés bancaires, bail.",
            "وثائق الهوية والوضع، وكشوف الحساب البنكي، وعقد الإيجار.",
        ),
        ("en", "fr", "so"),
        "Mon–Fri 8:30–16:30",
        "The family applies by phone or online; a caseworker calls back.",
        Contact("Abdirahman Hussein", "Caseworker", ("so", "en")),
        regardless=False,
    ),
    Offer(
        "federal_centre",
        "montreal_road_office",
        "Child benefit and tax credit help",
        "income",
        texts(
            "Help to apply for the child benefit and to understand letters about benefits.",
            "Aide pour demander l'allocation pour enfants et comprendre les lettres.",
        ),
        texts(
            "Parents living in Canada with children under 18.",
            "Parents vivant au Canada avec des enfants de moins de 18 ans.",
        ),
        texts(
            "Children's birth certificates, your SIN, arrival documents.",
            "Actes de naissance des enfants, votre NAS, documents d'arrivée.",
        ),
        ("en", "fr"),
        "Mon–Fri 8:30–16:00",
        "Walk in; arrive early, the line is shorter before 10:00.",
        Contact("Raj Malhotra", "Citizen services officer", ("en", "hi", "pa")),
        regardless=None,
    ),
    # --- Health ----------------------------------------------------------------------------------
    Offer(
        "eastview_chc",
        "ogilvie",
        "Primary care for people without health insurance",
        "health",
        texts(
            "A doctor or nurse practitioner for people who have no health card yet or none at all.",
            "Un médecin ou une infirmière praticienne pour les personnes sans carte santé.",
            "طبيب أو ممرضة ممارسة للأشخاص الذين ليس لديهم بطاقة صحية بعد أو ليس لديهم تأمين صحي.",
        ),
        texts(
            "People living in the east end without health coverage, whatever their status.",
            "Personnes de l'Est de la ville sans couverture santé, quel que soit leur statut.",
            "المقيمون في شرق المدينة بلا تغطية صحية، مهما كان وضعهم.",
        ),
        texts(
            "Medicines you take and any medical papers.",
            "Vos médicaments et vos documents médicaux.",
            "الأدوية التي تتناولها وأي أوراق طبية.",
        ),
        ("en", "fr", "ar", "so", "ti"),
        "Mon–Fri 8:30–16:30; Thu until 20:00",
        "Call the nurse navigator; she books the first visit and an interpreter.",
        Contact("Fatuma Ali", "Nurse navigator", ("so", "ar", "en")),
        evenings=True,
    ),
    Offer(
        "eastview_chc",
        "ogilvie",
        "Diabetes and healthy eating program",
        "health",
        texts(
            "Group sessions with a dietitian and a nurse, cooking demonstrations.",
            "Séances de groupe avec une diététiste et une infirmière, démonstrations culinaires.",
        ),
        texts("Adults with diabetes or at risk.", "Adultes diabétiques ou à risque."),
        texts("Your glucose meter if you have one.", "Votre glucomètre si vous en avez un."),
        ("en", "es", "vi"),
        "Tue 18:00–20:00",
        "A doctor's note is not needed; call to register.",
        Contact("Trần Minh Châu", "Dietitian", ("vi", "en", "fr")),
        evenings=True,
        regardless=None,
    ),
    Offer(
        "clsc",
        "hull",
        "Infirmière sans rendez-vous et vaccination",
        "health",
        texts(
            "A nurse without appointment for minor health problems, and children's vaccinations.",
            "Une infirmière sans rendez-vous pour les problèmes de santé mineurs, et la "
            "vaccination des enfants.",
        ),
        texts(
            "Residents of the Hull sector; some care is given without a health card.",
            "Résidents du secteur Hull; certains soins sont offerts sans carte d'assurance "
            "maladie.",
        ),
        texts(
            "Health card if you have one, and the vaccination booklet.",
            "Carte d'assurance maladie si vous en avez une, et le carnet de vaccination.",
        ),
        ("fr", "en"),
        "Lun–ven 8:00–19:30; sam 9:00–12:00",
        "Walk in early; call 811 first for advice at night.",
        Contact("Marie-Ève Tremblay", "Infirmière de liaison", ("fr", "en")),
        evenings=True,
        weekends=True,
        regardless=None,
    ),
    Offer(
        "dental",
        "dental_office",
        "Low-cost dental care",
        "health",
        texts(
            "Check-ups, fillings and extractions at a reduced cost, on a sliding scale.",
            "Examens, plombages et extractions à coût réduit, selon le revenu.",
        ),
        texts(
            "Adults and children with low incomes and no dental insurance.",
            "Adultes et enfants à faible revenu sans assurance dentaire.",
        ),
        texts("Proof of income.", "Preuve de revenu."),
        ("en", "fr", "ar", "fa"),
        "Mon–Fri 8:00–16:00; first Saturday of the month",
        "Call for an appointment; emergencies are seen the same day when possible.",
        Contact("Parisa Moradi", "Clinic coordinator", ("fa", "en")),
        cost="Sliding scale, from $10 a visit",
        weekends=True,
    ),
    # --- Mental health ---------------------------------------------------------------------------
    Offer(
        "wellness_connect",
        "wellness_office",
        "Counselling in your own language",
        "mental_health",
        texts(
            "Short-term counselling with a therapist who speaks the person's language, or with "
            "an interpreter.",
            "Counseling de courte durée avec un thérapeute qui parle la langue de la personne, "
            "ou avec un interprète.",
            "إرشاد نفسي قصير المدى مع معالج يتحدث لغة الشخص، أو بمساعدة مترجم.",
        ),
        texts(
            "Newcomers 16 and over.",
            "Nouveaux arrivants de 16 ans et plus.",
            "القادمون الجدد من سن 16 عامًا فما فوق.",
        ),
        texts("Nothing.", "Rien.", "لا شيء."),
        ("ar", "fa", "so", "ti", "uk", "es", "en", "fr"),
        "Mon–Fri 9:00–20:00",
        "The person calls, or we call with them; a first conversation is within two weeks.",
        Contact("Ahmad Nazari", "Psychotherapist", ("fa", "ps", "en")),
        evenings=True,
    ),
    Offer(
        "wellness_connect",
        "wellness_office",
        "Wellness peer groups",
        "mental_health",
        texts(
            "Small groups in one language, led by trained peers, to talk and share ways to cope.",
            "Petits groupes dans une langue, animés par des pairs formés, pour parler et partager.",
        ),
        texts("Adults who would like a group.", "Adultes qui souhaitent un groupe."),
        texts("Nothing.", "Rien."),
        ("ti", "am", "ar", "so"),
        "Sat 13:00–15:00",
        "Call the coordinator to join the next group.",
        Contact("Tsega Haile", "Peer group coordinator", ("ti", "am", "en")),
        weekends=True,
        childcare=True,
    ),
    Offer(
        "clsc",
        "hull",
        "Accueil psychosocial",
        "mental_health",
        texts(
            "A social worker meets the person, listens and finds the right help.",
            "Un travailleur social rencontre la personne, l'écoute et l'oriente vers la bonne "
            "aide.",
        ),
        texts(
            "Residents of the Hull sector, adults and youth.",
            "Résidents du secteur Hull, adultes et jeunes.",
        ),
        texts("Health card if you have one.", "Carte d'assurance maladie si vous en avez une."),
        ("fr", "en", "ar"),
        "Lun–ven 8:00–16:00",
        "The person calls reception and asks for psychosocial intake.",
        Contact("Karim Benali", "Travailleur social", ("fr", "ar", "en")),
        regardless=None,
    ),
    # --- Counselling, family & crisis ------------------------------------------------------------
    Offer(
        "family_services",
        "family_office",
        "Walk-in counselling clinic",
        "counselling",
        texts(
            "A single counselling session without appointment, to talk about what matters now.",
            "Une séance de counseling sans rendez-vous pour parler de ce qui compte maintenant.",
        ),
        texts("Anyone 12 and over.", "Toute personne de 12 ans et plus."),
        texts("Nothing.", "Rien."),
        ("en", "fr", "vi"),
        "Tue, Thu 12:00–19:00",
        "Come in; the last session starts at 18:00.",
        Contact("Thomas Nguyen", "Counsellor", ("en", "vi", "fr")),
        evenings=True,
    ),
    Offer(
        "family_services",
        "family_office",
        "Parenting in a new country",
        "counselling",
        texts(
            "Eight evenings for parents on raising children between two cultures.",
            "Huit soirées pour les parents : élever ses enfants entre deux cultures.",
            "ثماني أمسيات للآباء والأمهات حول تربية الأطفال بين ثقافتين.",
        ),
        texts(
            "Parents of children of any age.",
            "Parents d'enfants de tout âge.",
            "آباء وأمهات الأطفال من جميع الأعمار.",
        ),
        texts("Nothing.", "Rien.", "لا شيء."),
        ("en", "fa", "ps", "ar"),
        "Wed 18:00–20:00, from September and January",
        "Register by phone; child care is on site.",
        Contact("Samira Haidari", "Family support worker", ("fa", "ps", "en")),
        evenings=True,
        childcare=True,
    ),
    Offer(
        "eastview_chc",
        "ogilvie",
        "Community counselling",
        "counselling",
        texts(
            "Counselling for individuals and families, in several languages.",
            "Counseling pour les personnes et les familles, en plusieurs langues.",
        ),
        texts(
            "People living in the east end.",
            "Personnes habitant l'Est de la ville.",
        ),
        texts("Nothing.", "Rien."),
        ("en", "fr", "fa", "ar"),
        "Mon–Fri 9:00–17:00",
        "Call intake; there may be a wait of a few weeks.",
        Contact("Shirin Rahimi", "Counsellor", ("fa", "en", "fr")),
    ),
    Offer(
        "shelter",
        "confidential",
        "Outreach and safety planning",
        "counselling",
        texts(
            "An outreach worker meets the woman somewhere safe and plans next steps with her.",
            "Une intervenante rencontre la femme dans un lieu sûr et planifie avec elle.",
        ),
        texts("Women 16 and over.", "Femmes de 16 ans et plus."),
        texts("Nothing.", "Rien."),
        ("en", "fr", "ar", "es"),
        "24 hours a day, every day",
        "The woman calls the 24-hour line herself when it is safe; a volunteer can sit with her.",
        Contact("Nathalie Bergeron", "Outreach worker", ("fr", "en")),
        evenings=True,
        weekends=True,
    ),
    # --- Schools & education ---------------------------------------------------------------------
    Offer(
        "school_board",
        "welcome_centre",
        "School registration and assessment for newcomer students",
        "schools",
        texts(
            "Registration at the local school, an assessment of English and math, and a "
            "welcome for the family.",
            "Inscription à l'école du quartier, évaluation en anglais et en maths, et accueil "
            "de la famille.",
            "التسجيل في المدرسة القريبة، وتقييم في الإنجليزية والرياضيات، واستقبال للعائلة.",
        ),
        texts(
            "Every child aged 4 to 21 living in the city has the right to go to school.",
            "Tout enfant de 4 à 21 ans habitant la ville a le droit d'aller à l'école.",
            "لكل طفل من سن 4 إلى 21 عامًا يسكن في المدينة الحق في الذهاب إلى المدرسة.",
        ),
        texts(
            "Birth certificate or passport, proof of address, vaccination record, last report "
            "cards.",
            "Acte de naissance ou passeport, preuve d'adresse, carnet de vaccination, derniers "
            "bulletins.",
            "شهادة الميلاد أو جواز السفر، وإثبات العنوان، وسجل التطعيمات، وآخر الشهادات المدرسية.",
        ),
        ("en", "fr", "ar", "so", "es", "zh", "uk", "fa"),
        "Mon–Fri 8:30–16:00",
        "Call for an appointment; interpreters are booked with it.",
        Contact("Mei Ling Chen", "Reception coordinator", ("zh", "en")),
    ),
    Offer(
        "school_board",
        "adult_school",
        "Adult high school and credit courses",
        "schools",
        texts(
            "Finish a high school diploma, with credit for studies done abroad.",
            "Terminer son diplôme d'études secondaires, avec reconnaissance des études faites "
            "à l'étranger.",
        ),
        texts("Adults 18 and over.", "Adultes de 18 ans et plus."),
        texts(
            "School records from abroad (copies), translated if possible.",
            "Relevés scolaires de l'étranger (copies), traduits si possible.",
        ),
        ("en",),
        "Mon–Thu 9:00–15:00 and 18:00–21:00",
        "Book a guidance appointment by phone.",
        Contact("Patrick O'Neill", "Guidance counsellor", ("en", "fr")),
        evenings=True,
        regardless=None,
    ),
    Offer(
        "eastview_settlement",
        "vanier",
        "Settlement workers in schools",
        "schools",
        texts(
            "A settlement worker at the school helps newcomer families and students settle in.",
            "Une intervenante en établissement à l'école aide les familles et élèves "
            "nouvellement arrivés.",
        ),
        texts(
            "Newcomer families with children at an east-end school.",
            "Familles nouvellement arrivées dont les enfants vont à une école de l'Est.",
        ),
        texts("Nothing.", "Rien."),
        ("en", "ar", "so", "es"),
        "School days 8:30–15:30",
        "Ask the school office for the settlement worker, or call her directly.",
        Contact("Lina Haddad", "Settlement worker in schools", ("ar", "en", "fr")),
    ),
    # --- Child care & early years ----------------------------------------------------------------
    Offer(
        "early_years",
        "early_years_room",
        "Playgroups for children up to 6 and their parents",
        "child_care",
        texts(
            "Drop-in play, songs and stories; parents meet other parents.",
            "Jeux libres, chansons et histoires; les parents rencontrent d'autres parents.",
            "لعب حر وأغانٍ وقصص، ويتعرف الأهل على أهالٍ آخرين.",
        ),
        texts(
            "Children up to 6 with a parent or caregiver.",
            "Enfants jusqu'à 6 ans avec un parent ou un adulte responsable.",
            "الأطفال حتى سن 6 سنوات مع أحد الوالدين أو مقدم الرعاية.",
        ),
        texts(
            "Indoor shoes and a snack.",
            "Souliers d'intérieur et une collation.",
            "حذاء داخلي ووجبة خفيفة.",
        ),
        ("en", "fr", "es", "ar"),
        "Mon–Fri 9:30–11:30; Sat 10:00–12:00",
        "Just come; no registration.",
        Contact("Marisol Torres", "Early years facilitator", ("es", "en", "fr")),
        weekends=True,
    ),
    Offer(
        "early_years",
        "early_years_room",
        "Child care fee subsidy help",
        "child_care",
        texts(
            "Help to apply for the child care fee subsidy and find a place.",
            "Aide à demander la subvention pour frais de garde et à trouver une place.",
        ),
        texts(
            "Parents who work, study or look for work.",
            "Parents qui travaillent, étudient ou cherchent un emploi.",
        ),
        texts(
            "Last year's notice of assessment, proof of work or school.",
            "L'avis de cotisation de l'an dernier, preuve de travail ou d'études.",
        ),
        ("en", "fr"),
        "Tue 13:00–16:00",
        "Call to book a time with the family support worker.",
        Contact("Marisol Torres", "Early years facilitator", ("es", "en", "fr")),
        regardless=False,
    ),
    Offer(
        "clsc",
        "hull",
        "Suivi périnatal et petite enfance",
        "child_care",
        texts(
            "Nurse visits during pregnancy and after the birth, and early childhood follow-up.",
            "Visites d'infirmière pendant la grossesse et après la naissance, suivi de la "
            "petite enfance.",
        ),
        texts(
            "Pregnant women and families with a baby in the Hull sector.",
            "Femmes enceintes et familles avec un bébé dans le secteur Hull.",
        ),
        texts("Health card if you have one.", "Carte d'assurance maladie si vous en avez une."),
        ("fr", "en", "es"),
        "Lun–ven 8:00–16:00",
        "The family calls reception; the nurse calls back within a week.",
        Contact("Josée Lavoie", "Infirmière en périnatalité", ("fr", "en")),
        regardless=None,
    ),
    Offer(
        "ymca",
        "beechwood",
        "Child minding during classes",
        "child_care",
        texts(
            "Care for children 18 months to 6 years while parents are in class at the Y.",
            "Garde des enfants de 18 mois à 6 ans pendant les cours des parents au Y.",
        ),
        texts(
            "Parents registered in a class at the Y.",
            "Parents inscrits à un cours au Y.",
        ),
        texts(
            "Diapers, a change of clothes, a snack.",
            "Couches, vêtements de rechange, collation.",
        ),
        ("en", "ar", "es"),
        "During class hours",
        "Ask when registering for the class.",
        Contact("Rosa Delgado", "Child minding lead", ("es", "en")),
        childcare=True,
    ),
    # --- Legal -----------------------------------------------------------------------------------
    Offer(
        "legal_clinic",
        "st_laurent",
        "Immigration and refugee law advice",
        "legal",
        texts(
            "A lawyer gives free advice and can help with forms and hearings.",
            "Une avocate donne des conseils gratuits et peut aider pour les formulaires et les "
            "audiences.",
            "تقدم محامية استشارات مجانية ويمكنها المساعدة في الاستمارات والجلسات.",
        ),
        texts(
            "People with low incomes. Everyone is served, whatever their status.",
            "Personnes à faible revenu. Tout le monde est servi, quel que soit son statut.",
            "ذوو الدخل المحدود. الخدمة للجميع مهما كان وضعهم.",
        ),
        texts(
            "Every letter from the government, and your documents.",
            "Toutes les lettres du gouvernement, et vos documents.",
            "كل رسالة من الحكومة، ووثائقك.",
        ),
        ("en", "fr", "ar", "fa", "ti"),
        "By appointment, Mon–Fri",
        "Call the intake line; deadlines are urgent, say so.",
        Contact("Sophie Gagnon", "Lawyer", ("fr", "en")),
    ),
    Offer(
        "legal_clinic",
        "st_laurent",
        "Family law information sessions",
        "legal",
        texts(
            "Group sessions on separation, custody and support, with a lawyer.",
            "Séances de groupe sur la séparation, la garde et la pension, avec une avocate.",
        ),
        texts("Anyone.", "Tout le monde."),
        texts("Nothing.", "Rien."),
        ("en", "fr"),
        "Second Tuesday of the month, 18:00–20:00",
        "Register by phone.",
        Contact("Sophie Gagnon", "Lawyer", ("fr", "en")),
        evenings=True,
    ),
    # --- Police & justice ------------------------------------------------------------------------
    Offer(
        "police_centre",
        "police_office",
        "Community police centre",
        "police",
        texts(
            "Report a crime that is not an emergency, ask questions, join a safety session.",
            "Signaler un crime non urgent, poser des questions, participer à une séance de "
            "sécurité.",
            "الإبلاغ عن جريمة غير طارئة، وطرح الأسئلة، والمشاركة في جلسة عن السلامة.",
        ),
        texts("Anyone.", "Tout le monde.", "الجميع."),
        texts("Any document about what happened.", "Tout document sur ce qui s'est passé.", ""),
        ("en", "fr", "ar", "so"),
        "Mon–Fri 9:00–16:00",
        "Walk in, or call to have an officer attend a group meeting.",
        Contact("Julie Morin", "Constable, community liaison", ("fr", "en")),
        regardless=None,
    ),
    Offer(
        "victim_services",
        "victim_office",
        "Support after a crime",
        "police",
        texts(
            "Emotional support, information on the court process and help with safety.",
            "Soutien émotionnel, information sur le processus judiciaire et aide pour la sécurité.",
        ),
        texts(
            "Anyone affected by a crime, reported or not.",
            "Toute personne touchée par un crime, signalé ou non.",
        ),
        texts("Nothing.", "Rien."),
        ("en", "fr", "es"),
        "Mon–Fri 8:30–16:30; on call at night",
        "Call the office; the person can stay anonymous.",
        Contact("Elena Vásquez", "Victim support worker", ("es", "en", "fr")),
        evenings=True,
    ),
    # --- Libraries -------------------------------------------------------------------------------
    Offer(
        "library",
        "vanier_branch",
        "Library card, computers and Wi-Fi",
        "libraries",
        texts(
            "A free library card, computers with printing, Wi-Fi and help to use them.",
            "Une carte de bibliothèque gratuite, ordinateurs avec impression, Wi-Fi et aide.",
            "بطاقة مكتبة مجانية، وحواسيب مع طباعة، وإنترنت لاسلكي، ومساعدة في استخدامها.",
        ),
        texts(
            "Everyone living in the city.",
            "Toute personne habitant la ville.",
            "كل من يسكن في المدينة.",
        ),
        texts(
            "Something with your name and address (a letter is enough).",
            "Un papier avec votre nom et votre adresse (une lettre suffit).",
            "ورقة تحمل اسمك وعنوانك (تكفي رسالة).",
        ),
        ("en", "fr"),
        "Mon–Thu 10:00–20:30; Fri 13:00–18:00; Sat 10:00–17:00",
        "Just come to the desk.",
        None,
        evenings=True,
        weekends=True,
    ),
    Offer(
        "library",
        "rideau_branch",
        "Books in many languages and story time",
        "libraries",
        texts(
            "Books, films and newspapers in more than 20 languages; bilingual story time.",
            "Livres, films et journaux en plus de 20 langues; heure du conte bilingue.",
        ),
        texts("Everyone.", "Tout le monde."),
        texts("Your library card.", "Votre carte de bibliothèque."),
        ("en", "fr", "ar", "zh", "es", "fa", "so", "uk"),
        "Story time Sat 10:30",
        "Just come; books can be held at any branch.",
        Contact("Priya Natarajan", "Children's librarian", ("en", "ta")),
        weekends=True,
    ),
    # --- Municipal services ----------------------------------------------------------------------
    Offer(
        "city",
        "eastview_counter",
        "Recreation fee assistance",
        "municipal",
        texts(
            "Help to pay for swimming, camps and sports at city recreation centres.",
            "Aide pour payer la natation, les camps et les sports des centres récréatifs.",
        ),
        texts(
            "Low-income residents of the city.",
            "Résidents de la ville à faible revenu.",
        ),
        texts(
            "Last year's notice of assessment or proof of income.",
            "L'avis de cotisation de l'an dernier ou une preuve de revenu.",
        ),
        ("en", "fr"),
        "Mon–Fri 8:30–16:30",
        "Apply at the counter; the answer comes within two weeks.",
        Contact("Marc-André Léveillé", "Client service agent", ("fr", "en")),
        regardless=None,
    ),
    Offer(
        "city",
        "eastview_counter",
        "Low-income transit pass",
        "municipal",
        texts(
            "A monthly bus and train pass at about half the price.",
            "Un laissez-passer mensuel d'autobus et de train à environ moitié prix.",
        ),
        texts(
            "Residents whose income is under the low-income line.",
            "Résidents dont le revenu est sous le seuil de faible revenu.",
        ),
        texts(
            "Last year's notice of assessment and photo ID.",
            "L'avis de cotisation de l'an dernier et une pièce d'identité avec photo.",
        ),
        ("en", "fr"),
        "Mon–Fri 8:30–16:30",
        "Apply at the counter with the documents.",
        Contact("Marc-André Léveillé", "Client service agent", ("fr", "en")),
        cost="About half the regular pass",
        regardless=None,
    ),
    # --- Youth -----------------------------------------------------------------------------------
    Offer(
        "ymca",
        "beechwood",
        "Youth leadership and mentoring",
        "youth",
        texts(
            "Weekly leadership activities and a mentor for newcomer youth.",
            "Activités de leadership chaque semaine et un mentor pour les jeunes nouveaux "
            "arrivants.",
        ),
        texts("Youth 13 to 24.", "Jeunes de 13 à 24 ans."),
        texts("Sports clothes.", "Vêtements de sport."),
        ("en", "so", "ar"),
        "Tue, Thu 16:00–20:00",
        "The young person or a parent calls; we can visit the family.",
        Contact("Jamal Farah", "Youth worker", ("so", "ar", "en")),
        evenings=True,
    ),
    Offer(
        "library",
        "vanier_branch",
        "Homework help club",
        "youth",
        texts(
            "Volunteer tutors help with homework after school.",
            "Des tuteurs bénévoles aident aux devoirs après l'école.",
        ),
        texts("Students aged 8 to 17.", "Élèves de 8 à 17 ans."),
        texts("Homework and school books.", "Devoirs et livres d'école."),
        ("en", "fr"),
        "Mon–Thu 15:30–17:30 (school year)",
        "Register at the desk.",
        Contact("Priya Natarajan", "Children's librarian", ("en", "ta")),
    ),
    Offer(
        "youth_dropin",
        "youth_room",
        "After-school drop-in for teens",
        "youth",
        texts(
            "A safe place with homework help, sports, music and a hot snack.",
            "Un lieu sûr avec aide aux devoirs, sports, musique et collation chaude.",
        ),
        texts("Teens 12 to 18.", "Ados de 12 à 18 ans."),
        texts("Nothing.", "Rien."),
        ("en", "fr", "so", "ar"),
        "Mon–Fri 15:00–21:00; Sat 13:00–18:00",
        "Just come; a first visit with a parent is welcome.",
        Contact("Malik Johnson", "Program coordinator", ("en", "fr")),
        evenings=True,
        weekends=True,
    ),
    Offer(
        "youth_dropin",
        "youth_room",
        "Summer youth jobs program (ended)",
        "youth",
        texts(
            "Paid summer jobs with training for youth 15 to 18.",
            "Emplois d'été rémunérés avec formation pour les 15 à 18 ans.",
        ),
        texts("Youth 15 to 18.", "Jeunes de 15 à 18 ans."),
        texts("SIN and a bank account.", "NAS et compte bancaire."),
        ("en", "fr"),
        "July and August",
        "Funding ended; ask about next year.",
        Contact("Malik Johnson", "Program coordinator", ("en", "fr")),
        regardless=False,
        active=False,
    ),
    # --- Seniors ---------------------------------------------------------------------------------
    Offer(
        "seniors_centre",
        "overbrook",
        "Seniors' lunches and day program",
        "seniors",
        texts(
            "A hot lunch, exercise, games and outings with other seniors.",
            "Un dîner chaud, exercice, jeux et sorties avec d'autres aînés.",
        ),
        texts("People 55 and over.", "Personnes de 55 ans et plus."),
        texts("Nothing.", "Rien."),
        ("en", "fr", "vi"),
        "Mon–Fri 10:00–15:00",
        "Call to register; transport can be arranged.",
        Contact("Doris MacLeod", "Program coordinator", ("en",)),
        cost="$8 for lunch",
    ),
    Offer(
        "seniors_centre",
        "overbrook",
        "Home support and friendly visits",
        "seniors",
        texts(
            "Rides to appointments, grocery shopping and weekly friendly visits at home.",
            "Transport aux rendez-vous, épicerie et visites d'amitié à domicile.",
        ),
        texts(
            "Seniors living at home who need a hand.",
            "Aînés vivant à domicile qui ont besoin d'un coup de main.",
        ),
        texts("Health card.", "Carte santé."),
        ("en", "fr", "vi", "ar"),
        "Mon–Fri 8:30–16:30",
        "A family member or volunteer calls the intake worker.",
        Contact("Hải Nguyễn", "Home support coordinator", ("vi", "en", "fr")),
        cost="Rides $5; visits free",
        regardless=None,
    ),
    Offer(
        "centre_francophone",
        "montreal_road",
        "Club des aînés francophones",
        "seniors",
        texts(
            "A seniors' club in French: lunches, cards, outings and conferences.",
            "Un club d'aînés en français : dîners, cartes, sorties et conférences.",
        ),
        texts("People 50 and over.", "Personnes de 50 ans et plus."),
        texts("Nothing.", "Rien."),
        ("fr",),
        "Wed 10:00–15:00",
        "Call or just come.",
        Contact("Ginette Lalonde", "Animatrice", ("fr",)),
        cost="$25 a year",
    ),
    # --- Women's services ------------------------------------------------------------------------
    Offer(
        "shelter",
        "confidential",
        "Emergency shelter for women and children",
        "women",
        texts(
            "A safe place to stay for women and their children, with support day and night.",
            "Un lieu sûr où rester pour les femmes et leurs enfants, avec soutien jour et nuit.",
            "مكان آمن للإقامة للنساء وأطفالهن، مع دعم ليلًا ونهارًا.",
        ),
        texts(
            "Women 16 and over, with or without children, whatever their status.",
            "Femmes de 16 ans et plus, avec ou sans enfants, quel que soit leur statut.",
            "النساء من سن 16 عامًا فما فوق، مع أطفال أو بدونهم، مهما كان وضعهن.",
        ),
        texts(
            "Documents and medicines if it is safe to take them.",
            "Documents et médicaments s'il est sûr de les prendre.",
            "الوثائق والأدوية إن كان أخذها آمنًا.",
        ),
        ("en", "fr", "ar", "es"),
        "24 hours a day, every day",
        "The woman calls the 24-hour line; interpreters by phone.",
        Contact("Nathalie Bergeron", "Outreach worker", ("fr", "en")),
        evenings=True,
        weekends=True,
    ),
    Offer(
        "masjid",
        "masjid",
        "Sisters' circle for newcomer women",
        "women",
        texts(
            "A weekly women's circle: tea, conversation, guest speakers and outings.",
            "Un cercle de femmes chaque semaine : thé, discussion, invitées et sorties.",
            "لقاء أسبوعي للنساء: شاي وحديث وضيفات ونزهات.",
        ),
        texts(
            "All women, of any faith.",
            "Toutes les femmes, de toute religion.",
            "جميع النساء، من أي دين.",
        ),
        texts("Nothing.", "Rien.", "لا شيء."),
        ("ar", "so", "en"),
        "Sat 13:00–15:30",
        "Just come, or call to be met at the door.",
        Contact("Khadija El Amrani", "Circle organizer", ("ar", "fr", "en")),
        weekends=True,
        childcare=True,
    ),
    Offer(
        "women_network",
        "network_room",
        "Women's employment and computer skills",
        "women",
        texts(
            "Ten-week course: computers, e-mail, résumés and confidence, with child care.",
            "Cours de dix semaines : ordinateur, courriel, CV et confiance, avec garde d'enfants.",
        ),
        texts("Immigrant women 18 and over.", "Femmes immigrantes de 18 ans et plus."),
        texts("Nothing.", "Rien."),
        ("en", "so", "ar", "fa", "es"),
        "Mon, Wed 9:30–12:30",
        "Call the coordinator; groups start in September, January and April.",
        Contact("Fadumo Hassan", "Program coordinator", ("so", "en")),
        childcare=True,
    ),
    # --- Faith & cultural communities ------------------------------------------------------------
    Offer(
        "masjid",
        "masjid",
        "Friday community lunch and food hampers",
        "faith",
        texts(
            "A free hot lunch after Friday prayers, and halal food hampers at Eid.",
            "Un dîner chaud gratuit après la prière du vendredi, et des paniers halal à l'Aïd.",
            "غداء ساخن مجاني بعد صلاة الجمعة، وسلال طعام حلال في العيد.",
        ),
        texts(
            "Everyone is welcome.",
            "Tout le monde est bienvenu.",
            "الجميع مرحب بهم.",
        ),
        texts("Nothing.", "Rien.", "لا شيء."),
        ("ar", "so", "fa", "ur", "en"),
        "Fri 13:30–15:00",
        "Just come; for hampers, call in the week before Eid.",
        Contact("Yusuf Abdi", "Community kitchen lead", ("so", "ar", "en")),
    ),
    Offer(
        "church",
        "church_hall",
        "Thursday community supper",
        "faith",
        texts(
            "A free hot supper in the church hall; everyone eats together.",
            "Un souper chaud gratuit dans la salle paroissiale; tout le monde mange ensemble.",
        ),
        texts("Everyone is welcome.", "Tout le monde est bienvenu."),
        texts("Nothing.", "Rien."),
        ("en", "fr", "es"),
        "Thu 17:00–19:00",
        "Just come.",
        Contact("Margaret Kim", "Outreach minister", ("en", "ko")),
        evenings=True,
    ),
    Offer(
        "church",
        "church_hall",
        "Clothing cupboard and winter coats",
        "faith",
        texts(
            "Free clothing for all ages, and winter coats and boots from October.",
            "Vêtements gratuits pour tous les âges, manteaux et bottes d'hiver dès octobre.",
        ),
        texts("Everyone.", "Tout le monde."),
        texts("A bag.", "Un sac."),
        ("en", "fr"),
        "Sat 10:00–12:00",
        "Just come; larger families can call for a private time.",
        Contact("Ruth Abebe", "Cupboard volunteer lead", ("en", "am")),
        weekends=True,
    ),
    Offer(
        "eritrean_association",
        "vanier",
        "Community help in Tigrinya and Amharic",
        "faith",
        texts(
            "Volunteers help with letters, appointments and finding the community.",
            "Des bénévoles aident pour les lettres, les rendez-vous et trouver la communauté.",
        ),
        texts("Everyone.", "Tout le monde."),
        texts("The letters you have questions about.", "Les lettres qui vous posent question."),
        ("ti", "am", "ar", "en"),
        "Sun 12:00–16:00",
        "Call and leave a message; a volunteer calls back.",
        Contact("Mehret Gebremedhin", "Volunteer coordinator", ("ti", "am", "en")),
        weekends=True,
    ),
    # --- Francophone services --------------------------------------------------------------------
    Offer(
        "centre_francophone",
        "montreal_road",
        "Accueil et établissement en français",
        "francophone",
        texts(
            "Settlement help in French: housing, employment, schools and papers.",
            "Aide à l'établissement en français : logement, emploi, écoles et démarches.",
        ),
        texts(
            "French-speaking newcomers and their families.",
            "Nouveaux arrivants d'expression française et leur famille.",
        ),
        texts("Any identity document.", "Une pièce d'identité."),
        ("fr", "en", "ht", "ar"),
        "Lun–ven 9:00–17:00; mer jusqu'à 19:00",
        "Call or write; the counsellor answers in French.",
        Contact("Aminata Diallo", "Conseillère en établissement", ("fr", "en", "wo")),
        evenings=True,
    ),
    Offer(
        "french_board",
        "head_office",
        "Inscription à l'école de langue française",
        "francophone",
        texts(
            "Registration at a French-language public school, with language support.",
            "Inscription dans une école publique de langue française, avec appui linguistique.",
        ),
        texts(
            "Children of French-speaking parents, and others after an admission interview.",
            "Enfants de parents francophones, et d'autres après une entrevue d'admission.",
        ),
        texts(
            "Birth certificate or passport, proof of address, vaccination record.",
            "Acte de naissance ou passeport, preuve d'adresse, carnet de vaccination.",
        ),
        ("fr", "en", "ht", "ar"),
        "Lun–ven 8:00–16:00",
        "Call the welcome officer.",
        Contact("Nadège Pierre-Louis", "Agente d'accueil", ("fr", "ht", "en")),
    ),
    # --- Government ID & documents ---------------------------------------------------------------
    Offer(
        "eastview_settlement",
        "vanier",
        "Help with forms and government letters",
        "documents",
        texts(
            "Volunteers and staff help fill in forms and explain letters from governments.",
            "Bénévoles et employés aident à remplir les formulaires et expliquent les lettres.",
            "يساعد المتطوعون والموظفون في تعبئة الاستمارات وشرح الرسائل الحكومية.",
        ),
        texts("Everyone.", "Tout le monde.", "الجميع."),
        texts(
            "The form or letter, and your identity documents.",
            "Le formulaire ou la lettre, et vos pièces d'identité.",
            "الاستمارة أو الرسالة، ووثائق هويتك.",
        ),
        ("en", "fr", "ar", "fa", "ps"),
        "Sat 9:30–12:30",
        "Walk in; the first 15 people are seen.",
        Contact("Reza Karimi", "Volunteer coordinator", ("fa", "ps", "en")),
        weekends=True,
    ),
    Offer(
        "provincial_id",
        "st_laurent_office",
        "Health card application",
        "documents",
        texts(
            "Apply for the provincial health card; the photo is taken on the spot.",
            "Demander la carte santé provinciale; la photo est prise sur place.",
            "التقديم على البطاقة الصحية الإقليمية، وتُلتقط الصورة في المكان.",
        ),
        texts(
            "Permanent residents, protected persons and some work permit holders living in "
            "Ontario.",
            "Résidents permanents, personnes protégées et certains titulaires de permis de "
            "travail vivant en Ontario.",
            "المقيمون الدائمون والأشخاص المحميون وبعض حاملي تصاريح العمل المقيمين في أونتاريو.",
        ),
        texts(
            "Three original documents: status, address and identity with signature.",
            "Trois documents originaux : statut, adresse, identité avec signature.",
            "ثلاث وثائق أصلية: الوضع والعنوان والهوية مع التوقيع.",
        ),
        ("en", "fr"),
        "Mon–Fri 8:30–17:00; Sat 8:30–13:00",
        "Walk in; check the list of documents first.",
        Contact("Helen Papadopoulos", "Office supervisor", ("en", "el")),
        weekends=True,
        regardless=False,
    ),
    Offer(
        "federal_centre",
        "montreal_road_office",
        "Social Insurance Number",
        "documents",
        texts(
            "Get a Social Insurance Number, needed to work and for benefits.",
            "Obtenir un numéro d'assurance sociale, nécessaire pour travailler et pour les "
            "prestations.",
            "الحصول على رقم التأمين الاجتماعي، اللازم للعمل وللاستحقاقات.",
        ),
        texts(
            "Citizens, permanent residents and people with a work or study permit.",
            "Citoyens, résidents permanents et titulaires d'un permis de travail ou d'études.",
            "المواطنون والمقيمون الدائمون وحاملو تصاريح العمل أو الدراسة.",
        ),
        texts(
            "Your permanent resident card or permit, original.",
            "Votre carte de résident permanent ou votre permis, original.",
            "بطاقة الإقامة الدائمة أو التصريح، النسخة الأصلية.",
        ),
        ("en", "fr"),
        "Mon–Fri 8:30–16:00",
        "Walk in; the number is given the same day.",
        Contact("Raj Malhotra", "Citizen services officer", ("en", "hi", "pa")),
        regardless=False,
    ),
    # --- Business & microloans -------------------------------------------------------------------
    Offer(
        "microloan",
        "microloan_office",
        "Microloans for newcomer entrepreneurs",
        "business",
        texts(
            "Loans up to $15,000 to start or grow a small business, with a mentor.",
            "Prêts jusqu'à 15 000 $ pour lancer ou faire grandir une petite entreprise, avec "
            "un mentor.",
        ),
        texts(
            "Permanent residents and citizens with a business plan.",
            "Résidents permanents et citoyens ayant un plan d'affaires.",
        ),
        texts(
            "Your business plan or idea, and proof of income.",
            "Votre plan ou idée d'entreprise, et une preuve de revenu.",
        ),
        ("en", "fr", "ar", "es"),
        "By appointment",
        "E-mail the advisor a short description of the business.",
        Contact("Leila Mansour", "Loan advisor", ("ar", "fr", "en")),
        cost="Low interest",
        regardless=False,
    ),
    Offer(
        "employment_centre",
        "city_park",
        "Self-employment and small business start-up",
        "business",
        texts(
            "Workshops and coaching to plan a business: registration, taxes, marketing.",
            "Ateliers et accompagnement pour planifier une entreprise : immatriculation, impôts, "
            "marketing.",
        ),
        texts(
            "People allowed to work in Canada.",
            "Personnes autorisées à travailler au Canada.",
        ),
        texts("Your idea.", "Votre idée."),
        ("en", "es", "fr"),
        "Thu 18:00–20:30",
        "Register by phone for the next information session.",
        Contact("Carlos Mejía", "Business advisor", ("es", "en")),
        evenings=True,
        regardless=False,
    ),
)

# How often a group sends people to each category (relative), and what volunteers note as the
# reason: short, and nothing a family would not want written down.
REFERRAL_WEIGHTS: Final = {
    "settlement": 10,
    "language_training": 9,
    "employment": 9,
    "housing": 10,
    "income": 12,
    "health": 9,
    "mental_health": 4,
    "counselling": 4,
    "schools": 6,
    "child_care": 5,
    "legal": 4,
    "police": 1,
    "libraries": 3,
    "municipal": 4,
    "youth": 4,
    "seniors": 3,
    "women": 3,
    "faith": 4,
    "francophone": 2,
    "documents": 8,
    "business": 2,
}

REASONS: Final = {
    "settlement": ("Recently arrived, asked for settlement help", "Questions about life here"),
    "language_training": ("Wants to improve English", "Wants to learn French", "Practise speaking"),
    "employment": ("Looking for work", "Wants to work in their field", "Help with a résumé"),
    "housing": ("Looking for an affordable place", "Question about the lease", "Rent is too high"),
    "income": ("Short of food this month", "Help with benefits", "Tax return for benefits"),
    "health": ("Needs a family doctor", "Children's vaccinations", "No dentist yet"),
    "mental_health": ("Asked for someone to talk to", "Wellbeing support in own language"),
    "counselling": ("Parenting support", "Asked for counselling"),
    "schools": ("Register the children at school", "Wants to finish high school"),
    "child_care": ("Looking for child care", "Playgroup for a toddler", "Child care subsidy"),
    "legal": ("Needs free legal advice", "Question about legal papers"),
    "police": ("Wants to report a theft", "Safety information"),
    "libraries": ("Library card and computer access", "Books in their language"),
    "municipal": ("Low-cost activities for the children", "Low-income transit pass"),
    "youth": ("Teen looking for activities", "Homework help", "Youth mentoring"),
    "seniors": ("Grandparent would like company", "Lunch program", "Help at home"),
    "women": ("Women's group in her language", "Asked about women's services"),
    "faith": ("Community meal", "Winter clothing", "Community in their language"),
    "francophone": ("Services in French", "French school for the children"),
    "documents": ("Health card application", "Social Insurance Number", "Government letter"),
    "business": ("Wants to start a small business", "Loan for a business"),
}

OUTCOME_NOTES: Final = {
    "connected": ("", "", "Has an appointment", "Went with a volunteer", "Started this week"),
    "waiting": ("On the wait list", "Call back next month", ""),
    "not_eligible": ("", "Referred elsewhere"),
    "did_not_go": ("", "Could not reach the family", "Changed their mind"),
    "other": ("Found help elsewhere", "Moved away"),
}

# Barriers a referral met, by how it turned out (codes of the "referral_barrier" list).
BARRIERS_BY_OUTCOME: Final = {
    "connected": ("unaware", "language", "transit", "literacy", "hours"),
    "waiting": ("wait_list",),
    "not_eligible": ("not_eligible",),
    "did_not_go": ("transit", "hours", "childcare", "language", "fear", "no_phone", "cost"),
    "other": ("culture", "stigma", "cost"),
}
