"""Live activities for the course notebooks.

A notebook cell shows any part of the course with one line::

    from widgets import show
    show("01-history/quiz")

The string names ``<lesson>/<activity>`` (an activity file in the lesson's content
folder), ``<lesson>/intro`` or ``<lesson>/summary``, or ``support``. A lesson in another
language starts with ``use_language("zh-Hant-HK")``: every part shown after it, and every
interface word, is in that language. The handout
exporter reads the same strings from the code cells, so the live lesson and its
handouts always show the same activities. Heavy imports (ipywidgets, matplotlib) happen
only when something is shown.
"""

from __future__ import annotations

from curriculum.course.languages import use_language

from .registry import show, view_for

__all__ = ["show", "use_language", "view_for"]
