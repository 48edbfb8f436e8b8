"""Red-flag spotter: which messages of a made-up chat the learner marks as warning signs.

``RedFlagsModel`` grades the whole transcript at once: each message is a warning sign
they spotted, one they missed, one they marked that is not a warning sign, or one they
rightly left. Every verdict keeps the message, so the reason from the content can be
shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from curriculum.course.model import ChatMessage, RedFlags

from .attempts import Attempt, SaveOutcome, emit

Verdict = Literal["spotted", "missed", "not_a_flag", "left"]


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
    """Which messages are marked as warning signs, and how that compares with the content.

    Only the other side's messages can be marked and are graded: the learner's own side
    (``own: true``) is part of the story, and scoring it would pad every score with
    messages no one would ever mark.
    """

    def __init__(self, activity: RedFlags, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self._ids = [m.id for m in activity.messages if not m.own]
        self.marked: set[str] = set()
        self.result: RedFlagsResult | None = None
        # what became of the latest answer handed to the recorders (None before any)
        self.last_save: SaveOutcome | None = None

    @property
    def messages(self) -> list[ChatMessage]:
        """The messages a learner can mark (the learner's own side is left out)."""
        return [m for m in self.activity.messages if not m.own]

    def mark(self, message_id: str, flagged: bool = True) -> None:
        if message_id not in self._ids:
            raise KeyError(f"activity {self.activity.id!r} has no message {message_id!r} "
                           "that can be marked")
        if flagged:
            self.marked.add(message_id)
        else:
            self.marked.discard(message_id)

    def check(self) -> RedFlagsResult:
        """Grade every message; emit one attempt for the whole transcript."""
        items = []
        for m in self.messages:
            marked = m.id in self.marked
            if m.red_flag:
                verdict: Verdict = "spotted" if marked else "missed"
            else:
                verdict = "not_a_flag" if marked else "left"
            items.append(MessageFeedback(m, marked, verdict))
        self.result = RedFlagsResult(tuple(items))
        self.last_save = emit(Attempt(self.lesson_id, self.activity.id, self.activity.kind,
                                      self.activity.id,
                                      tuple(i for i in self._ids if i in self.marked),
                                      self.result.all_correct))
        return self.result

    def retry(self) -> None:
        self.marked = set()
        self.result = None
