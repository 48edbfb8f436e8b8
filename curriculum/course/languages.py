"""The languages the course is written in, and which one is in use here and now.

The language in use is one ``ContextVar``, not a module global: Jupyter Server runs
exporters in worker threads and asyncio tasks, and each of them must see only the language
it was asked for. Content takes the language as an argument; interface words read this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

SOURCE_LANG = "en"
LANGS = ("en", "zh-Hant-HK")

_current: ContextVar[str] = ContextVar("curriculum_language", default=SOURCE_LANG)


def checked_language(lang: str) -> str:
    """``lang`` itself, or a ValueError naming the languages there are."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def language() -> str:
    """The language interface words are shown in, in this thread or task."""
    return _current.get()


def use_language(lang: str) -> str:
    """Show interface words (and, through ``widgets.show``, content) in ``lang`` from now on.

    A learner's notebook calls it once, in its first cell: ipykernel keeps the value for
    the cells after it and for the widgets' callbacks (tests/test_languages.py shows it).
    """
    _current.set(checked_language(lang))
    return lang


@contextmanager
def using_language(lang: str) -> Iterator[str]:
    """``lang`` inside the block only, then whatever was before (a handout, a report)."""
    token = _current.set(checked_language(lang))
    try:
        yield lang
    finally:
        _current.reset(token)
