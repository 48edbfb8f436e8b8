"""``python -m curriculum check`` on the newer activity kinds: one clear line per problem.

One private copy of the packaged content gets one activity file per broken case (each
broken in exactly one way) plus one valid file of each kind; the checker runs once for
the module (it reports every problem in one run) and each case asserts its own line:
the file, the YAML line, the field and what is wrong.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import textwrap
from pathlib import Path

import pytest

from curriculum.cli import main
from curriculum.course.load import CONTENT_DIR
from curriculum.course.model import ACTIVITY_KINDS
from widgets.registry import VIEWS

SRC = "seed-cyberdefender"  # a course-level source in course.yaml

SCENARIO_HEAD = f"""\
kind: scenario
id: {{id}}
title: A story
instructions: Choose what to do.
start: first
sources: [{SRC}]
nodes:
"""


def node(nid: str, *gotos: str, ending: str | None = None, extra: str = "") -> str:
    text = f"  - id: {nid}\n    text: Node {nid}.\n{extra}"
    if ending:
        text += f"    ending: {ending}\n"
    if gotos:
        text += "    choices:\n" + "".join(
            f"      - text: Go to {g}\n        goto: {g}\n        feedback: Fine.\n" for g in gotos)
    return text


def scenario(*nodes: str, head: str = SCENARIO_HEAD) -> str:
    return head + "".join(nodes)


def law(offence: str) -> str:
    return textwrap.dedent("""\
        kind: law
        id: {id}
        title: The law
        instructions: Pick a situation.
        disclaimer: General information, not legal advice.
        situations:
          - id: threat
            situation: Threatening to share an image
            plain_language: It is a crime.
            offences:
              - id: threat-offence
                offence: Threatening to publish an intimate image
                ordinance: Crimes Ordinance (Cap. 200)
                section: s.159AAE
        """) + textwrap.indent(textwrap.dedent(offence), " " * 8) + f"        source: {SRC}\n"


def redflags(messages: str) -> str:
    return textwrap.dedent(f"""\
        kind: redflags
        id: {{id}}
        title: Spot the signs
        instructions: Mark the warning signs.
        sources: [{SRC}]
        messages:
        """) + textwrap.dedent(messages)


MSG = """\
  - id: {mid}
    sender: Alex
    text: Hello there.
    red_flag: {flag}
    why: Because.
"""


def ordering(n: int, rules: str = "rules:\n  - first: step-0\n    then: step-1\n    why: First.\n") -> str:
    items = "".join(f"  - id: step-{i}\n    text: Step {i}\n    why: Reason {i}\n" for i in range(n))
    return (f"kind: ordering\nid: {{id}}\ntitle: Order\ninstructions: Sort.\nshuffle_seed: 3\n"
            f"sources: [{SRC}]\nitems:\n{items}{rules}")


QUIZ = f"""\
kind: quiz
id: {{id}}
title: Quiz
instructions: Choose.
questions:
  - id: q1
    type: single
    prompt: {{prompt}}
    explanation: Because.
    source: {SRC}
    options:
      - id: a
        text: "Yes"
        correct: true
        feedback: Right.
      - id: b
        text: "No"
        correct: false
        feedback: Not quite.
"""


def facts(text: str) -> str:
    return (f"kind: facts\nid: {{id}}\ntitle: Facts\ninstructions: Read.\nfacts:\n"
            f"  - id: f1\n    text: {text}\n    source: {SRC}\n")


REFLECTION = """\
kind: reflection
id: {id}
title: My plan
instructions: Write your plan.
prompts:
  - My plan if someone threatens me is...
