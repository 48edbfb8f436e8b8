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

from curriculum.course.model import Course, LawExplorer, LawOffence, LawSituation

from .html import date_text, esc, heading, note, source_link, t_html
from .strings import t


def disclaimer_html(activity: LawExplorer) -> str:
    """The activity's disclaimer, led by the standard words."""
    return note(esc(activity.disclaimer), t("law_not_legal_advice"))


def status_text(o: LawOffence) -> str:
    return t(f"law_status_{o.status}")


def penalty_html(o: LawOffence) -> str:
    if o.status == "not_an_offence":
        return esc(t("law_penalty_none_not_crime"))
    if o.status == "no_offence_in_force":
        return esc(t("law_penalty_none_in_force"))
    if not o.max_penalty:
        return esc(t("law_penalty_not_settled") if o.status == "unresolved" else t("date_none"))
    text = esc(o.max_penalty)
    return f"{text} <em>{esc(t('law_penalty_unsettled_mark'))}</em>" if o.status == "unresolved" else text


def status_html(o: LawOffence) -> str:
    label = f"<strong>{esc(status_text(o))}</strong>"
    if o.status == "unresolved":
        label += f"<br>{esc(o.unresolved)}"
    elif o.unresolved:  # a doubt noted on an otherwise settled row is still shown as one
        label += f"<br>{esc(t('law_caveat', text=o.unresolved))}"
    return label


COLUMNS = ("law_offence", "law_ordinance", "law_section", "law_penalty", "law_in_force",
           "law_status", "law_source")


def not_an_offence_html(course: Course, lesson_id: str, o: LawOffence) -> str:
    """A "this is not a crime" point as a callout beside the table, never as an offence row:
    a row in a table of offences reads as one more offence."""
    cite = t_html("source_inline", link=source_link(course.source(lesson_id, o.source)))
    return note(f"{esc(o.offence)} ({esc(o.ordinance)}, {esc(o.section)}). "
                f"{esc(t('law_penalty_none_not_crime'))} <small>({cite})</small>",
                t("law_status_not_an_offence"))


def situation_html(course: Course, lesson_id: str, situation: LawSituation,
                   level: int = 4) -> str:
    """The plain-language point, what is not a crime, then one table row per offence."""
    callouts = "".join(not_an_offence_html(course, lesson_id, o) for o in situation.offences
                       if o.status == "not_an_offence")
    offences = [o for o in situation.offences if o.status != "not_an_offence"]
    rows = "".join(
        f'<tr class="csc-law-{o.status.replace("_", "-")}">'
        f"<td>{esc(o.offence)}</td><td>{esc(o.ordinance)}</td><td>{esc(o.section)}</td>"
        f"<td>{penalty_html(o)}</td><td>{esc(date_text(o.in_force))}</td><td>{status_html(o)}</td>"
        f"<td>{source_link(course.source(lesson_id, o.source))}</td></tr>"
        for o in offences
    )
    head = "".join(f'<th scope="col">{esc(t(c))}</th>' for c in COLUMNS)
    table = (f'<table class="csc-support-table csc-law-table"><caption>'
             f"{esc(t('law_table_caption'))}</caption><thead><tr>{head}</tr></thead>"
             f"<tbody>{rows}</tbody></table>" if offences else "")
    return (heading(level, esc(situation.situation))
            + f'<p class="csc-plain"><strong>{esc(t("law_plain"))}</strong> '
            f"{esc(situation.plain_language)}</p>{callouts}{table}")


def pick_prompt_html() -> str:
    return f"<p><em>{esc(t('law_pick'))}</em></p>"
