"""A simulated student working through a lesson, run inside that student's own kernel.

The hub tests and ``benchmarks/bench_hub.py`` send this file's code and a call of
``work_through(...)`` to a student's kernel (``in_kernel``), whose environment has the
course installed but not the tests. It answers every quiz question of a lesson through
``QuizModel``, the model the quiz widget uses, with the widget's recorder saving each
answer to the student's own progress file. Which answers are wrong first is fixed by the
student's number, so the class report over their hand-ins can be checked exactly
(``expected_report``).
"""

from __future__ import annotations

from pathlib import Path

from curriculum.activities.quiz import QuizModel
from curriculum.classroom.recording import start_recording, store_for
from curriculum.course.model import Quiz
from curriculum.course.packaged import packaged_course

LESSON = "05-what-to-do"


def in_kernel(call: str) -> str:
    """This file's code, then ``call``: what to send to a student's kernel."""
    return Path(__file__).read_text(encoding="utf-8") + "\n" + call


def wrong_first(number: int, question_index: int) -> bool:
    """Student ``number`` gets every third question wrong before getting it right."""
    return (question_index + number) % 3 == 0


def work_through(number: int, lesson_id: str = LESSON) -> int:
    """Answer every quiz question of ``lesson_id``; return how many answers are now saved."""
    store = store_for()
    start_recording(store)
    lesson = packaged_course().lessons[lesson_id]
    index = 0
    for activity in lesson.activities.values():
        if not isinstance(activity, Quiz):
            continue
        model = QuizModel(activity, lesson_id)
        for question in model.questions:
            right = {o.id for o in question.options if o.correct}
            wrong = [o.id for o in model.options(question.id) if not o.correct]
            if wrong_first(number, index) and wrong:
                model.select(question.id, wrong[0])
                model.check(question.id)
                model.retry(question.id)
            model.select(question.id, right)
            model.check(question.id)
            index += 1
    return store.count()


def _questions(lesson_id: str) -> list[tuple[str, str, bool]]:
    """(activity, question, has a wrong option) for each quiz question, in lesson order."""
    lesson = packaged_course().lessons[lesson_id]
    return [(activity.id, q.id, any(not o.correct for o in q.options))
            for activity in lesson.activities.values() if isinstance(activity, Quiz)
            for q in activity.questions]


def answers_for(number: int, lesson_id: str = LESSON) -> int:
    """How many answers ``work_through(number)`` saves."""
    return sum(2 if has_wrong and wrong_first(number, i) else 1
               for i, (_a, _q, has_wrong) in enumerate(_questions(lesson_id)))


def expected_report(numbers: list[int], lesson_id: str = LESSON) -> dict[tuple[str, str], tuple[int, int]]:
    """(activity, question) -> (learners who answered, learners right first time)."""
    return {(activity, question): (len(numbers),
                                   sum(1 for n in numbers if not (has_wrong and wrong_first(n, i))))
            for i, (activity, question, has_wrong) in enumerate(_questions(lesson_id))}
