"""The parts of a handout that are not activities: intro, summary, help, notes, sources.

Intro, summary and the support list reuse ``curriculum/html.py``, the fragments the
live lesson shows, so the wording is the same on screen and on paper. The educator
notes (timings, prompts, likely questions, safeguarding) are built only for the
educator guide; a student worksheet never calls ``educator_notes``.
"""

from __future__ import annotations

from curriculum import html as h
from curriculum.citations import cited_sources
from curriculum.model import Course, Lesson


def intro(course: Course, lesson: Lesson, level: int) -> str:
    return h.intro_html(lesson, heading_level=level)


def summary(course: Course, lesson: Lesson, level: int) -> str:
    return h.summary_html(lesson, heading_level=level) + support(course, level)


def support(course: Course, level: int) -> str:
    return f'<div class="csc-major">{h.support_html(course, heading_level=level)}</div>'


def progress_note() -> str:
    """The live lesson's progress view has nothing to print: one line says so."""
    return ('<p class="csc-hint">In the live lesson, your own progress is shown here. '
            "It is not part of the printed handout.</p>")


def educator_notes(course: Course, lesson: Lesson, level: int = 2) -> str:
    """Facilitation plan with timings, discussion prompts, likely questions, safeguarding."""
    e = lesson.meta.educator
    h2, h3 = f"h{level}", f"h{min(6, level + 1)}"
    total = sum(s.minutes for s in e.facilitation)
    steps = "".join(f"<tr><td>{s.minutes} min</td><td>{h.esc(s.step)}</td></tr>"
                    for s in e.facilitation)
    questions = "".join(
        f"<dt>{h.esc(q.question)}</dt><dd>{h.esc(q.answer)}"
        f"{h.sources_line([course.source(lesson.id, q.source)]) if q.source else ''}</dd>"
        for q in e.likely_questions)
    likely = (f"<{h3}>Questions students may ask</{h3}><dl>{questions}</dl>" if questions else "")
    return (
        f'<section class="educator-notes csc-major" aria-labelledby="educator-notes-title">'
        f'<{h2} id="educator-notes-title">For the educator</{h2}>'
        f"<p>This guide holds the answer key and notes for running the lesson. Do not hand it "
        f"to students.</p>"
        f"<{h3}>Lesson plan ({total} minutes)</{h3}>"
        f'<table class="csc-table"><caption>Timings</caption><thead><tr><th scope="col">Time'
        f'</th><th scope="col">What to do</th></tr></thead><tbody>{steps}</tbody></table>'
        f"<{h3}>Discussion prompts</{h3}>{h.bullet_list(e.discussion_prompts)}"
        f"{likely}"
        f"<{h3}>Safeguarding</{h3}>{h.bullet_list(e.safeguarding)}"
        f"</section>")


def sources(course: Course, lesson: Lesson, level: int = 2) -> str:
    """The sources this lesson cites (its content and the support list), as title links."""
    items = cited_sources(course, lesson.id)
    lis = "".join(f"<li>{h.source_link(s)}</li>" for s in items)
    hx = f"h{level}"
    return (f'<section class="csc-sources csc-major" aria-labelledby="sources-title">'
            f'<{hx} id="sources-title">Sources</{hx}><ul>{lis}</ul></section>')
