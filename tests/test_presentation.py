"""One presentation layer: the screen and the page say the same, in the same words.

Every activity kind of the real course is drawn twice from the same content: as the live
view a learner uses in JupyterLab, and as the student worksheet. The learner must meet the
same text in both (titles, questions, options, hints, events, messages, status words,
dates), and the worksheet must hold no answer. The law explorer's answer, shown live when
a situation is picked, must be word for word the educator guide's answer key.

A pseudo-translation of the interface table then shows any interface word that bypassed
``curriculum.present.strings``: with every catalogue entry wrapped in ⟦…⟧, what is left
after removing those and the content itself must hold no word at all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from babel.dates import get_month_names
from pydantic import BaseModel

from curriculum.activities.timeline import TimelineModel
from curriculum.course.model import ACTIVITY_KINDS
from curriculum.course.packaged import packaged_course
from curriculum.handout import sections
from curriculum.handout.layouts import PaperContext, render_activity
from curriculum.present import frame
from curriculum.present import law as present_law
from curriculum.present import quiz as present_quiz
from curriculum.present import redflags as present_redflags
from curriculum.present import reflection as present_reflection
from curriculum.present import scenario as present_scenario
from curriculum.present import timeline as present_timeline
from curriculum.present.html import date_text
from curriculum.present.strings import MESSAGES, catalogue_override, t
from widgets.registry import view_for

COURSE = packaged_course()
CASES = [(lid, aid) for lid, lesson in COURSE.lessons.items() for aid in lesson.activities]


def norm(markup: str) -> str:
    """Visible text of a fragment: no style blocks, tags gone (alt text kept), entities read."""
    markup = re.sub(r"<style[^>]*>.*?</style>", " ", markup, flags=re.S)
    markup = re.sub(r'<img [^>]*alt="([^"]*)"[^>]*>', r" \1 ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def widget_texts(widget) -> Iterator[str]:
    """Everything a learner can read in a live view: values, labels, options, tooltips."""
    import ipywidgets as w

    if not isinstance(widget, w.Widget):  # IPython.display.HTML (static views)
        yield norm(widget.data)
        return
    for name in ("description", "tooltip", "placeholder"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and value:
            yield value
    if isinstance(widget, (w.HTML, w.Label)):
        yield norm(widget.value)
    if isinstance(widget, (w.Dropdown, w.Select)):
        yield from (str(label) for label in widget._options_labels)
    for child in getattr(widget, "children", ()):
        yield from widget_texts(child)


def live_text(view) -> str:
    return squash(html.unescape(" ".join(widget_texts(view))))


def paper_text(lesson_id: str, activity, audience: str = "student") -> str:
    ctx = PaperContext(COURSE, COURSE.lessons[lesson_id], audience, 2)
    return squash(norm(render_activity(ctx, activity)))


def learner_strings(lesson_id: str, activity) -> list[str]:
    """What a learner reads of this activity before answering, as the fragments word it."""
    source = lambda sid: COURSE.source(lesson_id, sid)  # noqa: E731
    k = activity.kind
    out = [activity.title]
    if k == "quiz":
        for n, q in enumerate(activity.questions, start=1):
            out += [norm(present_quiz.question_heading(n, q)), present_quiz.hint(q)]
            out += [o.text for o in q.options]
    elif k == "timeline":
        model = TimelineModel(activity, source)
        out += [present_timeline.legend_text(model), present_timeline.chart_description(model)]
        out += [present_timeline.category_label(c) for c in model.all_categories]
        # every event's details, exactly as the fragment words them (opened one by one live)
        out += [norm(present_timeline.event_html(model.details(e.id), COURSE))
                for e in model.events]
    elif k == "facts":
        out += [f.text for f in activity.facts] + [source(f.source).title for f in activity.facts]
    elif k == "scenario":
        start = activity.node(activity.start)
        out += [start.text, t("scenario_prompt")] + [c.text for c in start.choices]
        out += [source(s).title for s in activity.sources]
    elif k == "redflags":
        out.append(t("made_up_chat"))
        for n, m in enumerate(activity.messages, start=1):
            out.append(norm(present_redflags.message_html(n, m)))
            if not m.own:  # the reader's own side is read, never marked
                out.append(present_redflags.box_label(n))
    elif k == "ordering":
        out += [i.text for i in activity.items] + [source(s).title for s in activity.sources]
    elif k == "law":
        out += [norm(present_law.disclaimer_html(activity))]
        out += [s.situation for s in activity.situations]
    elif k == "reflection":
        out += [norm(present_reflection.privacy_html(activity))]
        out += [norm(present_reflection.prompt_html(n, p)) for n, p in
                enumerate(activity.prompts, start=1)]
    return [s for s in out if s]


def answer_strings(activity) -> list[str]:
    """Fields that give an answer away: never on a student worksheet."""
    k = activity.kind
    if k == "quiz":
        return [q.explanation for q in activity.questions] + [
            o.feedback for q in activity.questions for o in q.options]
    if k == "scenario":
        return [c.feedback for n in activity.nodes for c in n.choices]
    if k == "redflags":
        return [m.why for m in activity.messages]
    if k == "ordering":
        return [i.why for i in activity.items] + [r.why for r in activity.rules]
    if k == "law":
        return [s.plain_language for s in activity.situations]
    return []


def open_everything(view, activity) -> None:
    """Open what a learner can open without answering: every timeline event, in turn."""
    if activity.kind == "timeline":
        texts = []
        for e in view.model.events:
            view.events.value = e.id
            texts.append(view.details.value)
        view._opened = texts


def test_every_activity_kind_is_in_the_course():
    assert {COURSE.lessons[lid].activities[aid].kind for lid, aid in CASES} == set(ACTIVITY_KINDS)


@pytest.mark.parametrize(("lesson_id", "activity_id"), CASES, ids=[f"{a}/{b}" for a, b in CASES])
def test_live_view_and_student_worksheet_say_the_same(lesson_id, activity_id):
    activity = COURSE.lessons[lesson_id].activities[activity_id]
    view = view_for(f"{lesson_id}/{activity_id}", COURSE)
    open_everything(view, activity)
    live = live_text(view) + squash(norm(" ".join(getattr(view, "_opened", []))))
    paper = paper_text(lesson_id, activity)
    wanted = learner_strings(lesson_id, activity)
    assert len(wanted) > 1
    for text in wanted:
        assert squash(text) in live, f"live view lacks: {text!r}"
        assert squash(text) in paper, f"student worksheet lacks: {text!r}"
    for answer in answer_strings(activity):
        assert squash(answer) not in paper, f"student worksheet gives away: {answer!r}"


LAW_CASES = [(lid, aid) for lid, aid in CASES if COURSE.lessons[lid].activities[aid].kind == "law"]


@pytest.mark.parametrize(("lesson_id", "activity_id"), LAW_CASES)
def test_law_answer_on_screen_is_the_educator_key(lesson_id, activity_id):
    assert LAW_CASES
    activity = COURSE.lessons[lesson_id].activities[activity_id]
    view = view_for(f"{lesson_id}/{activity_id}", COURSE)
    guide = paper_text(lesson_id, activity, "educator")
    student = paper_text(lesson_id, activity, "student")
    for situation in activity.situations:
        view.picker.value = situation.id
        shown = squash(norm(view.details.value))
        table = squash(norm(present_law.situation_html(COURSE, lesson_id, situation)))
        assert shown == table
        assert shown in guide, f"educator guide differs from the screen for {situation.id}"
        assert squash(situation.plain_language) not in student


# -- every interface word through the catalogue ---------------------------------------------

PSEUDO = {k: f"⟦{v}⟧" for k, v in MESSAGES.items()}


def content_strings() -> list[str]:
    """Every text in the course's content, longest first (so no part is removed early)."""
    found: set[str] = set()

    def walk(obj) -> None:
        if isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                walk(getattr(obj, name))
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v)
        elif isinstance(obj, str) and obj:
            found.add(obj)

    walk(COURSE.meta)
    walk(COURSE.kit)
    for lesson in COURSE.lessons.values():
        walk(lesson.meta)
        walk(lesson.sources)
        walk(lesson.activities)
    return sorted(found, key=len, reverse=True)


