"""Ordering: put steps in the right order; grade each place.

The content lists items in their correct order; ``OrderingModel`` starts them in a
shuffle seeded by the activity's ``shuffle_seed`` (the same for every learner, test run
and printed worksheet) that is never already the answer, moves items, and grades each
place. Moving is done by position, not dragging, so it works with a keyboard and a
screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.course.model import Ordering, OrderItem

from .attempts import Attempt, emit
from .shuffle import seeded_order


@dataclass(frozen=True)
class Place:
    position: int  # 1-based
    item: OrderItem
    correct_position: int  # 1-based

    @property
    def correct(self) -> bool:
        return self.position == self.correct_position


@dataclass(frozen=True)
class OrderResult:
    places: tuple[Place, ...]
    correct_order: tuple[OrderItem, ...]
    attempt: int

    @property
    def score(self) -> int:
        return sum(1 for p in self.places if p.correct)

    @property
    def total(self) -> int:
        return len(self.places)

    @property
    def all_correct(self) -> bool:
        return self.score == self.total


class OrderingModel:
    """The learner's current order of the items, moves, and grading by place."""

    def __init__(self, activity: Ordering, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        items = list(activity.items)
        self._rank = {id(item): i for i, item in enumerate(items)}
        self.start = [items[i] for i in seeded_order(len(items), activity.shuffle_seed)]
        self.order: list[OrderItem] = list(self.start)
        self.result: OrderResult | None = None
        self.attempts = 0

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
        self.attempts += 1
        places = tuple(Place(pos, item, self._rank[id(item)] + 1)
                       for pos, item in enumerate(self.order, start=1))
        self.result = OrderResult(places, tuple(self.activity.items), self.attempts)
        emit(Attempt(self.lesson_id, self.activity.id, self.activity.id,
                     tuple(i.id for i in self.order), self.result.all_correct, self.attempts))
        return self.result

    def retry(self) -> None:
        """Clear the feedback; the learner keeps their order and can improve it."""
        self.result = None
