"""Fact cards, on screen and on paper: each fact with the source it was read in."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from curriculum.course.model import Facts, Source

from .html import sources_line


def facts_list_html(activity: Facts, source: Callable[[str], Source]) -> Markup:
    """The facts as a list, each followed by its source line."""
    items = Markup("").join(Markup("<li>{} {}</li>").format(f.text, sources_line([source(f.source)]))
                            for f in activity.facts)
    return Markup('<ul class="csc-facts-list">{}</ul>').format(items)
