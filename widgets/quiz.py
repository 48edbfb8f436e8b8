"""Live quiz: one card per question, tick boxes, Check and Try again, score and progress.

A thin ipywidgets layer over ``curriculum.activities.quiz.QuizModel``: clicks become
model calls, and every word shown comes from ``curriculum.present.quiz`` (the same
fragments the printed worksheet uses) or the content itself.
"""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from curriculum.activities.quiz import QuizModel
from curriculum.course.model import Course, Lesson, Question, Quiz
from curriculum.present import quiz as present
from curriculum.present.html import activity_header
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .saving import SaveNotice
from .style import style_tag


class QuizView(w.VBox):
    """ipywidgets view of a QuizModel: one card per question, a score and a progress bar."""

    def __init__(self, course: Course, lesson: Lesson, activity: Quiz):
        self.model = QuizModel(activity, lesson.id)
        self.score = w.HTML()
        self.bar = w.IntProgress(value=0, min=0, max=self.model.total,
                                 description=t("quiz_progress"),
                                 layout=w.Layout(width="min(420px, 100%)"))
        header = w.HTML(style_tag() + activity_header(activity, 3))
        self.cards = [QuestionCard(self.model, q, [course.source(lesson.id, q.source)],
                                   number, self._refresh_totals)
                      for number, q in enumerate(self.model.questions, start=1)]
        super().__init__([header, w.HBox([self.bar, self.score]), *self.cards])
        self.add_class("csc-quiz")
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        self.score.value = Markup('<span class="csc-score">{}</span>').format(
            present.score_text(self.model))
        self.bar.value = self.model.answered


class QuestionCard(KeepsLanguage, w.VBox):
    """One question: its options, Check and Try again buttons, the feedback area and, when
    the answer could not be kept, the not-saved line (until a later check is saved)."""

    def __init__(self, model: QuizModel, q: Question, sources, number: int, on_change):
        self.model, self.question, self._on_change = model, q, on_change
        self.options = model.options(q.id)
        self.sources = sources
        self.feedback = w.HTML("")
        self.save_notice = SaveNotice("answer")
        self.check = w.Button(description=t("check"), button_style="primary", disabled=True,
                              tooltip=t("quiz_check_tip"))
        self.retry = w.Button(description=t("try_again"), disabled=True,
                              tooltip=t("quiz_retry_tip"))
        # One tick box per option, for one-answer questions too. In JupyterLab the arrow
        # keys belong to the notebook (they move to the next cell), so in a group of radio
        # buttons a keyboard-only learner could only ever pick the first option; a tick box
        # is reached with Tab and ticked with Space. One-answer boxes untick each other.
        self.controls = [w.Checkbox(value=False, description=o.text, indent=False,
                                    layout=w.Layout(width="auto")) for o in self.options]
        for box in self.controls:
            box.observe(self._on_boxes, names="value")
        inputs = w.VBox([w.HTML(Markup("<em>{}</em>").format(present.hint(q))), *self.controls])
        self.check.on_click(self._on_check)
        self.retry.on_click(self._on_retry)
        prompt = w.HTML(Markup("<h4>{}</h4>").format(present.question_heading(number, q)))
        super().__init__([prompt, inputs, w.HBox([self.check, self.retry]), self.feedback,
                          self.save_notice])
        self.add_class("csc-card")
        self.add_class("csc-question")

    @in_view_language
    def _on_boxes(self, change) -> None:
        # Unticking the others re-enters here with new=False, which only recounts.
        if self.question.type != "multiple" and change["new"]:
            for box in self.controls:
                if box is not change["owner"]:
                    box.value = False
        chosen = {o.id for o, b in zip(self.options, self.controls, strict=True) if b.value}
        self.model.select(self.question.id, chosen)
        self.check.disabled = not chosen

    @in_view_language
    def _on_check(self, _btn=None) -> None:
        result = self.model.check(self.question.id)
        self.feedback.value = present.feedback_html(result, self.sources)
        self.save_notice.show(self.model.last_save)
        for c in self.controls:
            c.disabled = True
        self.check.disabled = True
        self.retry.disabled = False
        self._on_change()

    @in_view_language
    def _on_retry(self, _btn=None) -> None:
        self.model.retry(self.question.id)
        self.feedback.value = ""
        for c in self.controls:
            c.disabled = False
            c.value = False
        self.retry.disabled = True
        self.check.disabled = True
        self._on_change()
