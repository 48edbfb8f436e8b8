"""Views with nothing to interact with: lesson intro, summary, support list, fact cards.

They are plain HTML outputs (not widgets), so they also show in any notebook viewer. Their
fragments come from ``curriculum.present``, as the handouts' do.
"""

from __future__ import annotations

from IPython.display import HTML
from markupsafe import Markup

from curriculum.course.model import Course, Facts, Lesson
from curriculum.present.facts import facts_list_html
from curriculum.present.frame import intro_html, summary_html, support_html
from curriculum.present.html import activity_header

from .style import style_tag


def _card(body: Markup, cls: str) -> Markup:
    return Markup('{}<div class="csc-card {}">{}</div>').format(style_tag(), cls, body)


def intro(course: Course, lesson: Lesson) -> HTML:
    return HTML(_card(intro_html(lesson, heading_level=3), "csc-intro-card"))


def summary(course: Course, lesson: Lesson) -> HTML:
    return HTML(_card(summary_html(lesson, heading_level=3) + support_html(course, 3),
                      "csc-summary-card"))


def support(course: Course) -> HTML:
    return HTML(_card(support_html(course, heading_level=3), "csc-support-card"))


def facts_html(course: Course, lesson: Lesson, activity: Facts) -> Markup:
    return (activity_header(activity, 3)
            + facts_list_html(activity, lambda sid: course.source(lesson.id, sid)))


def facts(course: Course, lesson: Lesson, activity: Facts) -> HTML:
    """Fact cards: each figure or date next to its source."""
    return HTML(_card(facts_html(course, lesson, activity), "csc-facts"))
