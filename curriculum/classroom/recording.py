"""Recording answers as they are given, into the store named when recording starts.

Recording starts explicitly with the store it writes to (``start_recording(store)``), as
nbgrader opens its gradebook where it writes: nothing looks up a path or a kind on each
answer, and a view built by a test or a benchmark records nothing until someone starts
it. ``store_for`` keeps one open store per file in a process, so every view in a kernel
writes through the same connection.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.activities.attempts import Attempt, add_listener, remove_listener

from .progress_file import ProgressFileError
from .store import ProgressStore, default_path

_stores: dict[Path, ProgressStore] = {}
_stores_lock = threading.Lock()


def store_for(path: Path | None = None) -> ProgressStore:
    """The open store for ``path`` (default: the learner's own file), opened once per process."""
    path = path or default_path()
    with _stores_lock:
        if path not in _stores:
            _stores[path] = ProgressStore(path)
        return _stores[path]


@dataclass(frozen=True)
class Recorder:
    """The listener that writes each answer into one store. Two recorders of the same store
    are equal, so starting twice records each answer once."""

    store: ProgressStore

    def __call__(self, attempt: Attempt) -> None:
        try:
            self.store.record(attempt)
        except sqlite3.Error as exc:  # named with its file, for whoever repairs it; the view
            raise ProgressFileError(   # still reads SQLite's own code from the cause
                f"{self.store.path}: this answer was not saved ({exc})") from exc


@dataclass(frozen=True)
class Unopened:
    """Listens in place of a store that could not be opened, so that every answer fails with
    the reason (and the learner is told each time) instead of looking saved. All are equal:
    there is at most one, and starting a recorder replaces it."""

    error: Exception = field(compare=False)

    def __call__(self, attempt: Attempt) -> None:
        raise self.error.with_traceback(None)


def start_recording(store: ProgressStore) -> None:
    """From now on every answer emitted in this process is recorded in ``store``."""
    remove_listener(Unopened(ProgressFileError()))
    add_listener(Recorder(store))


def stop_recording(store: ProgressStore) -> None:
    """Answers are no longer recorded in ``store``."""
    remove_listener(Recorder(store))


def start_refusing(error: Exception) -> None:
    """The learner's store could not be opened: every answer from now on fails with
    ``error``, until ``start_recording`` is given a store."""
    remove_listener(Unopened(error))
    add_listener(Unopened(error))


def record_for_the_learner() -> None:
    """From now on answers given in this process are saved to the learner's own progress file.

    A file that cannot be opened does not stop the lesson: each answer then says why it was
    not saved, and the next call (the next ``show()``) tries the file again.
    """
    try:
        store = store_for()
    except ProgressFileError as exc:
        start_refusing(exc)
        return
    start_recording(store)
