"""Fact cards, on screen and on paper: each fact with the source it was read in."""

from __future__ import annotations

from collections.abc import Callable

from curriculum.course.model import Facts, Source

from .html import esc, sources_line


def facts_list_html(activity: Facts, source: Callable[[str], Source]) -> str:
    """The facts as a list, each followed by its source line."""
    items = "".join(f"<li>{esc(f.text)} {sources_line([source(f.source)])}</li>"
                    for f in activity.facts)
    return f'<ul class="csc-facts-list">{items}</ul>'
