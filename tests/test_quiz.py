"""Quiz model and view, driven without a kernel or a browser."""

from __future__ import annotations

import pytest

from curriculum.activities.quiz import QuizModel
from curriculum.course.model import Quiz
from curriculum.present.quiz import feedback_html, score_text
from widgets.quiz import QuizView


def make_quiz(**overrides) -> Quiz:
    data = {
        "kind": "quiz", "id": "q", "title": "T", "instructions": "I", "shuffle_seed": None,
        "questions": [
            {"id": "one", "type": "single", "prompt": "Pick A", "explanation": "A is right",
             "source": "s", "options": [
                 {"id": "a", "text": "A", "correct": True, "feedback": "yes A"},
                 {"id": "b", "text": "B", "correct": False, "feedback": "no B"}]},
            {"id": "many", "type": "multiple", "prompt": "Pick A and C",
             "explanation": "A and C", "source": "s", "options": [
                 {"id": "a", "text": "A", "correct": True, "feedback": "yes A"},
                 {"id": "b", "text": "B", "correct": False, "feedback": "no B"},
                 {"id": "c", "text": "C", "correct": True, "feedback": "yes C"}]},
            {"id": "tf", "type": "true_false", "prompt": "True?", "explanation": "It is",
             "source": "s", "options": [
                 {"id": "t", "text": "True", "correct": True, "feedback": "right"},
                 {"id": "f", "text": "False", "correct": False, "feedback": "wrong"}]},
        ],
    }
    data.update(overrides)
    return Quiz.model_validate(data)


def test_right_and_wrong_answers_change_feedback_and_score():
    m = QuizModel(make_quiz())
    m.select("one", "b")
    wrong = m.check("one")
    assert not wrong.correct
    assert [f.option.feedback for f in wrong.chosen] == ["no B"]
    assert m.score == 0 and m.answered == 1
    m.retry("one")
    assert m.selected["one"] == set() and "one" not in m.results
    m.select("one", "a")
    right = m.check("one")
    assert right.correct and m.answered == 1  # one question, checked twice
    assert [f.option.feedback for f in right.chosen] == ["yes A"]
    assert m.score == 1
    assert score_text(m) == "Score: 1 of 3 correct · 1 of 3 tried"


@pytest.mark.parametrize("chosen, correct, missed", [
    ({"a", "c"}, True, 0),
    ({"a"}, False, 1),
    ({"a", "b", "c"}, False, 0),
    ({"b"}, False, 2),
    ({"c", "a"}, True, 0),
])
def test_multiple_choice_grading_is_exact(chosen, correct, missed):
    m = QuizModel(make_quiz())
    m.select("many", chosen)
    result = m.check("many")
    assert result.correct is correct
    assert result.missed == missed
    assert {f.option.id for f in result.chosen} == chosen


def test_single_choice_rejects_two_answers_and_unknown_options():
    m = QuizModel(make_quiz())
    with pytest.raises(ValueError, match="takes one answer"):
        m.select("one", {"a", "b"})
    with pytest.raises(ValueError, match="no option"):
        m.select("one", "zzz")
    with pytest.raises(ValueError, match="choose an answer first"):
        m.check("one")


def test_toggle_builds_a_multiple_selection():
    m = QuizModel(make_quiz())
    m.toggle("many", "a")
    m.toggle("many", "c")
    m.toggle("many", "b")
    m.toggle("many", "b")
    assert m.selected["many"] == {"a", "c"}
    assert m.check("many").correct


def test_shuffle_is_seeded_and_keeps_true_false_order():
    quiz = make_quiz(shuffle_seed=7)
    first = [o.id for o in QuizModel(quiz).options("many")]
    again = [o.id for o in QuizModel(quiz).options("many")]
    assert first == again
    assert sorted(first) == ["a", "b", "c"]
    assert [o.id for o in QuizModel(quiz).options("tf")] == ["t", "f"]
    orders = {tuple(o.id for o in QuizModel(make_quiz(shuffle_seed=s)).options("many"))
              for s in range(20)}
    assert len(orders) > 1, "different seeds should give different orders"


def test_checks_are_emitted_as_attempts(recorded_attempts):
    m = QuizModel(make_quiz(), lesson_id="01-history")
    m.select("many", {"a"})
    m.check("many")
    assert len(recorded_attempts) == 1
    a = recorded_attempts[0]
    assert (a.lesson, a.activity, a.kind, a.item, a.answer, a.correct) == (
        "01-history", "q", "quiz", "many", ("a",), False)


def test_packaged_quiz_view_check_and_retry(course, recorded_attempts):
    lesson = course.lessons["01-history"]
    view = QuizView(course, lesson, lesson.activities["quiz"])
    assert len(view.model.questions) >= 8
    assert {q.type for q in view.model.questions} == {"single", "multiple", "true_false"}
    card = view.cards[0]
    q = card.question
    wrong = next(o for o in card.options if not o.correct)
    right = next(o for o in card.options if o.correct)
    box = dict(zip((o.id for o in card.options), card.controls, strict=True))
    assert card.check.disabled
    box[wrong.id].value = True
    assert not card.check.disabled
    card.check.click()
    assert "Not quite" in card.feedback.value
    assert wrong.feedback.split(".")[0] in card.feedback.value
    assert "Source:" in card.feedback.value and "href=" in card.feedback.value
    assert view.bar.value == 1
    assert f"Score: 0 of {view.model.total}" in view.score.value
    assert all(b.disabled for b in card.controls) and not card.retry.disabled
    card.retry.click()
    assert card.feedback.value == ""
    assert not any(b.value or b.disabled for b in card.controls)
    box[right.id].value = True
    card.check.click()
    assert "Correct" in card.feedback.value
    assert f"Score: 1 of {view.model.total}" in view.score.value
    assert [a.item for a in recorded_attempts] == [q.id, q.id]  # the second answer given


def test_one_answer_boxes_untick_each_other(course):
    """One-answer questions use tick boxes (keyboard: Tab and Space), one ticked at a time."""
    lesson = course.lessons["01-history"]
    view = QuizView(course, lesson, lesson.activities["quiz"])
    card = next(c for c in view.cards if c.question.type == "single")
    first, second = card.controls[0], card.controls[1]
    first.value = True
    second.value = True
    assert [b.value for b in card.controls[:2]] == [False, True]
    assert view.model.selected[card.question.id] == {card.options[1].id}
    second.value = False
    assert card.check.disabled and view.model.selected[card.question.id] == set()


def test_multiple_choice_card_uses_checkboxes(course):
    lesson = course.lessons["01-history"]
    view = QuizView(course, lesson, lesson.activities["quiz"])
    card = next(c for c in view.cards if c.question.type == "multiple")
    for box, option in zip(card.controls, card.options, strict=True):
        box.value = option.correct
    card.check.click()
    assert "Correct" in card.feedback.value
    assert view.model.results[card.question.id].correct


def test_content_text_is_escaped_in_feedback():
    quiz = make_quiz()
    quiz.questions[0].options[1]  # noqa: B018 - ensure shape
    evil = Quiz.model_validate({**quiz.model_dump(), "questions": [
        {**quiz.questions[0].model_dump(),
         "explanation": "<script>alert(1)</script>",
         "options": [{"id": "a", "text": "<b>A</b>", "correct": True,
                      "feedback": "<img src=x onerror=alert(1)>"},
                     {"id": "b", "text": "B", "correct": False, "feedback": "no"}]}]})
    m = QuizModel(evil)
    m.select("one", "a")
    out = feedback_html(m.check("one"), [])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<img" not in out and "&lt;img" in out
    assert "<b>A</b>" not in out
