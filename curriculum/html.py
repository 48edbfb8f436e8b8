"""Small, safe HTML fragments shared by the live widgets and the handouts.

All content text passes through ``esc`` before it meets markup, so a question that
contains ``<script>`` is shown as those characters, never run. Colours come from
JupyterLab's theme variables (with light fallbacks for handouts), so the same fragment
stays readable in the light and the dark theme.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from .model import Course, Lesson, Source, SupportResource


def esc(text: object) -> str:
    """Escape any content text for use inside HTML (quotes included, for attributes)."""
    return html.escape(str(text), quote=True)


def source_link(source: Source) -> str:
    """A source as 'title (publisher)' linking to its URL, opened outside the notebook."""
    publisher = f" ({esc(source.publisher)})" if source.publisher else ""
    return (f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">'
            f"{esc(source.title)}</a>{publisher}")


def sources_line(sources: Iterable[Source], label: str = "Source") -> str:
    items = list(sources)
    if not items:
        return ""
    plural = label + ("s" if len(items) > 1 else "")
    links = "; ".join(source_link(s) for s in items)
    return f'<p class="csc-source"><strong>{esc(plural)}:</strong> {links}</p>'


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def support_html(course: Course, heading_level: int = 2) -> str:
    """The support list (Hong Kong first, as ordered in course.yaml) with its sources."""
    h = f"h{heading_level}"
    rows = "".join(_support_row(course, r) for r in course.meta.support)
    return (
        f'<section class="csc-support" aria-label="Where to get help">'
        f"<{h}>Where to get help</{h}>"
        f"<p>{esc(course.meta.support_intro)}</p>"
        f'<table class="csc-support-table"><thead><tr><th scope="col">Service</th>'
        f'<th scope="col">Where</th><th scope="col">Contact</th><th scope="col">What it is for'
        f"</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _support_row(course: Course, r: SupportResource) -> str:
    src = course.sources[r.source]
    name = (f'<a href="{esc(r.url)}" target="_blank" rel="noopener noreferrer">{esc(r.name)}</a>'
            if r.url else esc(r.name))
    hours = f"<br><small>{esc(r.hours)}</small>" if r.hours else ""
    return (f"<tr><td>{name}</td><td>{esc(r.region)}</td><td><strong>{esc(r.contact)}</strong>"
            f"{hours}</td><td>{esc(r.description)} <small>(source: {source_link(src)})</small>"
            f"</td></tr>")


def intro_html(lesson: Lesson, heading_level: int = 2) -> str:
    """Objectives, duration, audience and the content note that open every lesson."""
    m = lesson.meta
    h = f"h{heading_level}"
    return (
        f'<section class="csc-intro" aria-label="About this lesson">'
        f"<p><strong>Time:</strong> about {m.duration_minutes} minutes · "
        f"<strong>For:</strong> {esc(m.audience)}</p>"
        f'<div class="csc-note" role="note"><strong>Content note.</strong> '
        f"{esc(m.content_note)}</div>"
        f"<{h}>What you will learn</{h}>{bullet_list(m.objectives)}</section>"
    )


def summary_html(lesson: Lesson, heading_level: int = 2) -> str:
    h = f"h{heading_level}"
    return (f'<section class="csc-summary" aria-label="Summary"><{h}>Key points</{h}>'
            f"{bullet_list(lesson.meta.summary)}</section>")


def lessons_html(course: Course) -> str:
    """Links to every lesson notebook, in course order, with title and duration."""
    items = []
    for entry in course.meta.lessons:
        lesson = course.lessons[entry.id]
        items.append(f'<li><a href="{esc(entry.notebook)}">{esc(lesson.title)}</a> '
                     f"(about {lesson.meta.duration_minutes} minutes)</li>")
    return f'<nav class="csc-lessons" aria-label="Lessons"><ol>{"".join(items)}</ol></nav>'
