"""The parts of a handout that are not activities: intro, summary, help, notes, sources.

Intro, summary and the support list reuse ``curriculum/html.py``, the fragments the
live lesson shows, so the wording is the same on screen and on paper. The educator
notes (timings, prompts, likely questions, safeguarding) are built only for the
educator guide; a student worksheet never calls ``educator_notes``.
"""

from __future__ import annotations

from curriculum.course.citations import cited_sources
from curriculum.course.model import Course, Lesson
from curriculum.present import html as h
from curriculum.present.strings import t


def intro(course: Course, lesson: Lesson, level: int) -> str:
    return h.intro_html(lesson, heading_level=level)


def summary(course: Course, lesson: Lesson, level: int) -> str:
    return h.summary_html(lesson, heading_level=level) + support(course, level)


def support(course: Course, level: int) -> str:
    return f'<div class="csc-major">{h.support_html(course, heading_level=level)}</div>'


def progress_note() -> str:
    """The live lesson's progress view has nothing to print: one line says so."""
    return f'<p class="csc-hint">{h.esc(t("progress_paper_note"))}</p>'


def educator_notes(course: Course, lesson: Lesson, level: int = 2) -> str:
    """Facilitation plan with timings, discussion prompts, likely questions, safeguarding."""
    e = lesson.meta.educator
    sub = level + 1
    total = sum(s.minutes for s in e.facilitation)
    steps = "".join(f"<tr><td>{h.esc(t('educator_minutes', minutes=s.minutes))}</td>"
                    f"<td>{h.esc(s.step)}</td></tr>" for s in e.facilitation)
    questions = "".join(
        f"<dt>{h.esc(q.question)}</dt><dd>{h.esc(q.answer)}"
        f"{h.sources_line([course.source(lesson.id, q.source)]) if q.source else ''}</dd>"
        for q in e.likely_questions)
    likely = (h.heading(sub, h.esc(t("educator_questions"))) + f"<dl>{questions}</dl>"
              if questions else "")
    return (
        f'<section class="educator-notes csc-major" aria-labelledby="educator-notes-title">'
        f"{h.heading(level, h.esc(t('educator_heading')), 'educator-notes-title')}"
        f"<p>{h.esc(t('educator_intro'))}</p>"
        f"{h.heading(sub, h.esc(t('educator_plan', minutes=total)))}"
        f'<table class="csc-table"><caption>{h.esc(t("educator_timings"))}</caption><thead><tr>'
        f'<th scope="col">{h.esc(t("educator_time"))}</th><th scope="col">'
        f'{h.esc(t("educator_what"))}</th></tr></thead><tbody>{steps}</tbody></table>'
        f"{h.heading(sub, h.esc(t('educator_prompts')))}{h.bullet_list(e.discussion_prompts)}"
        f"{likely}"
        f"{h.heading(sub, h.esc(t('educator_safeguarding')))}{h.bullet_list(e.safeguarding)}"
        f"</section>")


def sources(course: Course, lesson: Lesson, level: int = 2) -> str:
    """The sources this lesson cites (its content and the support list), as title links."""
    items = cited_sources(course, lesson.id)
    lis = "".join(f"<li>{h.source_link(s)}</li>" for s in items)
    return (f'<section class="csc-sources csc-major" aria-labelledby="sources-title">'
            f"{h.heading(level, h.esc(t('handout_sources')), 'sources-title')}<ul>{lis}</ul></section>")
