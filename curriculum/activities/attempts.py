"""Every graded answer becomes an ``Attempt``, handed to whoever listens.

The activity models know nothing about storage: they call ``emit``. Progress recording
(SQLite) subscribes with ``add_listener``; tests subscribe a list. A listener that fails
must never break the lesson in front of the learner, so its error is caught and the
answer's feedback is still shown; but the learner must also be told, every time, that
the answer was not kept. So ``emit`` returns a ``SaveOutcome`` naming each failure, each
model keeps the outcome of its last save (``last_save``) and each view words it
(``curriculum.present.saving``). A warning is also written for the server's log; it is
never the only sign, since JupyterLab does not show warnings raised in a button's
callback and Python shows each one only once.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone


@dataclass(frozen=True)
class Attempt:
    """One answer, as the activity that took it gives it: with its kind, which the activity
    knows (so a recorder never looks it up), and without a number, which the store gives
    (a count kept here would start again with every kernel)."""

    lesson: str
    activity: str
    kind: str
    item: str
    answer: tuple[str, ...]
    correct: bool | None
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


@dataclass(frozen=True)
class SaveOutcome:
    """What became of one save: how many recorders took it, and why each one that failed did.

    Three cases a view must tell apart: ``saved`` (at least one recorder, none failed),
    ``failed`` (a recorder raised: say so, never "Saved") and ``nothing_to_save`` (no
    recorder listens, as in a handout or a test: not a failure, and not "Saved" either).
    """

    recorders: int = 0
    failures: tuple[Exception, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.failures)

    @property
    def saved(self) -> bool:
        return self.recorders > 0 and not self.failures

    @property
    def nothing_to_save(self) -> bool:
        return self.recorders == 0

    @staticmethod
    def combine(outcomes: Iterable[SaveOutcome]) -> SaveOutcome:
        """One outcome for a save made of several attempts (a reflection's answers): it
        failed if any part failed."""
        outcomes = list(outcomes)
        return SaveOutcome(max((o.recorders for o in outcomes), default=0),
                           tuple(exc for o in outcomes for exc in o.failures))


Listener = Callable[[Attempt], None]
_listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def emit(attempt: Attempt) -> SaveOutcome:
    """Hand ``attempt`` to every listener; return what happened, failures included."""
    listeners = list(_listeners)
    failures: list[Exception] = []
    for listener in listeners:
        try:
            listener(attempt)
        except Exception as exc:  # noqa: BLE001 - a broken recorder must not break a lesson
            failures.append(exc)
            warnings.warn(f"could not record this answer: {exc}", RuntimeWarning, stacklevel=2)
    return SaveOutcome(len(listeners), tuple(failures))
