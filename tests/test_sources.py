"""Every fact a learner sees carries a source, and nothing unsettled is shown as settled.

Two halves. The model half proves the rule is enforced at load time: for each class
that carries a fact (a quiz question, a timeline event, a fact card, a law offence, a
support entry, and the ``sources`` list of scenarios, red-flag chats and orderings),
the same object validates with its source and fails without it. The content half walks
the packaged course: every source has a title and a web address, every offence shown
as in force has its penalty and start date, and an offence marked unresolved never
shows a penalty, here or anywhere else in the course.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from pydantic import TypeAdapter, ValidationError

from curriculum.course.citations import source_refs
from curriculum.course.model import (
    Activity,
    FactCard,
    LawExplorer,
    LawOffence,
    Question,
    SupportResource,
    TimelineEvent,
)

_activity = TypeAdapter(Activity)


def _question() -> dict:
    return {"id": "q", "type": "single", "prompt": "Which?", "explanation": "Because.",
            "source": "src",
            "options": [{"id": "a", "text": "A", "correct": True, "feedback": "Yes."},
                        {"id": "b", "text": "B", "correct": False, "feedback": "No."}]}


def _scenario() -> dict:
    return {"kind": "scenario", "id": "sc", "title": "T", "instructions": "I", "start": "a",
            "sources": ["src"],
            "nodes": [{"id": "a", "text": "Start.",
                       "choices": [{"text": "Go", "goto": "b", "feedback": "Ok."}]},
                      {"id": "b", "text": "The end.", "ending": "good"}]}


def _redflags() -> dict:
    return {"kind": "redflags", "id": "rf", "title": "T", "instructions": "I",
            "sources": ["src"],
            "messages": [{"id": "m1", "sender": "A", "text": "Hi", "red_flag": False, "why": "W"},
                         {"id": "m2", "sender": "B", "text": "Pay", "red_flag": True, "why": "W"}]}


def _ordering() -> dict:
    return {"kind": "ordering", "id": "or", "title": "T", "instructions": "I",
            "sources": ["src"],
            "items": [{"id": i, "text": i.upper(), "why": "W"} for i in ("a", "b", "c")],
            "rules": [{"first": "a", "then": "c", "why": "W"}]}


# (name, how to validate, a valid example, the field that holds the source)
SOURCED = [
    ("Question", Question.model_validate, _question, "source"),
    ("TimelineEvent", TimelineEvent.model_validate,
     lambda: {"id": "e", "date": "2021-10-08", "title": "T", "description": "D",
              "category": "law", "source": "src"}, "source"),
    ("FactCard", FactCard.model_validate,
     lambda: {"id": "f", "text": "A fact.", "source": "src"}, "source"),
    ("LawOffence", LawOffence.model_validate,
     lambda: {"id": "o", "offence": "O", "ordinance": "Crimes Ordinance (Cap. 200)",
              "section": "s.159AAE", "in_force": "2021-10-08", "max_penalty": "5 years in prison",
              "source": "src"}, "source"),
    ("SupportResource", SupportResource.model_validate,
     lambda: {"name": "N", "region": "Hong Kong", "contact": "999", "description": "D",
              "source": "src"}, "source"),
    ("Scenario", _activity.validate_python, _scenario, "sources"),
    ("RedFlags", _activity.validate_python, _redflags, "sources"),
    ("Ordering", _activity.validate_python, _ordering, "sources"),
]


@pytest.mark.parametrize("name,validate,example,field", SOURCED, ids=[s[0] for s in SOURCED])
def test_example_with_a_source_is_valid(name, validate, example, field):
    assert validate(example()) is not None


@pytest.mark.parametrize("name,validate,example,field", SOURCED, ids=[s[0] for s in SOURCED])
def test_omitting_the_source_is_a_validation_error(name, validate, example, field):
    data = example()
    del data[field]
    with pytest.raises(ValidationError) as info:
        validate(data)
    assert any(field in err["loc"] for err in info.value.errors()), info.value


@pytest.mark.parametrize("name,validate,example,field", SOURCED, ids=[s[0] for s in SOURCED])
def test_an_empty_source_is_a_validation_error(name, validate, example, field):
    data = example()
    data[field] = [] if field == "sources" else ""
    with pytest.raises(ValidationError) as info:
        validate(data)
    assert any(field in err["loc"] for err in info.value.errors()), info.value


# ---------------------------------------------------------------------------
# The packaged course
# ---------------------------------------------------------------------------


def _all_sources(course):
    yield "course.yaml", course.meta.sources
    for lesson in course.lessons.values():
        yield lesson.id, list(lesson.sources.values())


def _offences(course) -> list[tuple[str, LawOffence]]:
    found = []
    for lesson in course.lessons.values():
        for activity in lesson.activities.values():
            if isinstance(activity, LawExplorer):
                for situation in activity.situations:
                    found += [(f"{lesson.id}/{situation.id}/{o.id}", o) for o in situation.offences]
    return found


def test_every_defined_source_has_a_title_and_a_web_address(course):
    seen = 0
    for where, sources in _all_sources(course):
        for s in sources:
            seen += 1
            assert s.title.strip(), f"{where}: source {s.id} has no title"
            assert re.match(r"^https?://[^\s/]+\.[^\s]+$", s.url), f"{where}: {s.id}: {s.url}"
    assert seen > 10


def test_every_defined_source_is_cited_by_some_lesson(course):
    """A source nobody cites is dead weight in the data and was once listed on handouts."""
    from curriculum.course.citations import cited_sources

    cited = {s.id for lid in course.lessons for s in cited_sources(course, lid)}
    defined = [(where, s.id) for where, sources in _all_sources(course) for s in sources]
    assert defined
    assert [(where, sid) for where, sid in defined if sid not in cited] == []


def test_every_reference_resolves_to_a_source(course):
    refs = 0
    for lesson in course.lessons.values():
        for activity in lesson.activities.values():
            for _path, ref in source_refs(activity):
                refs += 1
                assert course.source(lesson.id, ref).url
    assert refs > 0


def test_offences_in_force_show_penalty_and_start_date(course):
    in_force = [(where, o) for where, o in _offences(course) if o.status == "in_force"]
    assert in_force, "no law offence in force found in any lesson"
    for where, o in in_force:
        assert o.max_penalty, f"{where}: in force but no max_penalty"
        assert o.in_force, f"{where}: in force but no in_force date"


def test_unresolved_items_are_not_shown_as_settled(course):
    unresolved = [(where, o) for where, o in _offences(course) if o.status == "unresolved"]
    assert unresolved, "expected at least one unresolved item (e.g. the blackmail penalty)"
    for where, o in unresolved:
        assert o.unresolved and o.unresolved.strip(), f"{where}: unresolved without a note"
        assert o.max_penalty is None, f"{where}: unresolved but shows a penalty {o.max_penalty!r}"


def _law_key(o: LawOffence) -> tuple[str, str]:
    cap = re.search(r"Cap\.\s*\d+", o.ordinance)
    sec = re.match(r"s\.\s*[0-9A-Z]+(?:\([0-9A-Za-z]+\))*", o.section)
    return (cap.group(0).replace(" ", "") if cap else o.ordinance,
            sec.group(0).replace(" ", "") if sec else o.section)


def test_an_unresolved_offence_has_no_penalty_elsewhere_in_the_course(course):
    """The same section must not be 'not settled' in one place and have a number in another."""
    by_key: dict[tuple[str, str], list[tuple[str, LawOffence]]] = defaultdict(list)
    for where, o in _offences(course):
        by_key[_law_key(o)].append((where, o))
    unresolved_keys = [k for k, items in by_key.items()
                       if any(o.status == "unresolved" for _, o in items)]
    assert unresolved_keys
    for key in unresolved_keys:
        shown = [where for where, o in by_key[key] if o.max_penalty]
        assert not shown, f"{key} is unresolved in one place but shows a penalty at {shown}"


def test_no_offence_in_force_is_not_given_a_section_or_penalty(course):
    """An offence that does not exist must not be cited as if it did."""
    absent = [(where, o) for where, o in _offences(course) if o.status == "no_offence_in_force"]
    assert absent, "expected the lesson to say that no grooming offence is in force"
    for where, o in absent:
        assert o.max_penalty is None and o.in_force is None, where
        assert not re.match(r"^s\.\s*\d", o.section), f"{where}: cites section {o.section!r}"


def test_the_walk_gives_each_string_at_its_path_and_skips_the_fields_named(course):
    from curriculum.course.model import NOT_TEXT
    from curriculum.course.walk import walk

    quiz = course.lessons["01-history"].activities["quiz"]
    everything = list(walk(quiz, skip=frozenset()))
    for path, text in everything:
        obj = quiz
        for part in path:
            obj = obj[part] if isinstance(part, int) else getattr(obj, part)
        assert obj == text, path
    assert (("questions", 0, "prompt"), quiz.questions[0].prompt) in everything
    assert (("questions", 0, "source"), quiz.questions[0].source) in everything
    prose = list(walk(quiz))
    assert prose and not any(set(path) & NOT_TEXT for path, _ in prose)
    assert set(prose) < set(everything)
    assert list(source_refs(quiz)) == [(p, t) for p, t in everything if p[-1] == "source"]
