"""Reading a class's hand-ins: a folder of progress exports, one learner each.

``load_results`` reads every ``*.json`` in a folder. A bad file is listed with its reason
and skipped, never fatal; a learner who handed in twice counts once (the latest export
wins). Every file is checked against the one export model (``classroom.export``), straight
from its bytes; only a file that fails is decoded again to say, in one line, what is
wrong and where (``attempts[3].answer: must be a list of text``).

The attempts themselves are not kept: each is counted into a ``LearnerTally`` as its
file is read, which is all ``classroom.report`` needs for its numbers.
"""

from __future__ import annotations

import json
import os
import pwd
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.course.files import Unread, read_regular

from .completion import ItemStates, UnitKey
from .dropbox import MARKER, identity_for
from .export import (
    PRIVATE_KINDS,
    ExportedAttempt,
    ProgressExport,
    describe,
    header_problem,
    validate_data,
)
from .handin import PART_SUFFIX, account_slug, name_account

MAX_FILE_BYTES = 20 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"

ItemKey = tuple[str, str, str]


class BadFile(ValueError):
    """A results file that cannot be used; the message is the reason shown to the educator."""


class ClassKeys:
    """One copy of each question key, answer and first-try record for a whole class.

    Ten thousand learners answer the same few dozen questions with the same few options;
    sharing these tuples keeps each tally a table of references instead of thousands of
    equal tuples.
    """

    __slots__ = ("items", "tuples")

    def __init__(self) -> None:
        self.items: dict[ItemKey, tuple[ItemKey, UnitKey]] = {}
        self.tuples: dict[tuple, tuple] = {}

    def item(self, lesson: str, activity: str, item: str) -> tuple[ItemKey, UnitKey]:
        """The shared ``(lesson, activity, item)`` key and its ``(lesson, activity, None)``."""
        key = (lesson, activity, item)
        pair = self.items.get(key)
        if pair is None:
            pair = self.items[key] = (key, (lesson, activity, None))
        return pair

    def shared(self, value: tuple) -> tuple:
        """The class's one copy of ``value`` (equal tuples are interchangeable)."""
        return self.tuples.setdefault(value, value)


class LearnerTally:
    """What the report needs from one learner's attempts, counted as the file is read.

    The attempts themselves are dropped with the decoded file: 10,000 hand-ins hold about
    600,000 of them, and keeping them cost most of a report's time and memory. What stays
    per learner is a few dozen keys: the latest state of each item (for completion), the
    first try at each graded question (the lowest attempt number, whatever the order in
    the file), the wrong answers given, and the reflections seen.
    """

    __slots__ = ("states", "first", "wrong", "private", "attempts", "_keys")

    def __init__(self, keys: ClassKeys | None = None) -> None:
        self.states = ItemStates()
        self.first: dict[ItemKey, tuple[int, bool]] = {}  # (attempt number, right?)
        self.wrong: Counter[tuple[ItemKey, tuple[str, ...]]] = Counter()
        self.private: Counter[str] = Counter()  # reflections per lesson, never shown
        self.attempts = 0
        self._keys = ClassKeys() if keys is None else keys

    def add(self, attempts: Iterable[ExportedAttempt]) -> None:
        """Count valid attempts, oldest first (the loop of a 10,000-file report: kept lean)."""
        item, shared = self._keys.item, self._keys.shared
        add_state, first, wrong = self.states.add, self.first, self.wrong
        n = 0
        for a in attempts:
            n += 1
            key, activity_key = item(a.lesson, a.activity, a.item)
            correct = a.correct
            add_state(key, activity_key, correct)
            if a.kind in PRIVATE_KINDS:
                self.private[a.lesson] += 1
                continue
            if correct is None:
                continue
            number = a.attempt
            seen = first.get(key)
            if seen is None or number < seen[0]:
                first[key] = shared((number, correct))
            if not correct:
                wrong[key, shared(tuple(a.answer))] += 1
        self.attempts += n


