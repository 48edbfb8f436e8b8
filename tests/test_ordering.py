"""Ordering: the seeded start order, moving items, grading by place, and the view."""

from __future__ import annotations

import pytest

from curriculum.activities.ordering import OrderingModel
from curriculum.activities.shuffle import seeded_order
from curriculum.course.model import Ordering
from tests.inline_course import recorded, tiny_course
from widgets.ordering import OrderingView


def make_ordering(seed: int = 5, n: int = 4, text: str = "Step") -> Ordering:
    return Ordering.model_validate({
        "kind": "ordering", "id": "steps", "title": "Order", "instructions": "Sort.",
        "shuffle_seed": seed, "sources": ["test-source"],
        "items": [{"id": f"s{i}", "text": f"{text} {i}", "why": f"Why {i}"} for i in range(n)],
    })


def ids(items):
    return [i.id for i in items]


@pytest.fixture(scope="module")
def tiny():
    return tiny_course()


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


def test_check_grades_each_place_and_emits():
    m = OrderingModel(make_ordering(), "99-test")
    for pos, item_id in enumerate(["s0", "s2", "s1", "s3"], start=1):
        m.move_to(item_id, pos)
    with recorded() as seen:
        result = m.check()
        m.retry()
        m.move_up("s1")
        assert m.check().all_correct
    assert [p.correct for p in result.places] == [True, False, False, True]
    assert [p.correct_position for p in result.places] == [1, 3, 2, 4]
    assert (result.score, result.total) == (2, 4)
    assert ids(result.correct_order) == ["s0", "s1", "s2", "s3"]
    assert [(a.activity, a.item, a.answer, a.correct, a.attempt) for a in seen] == [
        ("steps", "steps", ("s0", "s2", "s1", "s3"), False, 1),
        ("steps", "steps", ("s0", "s1", "s2", "s3"), True, 2)]


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
    assert "All in the right order" in view.feedback.value
    assert "Why 0" in view.feedback.value and "The correct order" in view.feedback.value
    assert all(b.disabled for b in view.ups + view.downs)
    view.retry.click()
    assert view.feedback.value == "" and not view.downs[0].disabled


def test_view_shows_wrong_places_in_words(tiny):
    course, lesson = tiny
    view = OrderingView(course, lesson, make_ordering(n=3))
    view.check.click()
    fb = view.feedback.value
    assert "✗ Place" in fb and "belongs in place" in fb


def test_view_escapes_content(tiny):
    course, lesson = tiny
    view = OrderingView(course, lesson, make_ordering(text="<script>x</script>"))
    assert all("<script>" not in lab.value and "&lt;script&gt;" in lab.value
               for lab in view.labels)
    view.downs[0].click()
    assert "<script>" not in view.status.value
    view.check.click()
    assert "<script>" not in view.feedback.value and "&lt;script&gt;" in view.feedback.value
