"""How the ordering activity reads, on screen and on paper: rows, moves, rules, key.

A learner's order is judged by the rules that matter, each shown kept or broken with its
reason; then one good order is shown with the reason for each step, so a learner who is
right in a different order still sees the suggested one.
"""

from __future__ import annotations

from markupsafe import Markup

from curriculum.activities.ordering import OrderResult
from curriculum.course.model import Ordering, OrderItem, OrderRule

from .html import answer_block, heading
from .strings import t


def row_html(position: int, item: OrderItem) -> Markup:
    return Markup("<strong>{}.</strong> {}").format(position, item.text)


def moved_html(item: OrderItem, place: int) -> Markup:
    return Markup('<p role="status">{}</p>').format(
        t("ordering_moved", text=item.text, place=place))


def suggested_order_html(items: tuple[OrderItem, ...] | list[OrderItem], level: int = 4) -> Markup:
    """One good order, each step with the reason it comes there."""
    steps = Markup("").join(Markup("<li><strong>{}</strong><br>{}</li>").format(i.text, i.why)
                            for i in items)
    return Markup("{}<ol>{}</ol>").format(heading(level, t("ordering_suggested")), steps)


def rule_text(activity_items: dict[str, OrderItem], rule: OrderRule) -> str:
    return t("ordering_rule", first=activity_items[rule.first].text,
             then=activity_items[rule.then].text)


def result_html(result: OrderResult) -> Markup:
    by_id = {i.id: i for i in result.suggested}
    rows = []
    for rule, kept in result.rules:
        cls, mark = ("csc-good", "✓") if kept else ("csc-bad", "✗")
        rows.append(Markup('<li class="{}"><strong>{} {}</strong><br>{}</li>').format(
            cls, mark, rule_text(by_id, rule), rule.why))
    verdict = (t("ordering_all_right") if result.all_correct
               else t("ordering_score", score=result.score, total=result.total))
    return Markup('<div role="status"><p class="csc-score">{}</p>'
                  '<ul class="csc-plain-list">{}</ul>{}</div>').format(
        verdict, Markup("").join(rows), suggested_order_html(result.suggested))


def key_html(activity: Ordering, letter_of: dict[str, str], level: int = 4) -> Markup:
    """Educator only: the rules a right order keeps, and one good order by letters."""
    by_id = {i.id: i for i in activity.items}
    rules = Markup("").join(Markup("<li><strong>{}</strong> {}</li>").format(
        rule_text(by_id, r), r.why) for r in activity.rules)
    letters = ", ".join(letter_of[i.id] for i in activity.items)
    return answer_block(Markup("<p>{}</p><ul>{}</ul><p>{}</p>{}").format(
        t("ordering_key_rules"), rules, t("ordering_key", letters=letters),
        suggested_order_html(activity.items, level)))
