"""How the ordering activity reads, on screen and on paper: rows, moves, verdicts, key."""

from __future__ import annotations

from curriculum.activities.ordering import OrderResult
from curriculum.course.model import Ordering, OrderItem

from .html import answer_block, esc, heading
from .strings import t


def row_html(position: int, item: OrderItem) -> str:
    return f"<strong>{position}.</strong> {esc(item.text)}"


def moved_html(item: OrderItem, place: int) -> str:
    return f'<p role="status">{esc(t("ordering_moved", text=item.text, place=place))}</p>'


def correct_order_html(items: tuple[OrderItem, ...] | list[OrderItem], level: int = 4) -> str:
    """The right order, each step with the reason it comes there."""
    steps = "".join(f"<li><strong>{esc(i.text)}</strong><br>{esc(i.why)}</li>" for i in items)
    return heading(level, esc(t("ordering_correct_order"))) + f"<ol>{steps}</ol>"


def result_html(result: OrderResult) -> str:
    rows = []
    for p in result.places:
        if p.correct:
            text = t("ordering_place_right", place=p.position, text=p.item.text)
            rows.append(f'<li class="csc-good">{esc(text)}</li>')
        else:
            text = t("ordering_place_wrong", place=p.position, text=p.item.text,
                     correct=p.correct_position)
            rows.append(f'<li class="csc-bad">{esc(text)}</li>')
    verdict = (t("ordering_all_right") if result.all_correct
               else t("ordering_score", score=result.score, total=result.total))
    return (f'<div role="status"><p class="csc-score">{esc(verdict)}</p>'
            f'<ul class="csc-plain-list">{"".join(rows)}</ul>'
            f"{correct_order_html(result.correct_order)}</div>")


def key_html(activity: Ordering, letter_of: dict[str, str], level: int = 4) -> str:
    """Educator only: the right order by the worksheet's letters, and why each step."""
    letters = ", ".join(letter_of[i.id] for i in activity.items)
    return answer_block(esc(t("ordering_key", letters=letters))
                        + correct_order_html(activity.items, level))
