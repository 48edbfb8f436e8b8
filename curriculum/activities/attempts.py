"""Every graded answer becomes an ``Attempt``, handed to whoever listens.

The activity models know nothing about storage: they call ``emit``. Progress recording
(SQLite) subscribes with ``add_listener``; tests subscribe a list. A listener that fails
must never break the lesson in front of the learner, so its error is reported once as a
warning and the answer's feedback is still shown.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone


@dataclass(frozen=True)
class Attempt:
    lesson: str
    activity: str
    item: str
    answer: tuple[str, ...]
    correct: bool | None
    attempt: int
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


Listener = Callable[[Attempt], None]
_listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def emit(attempt: Attempt) -> None:
    for listener in list(_listeners):
        try:
            listener(attempt)
        except Exception as exc:  # noqa: BLE001 - a broken recorder must not break a lesson
            warnings.warn(f"could not record this answer: {exc}", RuntimeWarning, stacklevel=2)
