"""The lesson's frame: what opens and closes every lesson around its activities.

The intro (time, audience, content note, objectives), the summary, the support list and
the list of lessons, shown live by ``widgets.static`` and printed by ``handout.sections``
from these same fragments, so the words are the same on screen and on paper.
"""

from __future__ import annotations

from markupsafe import Markup

from curriculum.course.model import Course, Lesson, SupportResource

from .html import bullet_list, heading, join_each, link, note, source_link, t_html
from .strings import t


def support_html(course: Course, heading_level: int = 2) -> Markup:
    """The support list (in course.yaml's order, Hong Kong first) with its sources."""
    rows = Markup("").join(_support_row(course, r) for r in course.meta.support)
    cols = join_each('<th scope="col">{}</th>', (t(k) for k in (
        "support_service", "support_where", "support_contact", "support_for")))
    return Markup(
        '<section class="csc-support" aria-label="{label}">{heading}<p>{intro}</p>'
        "<p><strong>{in_school}</strong> {in_school_text}</p>"
        '<table class="csc-support-table"><thead><tr>{cols}</tr></thead>'
        "<tbody>{rows}</tbody></table></section>"
    ).format(label=t("support_heading"), heading=heading(heading_level, t("support_heading")),
             intro=course.meta.support_intro, in_school=t("support_in_school"),
             in_school_text=course.meta.support_in_school, cols=cols, rows=rows)


def _support_row(course: Course, r: SupportResource) -> Markup:
    src = course.sources[r.source]
    name = link(r.url, r.name) if r.url else r.name
    hours = Markup("<br><small>{}</small>").format(r.hours) if r.hours else ""
    cite = t_html("source_inline", link=source_link(src))
    return Markup("<tr><td>{}</td><td>{}</td><td><strong>{}</strong>{}</td>"
                  "<td>{} <small>({})</small></td></tr>").format(
        name, r.region, r.contact, hours, r.description, cite)


def intro_html(lesson: Lesson, heading_level: int = 2) -> Markup:
    """Objectives, duration, audience and the content note that open every lesson."""
    m = lesson.meta
    return Markup(
        '<section class="csc-intro" aria-label="{label}">'
        "<p><strong>{time}</strong> {minutes} · <strong>{for_}</strong> {audience}</p>"
        "{note}{heading}{objectives}</section>"
    ).format(label=t("intro_label"), time=t("intro_time"),
             minutes=t("intro_minutes", minutes=m.duration_minutes), for_=t("intro_for"),
             audience=m.audience, note=note(m.content_note, t("content_note")),
             heading=heading(heading_level, t("objectives_heading")),
             objectives=bullet_list(m.objectives))


def summary_html(lesson: Lesson, heading_level: int = 2) -> Markup:
    return Markup('<section class="csc-summary" aria-label="{}">{}{}</section>').format(
        t("summary_label"), heading(heading_level, t("summary_heading")),
        bullet_list(lesson.meta.summary))


def lessons_html(course: Course) -> Markup:
    """Links to every lesson notebook, in course order, with title and duration."""
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> {}</li>').format(
            entry.notebook, course.lessons[entry.id].title,
            t("lesson_link_minutes", minutes=course.lessons[entry.id].meta.duration_minutes))
        for entry in course.meta.lessons)
    return Markup('<nav class="csc-lessons" aria-label="{}"><ol>{}</ol></nav>').format(
        t("lessons_label"), items)
