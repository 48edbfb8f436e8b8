"""Ordering: put steps in the right order with Move up / Move down buttons.

The content lists items in their correct order; ``OrderingModel`` starts them in a
shuffle seeded by the activity's ``shuffle_seed`` (the same for every learner and test
run) that is never already the answer, moves items, and grades each place. Moving is
done with buttons, not dragging, so it works with a keyboard and a screen reader.
``OrderingView`` shows one row per place and, after Check, which places were right and
the correct order with the reason for each step.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from curriculum import html as h
from curriculum.model import Course, Lesson, Ordering, OrderItem
from curriculum.shuffle import seeded_order

from .attempts import Attempt, emit
from .style import style_tag


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


def result_html(result: OrderResult) -> str:
    rows = []
    for p in result.places:
        if p.correct:
            rows.append(f'<li class="csc-good">✓ Place {p.position}: {h.esc(p.item.text)} '
                        "(right place)</li>")
        else:
            rows.append(f'<li class="csc-bad">✗ Place {p.position}: {h.esc(p.item.text)} '
                        f"(belongs in place {p.correct_position})</li>")
    correct = "".join(f"<li><strong>{h.esc(i.text)}</strong><br>{h.esc(i.why)}</li>"
                      for i in result.correct_order)
    verdict = ("✓ All in the right order." if result.all_correct
               else f"{result.score} of {result.total} in the right place.")
    return (f'<div role="status"><p class="csc-score">{h.esc(verdict)}</p>'
            f'<ul class="csc-plain-list">{"".join(rows)}</ul>'
            f"<h4>The correct order</h4><ol>{correct}</ol></div>")


class OrderingView(w.VBox):
    """One row per place: the item there, Move up and Move down; then Check / Try again."""

    def __init__(self, course: Course, lesson: Lesson, activity: Ordering):
        self.model = OrderingModel(activity, lesson.id)
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        self.labels: list[w.HTML] = []
        self.ups: list[w.Button] = []
        self.downs: list[w.Button] = []
        rows = []
        for pos in range(len(self.model.order)):
            label = w.HTML(layout=w.Layout(flex="1 1 auto"))
            up = w.Button(description="Move up", icon="arrow-up",
                          layout=w.Layout(width="auto"))
            down = w.Button(description="Move down", icon="arrow-down",
                            layout=w.Layout(width="auto"))
            up.on_click(lambda _b, pos=pos: self._move(pos, -1))
            down.on_click(lambda _b, pos=pos: self._move(pos, +1))
            self.labels.append(label)
            self.ups.append(up)
            self.downs.append(down)
            row = w.HBox([label, up, down])
            row.add_class("csc-card")
            rows.append(row)
        self.status = w.HTML("")
        self.check = w.Button(description="Check", button_style="primary",
                              tooltip="Check your order")
        self.retry = w.Button(description="Try again", disabled=True,
                              tooltip="Hide the answer and change your order")
        self.check.on_click(self._on_check)
        self.retry.on_click(self._on_retry)
        self.feedback = w.HTML("")
        sources = w.HTML(h.sources_line(course.source(lesson.id, s) for s in activity.sources))
        super().__init__([header, *rows, self.status, w.HBox([self.check, self.retry]),
                          self.feedback, sources])
        self.add_class("csc-ordering")
        self._render()

    def _move(self, pos: int, delta: int) -> None:
        item = self.model.order[pos]
        if delta < 0:
            self.model.move_up(item.id)
        else:
            self.model.move_down(item.id)
        new = self.model.order.index(item) + 1
        self.status.value = (f'<p role="status">Moved “{h.esc(item.text)}” to place {new}.</p>')
        self._render()

    def _render(self) -> None:
        locked = self.model.result is not None
        last = len(self.model.order) - 1
        for pos, item in enumerate(self.model.order):
            self.labels[pos].value = f"<strong>{pos + 1}.</strong> {h.esc(item.text)}"
            self.ups[pos].tooltip = f"Move “{item.text}” up"
            self.downs[pos].tooltip = f"Move “{item.text}” down"
            self.ups[pos].disabled = locked or pos == 0
            self.downs[pos].disabled = locked or pos == last

    def _on_check(self, _btn=None) -> None:
        self.feedback.value = result_html(self.model.check())
        self.status.value = ""
        self.check.disabled = True
        self.retry.disabled = False
        self._render()

    def _on_retry(self, _btn=None) -> None:
        self.model.retry()
        self.feedback.value = ""
        self.check.disabled = False
        self.retry.disabled = True
        self._render()
