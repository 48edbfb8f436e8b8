"""Red-flag spotter: mark the messages in a made-up chat that are warning signs.

``RedFlagsModel`` holds which messages the learner marked and grades the whole
transcript at once: each message is either a warning sign they spotted, one they
missed, one they marked that is not a warning sign, or one they rightly left. Every
verdict comes with the reason from the content, so the learner learns why, not just
whether. ``RedFlagsView`` shows the transcript with one labelled checkbox per message
(keyboard usable), a Check and a Try again button, and the feedback in words and
symbols, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import ipywidgets as w

from curriculum import html as h
from curriculum.model import ChatMessage, Course, Lesson, RedFlags

from .attempts import Attempt, emit
from .style import style_tag

Verdict = Literal["spotted", "missed", "not_a_flag", "left"]
VERDICT_TEXT: dict[str, tuple[str, str]] = {
    # verdict: (symbol, words)
    "spotted": ("✓", "Warning sign you spotted"),
    "missed": ("✗", "Warning sign you missed"),
    "not_a_flag": ("✗", "Not a warning sign"),
    "left": ("✓", "Correctly left"),
}


@dataclass(frozen=True)
class MessageFeedback:
    message: ChatMessage
    marked: bool
    verdict: Verdict

    @property
    def correct(self) -> bool:
        return self.verdict in ("spotted", "left")


@dataclass(frozen=True)
class RedFlagsResult:
    items: tuple[MessageFeedback, ...]
    attempt: int

    @property
    def score(self) -> int:
        return sum(1 for i in self.items if i.correct)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def all_correct(self) -> bool:
        return self.score == self.total

    def count(self, verdict: Verdict) -> int:
        return sum(1 for i in self.items if i.verdict == verdict)


class RedFlagsModel:
    """Which messages are marked as warning signs, and how that compares with the content."""

    def __init__(self, activity: RedFlags, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self._ids = [m.id for m in activity.messages]
        self.marked: set[str] = set()
        self.result: RedFlagsResult | None = None
        self.attempts = 0

    @property
    def messages(self) -> list[ChatMessage]:
        return list(self.activity.messages)

    def mark(self, message_id: str, flagged: bool = True) -> None:
        if message_id not in self._ids:
            raise KeyError(f"activity {self.activity.id!r} has no message {message_id!r}")
        if flagged:
            self.marked.add(message_id)
        else:
            self.marked.discard(message_id)

    def check(self) -> RedFlagsResult:
        """Grade every message; emit one attempt for the whole transcript."""
        self.attempts += 1
        items = []
        for m in self.activity.messages:
            marked = m.id in self.marked
            if m.red_flag:
                verdict: Verdict = "spotted" if marked else "missed"
            else:
                verdict = "not_a_flag" if marked else "left"
            items.append(MessageFeedback(m, marked, verdict))
        self.result = RedFlagsResult(tuple(items), self.attempts)
        emit(Attempt(self.lesson_id, self.activity.id, self.activity.id,
                     tuple(i for i in self._ids if i in self.marked),
                     self.result.all_correct, self.attempts))
        return self.result

    def retry(self) -> None:
        self.marked = set()
        self.result = None


def score_text(result: RedFlagsResult) -> str:
    flags = result.count("spotted") + result.count("missed")
    return (f"Score: {result.score} of {result.total} messages right · you spotted "
            f"{result.count('spotted')} of {flags} warning signs")


def result_html(result: RedFlagsResult, number: dict[str, int]) -> str:
    """Per-message verdicts, each with its reason, and the score in words."""
    rows = []
    for item in result.items:
        symbol, words = VERDICT_TEXT[item.verdict]
        cls = "csc-good" if item.correct else "csc-bad"
        rows.append(f'<li class="{cls}"><strong>{symbol} Message {number[item.message.id]}: '
                    f"{h.esc(words)}.</strong> <em>{h.esc(item.message.text)}</em><br>"
                    f"{h.esc(item.message.why)}</li>")
    verdict = ("<strong>✓ You sorted every message correctly.</strong>" if result.all_correct
               else "<strong>Here is how each message rates.</strong>")
    return (f'<div role="status">{verdict}<p class="csc-score">{h.esc(score_text(result))}</p>'
            f'<ul class="csc-plain-list">{"".join(rows)}</ul></div>')


def message_html(n: int, message: ChatMessage) -> str:
    return (f'<div class="csc-chat"><strong>{n}. {h.esc(message.sender)}:</strong> '
            f"{h.esc(message.text)}</div>")


class RedFlagsView(w.VBox):
    """The transcript with a checkbox per message, Check, Try again and the feedback."""

    def __init__(self, course: Course, lesson: Lesson, activity: RedFlags):
        self.model = RedFlagsModel(activity, lesson.id)
        self.number = {m.id: n for n, m in enumerate(activity.messages, start=1)}
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>"
                        "<p><em>This chat is made up.</em></p>")
        self.boxes: dict[str, w.Checkbox] = {}
        rows = []
        for m in activity.messages:
            n = self.number[m.id]
            box = w.Checkbox(value=False, description=f"Message {n} is a warning sign",
                             indent=False, layout=w.Layout(width="auto"))
            box.observe(lambda change, mid=m.id: self.model.mark(mid, change["new"]),
                        names="value")
            self.boxes[m.id] = box
            row = w.VBox([w.HTML(message_html(n, m)), box])
            row.add_class("csc-card")
            rows.append(row)
        self.check = w.Button(description="Check", button_style="primary",
                              tooltip="See which messages are warning signs")
        self.retry = w.Button(description="Try again", disabled=True,
                              tooltip="Clear your marks and try again")
        self.check.on_click(self._on_check)
        self.retry.on_click(self._on_retry)
        self.feedback = w.HTML("")
        sources = w.HTML(h.sources_line(course.source(lesson.id, s) for s in activity.sources))
        super().__init__([header, *rows, w.HBox([self.check, self.retry]), self.feedback,
                          sources])
        self.add_class("csc-redflags")

    def _on_check(self, _btn=None) -> None:
        result = self.model.check()
        self.feedback.value = result_html(result, self.number)
        for box in self.boxes.values():
            box.disabled = True
        self.check.disabled = True
        self.retry.disabled = False

    def _on_retry(self, _btn=None) -> None:
        self.model.retry()
        self.feedback.value = ""
        for box in self.boxes.values():
            box.disabled = False
            box.value = False
        self.check.disabled = False
        self.retry.disabled = True
