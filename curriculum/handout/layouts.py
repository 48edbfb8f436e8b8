"""Paper layouts, one per activity kind: the ``curriculum.present`` fragments on a page.

Each renderer takes a ``PaperContext`` (course, lesson, audience, heading level) and returns an
HTML fragment. What it says comes from the same fragment functions the live lesson uses
(``curriculum.present.<kind>``); what is left here is the paper layout: printed tick
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
from curriculum.present.html import activity_header, answer_block, esc, heading, sources_line
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


def _section(ctx: PaperContext, activity, body: str, instructions: str | None = None) -> str:
    """The frame every activity shares: a titled section that starts a new printed page."""
    hid = f"{activity.id}-title"
    return (f'<section class="csc-activity csc-{activity.kind}" aria-labelledby="{hid}">'
            f"{activity_header(activity, ctx.level, instructions, heading_id=hid)}{body}</section>")


def _box(box_id: str, label_html: str, visible: bool = True) -> str:
    """A tick box with a real label, so it works on screen, with a screen reader and on paper."""
    cls = "" if visible else ' class="csc-sr"'
    return (f'<input type="checkbox" id="{box_id}"> '
            f'<label for="{box_id}"{cls}>{label_html}</label>')


def _lines(n: int) -> str:
    return (f'<div class="csc-lines" role="img" aria-label="{esc(t("write_here"))}">'
            + '<span class="csc-line"></span>' * n + "</div>")


# -- quiz -------------------------------------------------------------------------------

def quiz(ctx: PaperContext, a: Quiz) -> str:
    order = quiz_option_order(a)
    parts = ['<ul class="csc-questions">']
    for qn, q in enumerate(a.questions, start=1):
        opts = "".join(f'<li>{_box(f"{a.id}-q{qn}-o{on}", esc(o.text))}</li>'
                       for on, o in enumerate(order[q.id], start=1))
        answer = (present_quiz.answer_key_html(q, order[q.id], [ctx.source(q.source)])
                  if ctx.educator else "")
        parts.append(
            f'<li class="csc-question"><fieldset><legend>{present_quiz.question_heading(qn, q)}'
            f'</legend><p class="csc-hint">{esc(present_quiz.hint(q))}</p>'
            f'<ul class="csc-options">{opts}</ul></fieldset>{answer}</li>')
    parts.append("</ul>")
    return _section(ctx, a, "".join(parts), t("quiz_instructions_paper"))


# -- timeline ---------------------------------------------------------------------------

def timeline(ctx: PaperContext, a: Timeline) -> str:
    model = TimelineModel(a, ctx.source)
    desc_id = f"{a.id}-chart-desc"
    svg = present_timeline.chart_svg(model, title=a.title, desc_id=desc_id)
    items = "".join(
        f'<li class="csc-event">'
        f"{present_timeline.event_html(model.details(e.id), ctx.course, ctx.level + 2)}</li>"
        for e in model.events)
    body = (f'<figure class="csc-chart">{svg}<figcaption id="{desc_id}">'
            f"{esc(present_timeline.chart_description(model))}</figcaption></figure>"
            f'<p class="csc-hint">{esc(present_timeline.legend_text(model))}</p>'
            f"{heading(ctx.level + 1, esc(t('timeline_events_heading')))}"
            f'<ul class="csc-events">{items}</ul>')
    return _section(ctx, a, body, t("timeline_instructions_paper"))


# -- facts ------------------------------------------------------------------------------

def facts(ctx: PaperContext, a: Facts) -> str:
    return _section(ctx, a, present_facts.facts_list_html(a, ctx.source))


# -- scenario ---------------------------------------------------------------------------

def scenario(ctx: PaperContext, a: Scenario) -> str:
    nodes = present_scenario.reading_order(a)
    decisions = [n for n in nodes if n.choices]
    number = {n.id: i for i, n in enumerate(decisions, start=1)}
    parts = ['<ul class="csc-decisions">']
    for dn, node in enumerate(decisions, start=1):
        opts = "".join(f'<li>{_box(f"{a.id}-d{dn}-c{cn}", esc(c.text))}</li>'
                       for cn, c in enumerate(node.choices, start=1))
        answer = present_scenario.decision_key_html(a, node, number) if ctx.educator else ""
        parts.append(f'<li class="csc-question"><fieldset><legend>'
                     f"{esc(present_scenario.decision_label(dn))}</legend>"
                     f"{present_scenario.story_html(node)}<p>{present_scenario.prompt_html()}</p>"
                     f'<ul class="csc-options">{opts}</ul></fieldset>{answer}</li>')
    parts.append("</ul>")
    if ctx.educator:
        parts.append(present_scenario.story_key_html(a))
    parts.append(sources_line(ctx.sources(a.sources)))
    return _section(ctx, a, "".join(parts), t("scenario_instructions_paper"))


# -- red flags --------------------------------------------------------------------------

def redflags(ctx: PaperContext, a: RedFlags) -> str:
    cols = ["redflags_message", "redflags_is_flag"]
    head = "".join(f'<th scope="col">{esc(t(c))}</th>' for c in cols)
    if ctx.educator:
        head += f'<th scope="col">{esc(t("answer_key"))}</th>'
    rows = []
    for n, m in enumerate(a.messages, start=1):
        key = f'<td class="answer">{present_redflags.key_html(m)}</td>' if ctx.educator else ""
        # the learner's own side of the chat has no box to tick (its key says why)
        box = "" if m.own else _box(f"{a.id}-m{n}", esc(present_redflags.box_label(n)),
                                    visible=False)
        rows.append(f"<tr><td>{present_redflags.message_html(n, m)}</td><td>{box}</td>{key}</tr>")
    body = (present_redflags.made_up_note()
            + f'<table class="csc-table csc-transcript"><caption>{esc(t("redflags_transcript"))}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"{sources_line(ctx.sources(a.sources))}")
    return _section(ctx, a, body, t("redflags_instructions_paper"))


# -- ordering ---------------------------------------------------------------------------

def ordering(ctx: PaperContext, a: Ordering) -> str:
    shown = start_order(a)
    letters = [chr(ord("A") + i) for i in range(len(shown))]
    rows = "".join(
        f'<tr><td><span class="csc-blank" role="img" aria-label="'
        f'{esc(t("ordering_blank_for", letter=letter))}"></span></td>'
        f'<th scope="row">{letter}</th><td>{esc(item.text)}</td></tr>'
        for letter, item in zip(letters, shown, strict=True))
    cols = "".join(f'<th scope="col">{esc(t(c))}</th>'
                   for c in ("ordering_blank", "ordering_step", "ordering_what"))
    body = (f'<table class="csc-table csc-order"><caption>{esc(t("ordering_mixed"))}</caption>'
            f"<thead><tr>{cols}</tr></thead><tbody>{rows}</tbody></table>")
    if ctx.educator:
        letter_of = {item.id: letter for letter, item in zip(letters, shown, strict=True)}
        body += present_ordering.key_html(a, letter_of, ctx.level + 1)
    body += sources_line(ctx.sources(a.sources))
    return _section(ctx, a, body, t("ordering_instructions_paper"))


# -- law explorer -----------------------------------------------------------------------

def law(ctx: PaperContext, a: LawExplorer) -> str:
    rows = []
    for n, s in enumerate(a.situations, start=1):
        rows.append(f"<tr><td>{n}</td><td>{esc(s.situation)}</td><td>{_lines(3)}</td></tr>")
    head = "".join(f'<th scope="col">{esc(x)}</th>'
                   for x in ("#", t("law_situation"), t("law_think")))
    body = (present_law.disclaimer_html(a)
            + f'<table class="csc-table csc-law"><caption>{esc(t("law_situations_caption"))}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    if ctx.educator:
        # the live explorer's own table for each situation: one fragment, screen and paper
        body += answer_block("".join(
            present_law.situation_html(ctx.course, ctx.lesson.id, s, ctx.level + 1)
            for s in a.situations))
    return _section(ctx, a, body, t("law_instructions_paper"))


# -- reflection -------------------------------------------------------------------------

def reflection(ctx: PaperContext, a: Reflection) -> str:
    prompts = "".join(
        f"<li>{present_reflection.prompt_html(n, p, ctx.level + 1)}{_lines(4)}</li>"
        for n, p in enumerate(a.prompts, start=1))
    body = (f'<ul class="csc-reflection">{prompts}</ul>'
            f"{present_reflection.privacy_html(a)}")
    return _section(ctx, a, body)


RENDERERS: dict[str, Callable[[PaperContext, object], str]] = {
    "quiz": quiz, "timeline": timeline, "facts": facts, "scenario": scenario,
    "redflags": redflags, "ordering": ordering, "law": law, "reflection": reflection,
}


def render_activity(ctx: PaperContext, activity) -> str:
    return RENDERERS[activity.kind](ctx, activity)
