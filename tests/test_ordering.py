"""Ordering: the seeded start order, moving items, grading by the rules that matter, the view."""

from __future__ import annotations

import pytest

from curriculum.activities.ordering import OrderingModel
from curriculum.activities.shuffle import seeded_order
from curriculum.course.model import Ordering
from widgets.ordering import OrderingView


def make_ordering(seed: int = 5, n: int = 4, text: str = "Step", rules=None) -> Ordering:
    """Items s0..s(n-1); by default every step must come before the next (a full order)."""
    rules = rules if rules is not None else [(f"s{i}", f"s{i + 1}") for i in range(n - 1)]
    return Ordering.model_validate({
        "kind": "ordering", "id": "steps", "title": "Order", "instructions": "Sort.",
        "shuffle_seed": seed, "sources": ["test-source"],
        "items": [{"id": f"s{i}", "text": f"{text} {i}", "why": f"Why {i}"} for i in range(n)],
        "rules": [{"first": a, "then": b, "why": f"Rule {a} {b}"} for a, b in rules],
    })


def ids(items):
    return [i.id for i in items]


def test_start_order_is_seeded_and_never_already_solved():
    orders = set()
    for seed in range(60):
        order = seeded_order(3, seed)
        assert sorted(order) == [0, 1, 2] and order != [0, 1, 2]
        assert seeded_order(3, seed) == order  # same seed, same order
        orders.add(tuple(order))
    assert len(orders) == 5  # every non-solved order of 3 items turns up
    m = OrderingModel(make_ordering(seed=7))
    assert ids(m.order) == ids(OrderingModel(make_ordering(seed=7)).order)
    assert ids(m.order) != ["s0", "s1", "s2", "s3"]


def test_moves():
    m = OrderingModel(make_ordering())
    start = ids(m.order)
    first, last = start[0], start[-1]
    m.move_up(first)  # already first: nothing happens
    m.move_down(last)
    assert ids(m.order) == start
    m.move_down(first)
    assert ids(m.order)[:2] == [start[1], first]
    m.move_to(first, 4)
    assert ids(m.order)[-1] == first and len(m.order) == 4
    with pytest.raises(ValueError):
        m.move_to(first, 5)
    with pytest.raises(KeyError):
        m.move_up("nope")


def test_check_grades_each_rule_and_emits(recorded_attempts):
    m = OrderingModel(make_ordering(), "99-test")
    for pos, item_id in enumerate(["s0", "s2", "s1", "s3"], start=1):
        m.move_to(item_id, pos)
    result = m.check()
    m.retry()
    m.move_up("s1")
    assert m.check().all_correct
    assert [(r.first, r.then, kept) for r, kept in result.rules] == [
        ("s0", "s1", True), ("s1", "s2", False), ("s2", "s3", True)]
    assert (result.score, result.total) == (2, 3)
    assert ids(result.suggested) == ["s0", "s1", "s2", "s3"]
    assert [(a.activity, a.item, a.answer, a.correct, a.kind) for a in recorded_attempts] == [
        ("steps", "steps", ("s0", "s2", "s1", "s3"), False, "ordering"),
        ("steps", "steps", ("s0", "s1", "s2", "s3"), True, "ordering")]


def test_every_order_that_keeps_the_rules_is_right():
    """Only 'save before block' (s1 before s2) and 'do not pay first' (s0 before s3) matter."""
    import itertools

    activity = make_ordering(rules=[("s1", "s2"), ("s0", "s3")])
    right = set()
    for perm in itertools.permutations(["s0", "s1", "s2", "s3"]):
        m = OrderingModel(activity)
        for pos, item_id in enumerate(perm, start=1):
            m.move_to(item_id, pos)
        if m.check().all_correct:
            right.add(perm)
    assert ("s1", "s0", "s2", "s3") in right  # another step first is fine
    assert ("s0", "s2", "s1", "s3") not in right
    assert len(right) == 6  # 24 orders, each rule halves them


def test_start_order_breaks_a_rule_even_when_few_rules_exist():
    activity = make_ordering(rules=[("s0", "s3")])
    for seed in range(30):
        m = OrderingModel(make_ordering(seed=seed, rules=[("s0", "s3")]))
        assert not m.check().all_correct, seed
    assert OrderingModel(activity).start == OrderingModel(activity).start


def test_rules_must_name_items_and_fit_the_listed_order():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="no item 'nope'"):
        make_ordering(rules=[("s0", "nope")])
    with pytest.raises(ValidationError, match="break this rule"):
        make_ordering(rules=[("s2", "s1")])


def test_view_moves_with_buttons_and_checks(tiny):
    course, lesson = tiny
    view = OrderingView(course, lesson, make_ordering(n=3))
    start = ids(view.model.order)
    assert view.ups[0].disabled and view.downs[-1].disabled and not view.downs[0].disabled
    assert view.labels[0].value.startswith("<strong>1.</strong>")
    moved = view.model.order[0]
    view.downs[0].click()
    assert ids(view.model.order) == [start[1], start[0], start[2]]
    assert moved.text in view.labels[1].value
    assert "to place 2" in view.status.value
    for _ in range(10):  # sort with the buttons only
        if ids(view.model.order) == ["s0", "s1", "s2"]:
            break
        pos = next(i for i, item in enumerate(view.model.order) if item.id != f"s{i}")
        target = next(i for i, item in enumerate(view.model.order) if item.id == f"s{pos}")
        view.ups[target].click()
    view.check.click()
    assert "keeps every rule" in view.feedback.value
    assert "Why 0" in view.feedback.value and "One good order" in view.feedback.value
    assert all(b.disabled for b in view.ups + view.downs)
    view.retry.click()
    assert view.feedback.value == "" and not view.downs[0].disabled


def test_view_shows_broken_rules_in_words(tiny):
    course, lesson = tiny
    view = OrderingView(course, lesson, make_ordering(n=3))
    view.check.click()
    fb = view.feedback.value
    assert "✗ “Step" in fb and "comes before" in fb and "Rule s" in fb


def test_view_escapes_content(tiny):
    course, lesson = tiny
    view = OrderingView(course, lesson, make_ordering(text="<script>x</script>"))
    assert all("<script>" not in lab.value and "&lt;script&gt;" in lab.value
               for lab in view.labels)
    view.downs[0].click()
    assert "<script>" not in view.status.value
    view.check.click()
    assert "<script>" not in view.feedback.value and "&lt;script&gt;" in view.feedback.value
