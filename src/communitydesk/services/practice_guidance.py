"""The words of a practice record: the template's questions, the ten elements of good practice,
the twelve CCR core values and the evidence levels, each with guidance in plain words.

Every text is marked with N_ and translated where it is shown (DOMAIN.md holds the sources).
"""

from __future__ import annotations

from typing import Final

from communitydesk.core.i18n import N_
from communitydesk.models.practices import EVIDENCE_LEVELS as _LEVEL_CODES

# (code, label, guidance), in the order of the researchers' interview guide.
TEMPLATE_QUESTIONS: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "what_it_is",
        N_("What it is"),
        N_("Say in a few sentences what you do, with whom, where and how often."),
    ),
    (
        "purpose",
        N_("Purpose"),
        N_("What do you want to change for the people who come? Name the need it answers."),
    ),
    (
        "how_chosen",
        N_("How the approach was chosen"),
        N_(
            "How did you decide to work this way? Say what you learned from others, from "
            "members or from research that helped you choose."
        ),
    ),
    (
        "participants_role",
        N_("Participants' role in decisions"),
        N_("How do participants help decide what happens: meetings, suggestions, a committee?"),
    ),
    (
        "why_it_matters",
        N_("Why it matters most"),
        N_("What is the most important thing this practice does for people? One or two reasons."),
    ),
    (
        "difference",
        N_("How you know it makes a difference"),
        N_(
            "What shows that it works: attendance, what people said, changes you saw, an "
            "evaluation? The figures from your records can be added on the Evidence tab."
        ),
    ),
    (
        "learning",
        N_("What was learned, and how learning continues"),
        N_("What did you change after trying? How do you keep checking what works?"),
    ),
    (
        "lessons_for_others",
        N_("What others could learn from it"),
        N_("What would another group need to know to do the same?"),
    ),
    (
        "context",
        N_("Context and cautions"),
        N_(
            "What made it work here? Note the cultural, religious or gender sensitivities "
            "another group should respect."
        ),
    ),
)

# The ten elements of good practice named by small-group leaders (Ottawa).
ELEMENTS: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "partnership",
        N_("Working in partnership; linking members with mainstream services"),
        N_("Which organizations do you work with, and how do members reach their services?"),
    ),
    (
        "volunteers",
        N_("Excellent use of motivated, committed volunteers from the community"),
        N_("Who volunteers, what do they do, and how do you welcome and keep them?"),
    ),
    (
        "member_defined",
        N_("Activities decided and defined by the members"),
        N_("How did members choose this activity, and how do they shape it now?"),
    ),
    (
        "accessible",
        N_("Accessible, personalized, welcoming, non-judgmental services"),
        N_("What makes it easy to come: language, place, time, cost, childcare, a warm welcome?"),
    ),
    (
        "outreach",
        N_("Strong outreach into the community"),
        N_("How do people hear about it? How do you reach those who do not come yet?"),
    ),
    (
        "holistic",
        N_("A holistic approach: the individual within the family and the wider community"),
        N_("How does it help the whole family, not only the person who comes?"),
    ),
    (
        "empowerment",
        N_("Empowerment of participants; pride in the home culture"),
        N_(
            "How do participants gain confidence, skills or leadership? "
            "How is the home culture honoured?"
        ),
    ),
    (
        "goal_oriented",
        N_("Goal-oriented, professional delivery of what members chose"),
        N_("What goals did you set, and how do you plan and deliver to reach them?"),
    ),
    (
        "independence",
        N_("Independence: fundraising capacity, acquiring space"),
        N_("How do you raise your own money, and where do you meet?"),
    ),
    (
        "evaluation",
        N_("Research and evaluation for continuous improvement"),
        N_("How do you ask what works, and what did you change because of it?"),
    ),
)

# The Canadian Council for Refugees' twelve core values: an alternative lens.
CCR_VALUES: Final[tuple[tuple[str, str, str], ...]] = (
    ("access", N_("Access"), N_("Who can come, and what removes the barriers?")),
    ("inclusion", N_("Inclusion"), N_("How is everyone made to feel they belong?")),
    (
        "client_empowerment",
        N_("Client empowerment"),
        N_("How do people take charge of their own lives through it?"),
    ),
    (
        "user_defined",
        N_("User-defined services"),
        N_("How do the people served shape what is offered?"),
    ),
    ("holistic", N_("Holistic approach"), N_("How does it look at the whole person and family?")),
    (
        "respect",
        N_("Respect for the individual"),
        N_("How are each person's choices and privacy respected?"),
    ),
    (
        "cultural_sensitivity",
        N_("Cultural sensitivity"),
        N_("How does it respect culture, faith and gender?"),
    ),
    (
        "community_development",
        N_("Community development"),
        N_("How does it make the community stronger?"),
    ),
    ("collaboration", N_("Collaboration"), N_("Who do you work with, and how?")),
    (
        "accountability",
        N_("Accountability"),
        N_("How do you report to members, partners and funders?"),
    ),
    (
        "positive_change",
        N_("Orientation towards positive change"),
        N_("What change are you working towards?"),
    ),
    ("reliability", N_("Reliability"), N_("How do people know they can count on it?")),
)

# Each level's label and what it means (DOMAIN.md), weakest first.
EVIDENCE_LEVELS: Final[dict[str, tuple[str, str]]] = {
    "promising": (
        N_("Promising practice"),
        N_(
            "Put in place and evaluated, with a clear impact, but not yet repeated elsewhere "
            "or reviewed by others. Most small groups' work is here."
        ),
    ),
    "good": (
        N_("Good practice"),
        N_("Its impact is documented and significant, but it has not yet been repeated elsewhere."),
    ),
    "best": (
        N_("Best practice"),
        N_(
            "Its significant impact is documented, it was repeated elsewhere, "
            "and others reviewed it."
        ),
    ),
}
assert tuple(EVIDENCE_LEVELS) == _LEVEL_CODES

# The figures a practice profile may show, pulled from the records of the linked programs.
FIGURES: Final[dict[str, str]] = {
    "sessions_held": N_("Sessions held"),
    "unique_participants": N_("Unique participants"),
    "newcomers": N_("Newcomers"),
    "households": N_("Households"),
    "languages": N_("Languages served"),
    "attendance_trend": N_("Attendance by month"),
    "volunteers": N_("Volunteers"),
    "volunteer_hours": N_("Volunteer hours"),
    "referrals": N_("Referrals made"),
    "cost_per_participant": N_("Cost per participant"),
}


def codes(entries: tuple[tuple[str, str, str], ...]) -> tuple[str, ...]:
    return tuple(code for code, _label, _guidance in entries)
