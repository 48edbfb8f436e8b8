"""How a quiz reads, on screen and on paper: question headings, hints, feedback, key.

The live view (``widgets/quiz.py``) and the worksheet (``handout/layouts.py``) both
take their words from here, so a question is introduced, hinted and explained the same
way in both; only the controls differ (a tick box widget, a printed box).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from curriculum.activities.quiz import CheckResult, QuizModel
from curriculum.course.model import Option, Question, Source

from .html import answer_block, sources_line
from .strings import t, tn


def question_heading(number: int, q: Question) -> Markup:
    """'Question 3. <prompt>' as HTML text (no tags)."""
    return Markup("{} {}").format(t("quiz_question", number=number), q.prompt)


def hint(q: Question) -> str:
    """How many answers to choose, in words."""
    return t("quiz_hint_multiple" if q.type == "multiple" else "quiz_hint_single")


def score_text(model: QuizModel) -> str:
    return t("quiz_score", score=model.score, total=model.total, answered=model.answered)


def feedback_html(result: CheckResult, sources: Sequence[Source]) -> Markup:
    """Feedback for a checked question: a verdict, each chosen option, why, and the source."""
    verdict = t("quiz_correct" if result.correct else "quiz_not_quite")
    missed = ""
    if not result.correct and result.missed:
        missed = " " + tn("quiz_missed", result.missed)
    items = Markup("").join(
        Markup("<li>{} <em>{}</em>: {}</li>").format(
            "✓" if f.option.correct else "✗", f.option.text, f.option.feedback)
        for f in result.chosen
    )
    cls = "csc-good" if result.correct else "csc-bad"
    return Markup('<div class="{}" role="status"><strong>{}</strong>{}<ul>{}</ul>'
                  "<p><strong>{}</strong> {}</p>{}</div>").format(
        cls, verdict, missed, items, t("quiz_why"), result.explanation, sources_line(sources))


def answer_key_html(q: Question, options: Sequence[Option], sources: Sequence[Source]) -> Markup:
    """Educator only: the right answer(s), the explanation, what each option teaches."""
    right = "; ".join(o.text for o in options if o.correct)
    each = Markup("").join(Markup("<li>{} {}: {}</li>").format(
        "✓" if o.correct else "✗", o.text, o.feedback) for o in options)
    return answer_block(Markup(
        "<strong>{}</strong> {}<p><strong>{}</strong> {}</p>"
        '<p>{}</p><ul class="csc-feedback">{}</ul>{}').format(
        t("quiz_right_answers"), right, t("quiz_why"), q.explanation, t("quiz_each_option"),
        each, sources_line(sources)))
