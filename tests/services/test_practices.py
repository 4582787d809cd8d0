"""Practice records: saved and read back, checked, sent to the Trash, exported and imported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.core.errors import FileFormatError, NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.feedback import FeedbackInput
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.practices import (
    CCR_VALUES,
    ELEMENTS,
    EVIDENCE_LEVELS,
    TEMPLATE_QUESTIONS,
    Assessment,
    PracticeInput,
)
from communitydesk.services.programs import ProgramInput

TODAY = date(2026, 11, 20)


def _practice(services: Services, **changes: object) -> PracticeInput:
    circle = services.programs.create(ProgramInput("Seniors' circle")).uid
    values: dict[str, object] = {
        "name": "  Tea and talk  ",
        "evidence_level": "promising",
        "language": "fr",
        "program_uids": (circle,),
        "answers": {"purpose": " Break isolation. ", "what_it_is": "Weekly tea.", "context": ""},
        "elements": {
            "volunteers": Assessment("Seniors host.", "12 volunteers"),
            "outreach": Assessment(),  # left blank: not kept
        },
        "evidence_from": date(2026, 1, 1),
        "evidence_to": date(2026, 6, 30),
        "figures": ("sessions_held", "unique_participants"),
        "shareable": True,
        "notes": "Ask Lan about photos.",
    }
    values.update(changes)
    return PracticeInput(**values)  # type: ignore[arg-type]


def test_the_constants_follow_the_domain() -> None:
    assert len(TEMPLATE_QUESTIONS) == 9 and len(ELEMENTS) == 10 and len(CCR_VALUES) == 12
    assert tuple(EVIDENCE_LEVELS) == ("promising", "good", "best")
    assert all(label and guidance for _code, label, guidance in TEMPLATE_QUESTIONS + ELEMENTS)
    assert ELEMENTS[0][1].startswith("Working in partnership")
    assert CCR_VALUES[-1][1] == "Reliability"


def test_a_practice_is_saved_and_read_back_tidied(organized: Services) -> None:
    practice = _practice(organized)
    quoted = organized.people.create(PersonInput("Hodan", "Warsame")).uid
    said = organized.feedback.record(
        FeedbackInput(date(2026, 4, 1), "I found friends.", practice.program_uids[0], quoted), TODAY
    )
    uid = organized.practices.save(
        PracticeInput(**{**vars(practice), "quote_uids": (said.uid, said.uid)})
    )
    record = organized.practices.get(uid)
    assert record.name == "Tea and talk"
    assert record.language == "fr"
    assert dict(record.answers) == {"what_it_is": "Weekly tea.", "purpose": "Break isolation."}
    assert list(record.answers) == ["what_it_is", "purpose"]  # the template's order
    assert dict(record.elements) == {"volunteers": Assessment("Seniors host.", "12 volunteers")}
    assert record.program_uids == practice.program_uids
    assert record.program_names == ("Seniors' circle",)
    assert (record.evidence_from, record.evidence_to) == (date(2026, 1, 1), date(2026, 6, 30))
    assert record.figures == ("sessions_held", "unique_participants")
    assert record.quote_uids == (said.uid,)
    assert record.shareable and record.notes == "Ask Lan about photos."
    [summary] = organized.practices.list()
    assert (summary.uid, summary.name, summary.evidence_level) == (uid, "Tea and talk", "promising")
    assert summary.program_names == ("Seniors' circle",) and summary.shareable


def test_saving_again_replaces_answers_and_programs(organized: Services) -> None:
    practice = _practice(organized)
    uid = organized.practices.save(practice)
    cooking = organized.programs.create(ProgramInput("Cooking together")).uid
    changed = PracticeInput(
        name="Tea and talk",
        evidence_level="good",
        program_uids=(cooking,),
        answers={"purpose": "Friendship."},
        uses_ccr_values=True,
        ccr_values={"access": Assessment("Free, on the bus line.", "")},
    )
    assert organized.practices.save(changed, uid) == uid
    record = organized.practices.get(uid)
    assert (record.evidence_level, record.program_names) == ("good", ("Cooking together",))
    assert dict(record.answers) == {"purpose": "Friendship."}
    assert record.uses_ccr_values
    assert dict(record.ccr_values) == {"access": Assessment("Free, on the bus line.", "")}
    assert len(organized.practices.list()) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"evidence_level": "excellent"}, "evidence_level"),
        ({"language": ""}, "language"),
        ({"answers": {"mystery": "?"}}, "answers"),
        ({"answers": {"purpose": "x" * 10001}}, "answers.purpose"),
        ({"elements": {"magic": Assessment("a")}}, "elements"),
        ({"evidence_to": date(2025, 1, 1)}, "evidence_to"),
        ({"figures": ("happiness",)}, "figures"),
        ({"quote_uids": ("not-a-feedback",)}, "quote_uids"),
    ],
)
def test_mistakes_are_refused_naming_the_field(
    organized: Services, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        organized.practices.save(_practice(organized, **changes))
    assert caught.value.field == field
    assert organized.practices.list() == ()


def test_delete_goes_to_the_trash_and_restore_undoes_it(organized: Services) -> None:
    uid = organized.practices.save(_practice(organized))
    organized.practices.delete(uid)
    assert organized.practices.list() == ()
    with pytest.raises(NotFoundError):
        organized.practices.get(uid)
    organized.practices.restore(uid)
    assert [p.uid for p in organized.practices.list()] == [uid]


def test_a_program_in_the_trash_is_not_listed_with_the_practice(organized: Services) -> None:
    practice = _practice(organized)
    uid = organized.practices.save(practice)
    organized.programs.delete(practice.program_uids[0])
    assert organized.practices.get(uid).program_uids == ()
    assert organized.practices.list()[0].program_names == ()


def test_export_then_import_keeps_the_answers_and_no_personal_data(
    organized: Services, tmp_path: Path
) -> None:
    practice = _practice(organized)
    person = organized.people.create(PersonInput("Hodan", "Warsame")).uid
    organized.people.add_consent(person, ConsentInput("verbal", date(2026, 3, 1), ("quoting",)))
    said = organized.feedback.record(
        FeedbackInput(date(2026, 4, 1), "I found friends.", practice.program_uids[0], person),
        TODAY,
    )
    uid = organized.practices.save(PracticeInput(**{**vars(practice), "quote_uids": (said.uid,)}))
    target = organized.practices.export_practice(uid, tmp_path / "tea.json")
    text = target.read_text(encoding="utf-8")
    content = json.loads(text)
    assert (content["format"], content["version"]) == ("communitydesk-practice", 1)
    for private in ("I found friends.", "Hodan", "Warsame", said.uid, "Seniors' circle", "Lan"):
        assert private not in text
    imported = organized.practices.import_practice(target)
    assert imported != uid
    copy, original = organized.practices.get(imported), organized.practices.get(uid)
    assert (copy.name, copy.language, copy.evidence_level) == ("Tea and talk", "fr", "promising")
    assert copy.answers == original.answers and copy.elements == original.elements
    assert copy.program_uids == () and copy.quote_uids == () and copy.notes == ""
    assert len(organized.practices.list()) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "not a practice file"),
        (b"[1, 2]", "not a practice file"),
        (b'{"format": "communitydesk-practice", "version": 9, "practice": {}}', "newer"),
        (
            b'{"format": "communitydesk-practice", "version": 1, "practice": {"name": 3}}',
            "not text",
        ),
        (
            b'{"format": "communitydesk-practice", "version": 1, "practice": {"name": ""}}',
            "Give the practice a name",
        ),
    ],
)
def test_a_bad_file_says_what_is_wrong(
    organized: Services, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FileFormatError, match=message):
        organized.practices.import_practice(path)
    assert organized.practices.list() == ()


def test_a_missing_file_is_an_expected_problem(organized: Services, tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="could not be read"):
        organized.practices.import_practice(tmp_path / "nowhere.json")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
_FIELDS = st.sampled_from(
    ["name", "evidence_level", "language", "answers", "elements", "ccr_values", "shareable"]
)


@st.composite
def _hostile_files(draw: st.DrawFn) -> bytes:
    """Bytes, or a valid practice with one part replaced by anything JSON can hold."""
    kind = draw(st.sampled_from(["bytes", "field", "answers", "envelope"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    practice: dict[str, object] = {"name": "Tea", "answers": {"purpose": "Friends"}}
    content: dict[str, object] = {
        "format": "communitydesk-practice",
        "version": 1,
        "practice": practice,
    }
    if kind == "field":
        practice[draw(_FIELDS)] = draw(_JSON)
    elif kind == "answers":
        practice["answers"] = draw(st.dictionaries(st.text(max_size=12), _JSON, max_size=3))
        practice["elements"] = {draw(st.text(max_size=12)): draw(_JSON)}
    else:
        content[draw(st.sampled_from(["format", "version", "practice"]))] = draw(_JSON)
    return json.dumps(content).encode("utf-8", "surrogatepass")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=_hostile_files())
def test_a_hostile_file_raises_only_file_format_error_and_writes_nothing_half(
    organized: Services, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    before = len(organized.practices.list())
    try:
        uid = organized.practices.import_practice(path)
    except FileFormatError:
        assert len(organized.practices.list()) == before
    else:
        assert len(organized.practices.list()) == before + 1
        assert organized.practices.get(uid).program_uids == ()
