"""Paper layouts, one per activity kind: the ``curriculum.present`` fragments on a page.

Each renderer takes a ``PaperContext`` (course, lesson, audience, heading level) and
returns an HTML fragment, a ``markupsafe.Markup`` (content put into it is escaped because
it is a ``str``). What it says comes from the same fragment functions the live lesson
uses (``curriculum.present.<kind>``); what is left here is the paper layout: printed tick
boxes, blank lines to write on, letters for the ordering task, tables to discuss.

The student part of every renderer reads only fields a learner may see; fields that hold
answers (``correct``, ``feedback``, ``explanation``, ``best``, ``red_flag``, ``why``, the
correct order, law outcomes) are read only inside ``if ctx.educator`` branches, so a
student worksheet cannot contain them: they are left out when the page is built, not
hidden afterwards. Every answer-key item is inside an element with class ``answer``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from curriculum.activities.ordering import start_order
from curriculum.activities.shuffle import quiz_option_order
from curriculum.activities.timeline import TimelineModel
from curriculum.course.model import (
    Course,
    Facts,
    LawExplorer,
    Lesson,
    Ordering,
    Quiz,
    RedFlags,
    Reflection,
    Scenario,
    Source,
    Timeline,
)
from curriculum.present import facts as present_facts
from curriculum.present import law as present_law
from curriculum.present import ordering as present_ordering
from curriculum.present import quiz as present_quiz
from curriculum.present import redflags as present_redflags
from curriculum.present import reflection as present_reflection
from curriculum.present import scenario as present_scenario
from curriculum.present import timeline as present_timeline
from curriculum.present.html import activity_header, answer_block, heading, join_each, sources_line
from curriculum.present.strings import t


@dataclass(frozen=True)
class PaperContext:
    """Where an activity is printed: its course and lesson, for whom, and at which heading level."""

    course: Course
    lesson: Lesson
    audience: str  # "student" | "educator"
    level: int = 2  # heading level of the activity's title

    @property
    def educator(self) -> bool:
        return self.audience == "educator"

    def source(self, source_id: str) -> Source:
        return self.course.source(self.lesson.id, source_id)

    def sources(self, ids: list[str]) -> list[Source]:
        return [self.source(s) for s in ids]


def _section(ctx: PaperContext, activity, body: Markup,
             instructions: str | None = None) -> Markup:
    """The frame every activity shares: a titled section that starts a new printed page."""
    hid = f"{activity.id}-title"
    return Markup('<section class="csc-activity csc-{}" aria-labelledby="{}">{}{}</section>').format(
        activity.kind, hid, activity_header(activity, ctx.level, instructions, heading_id=hid), body)


def _box(box_id: str, label: str, visible: bool = True) -> Markup:
    """A tick box with a real label, so it works on screen, with a screen reader and on paper."""
    cls = "" if visible else Markup(' class="csc-sr"')
    return Markup('<input type="checkbox" id="{}"> <label for="{}"{}>{}</label>').format(
        box_id, box_id, cls, label)


def _lines(n: int) -> Markup:
    return Markup('<div class="csc-lines" role="img" aria-label="{}">{}</div>').format(
        t("write_here"), Markup('<span class="csc-line"></span>' * n))


# -- quiz -------------------------------------------------------------------------------

def quiz(ctx: PaperContext, a: Quiz) -> Markup:
    order = quiz_option_order(a)
    parts = []
    for qn, q in enumerate(a.questions, start=1):
        opts = Markup("").join(Markup("<li>{}</li>").format(_box(f"{a.id}-q{qn}-o{on}", o.text))
                               for on, o in enumerate(order[q.id], start=1))
        answer = (present_quiz.answer_key_html(q, order[q.id], [ctx.source(q.source)])
                  if ctx.educator else "")
        parts.append(Markup(
            '<li class="csc-question"><fieldset><legend>{}</legend><p class="csc-hint">{}</p>'
            '<ul class="csc-options">{}</ul></fieldset>{}</li>').format(
            present_quiz.question_heading(qn, q), present_quiz.hint(q), opts, answer))
    body = Markup('<ul class="csc-questions">{}</ul>').format(Markup("").join(parts))
    return _section(ctx, a, body, t("quiz_instructions_paper"))


# -- timeline ---------------------------------------------------------------------------

def timeline(ctx: PaperContext, a: Timeline) -> Markup:
    model = TimelineModel(a, ctx.source)
    desc_id = f"{a.id}-chart-desc"
    svg = present_timeline.chart_svg(model, title=a.title, desc_id=desc_id)
    items = join_each('<li class="csc-event">{}</li>', (
        present_timeline.event_html(model.details(e.id), ctx.course, ctx.level + 2)
        for e in model.events))
    body = Markup('<figure class="csc-chart">{}<figcaption id="{}">{}</figcaption></figure>'
                  '<p class="csc-hint">{}</p>{}<ul class="csc-events">{}</ul>').format(
        svg, desc_id, present_timeline.chart_description(model),
        present_timeline.legend_text(model),
        heading(ctx.level + 1, t("timeline_events_heading")), items)
    return _section(ctx, a, body, t("timeline_instructions_paper"))


# -- facts ------------------------------------------------------------------------------

def facts(ctx: PaperContext, a: Facts) -> Markup:
    return _section(ctx, a, present_facts.facts_list_html(a, ctx.source))


# -- scenario ---------------------------------------------------------------------------

def scenario(ctx: PaperContext, a: Scenario) -> Markup:
    nodes = present_scenario.reading_order(a)
    decisions = [n for n in nodes if n.choices]
    number = {n.id: i for i, n in enumerate(decisions, start=1)}
    parts = []
    for dn, node in enumerate(decisions, start=1):
        opts = Markup("").join(Markup("<li>{}</li>").format(_box(f"{a.id}-d{dn}-c{cn}", c.text))
                               for cn, c in enumerate(node.choices, start=1))
        answer = present_scenario.decision_key_html(a, node, number) if ctx.educator else ""
        parts.append(Markup(
            '<li class="csc-question"><fieldset><legend>{}</legend>{}<p>{}</p>'
            '<ul class="csc-options">{}</ul></fieldset>{}</li>').format(
            present_scenario.decision_label(dn), present_scenario.story_html(node),
            present_scenario.prompt_html(), opts, answer))
    key = present_scenario.story_key_html(a) if ctx.educator else ""
    body = Markup('<ul class="csc-decisions">{}</ul>{}{}').format(
        Markup("").join(parts), key, sources_line(ctx.sources(a.sources)))
    return _section(ctx, a, body, t("scenario_instructions_paper"))


# -- red flags --------------------------------------------------------------------------

def redflags(ctx: PaperContext, a: RedFlags) -> Markup:
    cols = ["redflags_message", "redflags_is_flag"]
    if ctx.educator:
        cols.append("answer_key")
    head = join_each('<th scope="col">{}</th>', (t(c) for c in cols))
    rows = []
    for n, m in enumerate(a.messages, start=1):
        key = (Markup('<td class="answer">{}</td>').format(present_redflags.key_html(m))
               if ctx.educator else "")
        # the learner's own side of the chat has no box to tick (its key says why)
        box = "" if m.own else _box(f"{a.id}-m{n}", present_redflags.box_label(n), visible=False)
        rows.append(Markup("<tr><td>{}</td><td>{}</td>{}</tr>").format(
            present_redflags.message_html(n, m), box, key))
    body = Markup('{}<table class="csc-table csc-transcript"><caption>{}</caption>'
                  "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>{}").format(
        present_redflags.made_up_note(), t("redflags_transcript"), head,
        Markup("").join(rows), sources_line(ctx.sources(a.sources)))
    return _section(ctx, a, body, t("redflags_instructions_paper"))


# -- ordering ---------------------------------------------------------------------------

def ordering(ctx: PaperContext, a: Ordering) -> Markup:
    shown = start_order(a)
    letters = [chr(ord("A") + i) for i in range(len(shown))]
    rows = Markup("").join(
        Markup('<tr><td><span class="csc-blank" role="img" aria-label="{}"></span></td>'
               '<th scope="row">{}</th><td>{}</td></tr>').format(
            t("ordering_blank_for", letter=letter), letter, item.text)
        for letter, item in zip(letters, shown, strict=True))
    cols = join_each('<th scope="col">{}</th>',
                     (t(c) for c in ("ordering_blank", "ordering_step", "ordering_what")))
    key = ""
    if ctx.educator:
        letter_of = {item.id: letter for letter, item in zip(letters, shown, strict=True)}
        key = present_ordering.key_html(a, letter_of, ctx.level + 1)
    body = Markup('<table class="csc-table csc-order"><caption>{}</caption>'
                  "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>{}{}").format(
        t("ordering_mixed"), cols, rows, key, sources_line(ctx.sources(a.sources)))
    return _section(ctx, a, body, t("ordering_instructions_paper"))


# -- law explorer -----------------------------------------------------------------------

def law(ctx: PaperContext, a: LawExplorer) -> Markup:
    rows = Markup("").join(Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
        n, s.situation, _lines(3)) for n, s in enumerate(a.situations, start=1))
    head = join_each('<th scope="col">{}</th>', ("#", t("law_situation"), t("law_think")))
    # the live explorer's own table for each situation: one fragment, screen and paper
    key = answer_block(Markup("").join(
        present_law.situation_html(ctx.course, ctx.lesson.id, s, ctx.level + 1)
        for s in a.situations)) if ctx.educator else ""
    body = Markup('{}<table class="csc-table csc-law"><caption>{}</caption>'
                  "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>{}").format(
        present_law.disclaimer_html(a), t("law_situations_caption"), head, rows, key)
    return _section(ctx, a, body, t("law_instructions_paper"))


# -- reflection -------------------------------------------------------------------------

def reflection(ctx: PaperContext, a: Reflection) -> Markup:
    prompts = Markup("").join(Markup("<li>{}{}</li>").format(
        present_reflection.prompt_html(n, p, ctx.level + 1), _lines(4))
        for n, p in enumerate(a.prompts, start=1))
    body = Markup('<ul class="csc-reflection">{}</ul>{}').format(
        prompts, present_reflection.privacy_html(a))
    return _section(ctx, a, body)


RENDERERS: dict[str, Callable[[PaperContext, object], Markup]] = {
    "quiz": quiz, "timeline": timeline, "facts": facts, "scenario": scenario,
    "redflags": redflags, "ordering": ordering, "law": law, "reflection": reflection,
}


def render_activity(ctx: PaperContext, activity) -> Markup:
    return RENDERERS[activity.kind](ctx, activity)
