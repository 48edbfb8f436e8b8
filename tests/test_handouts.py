"""Handouts: the step chain, the renderers, answers kept from students, escaping, the CLI."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from curriculum import cli
from curriculum.course.model import ACTIVITY_KINDS, Course, CourseMeta, Lesson, LessonMeta
from curriculum.handout import sections, steps
from curriculum.handout.layouts import RENDERERS, PaperContext, render_activity

from .handout_support import built_handouts, normalise, parse, plain_text

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
    from pydantic import TypeAdapter

    from curriculum.course.model import Activity

    adapter = TypeAdapter(Activity)
    meta = LessonMeta.model_validate({
        "id": "09-test", "title": f"Lesson{t}", "duration_minutes": 5, "period_minutes": 40,
        "audience": f"All{t}",
        "objectives": [f"Learn{t}"], "content_note": f"Note{t}", "summary": [f"Sum{t}"],
        "educator": {"facilitation": [{"minutes": 5, "step": f"FACILITATE{t}"}],
                     "discussion_prompts": [{"prompt": f"DISCUSS{t}", "minutes": 5}],
                     "likely_questions": [{"question": f"Q{t}", "answer": f"LIKELY-ANSWER{t}"}],
                     "safeguarding": [f"SAFEGUARD{t}"]}})
    from curriculum.course.model import Source
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


@pytest.fixture(scope="module")
def small_course() -> Course:
    return make_course()


def small_notebook() -> nbformat.NotebookNode:
    code = new_code_cell("from widgets import show\nshow('09-test/intro')",
                         outputs=[new_output("display_data", data={"text/plain": "WIDGET-STATE"})],
                         execution_count=3)
    cells = [new_markdown_cell("# Lesson"), code, new_markdown_cell("## Activities")]
    cells += [new_code_cell(f'show("09-test/{k}")') for k in ACTIVITY_KINDS]
    cells += [new_code_cell('show("progress")'), new_markdown_cell("## End"),
              new_code_cell('show("09-test/summary")')]
    nb = new_notebook(cells=cells, metadata={"widgets": {"state": "WIDGET-STATE"}})
    return nb


# -- the steps, one at a time, on an in-memory notebook ----------------------------------------

def test_strip_execution_drops_outputs_and_widget_state():
    nb, _ = steps.StripExecution()(small_notebook(), {})
    assert "widgets" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_collect_refs_reads_show_calls_in_order():
    nb, _ = steps.CollectRefs()(small_notebook(), {})
    refs = [r for c in nb.cells for r in c.metadata.get("handout_refs", [])]
    assert refs == ["09-test/intro", *[f"09-test/{k}" for k in ACTIVITY_KINDS], "progress",
                    "09-test/summary"]


def test_collect_refs_names_a_broken_cell():
    nb = new_notebook(cells=[new_markdown_cell("x"), new_code_cell("show(")])
    with pytest.raises(steps.HandoutError, match="cell 1"):
        steps.CollectRefs()(nb, {})


def test_heading_levels_follow_the_markdown_above():
    nb, _ = steps.AssignHeadingLevels()(small_notebook(), {})
    levels = [c.metadata["handout_level"] for c in nb.cells if c.cell_type == "code"]
    assert levels[0] == 2 and levels[1] == 3 and levels[-1] == 3


def test_render_replaces_code_with_html_and_rejects_unknown_refs(small_course):
    nb, res = steps.CollectRefs()(small_notebook(), {})
    nb, res = steps.RenderActivities(small_course, "student")(nb, res)
    assert [c.cell_type for c in nb.cells].count("code") == 0
    assert sum(c.cell_type == "raw" for c in nb.cells) == len(ACTIVITY_KINDS) + 3
    bad = new_notebook(cells=[new_code_cell('show("09-test/nope")')])
    bad, _ = steps.CollectRefs()(bad, {})
    with pytest.raises(steps.HandoutError, match="has no activity 'nope'"):
        steps.RenderActivities(small_course, "student")(bad, {})


def test_educator_notes_only_in_the_educator_chain(small_course):
    for audience, expected in (("student", 0), ("educator", 1)):
        nb, res = steps.run_steps(small_notebook(), small_course, audience)
        notes = [c for c in nb.cells if "educator-notes" in c.source]
        assert len(notes) == expected
        assert res["handout"]["lesson"] == "09-test"
        assert all(c.cell_type in ("markdown", "raw") for c in nb.cells)
        assert all(set(c.metadata) <= {"raw_mimetype"} for c in nb.cells)
        assert "widgets" not in nb.metadata


def test_unknown_audience_is_refused(small_course):
    with pytest.raises(steps.HandoutError, match="audience"):
        steps.handout_steps(small_course, "parent")


# -- renderers, per kind, on small inline data -------------------------------------------------

@pytest.mark.parametrize("kind", ACTIVITY_KINDS)
def test_each_kind_renders_for_both_audiences_without_answers_for_students(small_course, kind):
    assert set(RENDERERS) == set(ACTIVITY_KINDS)
    lesson = small_course.lessons["09-test"]
    activity = lesson.activities[kind]
    student = render_activity(PaperContext(small_course, lesson, "student", 3), activity)
    educator = render_activity(PaperContext(small_course, lesson, "educator", 3), activity)
    assert f'<h3 id="{kind}-title">Title</h3>' in student
    s_text = plain_text(student)
    for marker in ANSWER_MARKERS:
        assert marker not in s_text, f"{kind}: {marker} in the student version"
    assert not any("answer" in (a.get("class") or "") for _t, a in parse(student).tags)
    mine = [m for m in ANSWER_MARKERS if m in plain_text(educator)]
    answer_text = normalise(" ".join(parse(educator).answer_text))
    assert all(m in answer_text for m in mine)
    if kind in ("quiz", "scenario", "redflags", "ordering", "law"):
        assert mine, f"{kind}: the educator version shows no answer"


def test_student_sheet_shows_the_tasks(small_course):
    lesson = small_course.lessons["09-test"]
    ctx = PaperContext(small_course, lesson, "student", 2)
    a = lesson.activities
    quiz = render_activity(ctx, a["quiz"])
    assert quiz.count('type="checkbox"') == 2 and "Option A" in quiz and "Option B" in quiz
    order = render_activity(ctx, a["ordering"])
    shown = re.findall(r"Step (\d)", plain_text(order))
    assert sorted(shown) == ["1", "2", "3"] and shown != ["1", "2", "3"]  # never the answer
    law = render_activity(ctx, a["law"])
    assert "Someone threatens" in law and "Blackmail" not in law and "14 years" not in law
    tl = render_activity(ctx, a["timeline"])
    assert "<svg" in tl and 'role="img"' in tl and "Timeline chart of 2 events" in tl
    assert "<?xml" not in tl and "DOCTYPE" not in tl
    assert "If this is hard to read" in tl  # help next to the sensitive event
    flags = render_activity(ctx, a["redflags"])
    assert flags.count('type="checkbox"') == 2 and "Pay me" in flags
    scen = render_activity(ctx, a["scenario"])
    assert "Tell" in scen and "Good end" not in scen and "Best" not in scen
    refl = render_activity(ctx, a["reflection"])
    assert "csc-line" in refl and "Private" in refl


def test_educator_notes_section(small_course):
    notes = sections.educator_notes(small_course, small_course.lessons["09-test"])
    for s in ("FACILITATE", "5 min", "DISCUSS", "LIKELY-ANSWER", "SAFEGUARD"):
        assert s in notes


def test_educator_guide_holds_the_course_safeguarding_and_the_period(small_course):
    """Before the course, every lesson, an image incident, the duty to report: in every guide,
    with the plan's minutes against the period; never on a student worksheet."""
    lesson = small_course.lessons["09-test"]
    for audience in ("student", "educator"):
        nb, _ = steps.run_steps(small_notebook(), small_course, audience)
        page = "".join(c.source for c in nb.cells)
        course_steps = ("BEFORE", "EVERY", "INCIDENT", "DUTY", "for a 40-minute period")
        if audience == "educator":
            assert all(s in page for s in course_steps)
            assert page.index("BEFORE") < page.index("EVERY") < page.index("INCIDENT") < page.index(
                "DUTY") < page.index("SAFEGUARD")
            assert "Course source" in page  # the duty's source, cited beside it
        else:
            assert not any(s in page for s in course_steps)
        assert "In school" in page  # the people in school, with the support list
    assert lesson.meta.period_minutes == 40


