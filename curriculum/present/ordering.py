"""How the ordering activity reads, on screen and on paper: rows, moves, rules, key.

A learner's order is judged by the rules that matter, each shown kept or broken with its
reason; then one good order is shown with the reason for each step, so a learner who is
right in a different order still sees the suggested one.
"""

from __future__ import annotations

from curriculum.activities.ordering import OrderResult
from curriculum.course.model import Ordering, OrderItem, OrderRule

from .html import answer_block, esc, heading
from .strings import t


def row_html(position: int, item: OrderItem) -> str:
    return f"<strong>{position}.</strong> {esc(item.text)}"


def moved_html(item: OrderItem, place: int) -> str:
    return f'<p role="status">{esc(t("ordering_moved", text=item.text, place=place))}</p>'


def suggested_order_html(items: tuple[OrderItem, ...] | list[OrderItem], level: int = 4) -> str:
    """One good order, each step with the reason it comes there."""
    steps = "".join(f"<li><strong>{esc(i.text)}</strong><br>{esc(i.why)}</li>" for i in items)
    return heading(level, esc(t("ordering_suggested"))) + f"<ol>{steps}</ol>"


def rule_text(activity_items: dict[str, OrderItem], rule: OrderRule) -> str:
    return t("ordering_rule", first=activity_items[rule.first].text,
             then=activity_items[rule.then].text)


def result_html(result: OrderResult) -> str:
    by_id = {i.id: i for i in result.suggested}
    rows = []
    for rule, kept in result.rules:
        cls, mark = ("csc-good", "✓") if kept else ("csc-bad", "✗")
        rows.append(f'<li class="{cls}"><strong>{mark} {esc(rule_text(by_id, rule))}</strong>'
                    f"<br>{esc(rule.why)}</li>")
    verdict = (t("ordering_all_right") if result.all_correct
               else t("ordering_score", score=result.score, total=result.total))
    return (f'<div role="status"><p class="csc-score">{esc(verdict)}</p>'
            f'<ul class="csc-plain-list">{"".join(rows)}</ul>'
            f"{suggested_order_html(result.suggested)}</div>")


def key_html(activity: Ordering, letter_of: dict[str, str], level: int = 4) -> str:
    """Educator only: the rules a right order keeps, and one good order by letters."""
    by_id = {i.id: i for i in activity.items}
    rules = "".join(f"<li><strong>{esc(rule_text(by_id, r))}</strong> {esc(r.why)}</li>"
                    for r in activity.rules)
    letters = ", ".join(letter_of[i.id] for i in activity.items)
    return answer_block(f"<p>{esc(t('ordering_key_rules'))}</p><ul>{rules}</ul>"
                        f"<p>{esc(t('ordering_key', letters=letters))}</p>"
                        + suggested_order_html(activity.items, level))
