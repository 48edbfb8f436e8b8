"""How the law explorer reads, on screen and in the educator guide: one table per situation.

A situation's answer is one fragment, ``situation_html``: the plain-language point, then
one row per offence with ordinance, section, maximum penalty, in-force date, status and
source. The live explorer shows it when a learner picks the situation; the educator
guide prints the very same fragment as its answer key, so status words, dates, the
"not settled" marks and any caveat on a settled row cannot differ between screen and
paper. Nothing uncertain looks settled: an unresolved item says what is unresolved and
its penalty is marked; "Not an offence" says so in words. The disclaimer comes first and
is never hidden.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from curriculum.course.model import Course, LawExplorer, LawOffence, LawSituation

from .html import date_text, heading, join_each, note, source_link, t_html
from .strings import t


def disclaimer_html(activity: LawExplorer) -> Markup:
    """The activity's disclaimer, led by the standard words."""
    return note(activity.disclaimer, t("law_not_legal_advice"))


def status_text(o: LawOffence) -> str:
    return t(f"law_status_{o.status}")


def penalty_html(o: LawOffence) -> Markup:
    if o.status == "not_an_offence":
        return escape(t("law_penalty_none_not_crime"))
    if o.status == "no_offence_in_force":
        return escape(t("law_penalty_none_in_force"))
    if not o.max_penalty:
        return escape(t("law_penalty_not_settled") if o.status == "unresolved" else t("date_none"))
    if o.status == "unresolved":
        return Markup("{} <em>{}</em>").format(o.max_penalty, t("law_penalty_unsettled_mark"))
    return escape(o.max_penalty)


def status_html(o: LawOffence) -> Markup:
    label = Markup("<strong>{}</strong>").format(status_text(o))
    if o.status == "unresolved":
        label += Markup("<br>{}").format(o.unresolved)
    elif o.unresolved:  # a doubt noted on an otherwise settled row is still shown as one
        label += Markup("<br>{}").format(t("law_caveat", text=o.unresolved))
    return label


COLUMNS = ("law_offence", "law_ordinance", "law_section", "law_penalty", "law_in_force",
           "law_status", "law_source")


def not_an_offence_html(course: Course, lesson_id: str, o: LawOffence) -> Markup:
    """A "this is not a crime" point as a callout beside the table, never as an offence row:
    a row in a table of offences reads as one more offence."""
    cite = t_html("source_inline", link=source_link(course.source(lesson_id, o.source)))
    return note(Markup("{} ({}, {}). {} <small>({})</small>").format(
        o.offence, o.ordinance, o.section, t("law_penalty_none_not_crime"), cite),
        t("law_status_not_an_offence"))


def situation_html(course: Course, lesson_id: str, situation: LawSituation,
                   level: int = 4) -> Markup:
    """The plain-language point, what is not a crime, then one table row per offence."""
    callouts = Markup("").join(not_an_offence_html(course, lesson_id, o)
                               for o in situation.offences if o.status == "not_an_offence")
    offences = [o for o in situation.offences if o.status != "not_an_offence"]
    rows = Markup("").join(
        Markup('<tr class="csc-law-{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
               "<td>{}</td><td>{}</td></tr>").format(
            o.status.replace("_", "-"), o.offence, o.ordinance, o.section, penalty_html(o),
            date_text(o.in_force), status_html(o), source_link(course.source(lesson_id, o.source)))
        for o in offences
    )
    head = join_each('<th scope="col">{}</th>', (t(c) for c in COLUMNS))
    table = Markup('<table class="csc-support-table csc-law-table"><caption>{}</caption>'
                   "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(
        t("law_table_caption"), head, rows) if offences else ""
    return Markup('{}<p class="csc-plain"><strong>{}</strong> {}</p>{}{}').format(
        heading(level, situation.situation), t("law_plain"), situation.plain_language,
        callouts, table)


def pick_prompt_html() -> Markup:
    return Markup("<p><em>{}</em></p>").format(t("law_pick"))