# -- escaping: hostile content stays text in both audiences -----------------------------------

HOSTILE = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><b>bold</b>",
    "' onmouseover='x", "<!-- c -->", "&lt;script&gt;", "{{ 7*7 }}", "<svg onload=alert(1)>",
]


def assert_inert(markup: str, t: str) -> None:
    doc = parse(markup)
    names = [tag for tag, _a in doc.tags]
    assert "script" not in names and "img" not in names and "b" not in names
    assert not any(k.startswith("on") for _t, a in doc.tags for k in a)
    assert normalise(t) in normalise("".join(doc.text))


@pytest.mark.parametrize("payload", HOSTILE)
def test_content_with_html_comes_out_as_inert_text(payload):
    """Whole pages (every kind, the timeline chart included), for each fixed payload."""
    t = f" {payload}<&\"'/ a=b"
    course = make_course(t)
    lesson = course.lessons["09-test"]
    for audience in ("student", "educator"):
        parts = [render_activity(PaperContext(course, lesson, audience, 3), a)
                 for a in lesson.activities.values()]
        parts += [sections.intro(course, lesson, 2), sections.summary(course, lesson, 2)]
        if audience == "educator":
            parts.append(sections.educator_notes(course, lesson))
        assert_inert("".join(parts), t)


def fragments(course: Course) -> str:
    """Every presentation fragment of every kind that draws content, without charts."""
    from curriculum.activities.ordering import OrderingModel
    from curriculum.activities.quiz import QuizModel
    from curriculum.activities.redflags import RedFlagsModel
    from curriculum.activities.scenario import ScenarioModel
    from curriculum.activities.timeline import TimelineModel
    from curriculum.present import facts, law, ordering, quiz, redflags, reflection, scenario, timeline
    from curriculum.present import html as h

    lesson = course.lessons["09-test"]
    a = lesson.activities
    src = lambda sid: course.source("09-test", sid)  # noqa: E731
    q = QuizModel(a["quiz"])
    q.select("q1", "b")
    sc = ScenarioModel(a["scenario"])
    rf = RedFlagsModel(a["redflags"])
    rf.mark("m2")
    tl = TimelineModel(a["timeline"], src)
    q1 = a["quiz"].questions[0]
    return "".join([
        h.intro_html(lesson), h.summary_html(lesson), h.support_html(course),
        h.activity_header(a["quiz"], 3), quiz.question_heading(1, q1),
        quiz.feedback_html(q.check("q1"), [src("s1")]),
        quiz.answer_key_html(q1, q1.options, [src("s1")]),
        *(timeline.event_html(tl.details(e.id), course) for e in tl.events),
        h.esc(timeline.chart_description(tl)), facts.facts_list_html(a["facts"], src),
        scenario.story_html(sc.current), scenario.step_html(sc.choose(0)),
        scenario.story_key_html(a["scenario"]),
        *(redflags.message_html(n, m) for n, m in enumerate(a["redflags"].messages, 1)),
        redflags.result_html(rf.check(), {"m1": 1, "m2": 2}),
        ordering.result_html(OrderingModel(a["ordering"]).check()),
        law.disclaimer_html(a["law"]),
        *(law.situation_html(course, "09-test", s) for s in a["law"].situations),
        reflection.privacy_html(a["reflection"]),
        *(reflection.prompt_html(n, p) for n, p in enumerate(a["reflection"].prompts, 1)),
    ])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=st.sampled_from(HOSTILE), extra=st.text(alphabet="<>&\"'/ abc=", max_size=12))
