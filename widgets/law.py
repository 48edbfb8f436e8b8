"""Law explorer: pick a situation, see which Hong Kong offences apply and what they carry.

``LawModel`` tracks which situation is open and records each exploration as an
ungraded attempt (there is no wrong answer to "what if..."). ``law_table_html`` turns a
situation into a table of offence, ordinance, section, maximum penalty, in-force date,
status and source. Status is always spelled out: an item the sources disagree on is
marked "Unresolved" with what is unresolved, and its penalty is flagged as not settled
(or replaced by "Not settled"), so nothing uncertain looks settled; "Not an offence"
says so in words. The "general information, not legal advice" disclaimer is shown above
everything else and never hidden.
"""

from __future__ import annotations

import calendar

import ipywidgets as w

from curriculum import html as h
from curriculum.model import Course, LawExplorer, LawOffence, LawSituation, Lesson, PartialDate

from .attempts import Attempt, emit
from .style import style_tag

STATUS_TEXT = {
    "in_force": "✓ In force",
    "unresolved": "⚠ Unresolved",
    "not_an_offence": "Not an offence",
    "no_offence_in_force": "No offence in force",
}


def date_text(d: PartialDate | None) -> str:
    """``2021-10-08`` -> ``8 October 2021``; ``2021-10`` -> ``October 2021``; ``2021``."""
    if d is None:
        return "—"
    parts = str(d).split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


class LawModel:
    """Which situation is open; each opening is emitted as an ungraded attempt."""

    def __init__(self, activity: LawExplorer, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self._situations = {s.id: s for s in activity.situations}
        self.selected: LawSituation | None = None
        self.explored: dict[str, int] = {}

    @property
    def situations(self) -> list[LawSituation]:
        return list(self.activity.situations)

    def select(self, situation_id: str) -> LawSituation:
        try:
            situation = self._situations[situation_id]
        except KeyError:
            raise KeyError(f"activity {self.activity.id!r} has no situation "
                           f"{situation_id!r}") from None
        self.selected = situation
        self.explored[situation_id] = self.explored.get(situation_id, 0) + 1
        emit(Attempt(self.lesson_id, self.activity.id, situation_id, (situation_id,), None,
                     self.explored[situation_id]))
        return situation


def _penalty_cell(o: LawOffence) -> str:
    if o.status == "not_an_offence":
        return "None: this is not a crime"
    if o.status == "no_offence_in_force":
        return "None in force"
    if not o.max_penalty:
        return "Not settled" if o.status == "unresolved" else "—"
    text = h.esc(o.max_penalty)
    return f"{text} <em>(not settled)</em>" if o.status == "unresolved" else text


def _date_cell(o: LawOffence) -> str:
    return h.esc(date_text(o.in_force))


def _status_cell(o: LawOffence) -> str:
    label = f"<strong>{h.esc(STATUS_TEXT[o.status])}</strong>"
    if o.status == "unresolved":
        label += f"<br>{h.esc(o.unresolved)}"
    elif o.unresolved:  # a doubt noted on an otherwise settled row is still shown as one
        label += f"<br>⚠ Not settled: {h.esc(o.unresolved)}"
    return label


def law_table_html(course: Course, lesson_id: str, situation: LawSituation) -> str:
    """The plain-language point, then one table row per offence with its source."""
    rows = "".join(
        f'<tr class="csc-law-{o.status.replace("_", "-")}">'
        f"<td>{h.esc(o.offence)}</td><td>{h.esc(o.ordinance)}</td><td>{h.esc(o.section)}</td>"
        f"<td>{_penalty_cell(o)}</td><td>{_date_cell(o)}</td><td>{_status_cell(o)}</td>"
        f"<td>{h.source_link(course.source(lesson_id, o.source))}</td></tr>"
        for o in situation.offences
    )
    head = "".join(f'<th scope="col">{c}</th>' for c in (
        "Offence", "Ordinance", "Section", "Maximum penalty", "In force from", "Status",
        "Source"))
    return (f"<h4>{h.esc(situation.situation)}</h4>"
            f'<p class="csc-plain"><strong>In plain words:</strong> '
            f"{h.esc(situation.plain_language)}</p>"
            f'<table class="csc-support-table csc-law-table"><caption>What the law says about '
            f"this situation</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def disclaimer_html(activity: LawExplorer) -> str:
    """The activity's disclaimer, led by the standard words unless it already says them."""
    lead = ("" if "not legal advice" in activity.disclaimer.lower()
            else "<strong>General information, not legal advice.</strong> ")
    return f'<div class="csc-note" role="note">{lead}{h.esc(activity.disclaimer)}</div>'


class LawView(w.VBox):
    """A situation picker, the disclaimer (always shown) and the table for the situation."""

    def __init__(self, course: Course, lesson: Lesson, activity: LawExplorer):
        self.course, self.lesson_id = course, lesson.id
        self.model = LawModel(activity, lesson.id)
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        self.disclaimer = w.HTML(disclaimer_html(activity))
        self.picker = w.Dropdown(options=[(s.situation, s.id) for s in activity.situations],
                                 value=None, description="Situation:",
                                 layout=w.Layout(width="min(640px, 100%)"),
                                 style={"description_width": "initial"})
        self.picker.observe(self._on_pick, names="value")
        self.details = w.HTML("<p><em>Choose a situation to see what the law says.</em></p>")
        super().__init__([header, self.disclaimer, self.picker, self.details])
        self.add_class("csc-law")

    def _on_pick(self, change) -> None:
        if change["new"] is None:
            return
        situation = self.model.select(change["new"])
        self.details.value = law_table_html(self.course, self.lesson_id, situation)
