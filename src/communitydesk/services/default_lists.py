"""The lists every new organization starts with (DOMAIN.md), labelled in each shipped language.

These seed the `lookup_item` table; from then on the group edits its own copy.
"""

from __future__ import annotations

from typing import Final

from communitydesk.core.i18n import N_

# list key -> its title (translated on display)
LIST_TITLES: Final[dict[str, str]] = {
    "activity_category": N_("Activity categories"),
    "target_population": N_("Target populations"),
    "family_issue": N_("Issues addressed"),
    "service_stream": N_("Settlement service streams"),
    "referral_category": N_("Referral service categories"),
    "referral_barrier": N_("Referral barriers"),
    "collaboration_level": N_("Collaboration levels"),
}

# list key -> [(code, English, French, Arabic)]
DEFAULT_LISTS: Final[dict[str, list[tuple[str, str, str, str]]]] = {
    "activity_category": [
        (
            "orientation",
            "Orientation & information",
            "Orientation et information",
            "التوجيه والمعلومات",
        ),
        ("accompaniment", "Accompaniment", "Accompagnement", "المرافقة"),
        (
            "interpretation",
            "Interpretation & translation",
            "Interprétation et traduction",
            "الترجمة الفورية والتحريرية",
        ),
        ("referral", "Referral & bridging", "Aiguillage et liaison", "الإحالة والربط"),
        ("family_support", "Family support", "Soutien aux familles", "دعم الأسرة"),
        (
            "school_success",
            "Children & school success",
            "Enfants et réussite scolaire",
            "الأطفال والنجاح المدرسي",
        ),
        ("youth", "Youth", "Jeunesse", "الشباب"),
        ("seniors", "Seniors", "Aînés", "كبار السن"),
        ("women", "Women", "Femmes", "النساء"),
        ("language_learning", "Language learning", "Apprentissage des langues", "تعلّم اللغات"),
        (
            "cultural_events",
            "Cultural events & festivals",
            "Événements culturels et festivals",
            "الفعاليات والمهرجانات الثقافية",
        ),
        ("recreation", "Recreation", "Loisirs", "الترفيه"),
        ("employment", "Employment & economic", "Emploi et économie", "التوظيف والشؤون الاقتصادية"),
        ("housing", "Housing help", "Aide au logement", "المساعدة في السكن"),
        ("health", "Health & well-being", "Santé et bien-être", "الصحة والرفاه"),
        (
            "civic",
            "Civic engagement & leadership",
            "Engagement civique et leadership",
            "المشاركة المدنية والقيادة",
        ),
        (
            "intercultural",
            "Intercultural / host-community programs",
            "Programmes interculturels et société d'accueil",
            "برامج بين الثقافات ومع المجتمع المضيف",
        ),
        (
            "basic_needs",
            "Reception & basic needs",
            "Accueil et besoins essentiels",
            "الاستقبال والاحتياجات الأساسية",
        ),
        (
            "fundraising",
            "Fundraising & organizational",
            "Collecte de fonds et vie associative",
            "جمع التبرعات والشؤون التنظيمية",
        ),
    ],
    "target_population": [
        ("families", "Families", "Familles", "الأسر"),
        (
            "children_under_6",
            "Children under 6",
            "Enfants de moins de 6 ans",
            "الأطفال دون السادسة",
        ),
        ("school_age", "School-age children", "Enfants d'âge scolaire", "الأطفال في سن الدراسة"),
        ("youth", "Youth", "Jeunes", "الشباب"),
        ("women", "Women", "Femmes", "النساء"),
        ("men", "Men", "Hommes", "الرجال"),
        ("seniors", "Seniors / elders", "Aînés", "كبار السن"),
        ("parents", "Parents", "Parents", "الآباء والأمهات"),
        ("newcomers", "Newcomers", "Nouveaux arrivants", "القادمون الجدد"),
        ("refugees", "Refugees", "Réfugiés", "اللاجئون"),
        (
            "francophone_immigrants",
            "Francophone immigrants",
            "Immigrants francophones",
            "المهاجرون الناطقون بالفرنسية",
        ),
        (
            "lgbtq_newcomers",
            "LGBTQ+ newcomers",
            "Nouveaux arrivants LGBTQ+",
            "القادمون الجدد من مجتمع الميم",
        ),
        (
            "disabilities",
            "People with disabilities",
            "Personnes en situation de handicap",
            "الأشخاص ذوو الإعاقة",
        ),
        ("host_community", "Host community", "Société d'accueil", "المجتمع المضيف"),
    ],
    "family_issue": [
        (
            "home_values",
            "Preserving home values while fitting in",
            "Préserver ses valeurs tout en s'intégrant",
            "الحفاظ على قيم الوطن مع الاندماج",
        ),
        ("youth_identity", "Youth identity", "Identité des jeunes", "هوية الشباب"),
        (
            "school_success",
            "Children's school success",
            "Réussite scolaire des enfants",
            "نجاح الأطفال في المدرسة",
        ),
        (
            "elders",
            "Role of elders, isolation of seniors",
            "Rôle des aînés, isolement des personnes âgées",
            "دور المسنين وعزلة كبار السن",
        ),
        (
            "gender_roles",
            "Changing roles of men and women",
            "Évolution des rôles des hommes et des femmes",
            "تغيّر أدوار الرجال والنساء",
        ),
        (
            "intergenerational",
            "Intergenerational conflict",
            "Conflits entre générations",
            "الخلافات بين الأجيال",
        ),
        ("family_violence", "Violence within families", "Violence familiale", "العنف داخل الأسرة"),
        (
            "heritage_language",
            "Loss of the heritage language / of French",
            "Perte de la langue d'origine ou du français",
            "فقدان لغة الأصل أو الفرنسية",
        ),
    ],
    "service_stream": [
        (
            "information",
            "Information & awareness",
            "Information et sensibilisation",
            "المعلومات والتوعية",
        ),
        (
            "language",
            "Language learning & skills",
            "Apprentissage linguistique et compétences",
            "تعلّم اللغة والمهارات",
        ),
        (
            "employment",
            "Employment-related",
            "Services liés à l'emploi",
            "الخدمات المتعلقة بالتوظيف",
        ),
        ("community", "Community connections", "Liens avec la communauté", "الروابط المجتمعية"),
        (
            "needs_referrals",
            "Needs assessment & referrals",
            "Évaluation des besoins et aiguillage",
            "تقييم الاحتياجات والإحالة",
        ),
        ("support", "Support services", "Services de soutien", "خدمات الدعم"),
    ],
    "referral_category": [
        ("settlement", "Settlement", "Établissement", "الاستقرار"),
        ("language_training", "Language training", "Formation linguistique", "التدريب اللغوي"),
        (
            "employment",
            "Employment & credentials",
            "Emploi et reconnaissance des diplômes",
            "التوظيف ومعادلة الشهادات",
        ),
        ("housing", "Housing", "Logement", "السكن"),
        (
            "income",
            "Social assistance & income",
            "Aide sociale et revenu",
            "المساعدة الاجتماعية والدخل",
        ),
        ("health", "Health", "Santé", "الصحة"),
        ("mental_health", "Mental health", "Santé mentale", "الصحة النفسية"),
        (
            "counselling",
            "Counselling, family & crisis",
            "Counseling, famille et crise",
            "الإرشاد والأسرة والأزمات",
        ),
        ("schools", "Schools & education", "Écoles et éducation", "المدارس والتعليم"),
        (
            "child_care",
            "Child care & early years",
            "Garde d'enfants et petite enfance",
            "رعاية الأطفال والطفولة المبكرة",
        ),
        (
            "legal",
            "Legal & immigration law",
            "Droit et immigration",
            "الشؤون القانونية وقانون الهجرة",
        ),
        ("police", "Police & justice", "Police et justice", "الشرطة والعدالة"),
        ("libraries", "Libraries", "Bibliothèques", "المكتبات"),
        ("municipal", "Municipal services", "Services municipaux", "الخدمات البلدية"),
        ("youth", "Youth", "Jeunesse", "الشباب"),
        ("seniors", "Seniors", "Aînés", "كبار السن"),
        ("women", "Women's services", "Services aux femmes", "خدمات النساء"),
        (
            "faith",
            "Faith & cultural communities",
            "Communautés religieuses et culturelles",
            "المجتمعات الدينية والثقافية",
        ),
        ("francophone", "Francophone services", "Services en français", "الخدمات بالفرنسية"),
        (
            "documents",
            "Government ID & documents",
            "Pièces d'identité et documents officiels",
            "بطاقات الهوية والوثائق الحكومية",
        ),
        (
            "business",
            "Business & microloans",
            "Entreprise et microcrédit",
            "المشاريع والقروض الصغيرة",
        ),
    ],
    "referral_barrier": [
        ("not_eligible", "Not eligible", "Non admissible", "غير مؤهل"),
        (
            "unaware",
            "Didn't know the service",
            "Ne connaissait pas le service",
            "لم يكن يعرف الخدمة",
        ),
        (
            "language",
            "Language / no interpretation",
            "Langue ou pas d'interprète",
            "اللغة أو عدم توفر مترجم",
        ),
        ("culture", "Not culturally appropriate", "Pas adapté à la culture", "غير ملائم ثقافيًا"),
        ("cost", "Cost", "Coût", "التكلفة"),
        ("transit", "Location / transit", "Lieu ou transport", "الموقع أو المواصلات"),
        ("hours", "Hours", "Heures d'ouverture", "ساعات العمل"),
        ("childcare", "No childcare", "Pas de garde d'enfants", "عدم توفر رعاية للأطفال"),
        ("wait_list", "Wait list", "Liste d'attente", "قائمة الانتظار"),
        ("fear", "Fear of authorities", "Crainte des autorités", "الخوف من السلطات"),
        ("stigma", "Stigma", "Stigmatisation", "الوصمة الاجتماعية"),
        (
            "no_phone",
            "No phone or internet",
            "Pas de téléphone ni d'internet",
            "لا هاتف ولا إنترنت",
        ),
        ("literacy", "Literacy", "Littératie", "محدودية القراءة والكتابة"),
    ],
    "collaboration_level": [
        ("awareness", "Awareness", "Connaissance mutuelle", "التعارف"),
        ("communication", "Communication", "Communication", "التواصل"),
        ("cooperation", "Cooperation", "Coopération", "التعاون"),
        ("collaboration", "Collaboration", "Collaboration", "العمل المشترك"),
        ("integration", "Integration", "Intégration", "الاندماج"),
    ],
}

LANGUAGE_COLUMNS: Final = ("en", "fr", "ar")