def test_fragments_keep_any_content_inert(payload, extra):
    """The property, on the pure fragments: any mix of markup characters stays text."""
    t = f" {payload}{extra}"
    assert_inert(fragments(make_course(t)), t)


# -- the real lessons: build every handout once ---------------------------------------------

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


@pytest.fixture(scope="module")
def handouts():
    return built_handouts()


def test_two_files_per_lesson(handouts, course):
    lessons = {lesson for lesson, _a in handouts}
    assert "01-history" in lessons
    assert set(handouts) == {(lesson, a) for lesson in lessons for a in ("student", "educator")}


def test_student_handouts_hold_no_answers_anywhere(handouts, course):
    for lesson_id in sorted({lesson for lesson, _a in handouts}):
        lesson = course.lessons[lesson_id]
        forbidden = answer_key_strings(lesson) | educator_note_strings(lesson)
        assert forbidden, f"{lesson_id}: no answer text found to check against"
        raw = handouts[(lesson_id, "student")].read_text(encoding="utf-8")
        text = plain_text(raw)
        leaked = sorted(s for s in forbidden if s in text or s in raw)
        assert not leaked, f"{lesson_id} student handout leaks: {leaked[:3]}"
        doc = parse(raw)
        for tag, attrs in doc.tags:
            for name, value in attrs.items():
                assert not re.search(r"answer|correct|best|feedback", f"{name}={value or ''}"
                                     if name in ("class", "id") or name.startswith("data-")
                                     else ""), (tag, name, value)


def test_educator_guides_hold_every_answer_inside_answer_elements(handouts, course):
    for lesson_id in sorted({lesson for lesson, _a in handouts}):
        lesson = course.lessons[lesson_id]
        raw = handouts[(lesson_id, "educator")].read_text(encoding="utf-8")
        answer_text = normalise(" ".join(parse(raw).answer_text))
        keys = answer_key_strings(lesson)
        assert keys, f"{lesson_id}: no answer key"
        missing = sorted(s for s in keys if s not in answer_text)
        assert not missing, f"{lesson_id}: not inside .answer: {missing[:3]}"
        text = plain_text(raw)
        notes_missing = sorted(s for s in educator_note_strings(lesson) if s not in text)
        assert not notes_missing, notes_missing[:3]


