"""Static renderers, one per activity kind, for a printed or offline handout.

Each renderer takes a ``Ctx`` (course, lesson, audience, heading level) and returns an
HTML fragment. The student part of every renderer reads only the fields a learner may
see; fields that hold answers (``correct``, ``feedback``, ``explanation``, ``best``,
``red_flag``, ``why``, the correct order, law outcomes) are read only inside
``if ctx.educator`` branches, so a student worksheet cannot contain them: they are left
out when the page is built, not hidden afterwards. Every answer-key item is wrapped in
an element with class ``answer``. All content text passes through ``esc``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from curriculum import html as h
from curriculum.model import (
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
from curriculum.shuffle import seeded_order


@dataclass(frozen=True)
class Ctx:
    course: Course
    lesson: Lesson
    audience: str  # "student" | "educator"
    level: int = 2  # heading level of the activity's title

    @property
    def educator(self) -> bool:
        return self.audience == "educator"

    def h(self, extra: int = 0) -> str:
        return f"h{min(6, self.level + extra)}"

    def source(self, source_id: str) -> Source:
        return self.course.source(self.lesson.id, source_id)

    def sources(self, ids: list[str]) -> list[Source]:
        return [self.source(s) for s in ids]


def _section(ctx: Ctx, activity, body: str, paper_instructions: str) -> str:
    """The frame every activity shares: a titled section that starts a new printed page."""
    hid = f"{activity.id}-title"
    return (f'<section class="csc-activity csc-{activity.kind}" aria-labelledby="{hid}">'
            f'<{ctx.h()} id="{hid}">{h.esc(activity.title)}</{ctx.h()}>'
            f'<p class="csc-instructions">{h.esc(paper_instructions)}</p>{body}</section>')


def _answer(inner: str, tag: str = "div") -> str:
    return f'<{tag} class="answer"><strong class="csc-key">Answer key:</strong> {inner}</{tag}>'


def _box(box_id: str, label: str, visible: bool = True) -> str:
    """A tick box with a real label, so it works on screen, with a screen reader and on paper."""
    cls = "" if visible else ' class="csc-sr"'
    return (f'<input type="checkbox" id="{box_id}"> '
            f'<label for="{box_id}"{cls}>{label}</label>')


def _lines(n: int, label: str) -> str:
    return (f'<div class="csc-lines" role="img" aria-label="{h.esc(label)}">'
            + '<span class="csc-line"></span>' * n + "</div>")


# -- quiz -------------------------------------------------------------------------------

def quiz_option_order(quiz: Quiz) -> dict[str, list]:
    """The option order the live quiz shows (same seed, same algorithm as widgets/quiz.py)."""
    rng = random.Random(quiz.shuffle_seed)
    out = {}
    for q in quiz.questions:
        opts = list(q.options)
        if quiz.shuffle_seed is not None and q.type != "true_false":
            rng.shuffle(opts)
        out[q.id] = opts
    return out


def quiz(ctx: Ctx, a: Quiz) -> str:
    order = quiz_option_order(a)
    parts = ['<ol class="csc-questions">']
    for qn, q in enumerate(a.questions, start=1):
        hint = "tick all that are right" if q.type == "multiple" else "tick one"
        opts = "".join(
            f'<li>{_box(f"{a.id}-q{qn}-o{on}", h.esc(o.text))}</li>'
            for on, o in enumerate(order[q.id], start=1))
        answer = ""
        if ctx.educator:
            right = "; ".join(h.esc(o.text) for o in order[q.id] if o.correct)
            feedback = "".join(f"<li>{h.esc(o.text)}: {h.esc(o.feedback)}</li>" for o in order[q.id])
            answer = _answer(
                f"{right}.<p>{h.esc(q.explanation)}</p><ul class=\"csc-feedback\">{feedback}</ul>"
                f"{h.sources_line([ctx.source(q.source)])}")
        parts.append(
            f'<li class="csc-question"><fieldset><legend>{h.esc(q.prompt)} '
            f'<span class="csc-hint">({hint})</span></legend>'
            f'<ul class="csc-options">{opts}</ul></fieldset>{answer}</li>')
    parts.append("</ol>")
    return _section(ctx, a, "".join(parts),
                    "Read each question. Tick the box next to the answer you think is right.")


# -- timeline ---------------------------------------------------------------------------

def timeline(ctx: Ctx, a: Timeline) -> str:
    from widgets.timeline_chart import CATEGORY_STYLE, TimelineModel, chart_description

    model = TimelineModel(a, ctx.source)
    desc_id = f"{a.id}-chart-desc"
    svg = timeline_svg(model, title=a.title, desc_id=desc_id)
    items = []
    for e in model.events:
        d = model.details(e.id)
        note = (f'<p class="csc-note"><strong>Checking the seed page:</strong> '
                f"{h.esc(e.corrects_seed)}</p>" if e.corrects_seed else "")
        help_note = _help_note(ctx) if e.sensitive else ""
        items.append(
            f'<li class="csc-event"><p><strong>{h.esc(e.label)}</strong>: {h.esc(e.title)} '
            f'<span class="csc-hint">({h.esc(CATEGORY_STYLE[e.category][2])})</span></p>'
            f"<p>{h.esc(e.description)}</p>{note}{help_note}{h.sources_line(d.sources)}</li>")
    body = (f'<figure class="csc-chart">{svg}<figcaption id="{desc_id}">'
            f"{h.esc(chart_description(model))}</figcaption></figure>"
            f'<{ctx.h(1)}>The events, oldest first</{ctx.h(1)}>'
            f'<ol class="csc-events">{"".join(items)}</ol>')
    return _section(ctx, a, body, "Read the events in order. The numbers on the chart match "
                                  "the numbered list below it. Each row of the chart is one kind "
                                  "of event, with its own marker shape.")


def timeline_svg(model, title: str, desc_id: str) -> str:
    """The live chart drawn as inline SVG: no XML prologue, no random ids, labelled for AT."""
    import matplotlib

    from widgets.timeline_chart import draw_timeline

    with matplotlib.rc_context({"svg.hashsalt": "csc-handout"}):
        svg = draw_timeline(model)
    svg = svg[svg.index("<svg"):]
    head_end = svg.index(">") + 1
    open_tag = svg[:head_end].replace(
        "<svg", f'<svg role="img" aria-labelledby="{desc_id}" focusable="false"', 1)
    return open_tag + f"<title>{h.esc(title)}</title>" + svg[head_end:]


def _help_note(ctx: Ctx) -> str:
    """Help next to a hard story (safe messaging): the Hong Kong services, inline."""
    hk = [r for r in ctx.course.meta.support if r.region == "Hong Kong"]
    items = "; ".join(f"{h.esc(r.name)}: {h.esc(r.contact)}" for r in hk)
    return (f'<p class="csc-note" role="note"><strong>If this is hard to read:</strong> you can '
            f"talk to someone right now. {items}. More help is listed at the end.</p>")


# -- facts ------------------------------------------------------------------------------

def facts(ctx: Ctx, a: Facts) -> str:
    items = "".join(f"<li>{h.esc(f.text)} {h.sources_line([ctx.source(f.source)])}</li>"
                    for f in a.facts)
    return _section(ctx, a, f'<ul class="csc-facts">{items}</ul>', a.instructions)


# -- scenario ---------------------------------------------------------------------------

def _scenario_order(a: Scenario) -> list:
    """Nodes in reading order: breadth-first from the start, following choice order."""
    seen, order, todo = set(), [], [a.start]
    while todo:
        nid = todo.pop(0)
        if nid in seen:
            continue
        seen.add(nid)
        node = a.node(nid)
        order.append(node)
        todo.extend(c.goto for c in node.choices)
    return order


def best_path(a: Scenario) -> list[str]:
    """The texts of the best choices from the start, following them until an ending."""
    path, nid, seen = [], a.start, set()
    while nid not in seen:
        seen.add(nid)
        node = a.node(nid)
        best = next((c for c in node.choices if c.best), None)
        if best is None:
            break
        path.append(best.text)
        nid = best.goto
    return path


def scenario(ctx: Ctx, a: Scenario) -> str:
    nodes = _scenario_order(a)
    decisions = [n for n in nodes if n.choices]
    parts = ['<ol class="csc-decisions">']
    for dn, node in enumerate(decisions, start=1):
        opts = "".join(f'<li>{_box(f"{a.id}-d{dn}-c{cn}", h.esc(c.text))}</li>'
                       for cn, c in enumerate(node.choices, start=1))
        answer = ""
        if ctx.educator:
            number = {n.id: i for i, n in enumerate(decisions, start=1)}
            rows = "".join(
                f"<li>{'Best choice. ' if c.best else ''}{h.esc(c.text)}: {h.esc(c.feedback)} "
                f"(leads to {_where(a, c.goto, number)})</li>" for c in node.choices)
            answer = _answer(f'<ul class="csc-feedback">{rows}</ul>')
        parts.append(f'<li class="csc-question"><fieldset><legend>Decision {dn}</legend>'
                     f"<p>{h.esc(node.text)}</p><p>What would you do?</p>"
                     f'<ul class="csc-options">{opts}</ul></fieldset>{answer}</li>')
    parts.append("</ol>")
    if ctx.educator:
        path = " → ".join(h.esc(t) for t in best_path(a))
        endings = "".join(f"<li><strong>{h.esc(n.ending)} ending</strong> ({h.esc(n.id)}): "
                          f"{h.esc(n.text)}</li>" for n in nodes if n.ending)
        parts.append(_answer(f"<p>Best path: {path}</p><p>Endings:</p><ul>{endings}</ul>"))
    parts.append(h.sources_line(ctx.sources(a.sources)))
    return _section(ctx, a, "".join(parts),
                    "Read the story. At each decision point, tick what you would do, "
                    "and talk about why.")


def _where(a: Scenario, goto: str, number: dict[str, int]) -> str:
    node = a.node(goto)
    return f"the {h.esc(node.ending)} ending" if node.ending else f"decision {number[goto]}"


# -- red flags --------------------------------------------------------------------------

def redflags(ctx: Ctx, a: RedFlags) -> str:
    head = ('<tr><th scope="col">#</th><th scope="col">Who</th><th scope="col">Message</th>'
            '<th scope="col">Red flag?</th>' + ('<th scope="col">Answer key</th>'
                                                if ctx.educator else "") + "</tr>")
    rows = []
    for n, m in enumerate(a.messages, start=1):
        key = ""
        if ctx.educator:
            verdict = "Red flag" if m.red_flag else "Not a red flag"
            key = f'<td class="answer"><strong>{verdict}.</strong> {h.esc(m.why)}</td>'
        rows.append(f"<tr><td>{n}</td><td>{h.esc(m.sender)}</td><td>{h.esc(m.text)}</td>"
                    f'<td>{_box(f"{a.id}-m{n}", f"Message {n} is a red flag", visible=False)}'
                    f"</td>{key}</tr>")
    body = (f'<table class="csc-table csc-transcript"><caption>The chat</caption><thead>{head}'
            f'</thead><tbody>{"".join(rows)}</tbody></table>'
            f"{h.sources_line(ctx.sources(a.sources))}")
    return _section(ctx, a, body, "Read the chat. Tick the box next to every message that is a "
                                  "warning sign.")


# -- ordering ---------------------------------------------------------------------------



def ordering(ctx: Ctx, a: Ordering) -> str:
    shown = [a.items[i] for i in seeded_order(len(a.items), a.shuffle_seed)]
    letters = [chr(ord("A") + i) for i in range(len(shown))]
    rows = "".join(f'<tr><td><span class="csc-blank" role="img" aria-label="blank for step '
                   f'{letter}"></span></td><th scope="row">{letter}</th><td>{h.esc(item.text)}</td></tr>'
                   for letter, item in zip(letters, shown, strict=True))
    body = (f'<table class="csc-table csc-order"><caption>Steps, in mixed order</caption>'
            f'<thead><tr><th scope="col">Order (1, 2, 3...)</th><th scope="col">Step</th>'
            f'<th scope="col">What to do</th></tr></thead><tbody>{rows}</tbody></table>')
    if ctx.educator:
        letter_of = {item.id: letter for letter, item in zip(letters, shown, strict=True)}
        steps = "".join(f"<li>{letter_of[i.id]}: {h.esc(i.text)}. {h.esc(i.why)}</li>"
                        for i in a.items)
        key = ", ".join(letter_of[i.id] for i in a.items)
        body += _answer(f"the right order is {key}.<ol>{steps}</ol>")
    body += h.sources_line(ctx.sources(a.sources))
    return _section(ctx, a, body, "Put the steps in the right order: write 1 next to the first "
                                  "step, 2 next to the second, and so on.")


# -- law explorer -----------------------------------------------------------------------

STATUS_TEXT = {
    "in_force": "In force",
    "unresolved": "Unresolved: not yet checked",
    "not_an_offence": "Not an offence",
    "no_offence_in_force": "No offence in force",
}


def law(ctx: Ctx, a: LawExplorer) -> str:
    rows = []
    for n, s in enumerate(a.situations, start=1):
        key = ""
        if ctx.educator:
            key = f'<td class="answer">{h.esc(s.plain_language)}{_offences(ctx, s.offences)}</td>'
        rows.append(f"<tr><td>{n}</td><td>{h.esc(s.situation)}</td>"
                    f'<td>{_lines(3, "space to write")}</td>{key}</tr>')
    head = ('<tr><th scope="col">#</th><th scope="col">Situation</th>'
            '<th scope="col">What do you think the law says?</th>'
            + ('<th scope="col">Answer key</th>' if ctx.educator else "") + "</tr>")
    body = (f'<p class="csc-note" role="note">{h.esc(a.disclaimer)}</p>'
            f'<table class="csc-table csc-law"><caption>Situations to discuss</caption>'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')
    return _section(ctx, a, body, "Talk about each situation in a small group. Is it against "
                                  "the law in Hong Kong? Who is to blame? Write down your ideas.")


def _offences(ctx: Ctx, offences) -> str:
    items = []
    for o in offences:
        status = STATUS_TEXT[o.status]
        if o.status == "unresolved":
            status += f" ({h.esc(o.unresolved)})"
        bits = [f"<strong>{h.esc(o.offence)}</strong>", f"{h.esc(o.ordinance)} {h.esc(o.section)}",
                status]
        if o.in_force:
            bits.append(f"from {h.esc(o.in_force)}")
        if o.max_penalty:
            bits.append(f"maximum: {h.esc(o.max_penalty)}")
        items.append(f"<li>{'; '.join(bits)} {h.sources_line([ctx.source(o.source)])}</li>")
    return f'<ul class="csc-offences">{"".join(items)}</ul>'


# -- reflection -------------------------------------------------------------------------

def reflection(ctx: Ctx, a: Reflection) -> str:
    prompts = "".join(f'<li><p>{h.esc(p)}</p>{_lines(4, "space to write")}</li>'
                      for p in a.prompts)
    body = (f'<ol class="csc-reflection">{prompts}</ol>'
            f'<p class="csc-note" role="note">{h.esc(a.privacy_note)}</p>')
    return _section(ctx, a, body, a.instructions)


RENDERERS: dict[str, Callable[[Ctx, object], str]] = {
    "quiz": quiz, "timeline": timeline, "facts": facts, "scenario": scenario,
    "redflags": redflags, "ordering": ordering, "law": law, "reflection": reflection,
}


def render_activity(ctx: Ctx, activity) -> str:
    return RENDERERS[activity.kind](ctx, activity)
