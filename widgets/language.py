"""A view answers in the language it was built in.

A later cell may call ``use_language`` again, but a view on the page keeps its content
(fixed when it was built), so its redrawn words must keep that language too: each callback
of a view runs under the view's own ``lang``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import ipywidgets as w

from curriculum.course.languages import language, using_language

P = ParamSpec("P")
R = TypeVar("R")
V = TypeVar("V", bound="KeepsLanguage")


class KeepsLanguage(w.Widget):
    """Base of a view with callbacks (``class TimelineView(KeepsLanguage, w.VBox)``):
    ``lang`` is the language current when it was made.

    Set in ``__new__``, so it holds before the view's own ``__init__`` wires any callback.
    """

    lang: str

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        view = super().__new__(cls, *args, **kwargs)
        view.lang = language()
        return view


def in_view_language(method: Callable[Concatenate[V, P], R]) -> Callable[Concatenate[V, P], R]:
    """``method`` (a callback of a view, or what a callback calls) run under the view's ``lang``."""

    @functools.wraps(method)
    def run(view: V, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with using_language(view.lang):
            return method(view, *args, **kwargs)

    return run
