"""Quiz: single choice, multiple choice and true/false, graded one question at a time.

``QuizModel`` holds the learner's choices and grades them; it needs no kernel and no
browser, so tests drive it directly. Options come in the quiz's seeded order
(``shuffle.quiz_option_order``), the same order the printed worksheet uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.course.model import Option, Question, Quiz

from .attempts import Attempt, SaveOutcome, emit
from .shuffle import quiz_option_order


@dataclass(frozen=True)
class OptionFeedback:
    option: Option
    chosen: bool


@dataclass(frozen=True)
class CheckResult:
    question_id: str
    correct: bool
    chosen: tuple[OptionFeedback, ...]
    missed: int
    explanation: str


class QuizModel:
    """State and grading of one quiz; knows nothing about widgets."""

    def __init__(self, quiz: Quiz, lesson_id: str = ""):
        self.quiz = quiz
        self.lesson_id = lesson_id
        self._options = quiz_option_order(quiz)
        self._questions = {q.id: q for q in quiz.questions}
        self.selected: dict[str, set[str]] = {q.id: set() for q in quiz.questions}
        self.results: dict[str, CheckResult] = {}
        self.checked: set[str] = set()  # questions checked at least once
        # what became of the latest answer handed to the recorders (None before any)
        self.last_save: SaveOutcome | None = None

    # -- what to show ---------------------------------------------------------------
    @property
    def questions(self) -> list[Question]:
        return list(self.quiz.questions)

    def options(self, question_id: str) -> list[Option]:
        """The options of a question in the order the learner sees them."""
        return list(self._options[question_id])

    # -- what the learner does ------------------------------------------------------
    def select(self, question_id: str, option_ids: set[str] | list[str] | str) -> None:
        """Replace the selection. Single-choice questions accept exactly one option."""
        q = self._question(question_id)
        ids = {option_ids} if isinstance(option_ids, str) else set(option_ids)
        valid = {o.id for o in q.options}
        unknown = ids - valid
        if unknown:
            raise ValueError(f"question {question_id!r} has no option(s) {sorted(unknown)}")
        if q.type != "multiple" and len(ids) > 1:
            raise ValueError(f"question {question_id!r} takes one answer, got {len(ids)}")
        self.selected[question_id] = ids

    def toggle(self, question_id: str, option_id: str) -> None:
        chosen = set(self.selected[question_id])
        chosen ^= {option_id}
        self.select(question_id, chosen)

    def check(self, question_id: str) -> CheckResult:
        """Grade the current selection: exactly the correct set, nothing more or less."""
        q = self._question(question_id)
        chosen = self.selected[question_id]
        if not chosen:
            raise ValueError("choose an answer first")
        correct_ids = {o.id for o in q.options if o.correct}
        self.checked.add(question_id)
        result = CheckResult(
            question_id=question_id,
            correct=chosen == correct_ids,
            chosen=tuple(OptionFeedback(o, True) for o in self.options(question_id)
                         if o.id in chosen),
            missed=len(correct_ids - chosen),
            explanation=q.explanation,
        )
        self.results[question_id] = result
        self.last_save = emit(Attempt(self.lesson_id, self.quiz.id, self.quiz.kind, question_id,
                                      tuple(sorted(chosen)), result.correct))
        return result

    def retry(self, question_id: str) -> None:
        """Clear the answer and its feedback so the learner can try again."""
        self._question(question_id)
        self.selected[question_id] = set()
        self.results.pop(question_id, None)

    # -- totals ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.quiz.questions)

    @property
    def answered(self) -> int:
        """Questions the learner has checked at least once."""
        return len(self.checked)

    @property
    def score(self) -> int:
        """Questions whose latest checked answer is right."""
        return sum(1 for r in self.results.values() if r.correct)

    def _question(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise KeyError(f"quiz {self.quiz.id!r} has no question {question_id!r}") from None