"""

VALID = {
    "ok-scenario": scenario(node("first", "second", "end"), node("second", "first", "end"),
                            node("end", ending="good")),
    "ok-redflags": redflags(MSG.format(mid="a", flag="false") + MSG.format(mid="b", flag="true")),
    "ok-ordering": ordering(3),
    "ok-law": law("in_force: 2021-10-08\nmax_penalty: 5 years\n"),
    "ok-quiz": QUIZ.replace("{prompt}", "Who is to blame for a threat?"),
    "ok-facts": facts("The CyberDefender page describes naked-chat blackmail. Tell an adult "
                      "you trust, such as a guidance teacher."),
    "ok-reflection": REFLECTION + "privacy_note: It stays on this computer.\n",
}

# case: (file text, field, message, text that starts on the line the problem points at;
# a problem with a whole list points at its first item)
BROKEN = {
    "sc-missing-node": (scenario(node("first", "end", "nowhere"), node("end", ending="good")),
                        "nodes[0].choices[1].goto",
                        "choice(s) lead to a missing node: first -> nowhere", "goto: nowhere"),
    "sc-unreachable": (scenario(node("first", "end"), node("end", ending="good"),
                                node("lonely", ending="okay")),
                       "nodes[2].id", "node(s) not reachable from the start: lonely",
                       "id: lonely"),
    "sc-loop": (scenario(node("first", "loop-a", "end"), node("loop-a", "loop-b"),
                         node("loop-b", "loop-a"), node("end", ending="hard")),
                "nodes[1].id", "node(s) in a loop with no way to an ending: loop-a, loop-b",
                "id: loop-a"),
    "sc-no-ending": (scenario(node("first", "second"), node("second", "first")),
                     "nodes", "the scenario has no ending", "- id: first"),
    "sc-bad-start": (scenario(node("begin", "end"), node("end", ending="good")),
                     "start", "start node 'first' does not exist", "start: first"),
    "sc-duplicate-node": (scenario(node("first", "end"), node("end", ending="good"),
                                   node("end", ending="okay")),
                          "nodes[2].id", "duplicate id 'end'",
                          "- id: end\n    text: Node end.\n    ending: okay"),
    "sc-ending-and-choices": (scenario(node("first", "end", ending="good"),
                                       node("end", ending="good")),
                              "nodes[0].ending", "either an ending or has choices, not both",
                              "ending: good"),
    "sc-dead-end": (scenario(node("first", "end"), node("end")), "nodes[1].ending",
                    "a node with no choices must say which ending it is", "id: end"),
    "sc-bad-ending-kind": (scenario(node("first", "end"), node("end", ending="great")),
                           "nodes[1].ending", "Input should be 'good', 'okay' or 'hard'",
                           "ending: great"),
    "sc-missing-source": (scenario(node("first", "end"), node("end", ending="good"),
                                   head=SCENARIO_HEAD.replace(SRC, "nowhere")),
                          "sources[0]", "source 'nowhere' does not exist", "sources: [nowhere]"),
    "rf-one-message": (redflags(MSG.format(mid="a", flag="true")), "messages",
                       "at least 2 items", "- id: a"),
    "rf-flag-not-bool": (redflags(MSG.format(mid="a", flag="maybe") + MSG.format(mid="b",
                                                                                 flag="true")),
                         "messages[0].red_flag", "wrong type", "red_flag: maybe"),
    "rf-missing-why": (redflags(MSG.format(mid="a", flag="true").replace("    why: Because.\n", "")
                                + MSG.format(mid="b", flag="false")),
                       "messages[0].why", "required field is missing", "id: a"),
    "or-two-items": (ordering(2), "items", "at least 3 items", "- id: step-0"),
    "or-duplicate-item": (ordering(3).replace("id: step-2", "id: step-0"), "items[2].id",
                          "duplicate id 'step-0'", "id: step-0\n    text: Step 2"),
    "or-no-rules": (ordering(3, rules=""), "rules", "required field is missing", "kind:"),
    "or-rule-unknown-item": (ordering(3, rules="rules:\n  - first: step-0\n    then: nowhere\n"
                                               "    why: X.\n"),
                             "rules[0].then", "no item 'nowhere' in this activity", "then: nowhere"),
    "or-rule-against-listed-order": (ordering(3, rules="rules:\n  - first: step-2\n"
                                                       "    then: step-1\n    why: X.\n"),
                                     "rules[0]", "the items as listed break this rule",
                                     "- first: step-2"),
    "qz-about-suicide": (QUIZ.replace("{prompt}", "How many teenagers died by suicide?"),
                         "questions[0].prompt", "no quiz question may be about a suicide",
                         "prompt: How many"),
    "fa-seed-page": (facts("The seed page is wrong about 2016."), "facts[0].text",
                     "student text says 'seed page'", "text: The seed page"),
    "fa-trusted-no-school": (facts("If this happens, tell an adult you trust."), "facts[0].text",
                             "without naming the people in school", "text: If this happens"),
    "law-settled-secondary": (law("in_force: 2021-10-08\nmax_penalty: 5 years\n")
                              .replace(f"source: {SRC}", "source: iwf-2023"),
                              "situations[0].offences[0].source",
                              "a settled penalty cites 'iwf-2023', which is not a primary source",
                              "source: iwf-2023"),
    "law-unresolved-no-note": (law("status: unresolved\nmax_penalty: 2 years\n"),
                               "situations[0].offences[0].unresolved",
                               "an unresolved item must say what is unresolved",
                               "id: threat-offence"),
    "law-no-penalty": (law("in_force: 2021-10-08\n"), "situations[0].offences[0].max_penalty",
                       "an offence in force needs max_penalty", "id: threat-offence"),
    "law-bad-status": (law("status: maybe\nmax_penalty: 2 years\n"),
                       "situations[0].offences[0].status", "Input should be 'in_force'",
                       "status: maybe"),
    "law-bad-date": (law("in_force: 2021-13-01\nmax_penalty: 2 years\n"),
                     "situations[0].offences[0].in_force", "is not a real date", "2021-13-01"),
    "re-no-privacy-note": (REFLECTION, "privacy_note", "required field is missing", "kind:"),
    "re-no-prompts": (REFLECTION.replace("  - My plan if someone threatens me is...\n", "")
                      .replace("prompts:", "prompts: []") + "privacy_note: Stays here.\n",
                      "prompts", "at least 1 item", "prompts: []"),
}


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"test setup: {needle!r} not in {path}"
    return text[:text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[Path, list[str]]:
    """A copy of the packaged content (as ``content_copy``) with the test files, checked once."""
    content = tmp_path_factory.mktemp("check") / "content"
    shutil.copytree(CONTENT_DIR, content, ignore=shutil.ignore_patterns("__pycache__"))
    folder = content / "01-history"
    for name, text in {**VALID, **{k: v[0] for k, v in BROKEN.items()}}.items():
        (folder / f"{name}.yaml").write_text(text.replace("{id}", name), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["check", str(content)])
    assert code == 1
    assert "Traceback" not in err.getvalue()
    return folder, err.getvalue().strip().splitlines()


def lines_for(checked, name: str) -> list[str]:
    folder, lines = checked
    path = folder / f"{name}.yaml"
    return [ln for ln in lines if ln.startswith(f"{path}:")]


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_activities_of_each_kind_pass(checked, name):
    assert lines_for(checked, name) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_activity_gives_one_clear_line(checked, name):
    _text, field, message, needle = BROKEN[name]
    found = lines_for(checked, name)
    assert len(found) == 1, found
    path = checked[0] / f"{name}.yaml"
    prefix = f"{path}:{line_of(path, needle)}: {field}: "
    assert found[0].startswith(prefix), (found[0], prefix)
    assert message in found[0]


# The first kind: its checker lines are asserted on the packaged timeline in test_check_cli.py.
COVERED_ELSEWHERE = {"timeline"}


def test_every_new_kind_is_covered():
    kinds = {text.split("\n", 1)[0].removeprefix("kind: ") for text in VALID.values()}
    assert kinds == set(ACTIVITY_KINDS) - COVERED_ELSEWHERE
    broken = {text.split("\n", 1)[0].removeprefix("kind: ") for text, *_ in BROKEN.values()}
    assert broken == kinds


def test_every_kind_has_a_view():
    assert set(VIEWS) == set(ACTIVITY_KINDS)


def test_the_kinds_and_categories_are_the_model_types_own():
    """ACTIVITY_KINDS and CATEGORIES are read from the union and the Literal: every kind
    listed is one the union takes, and nothing else is."""
    from pydantic import TypeAdapter, ValidationError

    from curriculum.course.model import CATEGORIES, Activity, TimelineEvent

    adapter = TypeAdapter(Activity)
    for kind in ACTIVITY_KINDS:
        with pytest.raises(ValidationError) as err:
            adapter.validate_python({"kind": kind})
        assert "union_tag_invalid" not in {e["type"] for e in err.value.errors()}, kind
    with pytest.raises(ValidationError) as err:
        adapter.validate_python({"kind": "poll"})
    assert [e["type"] for e in err.value.errors()] == ["union_tag_invalid"]
    event = {"id": "e", "date": "2020", "title": "T", "description": "D", "source": "s"}
    assert [TimelineEvent.model_validate({**event, "category": c}).category
            for c in CATEGORIES] == list(CATEGORIES)
    with pytest.raises(ValidationError):
        TimelineEvent.model_validate({**event, "category": "gossip"})
