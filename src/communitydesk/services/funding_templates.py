"""The funders' application forms a group starts with, as ordered lists of sections.

Titles and hints are stored as their English source text (the model keeps no translated
strings) and translated when shown: a title the group renamed is not in the catalog and shows
as typed.
"""

from __future__ import annotations

from typing import Final

from communitydesk.core.i18n import N_

# The reusable pieces a section can be drafted from, in the order a form usually asks for them.
SECTION_KEYS: Final = (
    "organization",
    "need",
    "program",
    "served",
    "partners",
    "outcomes",
    "budget",
    "evaluation",
)

# What each reusable piece is called in a template editor's list.
SECTION_KEY_NAMES: Final = {
    "organization": N_("Our organization"),
    "need": N_("The need"),
    "program": N_("The program"),
    "served": N_("Who we serve"),
    "partners": N_("Partners"),
    "outcomes": N_("Outcomes"),
    "budget": N_("Budget"),
    "evaluation": N_("Evaluation"),
    "": N_("Written by hand"),
}

# code -> (name, [(key, title, hint)])
DEFAULT_TEMPLATES: Final[dict[str, tuple[str, tuple[tuple[str, str, str], ...]]]] = {
    "community_foundation": (
        N_("Community foundation grant"),
        (
            (
                "organization",
                N_("About your organization"),
                N_("Who you are, how you began and what you have done so far."),
            ),
            (
                "need",
                N_("The need in your community"),
                N_("What problem families face, and who is most affected."),
            ),
            (
                "program",
                N_("Project description"),
                N_("What you will do, when and where, and who leads it."),
            ),
            (
                "served",
                N_("Who will benefit"),
                N_("How many people you reach, and which communities and languages."),
            ),
            (
                "partners",
                N_("Partners"),
                N_("Who else is on board, and what each one brings."),
            ),
            (
                "outcomes",
                N_("Expected outcomes"),
                N_("What will change for the people who take part, and how you will know."),
            ),
            (
                "evaluation",
                N_("Evaluation plan"),
                N_("How you will keep track of the results, and what you will count."),
            ),
            (
                "budget",
                N_("Budget"),
                N_("What the money will pay for, line by line."),
            ),
            (
                "",
                N_("Sustainability"),
                N_("How the work will continue once the grant ends."),
            ),
        ),
    ),
    "municipal": (
        N_("Municipal community-funding call"),
        (
            (
                "organization",
                N_("Applicant organization"),
                N_("Your group's mission and its roots in the neighbourhood."),
            ),
            (
                "program",
                N_("Activity or project"),
                N_("What you will offer residents, how often, and where."),
            ),
            (
                "need",
                N_("Link to the community's needs"),
                N_("Which needs of residents the activity answers."),
            ),
            (
                "served",
                N_("Participants"),
                N_("How many residents take part, and who they are."),
            ),
            (
                "partners",
                N_("Partnerships in the community"),
                N_("Other groups, schools or services you work with."),
            ),
            (
                "",
                N_("Timeline"),
                N_("The main steps and their dates."),
            ),
            (
                "budget",
                N_("Budget"),
                N_("Expenses and the other sources of money for the project."),
            ),
            (
                "evaluation",
                N_("Results and follow-up"),
                N_("How you will report what was done to the city."),
            ),
        ),
    ),
}
