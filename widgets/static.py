"""Views with nothing to interact with: lesson intro, summary, support list, fact cards.

They are plain HTML outputs (not widgets), so they also show in any notebook viewer. Their
fragments come from ``curriculum.present``, as the handouts' do.
"""

from __future__ import annotations

from IPython.display import HTML

from curriculum.course.model import Course, Facts, Lesson
from curriculum.present import html as h
from curriculum.present.facts import facts_list_html

from .style import style_tag


def _html(body: str, cls: str) -> HTML:
    return HTML(f'{style_tag()}<div class="csc-card {cls}">{body}</div>')


def intro(course: Course, lesson: Lesson) -> HTML:
    return _html(h.intro_html(lesson, heading_level=3), "csc-intro-card")


def summary(course: Course, lesson: Lesson) -> HTML:
    return _html(h.summary_html(lesson, heading_level=3) + h.support_html(course, 3),
                 "csc-summary-card")


def support(course: Course) -> HTML:
    return _html(h.support_html(course, heading_level=3), "csc-support-card")


def facts_html(course: Course, lesson: Lesson, activity: Facts) -> str:
    return (h.activity_header(activity, 3)
            + facts_list_html(activity, lambda sid: course.source(lesson.id, sid)))


def FactsView(course: Course, lesson: Lesson, activity: Facts) -> HTML:  # noqa: N802
    """Fact cards: each figure or date next to its source."""
    return _html(facts_html(course, lesson, activity), "csc-facts")