@dataclass(slots=True)
class LearnerResult:
    key: str
    pseudonym: str
    exported_at: datetime
    file: str
    tally: LearnerTally
    account: str | None = None  # who handed it in, as the drop-box proves it (None: not checked)


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class Loaded:
    learners: list[LearnerResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # older hand-ins superseded by a later one
    files_read: int = 0
    identity: str = "file"  # the drop-box's identity rule the files were read by


def _result(doc: ProgressExport, keys: ClassKeys | None) -> LearnerResult:
    tally = LearnerTally(keys)
    tally.add(doc.attempts)
    when = datetime.fromisoformat(doc.exported_at)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    when.timestamp()  # a date a clock can hold (year 1 in a far time zone cannot): checked here
    return LearnerResult(doc.learner.key, doc.learner.pseudonym, when, "", tally)


def parse_export(data: Any, keys: ClassKeys | None = None) -> LearnerResult:
    """Check one decoded export and return it; ``BadFile`` says what is wrong and where."""
    problem = header_problem(data)
    if problem:
        raise BadFile(problem)
    try:
        doc = validate_data(data)
    except ValidationError as exc:
        raise BadFile(describe(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise BadFile(str(exc) or "not a progress export") from None
    try:
        return _result(doc, keys)
    except (ValueError, OverflowError):
        raise BadFile("exported_at: not a date this report can use") from None


def _explain(raw: bytes, exc: ValidationError) -> str:
    """Why bytes that failed the model are not an export, in the words that help most."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "not text (UTF-8): not a progress export"
    except json.JSONDecodeError as err:
        return f"not valid JSON, truncated or damaged (line {err.lineno}, column {err.colno})"
    except RecursionError:
        return "nested too deeply: not a progress export"
    except ValueError as err:  # e.g. a number with thousands of digits
        return f"not a progress export ({err})"
    try:
        return header_problem(data) or describe(exc)
    except RecursionError:
        return "nested too deeply: not a progress export"


def parse_bytes(raw: bytes, keys: ClassKeys | None = None) -> LearnerResult:
    """One hand-in's bytes, checked straight against the model (the fast path every valid
    file takes); ``BadFile`` says what is wrong and where."""
    raw = raw.removeprefix(UTF8_BOM)  # Windows' Notepad adds one; it is still the same JSON
    try:
        doc = ProgressExport.model_validate_json(raw)
    except ValidationError as exc:
        raise BadFile(_explain(raw, exc)) from None
    except (ValueError, RecursionError):
        raise BadFile("not a progress export (its JSON cannot be read)") from None
    try:
        return _result(doc, keys)
    except (ValueError, OverflowError):
        raise BadFile("exported_at: not a date this report can use") from None


def read_entry(dir_fd: int, name: str) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``name`` in the folder ``dir_fd``, and its status.

    A student can put anything into a drop-box: a link (to a teacher's file, or to
    ``/dev/zero``), a pipe that blocks a reader forever, a file that grows while it is
    read. So it is read as every such file is (``course.files.read_regular``): without
    following a link or blocking, a regular file checked on the open descriptor, capped.
    """
    try:
        return read_regular(name, MAX_FILE_BYTES, dir_fd=dir_fd)
    except Unread as exc:
        if exc.why == "link":
            raise BadFile("a link, not a file: not followed") from None
        if exc.why == "not_regular":
            raise BadFile("not a regular file (a pipe, device or socket): not read") from None
        if exc.why == "too_large":
            raise BadFile(_too_big()) from None
        raise BadFile(f"cannot read ({(exc.error.strerror or str(exc.error)).lower()})") from None


def _too_big() -> str:
    return f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not a progress export"


@dataclass(frozen=True)
class Entry:
    """A drop-box file to read: its name as shown, the folder it is in, and whose folder."""

    shown: str
    dir_fd: int
    name: str
    folder_account: str | None  # the student's own sub-folder (folder rule), else None


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a link, not a file: not followed"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "file"
    return "not a regular file (a pipe, device or socket): not read"


def _walk(top_fd: int, out: Loaded, identity: str) -> Iterator[Entry]:
    """Every ``*.json`` the report should read, entry by entry, one folder level down;
    every other entry is named in ``out.skipped`` with the reason.

    ``os.scandir`` on a descriptor and ``lstat`` on each name: a link is never followed
    (a folder link could lead anywhere), and one unreadable entry never hides the rest
    (``glob`` silently skips every sub-folder when one link cannot be read).
    """
    for name, shown, kind in _entries(top_fd, "", out):
        if kind == "file" and identity == "folder":
            out.skipped.append(Skipped(shown, "not in a student's own folder: not counted"))
        elif kind == "file":
            yield Entry(shown, top_fd, name, None)
        elif kind == "a folder":
            yield from _walk_folder(top_fd, name, out, identity)
        else:
            out.skipped.append(Skipped(shown, kind))


def _walk_folder(top_fd: int, folder: str, out: Loaded, identity: str) -> Iterator[Entry]:
    if folder.startswith("."):
        out.skipped.append(Skipped(folder + "/", "a hidden folder: not read"))
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top_fd)
    except OSError as exc:
        out.skipped.append(Skipped(folder + "/", f"cannot read ({(exc.strerror or '').lower()})"))
        return
    try:
        for name, shown, kind in _entries(fd, folder + "/", out):
            if kind == "file":
                yield Entry(shown, fd, name, folder if identity == "folder" else None)
            elif kind == "a folder":
                out.skipped.append(Skipped(shown + "/", "a folder inside a folder: not read"))
            else:
                out.skipped.append(Skipped(shown, kind))
    finally:
        os.close(fd)


def _entries(fd: int, prefix: str, out: Loaded) -> Iterator[tuple[str, str, str]]:
    """(name, name as shown, kind) of each entry in the folder ``fd``, its own status read
    without following a link; a file that is not ``*.json`` and an entry that cannot be
    read are named in ``out.skipped`` instead."""
    for name in _names(fd, out, prefix):
        shown = prefix + name
        try:
            kind = _kind(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode)
        except OSError as exc:
            out.skipped.append(Skipped(shown, f"cannot read ({(exc.strerror or '').lower()})"))
            continue
        if kind == "file" and not name.endswith(".json"):
            out.skipped.append(Skipped(shown, _not_json(name)))
            continue
        yield name, shown, kind


def _names(fd: int, out: Loaded, shown: str) -> list[str]:
    try:
        with os.scandir(fd) as entries:
            names = sorted(e.name for e in entries)
    except OSError as exc:
        out.skipped.append(Skipped(shown or ".", f"cannot list ({(exc.strerror or '').lower()})"))
        return []
    return [n for n in names if n != MARKER]


def _not_json(name: str) -> str:
    if name.startswith(".") and name.endswith(PART_SUFFIX):
        return "a hand-in still being written (or one that failed): not read"
    return "not a hand-in (.json file): not read"


def _account(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _check_identity(entry: Entry, st: os.stat_result, identity: str) -> str | None:
    """The account the hand-in counts for, by the drop-box's rule; ``BadFile`` when the
    file's owner (or folder) and its name disagree."""
    if identity == "file":
        return None
    if identity == "folder":
        return entry.folder_account
    owner = _account(st.st_uid)
    named = name_account(entry.name)
    if named is None:
        raise BadFile(f"not named like a hand-in (<account>-<time>.json); its owner is {owner}: "
                      "not counted")
    if named != account_slug(owner):
        raise BadFile(f"named for the account {named!r} but handed in by {owner!r}: not counted")
    return owner


def load_results(folder: Path, identity: str | None = None) -> Loaded:
    """Every ``*.json`` in ``folder`` and in its folders one level down: valid ones by
    learner (latest export wins), everything else named in ``skipped`` with its reason.

    One level down is where a drop-box keeps each student's hand-ins when the hub cannot
    make a write-only folder (on Zero to JupyterHub every student's server runs as the
    same user, so each gets a folder of their own: see ``deploy/``). Who each file counts
    for follows the drop-box's identity rule (``classroom.dropbox.identity_for``: the
    ``identity`` given, else the one the drop-box records): under ``owner`` and
    ``folder`` one account is one learner, whatever pseudonyms its files claim.
    """
    folder = Path(folder)
    out = Loaded(identity=identity_for(folder, identity))
    latest: dict[str, LearnerResult] = {}
    keys = ClassKeys()
    try:
        top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        out.skipped.append(Skipped(str(folder), f"cannot read this folder "
                                                f"({(exc.strerror or str(exc)).lower()})"))
        return out
    try:
        for entry in _walk(top, out, out.identity):
            out.files_read += 1
            try:
                raw, st = read_entry(entry.dir_fd, entry.name)
                account = _check_identity(entry, st, out.identity)
                result = parse_bytes(raw, keys)
            except BadFile as exc:
                out.skipped.append(Skipped(entry.shown, str(exc)))
                continue
            result.file = entry.shown
            result.account = account
            who = account if account is not None else result.key
            old = latest.get(who)
            if old is None:
                latest[who] = result
            elif (_stamp(result), result.file) > (_stamp(old), old.file):
                out.replaced.append(old.file)
                latest[who] = result
            else:
                out.replaced.append(result.file)
    finally:
        os.close(top)
    out.skipped.sort(key=lambda s: s.name)
    out.learners = sorted(latest.values(), key=lambda r: (r.pseudonym.casefold(), r.account or "",
                                                           r.key))
    return out


def _stamp(r: LearnerResult) -> float:
    return r.exported_at.timestamp()
