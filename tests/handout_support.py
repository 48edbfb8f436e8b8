"""What the handout tests share: small inline content, the chain on an in-memory notebook,
the build of every handout (the ``handouts`` fixtures in ``conftest.py``), and HTML readers.

``make_course`` is richer than ``inline_course.tiny_course``: one activity of every kind,
with answer markers and a text mixed into every field, which the escaping tests need.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbconvert.exporters import Exporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pydantic import TypeAdapter

from curriculum.course.languages import LANGS
from curriculum.course.model import ACTIVITY_KINDS, Activity, Course, CourseMeta, Lesson, LessonMeta, Source
from curriculum.handout.build import AUDIENCES, build
from curriculum.handout.exporter import HandoutExporter
from tests.support import ROOT

CHECK_DIR = ROOT / "build" / "handouts-check"

# -- small inline content ----------------------------------------------------------------

SRC = {"id": "s1", "title": "A source", "url": "https://example.org/s1"}


def activities_data(t: str = "") -> dict[str, dict]:
    """One small activity of every kind; ``t`` is mixed into every text field."""
    base = {"title": f"Title{t}", "instructions": f"Do this{t}"}
    return {
        "quiz": {**base, "kind": "quiz", "id": "quiz", "shuffle_seed": 3, "questions": [
            {"id": "q1", "type": "single", "prompt": f"Which one{t}?", "source": "s1",
             "explanation": f"QUIZ-EXPLANATION{t}", "options": [
                 {"id": "a", "text": f"Option A{t}", "correct": True, "feedback": f"FEEDBACK-A{t}"},
                 {"id": "b", "text": f"Option B{t}", "correct": False, "feedback": f"FEEDBACK-B{t}"},
             ]}]},
        "timeline": {**base, "kind": "timeline", "id": "timeline", "events": [
            {"id": "e1", "date": 2013, "title": f"Event one{t}", "description": f"What{t}",
             "category": "crime", "source": "s1", "sensitive": True},
            {"id": "e2", "date": "2021-10-08", "title": f"Event two{t}", "description": f"Law{t}",
             "category": "law", "source": "s1", "corrects_seed": f"Seed{t}"}]},
        "facts": {**base, "kind": "facts", "id": "facts",
                  "facts": [{"id": "f1", "text": f"A fact{t}", "source": "s1"}]},
        "scenario": {**base, "kind": "scenario", "id": "scenario", "start": "n1",
                     "sources": ["s1"], "nodes": [
                         {"id": "n1", "text": f"Start{t}", "choices": [
                             {"text": f"Tell{t}", "goto": "good", "feedback": f"SCEN-FB-1{t}",
                              "best": True},
                             {"text": f"Pay{t}", "goto": "hard", "feedback": f"SCEN-FB-2{t}"}]},
                         {"id": "good", "text": f"Good end{t}", "ending": "good"},
                         {"id": "hard", "text": f"Hard end{t}", "ending": "hard"}]},
        "redflags": {**base, "kind": "redflags", "id": "redflags", "sources": ["s1"], "messages": [
            {"id": "m1", "sender": f"Stranger{t}", "text": f"Hi{t}", "red_flag": False,
             "why": f"WHY-M1{t}"},
            {"id": "m2", "sender": f"Stranger{t}", "text": f"Pay me{t}", "red_flag": True,
             "why": f"WHY-M2{t}"}]},
        "ordering": {**base, "kind": "ordering", "id": "ordering", "shuffle_seed": 0,
                     "sources": ["s1"], "items": [
                         {"id": f"i{n}", "text": f"Step {n}{t}", "why": f"WHY-STEP-{n}{t}"}
                         for n in range(1, 4)],
                     "rules": [{"first": "i1", "then": "i3", "why": f"WHY-RULE{t}"}]},
        "law": {**base, "kind": "law", "id": "law", "disclaimer": f"Not legal advice{t}",
                "situations": [{"id": "s", "situation": f"Someone threatens{t}",
                                "plain_language": f"LAW-OUTCOME{t}", "offences": [
                                    {"id": "o", "offence": f"Blackmail{t}", "ordinance": "Cap. 210",
                                     "section": "s.23", "max_penalty": "14 years", "source": "s1"},
                                    {"id": "u", "offence": "Other", "ordinance": "Cap. 1",
                                     "section": "s.1", "status": "unresolved",
                                     "unresolved": f"CHECK{t}", "source": "s1"}]}]},
        "reflection": {**base, "kind": "reflection", "id": "reflection",
                       "prompts": [f"What would you do{t}?"], "privacy_note": f"Private{t}"},
    }


ANSWER_MARKERS = ["QUIZ-EXPLANATION", "FEEDBACK-A", "FEEDBACK-B", "SCEN-FB-1", "SCEN-FB-2",
                  "WHY-M1", "WHY-M2", "WHY-STEP-1", "WHY-STEP-3", "WHY-RULE", "LAW-OUTCOME"]


def make_course(t: str = "") -> Course:
    """One lesson holding one activity of every kind (``activities_data``), course-wide
    educator steps and support, every text carrying ``t``."""
    adapter = TypeAdapter(Activity)
    meta = LessonMeta.model_validate({
        "id": "09-test", "title": f"Lesson{t}", "duration_minutes": 5, "period_minutes": 40,
        "audience": f"All{t}",
        "objectives": [f"Learn{t}"], "content_note": f"Note{t}", "summary": [f"Sum{t}"],
        "educator": {"facilitation": [{"minutes": 5, "step": f"FACILITATE{t}"}],
                     "discussion_prompts": [{"prompt": f"DISCUSS{t}", "minutes": 5}],
                     "likely_questions": [{"question": f"Q{t}", "answer": f"LIKELY-ANSWER{t}"}],
                     "safeguarding": [f"SAFEGUARD{t}"]}})
    lesson = Lesson(meta=meta, sources={"s1": Source.model_validate(SRC)},
                    activities={k: adapter.validate_python(v) for k, v in activities_data(t).items()})
    cmeta = CourseMeta.model_validate({
        "title": "C", "version": "1", "lessons": [{"id": "09-test", "notebook": "09-test.ipynb"}],
        "support_intro": f"Help{t}", "support_in_school": f"In school{t}",
        "educator": {"before_the_course": [{"text": f"BEFORE{t}"}],
                     "every_lesson": [{"text": f"EVERY{t}"}],
                     "image_incident": [{"text": f"INCIDENT{t}"}],
                     "reporting_duty": [{"text": f"DUTY{t}", "source": "c1"}]},
        "support": [
            {"name": f"Line{t}", "region": "Hong Kong", "local": True, "contact": "999",
             "description": f"Call{t}", "source": "c1"}],
        "sources": [{"id": "c1", "title": f"Course source{t}", "url": "https://example.org/c"}]})
    return Course(meta=cmeta, lessons={"09-test": lesson})


def small_notebook() -> nbformat.NotebookNode:
    """A lesson notebook showing the intro (with saved output and widget state), every
    activity kind under ``## Activities``, the progress note and the summary."""
    code = new_code_cell("from widgets import show\nshow('09-test/intro')",
                         outputs=[new_output("display_data", data={"text/plain": "WIDGET-STATE"})],
                         execution_count=3)
    cells = [new_markdown_cell("# Lesson"), code, new_markdown_cell("## Activities")]
    cells += [new_code_cell(f'show("09-test/{k}")') for k in ACTIVITY_KINDS]
    cells += [new_code_cell('show("progress")'), new_markdown_cell("## End"),
              new_code_cell('show("09-test/summary")')]
    nb = new_notebook(cells=cells, metadata={"widgets": {"state": "WIDGET-STATE"}})
    return nb


