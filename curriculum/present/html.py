"""Small, safe HTML fragments shared by every activity, on screen and on paper.

Every fragment is a ``markupsafe.Markup`` built with ``Markup(...).format`` or
``Markup("").join``: a plain ``str`` put into one is content and is escaped because it
is a ``str``, a fragment is kept because it is ``Markup``. So a question that contains
``<script>`` is shown as those characters, never run, without a call to remember.
Interface words come from ``strings.t``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from string import Formatter

from babel.dates import format_date, format_skeleton
from markupsafe import Markup, escape

from curriculum.course.languages import language
from curriculum.course.model import PartialDate, Source

from .catalogue import babel_locale
from .strings import t, template, tn


def t_html(key: str, **html_values: Markup) -> Markup:
    """Interface text for ``key`` as HTML: its words escaped, ``html_values`` put in as they are.

    For a sentence that holds markup (a link, a bold number), so a translation can move
    the markup within its own word order.
    """
    out = []
    for literal, field, _spec, _conv in Formatter().parse(template(key)):
        out.append(escape(literal))
        if field is not None:
            out.append(html_values[field])
    return Markup("").join(out)


def heading(level: int, inner: str, heading_id: str | None = None) -> Markup:
    """``<hN>`` clamped to h1..h6, with an optional id; ``inner`` is text or a fragment."""
    n = max(1, min(6, level))
    ident = Markup(' id="{}"').format(heading_id) if heading_id else ""
    return Markup("<h{}{}>{}</h{}>").format(n, ident, inner, n)


def activity_header(activity, level: int, instructions: str | None = None,
                    heading_id: str | None = None) -> Markup:
    """The title and instructions every activity opens with, live and printed.

    ``instructions`` replaces the activity's own where paper needs other words (a
    worksheet has no Check button to press).
    """
    text = activity.instructions if instructions is None else instructions
    return Markup('{}<p class="csc-instructions">{}</p>').format(
        heading(level, activity.title, heading_id), text)


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


def link(url: str, text: str) -> Markup:
    """A link opened outside the notebook, so following it never leaves the lesson."""
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(
        url, text)


def source_link(source: Source) -> Markup:
    """A source as 'title (publisher)' linking to its URL, opened outside the notebook."""
    publisher = Markup(" ({})").format(source.publisher) if source.publisher else ""
    return link(source.url, source.title) + publisher


def sources_line(sources: Iterable[Source]) -> Markup:
    """'Source: link' or 'Sources: link; link' under an item; nothing when there is none."""
    items = list(sources)
    if not items:
        return Markup()
    label = tn("source_label", len(items))
    links = Markup("; ").join(source_link(s) for s in items)
    return Markup('<p class="csc-source"><strong>{}</strong> {}</p>').format(label, links)


def answer_block(inner: Markup, tag: str = "div") -> Markup:
    """An educator-only answer: always inside ``class="answer"``, led by 'Answer key:'."""
    return Markup('<{} class="answer"><strong class="csc-key">{}</strong> {}</{}>').format(
        Markup(tag), t("answer_key"), inner, Markup(tag))


def join_each(template_: str, values: Iterable[object]) -> Markup:
    """``template_`` (one ``{}``) filled with each value, escaped, one after another."""
    return Markup("").join(Markup(template_).format(v) for v in values)


def bullet_list(values: Iterable[str]) -> Markup:
    return Markup("<ul>{}</ul>").format(join_each("<li>{}</li>", values))


def note(inner: str, lead: str | None = None) -> Markup:
    """A highlighted note (role=note), optionally led by bold words; ``inner`` is text or a
    fragment."""
    head = Markup("<strong>{}</strong> ").format(lead) if lead else ""
    return Markup('<div class="csc-note" role="note">{}{}</div>').format(head, inner)


