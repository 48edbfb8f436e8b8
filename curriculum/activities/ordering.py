"""Ordering: put steps in a good order; graded by the rules that matter, not by position.

The content lists items in one good order and the rules any right order keeps;
``OrderingModel`` starts them in a shuffle seeded by the activity's ``shuffle_seed`` (the
same for every learner, test run and printed worksheet) that breaks a rule, moves items,
and checks each rule. Moving is done by position, not dragging, so it works with a keyboard and a
screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.course.model import Ordering, OrderItem, OrderRule

from .attempts import Attempt, SaveOutcome, emit
from .shuffle import seeded_order


def start_order(activity: Ordering) -> list[OrderItem]:
    """The order a learner starts from, live and on paper: a seeded shuffle that breaks at
    least one rule (else the task would be solved before it starts)."""
    items = list(activity.items)
    seed = activity.shuffle_seed
    while True:
        order = [items[i] for i in seeded_order(len(items), seed)]
        if not all(kept for _rule, kept in rule_results(activity, order)):
            return order
        seed += 1


def rule_results(activity: Ordering, order: list[OrderItem]) -> list[tuple[OrderRule, bool]]:
    """Each rule of the activity with whether ``order`` keeps it."""
    position = {item.id: n for n, item in enumerate(order)}
    return [(rule, position[rule.first] < position[rule.then]) for rule in activity.rules]


@dataclass(frozen=True)
class OrderResult:
    order: tuple[OrderItem, ...]
    rules: tuple[tuple[OrderRule, bool], ...]  # each rule, and whether the order keeps it
    suggested: tuple[OrderItem, ...]  # one good order, with the reason for each step

    @property
    def score(self) -> int:
        """Rules kept."""
        return sum(1 for _rule, kept in self.rules if kept)

    @property
    def total(self) -> int:
        return len(self.rules)

    @property
    def all_correct(self) -> bool:
        return self.score == self.total


class OrderingModel:
    """The learner's current order of the items, moves, and grading by the activity's rules.

    Any order that keeps every rule is right: "tell someone you trust" may come first, as
    long as the evidence is saved before blocking.
    """

    def __init__(self, activity: Ordering, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self.start = start_order(activity)
        self.order: list[OrderItem] = list(self.start)
        self.result: OrderResult | None = None
        # what became of the latest answer handed to the recorders (None before any)
        self.last_save: SaveOutcome | None = None

    def _index(self, item_id: str) -> int:
        for i, item in enumerate(self.order):
            if item.id == item_id:
                return i
        raise KeyError(f"activity {self.activity.id!r} has no item {item_id!r}")

    def move_to(self, item_id: str, position: int) -> None:
        """Move an item to a 1-based position; the others shift to make room."""
        if not 1 <= position <= len(self.order):
            raise ValueError(f"position must be 1-{len(self.order)}, not {position}")
        item = self.order.pop(self._index(item_id))
        self.order.insert(position - 1, item)

    def move_up(self, item_id: str) -> None:
        i = self._index(item_id)
        if i > 0:
            self.move_to(item_id, i)

    def move_down(self, item_id: str) -> None:
        i = self._index(item_id)
        if i < len(self.order) - 1:
            self.move_to(item_id, i + 2)

    def check(self) -> OrderResult:
        self.result = OrderResult(tuple(self.order), tuple(rule_results(self.activity, self.order)),
                                  tuple(self.activity.items))
        self.last_save = emit(Attempt(self.lesson_id, self.activity.id, self.activity.kind,
                                      self.activity.id, tuple(i.id for i in self.order),
                                      self.result.all_correct))
        return self.result

    def retry(self) -> None:
        """Clear the feedback; the learner keeps their order and can improve it."""
        self.result = None