def answer_key_strings(lesson: Lesson) -> set[str]:
    """Answer text a student must never see: explanations, feedback, why, law outcomes."""
    out: set[str] = set()
    for a in lesson.activities.values():
        if a.kind == "quiz":
            for q in a.questions:
                out.add(q.explanation)
                out.update(o.feedback for o in q.options)
        elif a.kind == "scenario":
            out.update(c.feedback for n in a.nodes for c in n.choices)
        elif a.kind == "redflags":
            out.update(m.why for m in a.messages)
        elif a.kind == "ordering":
            out.update(i.why for i in a.items)
            out.update(r.why for r in a.rules)
        elif a.kind == "law":
            out.update(s.plain_language for s in a.situations)
    return {normalise(s) for s in out}


def educator_note_strings(lesson: Lesson) -> set[str]:
    e = lesson.meta.educator
    out = {s.step for s in e.facilitation} | {p.prompt for p in e.discussion_prompts}
    out |= set(e.safeguarding)
    out |= {q.answer for q in e.likely_questions}
    return {normalise(s) for s in out}


def run_chain(nb: nbformat.NotebookNode, course: Course, audience: str,
              ) -> tuple[nbformat.NotebookNode, dict]:
    """The notebook and resources as the exporter's ``conf.json`` chain leaves them.

    ``Exporter.from_notebook_node`` is the base class's: it runs the preprocessors and
    stops before the template, so the tests can look at the cells the template would get.
    """
    return Exporter.from_notebook_node(HandoutExporter(course=course, audience=audience), nb)


# -- the build of every handout, once per session (the ``handouts`` fixtures) ----------------

@dataclass(frozen=True)
class HandoutFiles:
    """The files of one build of every lesson, audience and language, and the kit."""

    every_language: dict[tuple[str, str, str], Path]  # (lesson, audience, lang) -> path
    kit: dict[tuple[str, str], Path]  # (page id, lang) -> path

    @property
    def english(self) -> dict[tuple[str, str], Path]:
        """{(lesson, audience): path} of the English handouts."""
        return {(lesson, audience): path
                for (lesson, audience, lang), path in self.every_language.items() if lang == "en"}


def build_every_handout(course: Course, out_dir: Path) -> HandoutFiles:
    """Build every lesson's handouts, both audiences, every language, into ``out_dir``."""
    lessons = [e.id for e in course.meta.lessons]
    handouts, kit = {}, {}
    for p in build(course, lessons, AUDIENCES, out_dir, langs=LANGS):
        parts = p.name.split(".")
        if p.parent == out_dir:
            handouts[(parts[0], parts[1], parts[2] if len(parts) == 4 else "en")] = p
        else:  # the teacher's kit, in kit/
            kit[(parts[0], parts[1] if len(parts) == 3 else "en")] = p
    assert {lang for *_x, lang in handouts} == set(LANGS)
    return HandoutFiles(handouts, dict(sorted(kit.items(), key=lambda kv: kv[1])))


# -- reading the HTML back ---------------------------------------------------------------

def plain_text(markup: str) -> str:
    """All text of a page with entities decoded and whitespace collapsed, for searching."""
    return normalise(html.unescape(markup))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside elements of class ``answer``."""

    VOID = {"input", "br", "meta", "img", "hr", "link", "col", "source", "wbr", "area", "path"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.answer_text: list[str] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in self.VOID:
            self._stack.append("answer" in (a.get("class") or "").split())

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if any(self._stack):
            self.answer_text.append(data)


def parse(markup: str) -> Elements:
    p = Elements()
    p.feed(markup)
    p.close()
    return p
