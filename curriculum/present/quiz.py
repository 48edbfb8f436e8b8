"""How a quiz reads, on screen and on paper: question headings, hints, feedback, key.

The live view (``widgets/quiz.py``) and the worksheet (``handout/layouts.py``) both
take their words from here, so a question is introduced, hinted and explained the same
way in both; only the controls differ (a tick box widget, a printed box).
"""

from __future__ import annotations

from collections.abc import Sequence

from curriculum.activities.quiz import CheckResult, QuizModel
from curriculum.course.model import Option, Question, Source

from .html import answer_block, esc, sources_line
from .strings import t, tn


def question_heading(number: int, q: Question) -> str:
    """'Question 3. <prompt>' as HTML text (no tags)."""
    return f"{esc(t('quiz_question', number=number))} {esc(q.prompt)}"


def hint(q: Question) -> str:
    """How many answers to choose, in words."""
    return t("quiz_hint_multiple" if q.type == "multiple" else "quiz_hint_single")


def score_text(model: QuizModel) -> str:
    return t("quiz_score", score=model.score, total=model.total, answered=model.answered)


def feedback_html(result: CheckResult, sources: Sequence[Source]) -> str:
    """Feedback for a checked question: a verdict, each chosen option, why, and the source."""
    verdict = t("quiz_correct" if result.correct else "quiz_not_quite")
    missed = ""
    if not result.correct and result.missed:
        missed = " " + tn("quiz_missed", result.missed)
    items = "".join(
        f'<li>{"✓" if f.option.correct else "✗"} <em>{esc(f.option.text)}</em>: '
        f"{esc(f.option.feedback)}</li>"
        for f in result.chosen
    )
    cls = "csc-good" if result.correct else "csc-bad"
    return (f'<div class="{cls}" role="status"><strong>{esc(verdict)}</strong>{esc(missed)}'
            f"<ul>{items}</ul><p><strong>{esc(t('quiz_why'))}</strong> "
            f"{esc(result.explanation)}</p>{sources_line(sources)}</div>")


def answer_key_html(q: Question, options: Sequence[Option], sources: Sequence[Source]) -> str:
    """Educator only: the right answer(s), the explanation, what each option teaches."""
    right = "; ".join(esc(o.text) for o in options if o.correct)
    each = "".join(f"<li>{'✓' if o.correct else '✗'} {esc(o.text)}: {esc(o.feedback)}</li>"
                   for o in options)
    return answer_block(
        f"<strong>{esc(t('quiz_right_answers'))}</strong> {right}"
        f"<p><strong>{esc(t('quiz_why'))}</strong> {esc(q.explanation)}</p>"
        f"<p>{esc(t('quiz_each_option'))}</p><ul class=\"csc-feedback\">{each}</ul>"
        f"{sources_line(sources)}")
