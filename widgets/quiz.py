"""Quiz: single choice, multiple choice and true/false, with feedback after each check.

``QuizModel`` holds the learner's choices and grades them; it needs no kernel and no
browser, so tests drive it directly. ``QuizView`` is a thin ipywidgets layer that turns
clicks into model calls and model state into text. Option order is shuffled with the
quiz's own seed, so every learner and every test run sees the same order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import ipywidgets as w

from curriculum import html as h
from curriculum.model import Course, Lesson, Option, Question, Quiz

from .attempts import Attempt, emit
from .style import style_tag


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
    attempt: int


class QuizModel:
    """State and grading of one quiz; knows nothing about widgets."""

    def __init__(self, quiz: Quiz, lesson_id: str = ""):
        self.quiz = quiz
        self.lesson_id = lesson_id
        rng = random.Random(quiz.shuffle_seed)
        self._options: dict[str, list[Option]] = {}
        for q in quiz.questions:
            opts = list(q.options)
            if quiz.shuffle_seed is not None and q.type != "true_false":
                rng.shuffle(opts)
            self._options[q.id] = opts
        self._questions = {q.id: q for q in quiz.questions}
        self.selected: dict[str, set[str]] = {q.id: set() for q in quiz.questions}
        self.results: dict[str, CheckResult] = {}
        self.attempts: dict[str, int] = {q.id: 0 for q in quiz.questions}

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
        self.attempts[question_id] += 1
        result = CheckResult(
            question_id=question_id,
            correct=chosen == correct_ids,
            chosen=tuple(OptionFeedback(o, True) for o in self.options(question_id)
                         if o.id in chosen),
            missed=len(correct_ids - chosen),
            explanation=q.explanation,
            attempt=self.attempts[question_id],
        )
        self.results[question_id] = result
        emit(Attempt(self.lesson_id, self.quiz.id, question_id, tuple(sorted(chosen)),
                     result.correct, result.attempt))
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
        return sum(1 for n in self.attempts.values() if n > 0)

    @property
    def score(self) -> int:
        """Questions whose latest checked answer is right."""
        return sum(1 for r in self.results.values() if r.correct)

    def score_text(self) -> str:
        return f"Score: {self.score} of {self.total} correct · {self.answered} of {self.total} tried"

    def _question(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise KeyError(f"quiz {self.quiz.id!r} has no question {question_id!r}") from None


def feedback_html(result: CheckResult, source_html: str) -> str:
    """Feedback for a checked question: a verdict, each chosen option, why, and the source."""
    verdict = ("<strong>✓ Correct.</strong>" if result.correct
               else "<strong>✗ Not quite.</strong>")
    missed = ""
    if not result.correct and result.missed:
        n = result.missed
        missed = f" There {'is' if n == 1 else 'are'} {n} more correct option{'s' if n > 1 else ''} to find."
    items = "".join(
        f'<li>{"✓" if f.option.correct else "✗"} <em>{h.esc(f.option.text)}</em>: '
        f"{h.esc(f.option.feedback)}</li>"
        for f in result.chosen
    )
    cls = "csc-good" if result.correct else "csc-bad"
    return (f'<div class="{cls}" role="status">{verdict}{h.esc(missed)}<ul>{items}</ul>'
            f"<p><strong>Why:</strong> {h.esc(result.explanation)}</p>{source_html}</div>")


class QuizView(w.VBox):
    """ipywidgets view of a QuizModel: one card per question, a score and a progress bar."""

    def __init__(self, course: Course, lesson: Lesson, activity: Quiz):
        self.model = QuizModel(activity, lesson.id)
        self.score = w.HTML()
        self.bar = w.IntProgress(value=0, min=0, max=self.model.total, description="Progress",
                                 layout=w.Layout(width="min(420px, 100%)"))
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        self.cards = [QuestionCard(self.model, q, course.source(lesson.id, q.source),
                                   number, self._refresh_totals)
                      for number, q in enumerate(self.model.questions, start=1)]
        super().__init__([header, w.HBox([self.bar, self.score]), *self.cards])
        self.add_class("csc-quiz")
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        self.score.value = f'<span class="csc-score">{h.esc(self.model.score_text())}</span>'
        self.bar.value = self.model.answered


class QuestionCard(w.VBox):
    """One question: its options, Check and Try again buttons, and the feedback area."""

    def __init__(self, model: QuizModel, q: Question, source, number: int, on_change):
        self.model, self.question, self._on_change = model, q, on_change
        self.options = model.options(q.id)
        self.source_html = h.sources_line([source])
        self.feedback = w.HTML("")
        self.check = w.Button(description="Check", button_style="primary", disabled=True,
                              tooltip="Check your answer")
        self.retry = w.Button(description="Try again", disabled=True,
                              tooltip="Clear your answer and try again")
        # One tick box per option, for one-answer questions too. In JupyterLab the arrow
        # keys belong to the notebook (they move to the next cell), so in a group of radio
        # buttons a keyboard-only learner could only ever pick the first option; a tick box
        # is reached with Tab and ticked with Space. One-answer boxes untick each other.
        self.controls = [w.Checkbox(value=False, description=o.text, indent=False,
                                    layout=w.Layout(width="auto")) for o in self.options]
        for box in self.controls:
            box.observe(self._on_boxes, names="value")
        hint = "Choose all that are true." if q.type == "multiple" else "Choose one answer."
        inputs = w.VBox([w.HTML(f"<em>{hint}</em>"), *self.controls])
        self.check.on_click(self._on_check)
        self.retry.on_click(self._on_retry)
        prompt = w.HTML(f"<h4>Question {number}. {h.esc(q.prompt)}</h4>")
        super().__init__([prompt, inputs, w.HBox([self.check, self.retry]), self.feedback])
        self.add_class("csc-card")
        self.add_class("csc-question")

    def _on_boxes(self, change) -> None:
        # Unticking the others re-enters here with new=False, which only recounts.
        if self.question.type != "multiple" and change["new"]:
            for box in self.controls:
                if box is not change["owner"]:
                    box.value = False
        chosen = {o.id for o, b in zip(self.options, self.controls, strict=True) if b.value}
        self.model.select(self.question.id, chosen)
        self.check.disabled = not chosen

    def _on_check(self, _btn=None) -> None:
        result = self.model.check(self.question.id)
        self.feedback.value = feedback_html(result, self.source_html)
        for c in self.controls:
            c.disabled = True
        self.check.disabled = True
        self.retry.disabled = False
        self._on_change()

    def _on_retry(self, _btn=None) -> None:
        self.model.retry(self.question.id)
        self.feedback.value = ""
        for c in self.controls:
            c.disabled = False
            c.value = False
        self.retry.disabled = True
        self.check.disabled = True
        self._on_change()
