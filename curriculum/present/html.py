"""Small, safe HTML fragments shared by every activity, on screen and on paper.

All content text passes through ``esc`` before it meets markup, so a question that
contains ``<script>`` is shown as those characters, never run. Interface words come
from ``strings.t``. Colours come from JupyterLab's theme variables (with light fallbacks
for handouts), so the same fragment stays readable in the light and the dark theme.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable
from string import Formatter

from babel.dates import format_date, format_skeleton

from curriculum.course.languages import language
from curriculum.course.model import Course, Lesson, PartialDate, Source, SupportResource

from .catalogue import babel_locale
from .strings import t, template, tn


def t_html(key: str, **html_values: str) -> str:
    """Interface text for ``key`` as HTML: its words escaped, ``html_values`` put in as they are.

    For a sentence that holds markup (a link, a bold number), so a translation can move
    the markup within its own word order.
    """
    out = []
    for literal, field, _spec, _conv in Formatter().parse(template(key)):
        out.append(esc(literal))
        if field is not None:
            out.append(html_values[field])
    return "".join(out)


def esc(text: object) -> str:
    """Escape any content text for use inside HTML (quotes included, for attributes)."""
    return html.escape(str(text), quote=True)


def heading(level: int, inner_html: str, heading_id: str | None = None) -> str:
    """``<hN>`` clamped to h1..h6, with an optional id."""
    n = max(1, min(6, level))
    ident = f' id="{esc(heading_id)}"' if heading_id else ""
    return f"<h{n}{ident}>{inner_html}</h{n}>"


def activity_header(activity, level: int, instructions: str | None = None,
                    heading_id: str | None = None) -> str:
    """The title and instructions every activity opens with, live and printed.

    ``instructions`` replaces the activity's own where paper needs other words (a
    worksheet has no Check button to press).
    """
    text = activity.instructions if instructions is None else instructions
    return (heading(level, esc(activity.title), heading_id)
            + f'<p class="csc-instructions">{esc(text)}</p>')


def date_text(d: PartialDate | str | None) -> str:
    """``2021-10-08`` -> ``8 October 2021``; ``2021-10`` -> ``October 2021``; ``2021``: in
    the language in use, as its people write dates (Babel's CLDR data: ``2021年10月8日``)."""
    if d is None:
        return t("date_none")
    parts = [int(part) for part in str(d).split("-")]
    day, locale = datetime.date(*parts, *[1] * (3 - len(parts))), babel_locale(language())
    if len(parts) == 3:
        return format_date(day, "long", locale=locale)
    return format_skeleton("yMMMM" if len(parts) == 2 else "y", day, locale=locale)


def source_link(source: Source) -> str:
    """A source as 'title (publisher)' linking to its URL, opened outside the notebook."""
    publisher = f" ({esc(source.publisher)})" if source.publisher else ""
    return (f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">'
            f"{esc(source.title)}</a>{publisher}")


def sources_line(sources: Iterable[Source]) -> str:
    """'Source: link' or 'Sources: link; link' under an item; nothing when there is none."""
    items = list(sources)
    if not items:
        return ""
    label = tn("source_label", len(items))
    links = "; ".join(source_link(s) for s in items)
    return f'<p class="csc-source"><strong>{esc(label)}</strong> {links}</p>'


def answer_block(inner_html: str, tag: str = "div") -> str:
    """An educator-only answer: always inside ``class="answer"``, led by 'Answer key:'."""
    return (f'<{tag} class="answer"><strong class="csc-key">{esc(t("answer_key"))}</strong> '
            f"{inner_html}</{tag}>")


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def note(inner_html: str, lead: str | None = None) -> str:
    """A highlighted note (role=note), optionally led by bold words."""
    head = f"<strong>{esc(lead)}</strong> " if lead else ""
    return f'<div class="csc-note" role="note">{head}{inner_html}</div>'


def support_html(course: Course, heading_level: int = 2) -> str:
    """The support list (in course.yaml's order, Hong Kong first) with its sources."""
    rows = "".join(_support_row(course, r) for r in course.meta.support)
    cols = "".join(f'<th scope="col">{esc(t(k))}</th>' for k in (
        "support_service", "support_where", "support_contact", "support_for"))
    return (
        f'<section class="csc-support" aria-label="{esc(t("support_heading"))}">'
        f"{heading(heading_level, esc(t('support_heading')))}"
        f"<p>{esc(course.meta.support_intro)}</p>"
        f"<p><strong>{esc(t('support_in_school'))}</strong> {esc(course.meta.support_in_school)}</p>"
        f'<table class="csc-support-table"><thead><tr>{cols}</tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _support_row(course: Course, r: SupportResource) -> str:
    src = course.sources[r.source]
    name = (f'<a href="{esc(r.url)}" target="_blank" rel="noopener noreferrer">{esc(r.name)}</a>'
            if r.url else esc(r.name))
    hours = f"<br><small>{esc(r.hours)}</small>" if r.hours else ""
    cite = t_html("source_inline", link=source_link(src))
    return (f"<tr><td>{name}</td><td>{esc(r.region)}</td><td><strong>{esc(r.contact)}</strong>"
            f"{hours}</td><td>{esc(r.description)} <small>({cite})</small></td></tr>")


def intro_html(lesson: Lesson, heading_level: int = 2) -> str:
    """Objectives, duration, audience and the content note that open every lesson."""
    m = lesson.meta
    return (
        f'<section class="csc-intro" aria-label="{esc(t("intro_label"))}">'
        f"<p><strong>{esc(t('intro_time'))}</strong> "
        f"{esc(t('intro_minutes', minutes=m.duration_minutes))} · "
        f"<strong>{esc(t('intro_for'))}</strong> {esc(m.audience)}</p>"
        f"{note(esc(m.content_note), t('content_note'))}"
        f"{heading(heading_level, esc(t('objectives_heading')))}{bullet_list(m.objectives)}"
        f"</section>"
    )


def summary_html(lesson: Lesson, heading_level: int = 2) -> str:
    return (f'<section class="csc-summary" aria-label="{esc(t("summary_label"))}">'
            f"{heading(heading_level, esc(t('summary_heading')))}"
            f"{bullet_list(lesson.meta.summary)}</section>")


def lessons_html(course: Course) -> str:
    """Links to every lesson notebook, in course order, with title and duration."""
    items = []
    for entry in course.meta.lessons:
        lesson = course.lessons[entry.id]
        minutes = t("lesson_link_minutes", minutes=lesson.meta.duration_minutes)
        items.append(f'<li><a href="{esc(entry.notebook)}">{esc(lesson.title)}</a> '
                     f"{esc(minutes)}</li>")
    return (f'<nav class="csc-lessons" aria-label="{esc(t("lessons_label"))}">'
            f'<ol>{"".join(items)}</ol></nav>')