def leftover_words(text: str, content: list[str]) -> list[str]:
    while True:  # catalogue text, innermost first (a template may hold another's result)
        text, n = re.subn(r"⟦[^⟦⟧]*⟧", " ", text)
        if not n:
            break
    for c in content:
        text = text.replace(c, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


def exercise(view, activity) -> None:
    """Use a live view the way a learner does, so its feedback and results are drawn too."""
    k = activity.kind
    if k == "quiz":
        for card in view.cards:
            card.controls[0].value = True
            card.check.click()
    elif k == "timeline":
        open_everything(view, activity)
    elif k == "scenario":
        while view.model.choices:
            view.choice_buttons[0].click()
    elif k == "redflags":
        next(iter(view.boxes.values())).value = True
        view.check.click()
    elif k == "ordering":
        view.downs[0].click()
        view.check.click()
    elif k == "law":
        for s in activity.situations:
            view.picker.value = s.id
            view._opened = [*getattr(view, "_opened", []), view.details.value]
    elif k == "reflection":
        view.boxes[0].value = "My plan."
        view.save.click()


@pytest.mark.parametrize(("lesson_id", "activity_id"), CASES, ids=[f"{a}/{b}" for a, b in CASES])
def test_no_interface_word_bypasses_the_catalogue(lesson_id, activity_id, monkeypatch):
    from curriculum.activities import attempts

    monkeypatch.setattr(attempts, "_listeners", [])  # nothing recorded from this test
    months = list(get_month_names("wide", locale="en_GB").values())  # dates: Babel's, not ours
    content = content_strings() + ["My plan."] + months
    activity = COURSE.lessons[lesson_id].activities[activity_id]
    lesson = COURSE.lessons[lesson_id]
    with catalogue_override(PSEUDO):
        view = view_for(f"{lesson_id}/{activity_id}", COURSE)
        exercise(view, activity)
        live = " ".join(widget_texts(view)) + norm(" ".join(getattr(view, "_opened", [])))
        pages = [norm(render_activity(PaperContext(COURSE, lesson, a, 2), activity))
                 for a in ("student", "educator")]
    for where, text in [("live view", html.unescape(live)), *zip(("student", "educator"), pages,
                                                                 strict=True)]:
        assert "⟦" in text, f"{where}: the pseudo-translation was not used at all"
        assert not leftover_words(text, content), (where, leftover_words(text, content)[:20])


def test_lesson_frame_words_come_from_the_catalogue():
    content = content_strings()
    lesson = COURSE.lessons["01-history"]
    with catalogue_override(PSEUDO):
        parts = [frame.intro_html(lesson), frame.summary_html(lesson), frame.support_html(COURSE),
                 frame.lessons_html(COURSE), sections.educator_notes(COURSE, lesson),
                 sections.sources(COURSE, lesson), sections.progress_note(),
                 present_scenario.ending_html("hard")]
    for part in parts:
        assert not leftover_words(norm(part), content), leftover_words(norm(part), content)


def test_catalogue_is_complete_and_formats():
    """Every key the code asks for exists: an unknown key names the table to add it to."""
    with pytest.raises(KeyError, match="strings.py"):
        t("no-such-key")
    assert t("quiz_question", number=3) == "Question 3."
    assert date_text("2021-10-08") == "8 October 2021"


def test_interface_words_name_school_people_and_never_the_seed_page():
    from curriculum.course.rules import SEED_PAGE, school_people_missing

    bad = {k: v for k, v in MESSAGES.items() if SEED_PAGE.search(v) or school_people_missing(v)}
    assert not bad
