"""Resolve ``show("lesson/activity")`` references to a view of the right kind.

One place maps an activity ``kind`` to what builds its view. A new kind takes about seven
places: its content model (``course.model``), its state and grading
(``curriculum.activities``), its fragments (``curriculum.present``), its view module and
its line here, its paper layout (``handout.layouts.RENDERERS``) and its catalogue words;
``tests/test_fragments.py`` fails until the views, the paper layouts and the model's kinds
are one set. Views are imported lazily to keep the first cell of a notebook quick.
"""

from __future__ import annotations

import importlib
from typing import Any

from curriculum.course.languages import language
from curriculum.course.packaged import packaged_course

# activity kind -> "module:callable" building its view from course=, lesson=, activity=
# (a widget class, or a function returning HTML for a kind with nothing to interact with)
VIEWS: dict[str, str] = {
    "quiz": "widgets.quiz:QuizView",
    "timeline": "widgets.timeline:TimelineView",
    "facts": "widgets.static:facts",
    "scenario": "widgets.scenario:ScenarioView",
    "redflags": "widgets.redflags:RedFlagsView",
    "ordering": "widgets.ordering:OrderingView",
    "law": "widgets.law:LawView",
    "reflection": "widgets.reflection:ReflectionView",
}

SECTIONS = ("intro", "summary")


class UnknownReference(LookupError):
    """A ``show`` reference that names no lesson, activity or section."""


def parse_ref(ref: str) -> tuple[str, str | None]:
    """Split ``"01-history/quiz"`` into ``("01-history", "quiz")``; ``"support"`` alone."""
    if not isinstance(ref, str) or not ref.strip():
        raise UnknownReference(f"show() needs a reference like '01-history/quiz', got {ref!r}")
    if "/" not in ref:
        if ref not in ("support", "progress"):
            raise UnknownReference(
                f"unknown reference {ref!r}: use 'support', 'progress' or 'lesson/activity'")
        return ref, None
    lesson, _, part = ref.partition("/")
    return lesson, part


def view_for(ref: str, course: Any = None) -> Any:
    """Build (without displaying, without recording) the widget or HTML for a reference.

    In the language chosen by ``use_language`` (English unless a cell chose another): the
    content and the interface words of the view, and of everything it redraws later.
    """
    from . import static

    course = course or packaged_course(language())
    lesson_id, part = parse_ref(ref)
    if lesson_id == "progress":
        from .progress_view import progress_view

        return progress_view(course)
    if part is None:
        return static.support(course)
    if lesson_id not in course.lessons:
        known = ", ".join(course.lessons)
        raise UnknownReference(f"no lesson {lesson_id!r} (known: {known})")
    lesson = course.lessons[lesson_id]
    if part in SECTIONS:
        return getattr(static, part)(course, lesson)
    if part not in lesson.activities:
        known = ", ".join([*SECTIONS, *lesson.activities])
        raise UnknownReference(f"lesson {lesson_id!r} has no activity {part!r} (known: {known})")
    activity = lesson.activities[part]
    module, _, cls = VIEWS[activity.kind].partition(":")
    view_cls = getattr(importlib.import_module(module), cls)
    return view_cls(course=course, lesson=lesson, activity=activity)


def show(ref: str) -> Any:
    """Return the view for ``ref`` and record the learner's answers from now on.

    As a cell's last line, Jupyter displays it.
    """
    from curriculum.classroom.recording import record_for_the_learner

    view = view_for(ref)
    record_for_the_learner()  # a view built elsewhere (a test, a benchmark) records nothing
    return view
