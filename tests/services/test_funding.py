"""Funding applications: templates, partners, the status rules and the reports owed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.funding import (
    ApplicationInput,
    ApplicationSection,
    FunderTemplateInput,
    PartnerInput,
    TemplateSection,
    shown,
)

TODAY = date(2025, 6, 15)


def test_two_default_templates_are_added_on_first_use_and_only_once(organized: Services) -> None:
    funding = organized.funding
    templates = funding.templates()
    assert {t.code for t in templates} == {"community_foundation", "municipal"}
    foundation = next(t for t in templates if t.code == "community_foundation")
    assert shown(foundation.name) == "Community foundation grant"
    keys = [s.key for s in foundation.sections]
    assert keys[:3] == ["organization", "need", "program"]
    assert "" in keys  # Sustainability is written by hand
    assert all(s.hint for s in foundation.sections)
    assert len(funding.templates()) == 2
    for template in templates:
        funding.delete_template(template.uid)
    # Deleted by the group: not seeded again.
    assert funding.templates() == ()


def test_the_group_edits_a_template(organized: Services) -> None:
    funding = organized.funding
    municipal = next(t for t in funding.templates() if t.code == "municipal")
    sections = list(municipal.sections)
    sections.reverse()
    sections[0] = replace(sections[0], title="Results for the city")
    sections.pop()
    saved = funding.save_template(
        replace(municipal.as_input(), sections=tuple(sections)), municipal.uid
    )
    again = funding.template(saved.uid)
    assert again.sections[0].title == "Results for the city"
    assert len(again.sections) == len(municipal.sections) - 1
    assert again.code == "municipal"
    own = funding.save_template(
        FunderTemplateInput("Caisse populaire", (TemplateSection("", "Why us", "Say why"),))
    )
    assert own.code == ""
    assert "Caisse populaire" in [t.name for t in funding.templates()]
    with pytest.raises(ValidationError) as error:
        funding.save_template(FunderTemplateInput("Empty"))
    assert error.value.field == "sections"


def test_partners_are_saved_with_a_collaboration_level(organized: Services) -> None:
    funding = organized.funding
    partner = funding.save_partner(
        PartnerInput("École Saint-Jean", "cooperation", "Lends the gym", "Mme Roy")
    )
    assert funding.partners() == (partner,)
    edited = funding.save_partner(replace(partner.as_input(), contribution="Gym"), partner.uid)
    assert funding.partners()[0].contribution == "Gym"
    with pytest.raises(ValidationError) as error:
        funding.save_partner(PartnerInput("Other", "best friends"))
    assert error.value.field == "collaboration_level"
    with pytest.raises(ValidationError):
        funding.save_partner(PartnerInput("  "))
    funding.delete_partner(edited.uid)
    assert funding.partners() == ()
    funding.restore_partner(edited.uid)
    assert [p.name for p in funding.partners()] == ["École Saint-Jean"]


def _application(**changes: object) -> ApplicationInput:
    application = ApplicationInput("Homework club 2025", funder="Fondation du Grand Montréal")
    return replace(application, **changes)  # type: ignore[arg-type]


def test_a_new_application_gets_its_templates_sections(organized: Services) -> None:
    funding = organized.funding
    template = next(t for t in funding.templates() if t.code == "community_foundation")
    saved = funding.save(_application(template_uid=template.uid, amount_cents=500000))
    assert [s.key for s in saved.sections] == [s.key for s in template.sections]
    assert saved.sections[0].title == "About your organization"
    assert saved.amount_cents == 500000
    assert saved.template_name == "Community foundation grant"
    assert funding.get(saved.uid) == saved


def test_status_rules(organized: Services) -> None:
    funding = organized.funding
    saved = funding.save(_application(status="drafting", amount_cents=250000))
    with pytest.raises(ValidationError) as error:
        funding.save(replace(saved.as_input(), status="granted"), saved.uid)
    assert error.value.field == "decided_on"
    with pytest.raises(ValidationError) as error:
        funding.save(replace(saved.as_input(), status="submitted"), saved.uid)
    assert error.value.field == "submitted_on"
    with pytest.raises(ValidationError) as error:
        funding.save(replace(saved.as_input(), decided_on=TODAY), saved.uid)
    assert error.value.field == "decided_on"
    with pytest.raises(ValidationError) as error:
        funding.save(
            replace(
                saved.as_input(),
                status="granted",
                submitted_on=TODAY,
                decided_on=TODAY - timedelta(days=1),
            ),
            saved.uid,
        )
    assert error.value.field == "decided_on"
    with pytest.raises(ValidationError) as error:
        funding.save(replace(saved.as_input(), granted_cents=100), saved.uid)
    assert error.value.field == "granted_cents"
    with pytest.raises(TypeError):
        funding.save(replace(saved.as_input(), amount_cents=2500.0), saved.uid)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        funding.save(replace(saved.as_input(), amount_cents=-1), saved.uid)
    granted = funding.save(
        replace(saved.as_input(), status="granted", submitted_on=TODAY, decided_on=TODAY),
        saved.uid,
    )
    # Granted without an amount typed: what was asked.
    assert granted.granted_cents == 250000
    declined = funding.save(
        replace(granted.as_input(), status="declined", granted_cents=None), saved.uid
    )
    assert declined.status == "declined"


def test_sections_are_saved_as_written(organized: Services) -> None:
    funding = organized.funding
    sections = (ApplicationSection("need", "The need", "Seniors are alone.\n\nMany of them."),)
    saved = funding.save(_application(sections=sections))
    assert funding.get(saved.uid).sections == sections


def test_delete_and_restore(organized: Services) -> None:
    funding = organized.funding
    saved = funding.save(_application())
    funding.delete(saved.uid)
    assert funding.applications() == ()
    with pytest.raises(NotFoundError):
        funding.get(saved.uid)
    funding.restore(saved.uid)
    assert [a.uid for a in funding.applications()] == [saved.uid]


def test_reporting_deadlines_show_when_due_within_30_days(organized: Services) -> None:
    funding = organized.funding
    idea = funding.save(_application(title="Not yet"))
    with pytest.raises(ValidationError):
        funding.add_deadline(idea.uid, TODAY, "Final report")
    granted = funding.save(
        _application(status="granted", submitted_on=TODAY, decided_on=TODAY, amount_cents=100)
    )
    late = funding.add_deadline(granted.uid, TODAY - timedelta(days=2), "Interim report")
    soon = funding.add_deadline(granted.uid, TODAY + timedelta(days=30), "Final report")
    funding.add_deadline(granted.uid, TODAY + timedelta(days=31), "Next year")
    assert [d.what for d in funding.upcoming(TODAY)] == ["Interim report", "Final report"]
    assert funding.upcoming(TODAY)[0].application_title == "Homework club 2025"
    assert funding.get(granted.uid).next_report == late
    funding.complete_deadline(late.uid, TODAY)
    assert [d.uid for d in funding.upcoming(TODAY)] == [soon.uid]
    assert funding.get(granted.uid).next_report == soon
    funding.delete_deadline(soon.uid)
    assert funding.upcoming(TODAY) == ()
    funding.restore_deadline(soon.uid)
    funding.delete(granted.uid)
    assert funding.upcoming(TODAY) == ()
    with pytest.raises(ValidationError):
        funding.add_deadline(idea.uid, TODAY, "   ")


def test_the_application_document_names_seeded_sections_in_the_window_language(
    organized: Services,
) -> None:
    from communitydesk.core.i18n import set_language
    from communitydesk.services.funding import ApplicationInput

    template = organized.funding.templates()[0]
    application = organized.funding.save(
        ApplicationInput("Homework club", funder="Fondation", template_uid=template.uid)
    )
    set_language("fr")
    try:
        headings = [s.heading for s in organized.funding.document(application.uid).sections]
    finally:
        set_language("en")
    assert "À propos de votre organisme" in headings
    assert "About your organization" not in headings