def test_handouts_are_self_contained_pages(handouts, course):
    for (lesson_id, audience), path in handouts.items():
        raw = path.read_text(encoding="utf-8")
        doc = parse(raw)
        metas = [a for t, a in doc.tags if t == "meta" and a.get("name") == "curriculum-audience"]
        assert [m.get("content") for m in metas] == [audience]
        assert '<html lang="en">' in raw
        assert f"<title>{course.lessons[lesson_id].title}" in raw.replace("&#x27;", "'")
        names = [t for t, _a in doc.tags]
        assert "script" not in names and "link" not in names and "iframe" not in names
        for tag, attrs in doc.tags:
            if tag != "a":
                for name in ("src", "href", "srcset", "data"):
                    assert not str(attrs.get(name) or "").startswith(("http", "//")), (tag, attrs)
        assert "@import" not in raw and "url(http" not in raw
        assert "<pre" not in raw and "jp-InputPrompt" not in raw  # no code, no prompts
        levels = [int(t[1]) for t in names if re.fullmatch(r"h[1-6]", t)]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_sources_section_lists_exactly_what_the_lesson_cites(handouts, course):
    """A source list padded with other lessons' sources would send readers the wrong way."""
    from curriculum.course.citations import cited_sources

    every_url = {s.url for lid in course.lessons for s in cited_sources(course, lid)}
    for (lesson_id, audience), path in handouts.items():
        raw = path.read_text(encoding="utf-8")
        section = re.search(r'<section[^>]*class="csc-sources.*?</section>', raw, re.S)
        assert section, f"{lesson_id} {audience}: no sources section"
        listed = {html.unescape(u) for u in re.findall(r'href="([^"]+)"', section.group(0))}
        cited = {s.url for s in cited_sources(course, lesson_id, audience)}
        assert cited and listed == cited, (lesson_id, audience, sorted(listed ^ cited)[:3])
        assert every_url - cited, "every lesson cites everything: the check above proves nothing"
        if audience == "student":  # nothing only the educator notes cite, above all an
            # educator-only page (one gives the method of a suicide)
            educator_only = {s.url for s in cited_sources(course, lesson_id, "educator")
                             if s.educator_only}
            assert not listed & educator_only, (lesson_id, sorted(listed & educator_only))


def test_handouts_are_deterministic(handouts, course):
    from curriculum.handout.build import exporter_for, notebook_for

    lesson_id = course.meta.lessons[0].id
    nb = nbformat.read(notebook_for(course, lesson_id), as_version=4)
    again, _ = exporter_for(course, "student").from_notebook_node(nb)
    assert again == handouts[(lesson_id, "student")].read_text(encoding="utf-8")


# -- entry point and CLI -----------------------------------------------------------------------

def test_nbconvert_finds_the_exporter_by_name():
    from nbconvert.exporters import get_exporter

    from curriculum.handout.exporter import HandoutExporter

    assert get_exporter("handout") is HandoutExporter
    exporter = HandoutExporter(audience="educator")
    assert exporter.template_name == "handout"
    with pytest.raises(Exception, match="audience"):
        HandoutExporter(audience="parent")


def test_cli_unknown_lesson_is_a_clear_error(capsys, tmp_path):
    code = cli.main(["handouts", "--out", str(tmp_path), "99-nope"])
    err = capsys.readouterr().err
    assert code == 1
    assert "unknown lesson(s): 99-nope" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_cli_without_notebooks_folder_says_to_pass_one(capsys, tmp_path, monkeypatch):
    """After a plain ``pip install .`` the notebooks are not installed beside the package."""
    from curriculum.handout import build as build_module

    monkeypatch.setattr(build_module, "NOTEBOOKS_DIR", tmp_path / "site-packages" / "notebooks")
    code = cli.main(["handouts", "--out", str(tmp_path / "out"), "01-history"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "--notebooks DIR" in err and str(tmp_path / "site-packages" / "notebooks") in err
    assert not (tmp_path / "out").exists()


def test_cli_notebooks_option_builds_from_that_folder(capsys, tmp_path, monkeypatch):
    import shutil

    from curriculum.handout import build as build_module

    copied = tmp_path / "my-notebooks"
    shutil.copytree(build_module.NOTEBOOKS_DIR, copied)
    monkeypatch.setattr(build_module, "NOTEBOOKS_DIR", tmp_path / "missing")
    code = cli.main(["handouts", "--notebooks", str(copied), "--audience", "student",
                     "--out", str(tmp_path / "out"), "03-sexting"])
    assert code == 0, capsys.readouterr().err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["03-sexting.student.html"]
