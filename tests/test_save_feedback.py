"""Nothing says "Saved" unless it was saved: every view tells the learner, on every attempt,
when their answer could not be kept, and says why and what to do (issue 19, point 6).

Each activity kind is driven through its live view with a recorder that fails: a listener
that raises, and the real progress store (a foreign file at its path, a folder that turns
read-only, a file damaged after it was opened). Each time, twice in a row (Python shows a
warning only once), the view must show the not-saved line and still give its feedback; a
working store shows no such line, a later good save clears it, and no recorder at all is
"nothing to save", not a failure. My progress shows a file it cannot read as one line.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from curriculum.activities import attempts
from curriculum.activities.attempts import Attempt, SaveOutcome, add_listener, emit, remove_listener
from curriculum.classroom import recording
from curriculum.classroom.journal import JOURNAL_ENV_VAR
from curriculum.classroom.progress_file import ENV_VAR, ProgressFileError
from curriculum.classroom.recording import Recorder, start_recording, store_for
from curriculum.classroom.store import ProgressStore
from curriculum.course.languages import using_language
from curriculum.course.model import Course, Lesson, Quiz
from curriculum.present import saving, strings
from curriculum.present.catalogue_check import interface_problems
from curriculum.present.strings import t, tn
from tests.inline_course import SOURCE_ID
from tests.test_law import make_law
from tests.test_ordering import make_ordering
from tests.test_quiz import make_quiz
from tests.test_redflags import make_chat
from tests.test_reflection import make_reflection
from tests.test_scenario import make_scenario
from widgets.law import LawView
from widgets.ordering import OrderingView
from widgets.progress_view import UnreadableProgress, progress_view
from widgets.quiz import QuizView
from widgets.redflags import RedFlagsView
from widgets.reflection import ReflectionView
from widgets.saving import SaveNotice
from widgets.scenario import ScenarioView

LANG = "zh-Hant-HK"
NOT_SAVED = "Not saved:"


# -- one driver per activity kind: build the view, make one attempt, read its feedback ----------


@dataclass
class Driver:
    """How a test uses one kind of view: ``act`` makes one new save (a check, a choice, an
    opening, a Save), ``feedback`` is what the learner learns from it, ``notice`` the
    not-saved area."""

    view: object
    act: Callable[[], None]
    feedback: Callable[[], str]
    notice: SaveNotice
    kind: str = ""

    @property
    def model(self):
        return self.view.model


def quiz(course: Course, lesson: Lesson) -> Driver:
    data = make_quiz().model_dump(mode="json")
    for question in data["questions"]:
        question["source"] = SOURCE_ID  # a source the tiny course has
    view = QuizView(course, lesson, Quiz.model_validate(data))
    card = view.cards[0]

    def act():
        if not card.retry.disabled:
            card.retry.click()
        card.controls[0].value = True
        card.check.click()
    return Driver(view, act, lambda: card.feedback.value, card.save_notice)


def scenario(course: Course, lesson: Lesson) -> Driver:
    view = ScenarioView(course, lesson, make_scenario())

    def act():
        if view.model.path:
            view.restart.click()
        view.choice_buttons[1].click()  # "Stay calm": a graded choice
    return Driver(view, act, lambda: view.feedback.value, view.save_notice)


def ordering(course: Course, lesson: Lesson) -> Driver:
    view = OrderingView(course, lesson, make_ordering(n=3))

    def act():
        if view.model.result is not None:
            view.retry.click()
        view.check.click()
    return Driver(view, act, lambda: view.feedback.value, view.save_notice)


def redflags(course: Course, lesson: Lesson) -> Driver:
    view = RedFlagsView(course, lesson, make_chat())

    def act():
        if view.model.result is not None:
            view.retry.click()
        view.boxes["secret"].value = True
        view.check.click()
    return Driver(view, act, lambda: view.feedback.value, view.save_notice)


def law(course: Course, lesson: Lesson) -> Driver:
    view = LawView(course, lesson, make_law())

    def act():
        view.picker.value = "pay" if view.picker.value == "threat" else "threat"
    return Driver(view, act, lambda: view.details.value, view.save_notice)


def reflection(course: Course, lesson: Lesson) -> Driver:
    view = ReflectionView(course, lesson, make_reflection())
    written = iter(range(1000))

    def act():
        view.boxes[0].value = f"Stop, save, tell ({next(written)})."
        view.save.click()
    return Driver(view, act, lambda: view.status.value, view.save_notice)


KINDS = {"quiz": quiz, "scenario": scenario, "ordering": ordering, "redflags": redflags,
         "law": law, "reflection": reflection}
# what each kind's feedback says after an attempt, to show the lesson goes on
FEEDBACK = {"quiz": "A is right", "scenario": "Calm helps.", "ordering": "Why 0",
            "redflags": "Secrecy isolates you.", "law": "In plain words:",
            "reflection": ""}


@pytest.fixture(params=list(KINDS))
def driver(request, tiny) -> Driver:
    made = KINDS[request.param](*tiny)
    made.kind = request.param
    return made


@contextmanager
def listening(listener) -> Iterator[None]:
    add_listener(listener)
    try:
        yield
    finally:
        remove_listener(listener)


def failing(exc: Exception):
    def listener(_attempt: Attempt) -> None:
        raise exc
    return listener


def shown_lines(driver: Driver) -> list[str]:
    """Every value the not-saved area takes from now on (a line shown twice counts twice)."""
    seen: list[str] = []
    driver.notice.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


def not_saved_lines(seen: list[str]) -> list[str]:
    return [v for v in seen if NOT_SAVED in v]


# -- a recorder that fails ----------------------------------------------------------------------


def test_a_failing_recorder_is_named_on_every_attempt_and_the_lesson_goes_on(driver):
    kind = driver.kind
    seen = shown_lines(driver)
    problem = ProgressFileError("/home/s1/progress.sqlite3: not a progress database "
                                   "(damaged, or another program's file); it was left untouched.")
    with listening(failing(problem)), pytest.warns(RuntimeWarning, match="could not record"):
        for attempt in (1, 2):
            driver.act()
            assert NOT_SAVED in driver.notice.value, f"{kind}: attempt {attempt} claims nothing"
            assert 'role="alert"' in driver.notice.value
            assert t("file_problem_damaged") in driver.notice.value
            assert "Tell your teacher." in driver.notice.value
            assert "not a progress database" in driver.notice.value  # the store's words, small
            assert driver.model.last_save.failed and driver.model.last_save.failures == (problem,)
            assert FEEDBACK[kind] in driver.feedback(), f"{kind}: the feedback is still shown"
    assert len(not_saved_lines(seen)) == 2, f"{kind}: the line must be drawn on each attempt"


def test_a_working_recorder_shows_no_line_and_a_later_good_save_clears_it(driver, recorded_attempts):
    full = sqlite3.OperationalError("database or disk is full")
    with listening(failing(full)), pytest.warns(RuntimeWarning):
        driver.act()
    assert t("file_problem_full") in driver.notice.value
    before = len(recorded_attempts)
    driver.act()
    assert len(recorded_attempts) > before, "the working recorder got the answer"
    assert driver.notice.value == ""
    assert driver.model.last_save.saved


def test_no_recorder_is_nothing_to_save_not_a_failure(driver):
    driver.act()
    assert driver.notice.value == ""
    assert driver.model.last_save.nothing_to_save and not driver.model.last_save.failed


def test_the_reflection_never_says_saved_after_a_failed_save(tiny, recorded_attempts):
    d = reflection(*tiny)
    with listening(failing(ProgressFileError("cannot save answers in this folder (read-only)"))):
        with pytest.warns(RuntimeWarning):
            d.act()
            d.act()
    assert "✓" not in d.view.status.value and t("reflection_saved") not in d.view.status.value
    assert t("reflection_unsaved") in d.view.status.value, "'Changes not saved' stays"
    assert not d.model.saved
    d.view.boxes[1].value = "My sister"  # an edit after the failed save: still not saved
    assert t("reflection_unsaved") in d.view.status.value and NOT_SAVED in d.notice.value
    d.view.save.click()
    assert t("reflection_saved") in d.view.status.value and d.notice.value == ""
    assert d.model.saved


def test_a_reflection_with_no_recorder_claims_no_saved_mark(tiny):
    d = reflection(*tiny)
    d.act()
    assert t("reflection_saved") not in d.view.status.value and d.notice.value == ""


def test_one_failing_recorder_among_working_ones_is_still_a_failure(recorded_attempts):
    with listening(failing(OSError(28, "No space left on device"))):
        with pytest.warns(RuntimeWarning):
            outcome = emit(Attempt("l", "a", "quiz", "i", ("x",), True))
    assert recorded_attempts and outcome.recorders == 2 and outcome.failed and not outcome.saved
    assert saving.problem_kind(outcome.failures[0]) == "full"


def test_a_save_of_several_answers_failed_if_any_part_failed():
    ok, bad = SaveOutcome(1), SaveOutcome(1, (ValueError("x"),))
    assert SaveOutcome.combine([ok, bad, ok]).failed
    assert SaveOutcome.combine([ok, ok]).saved
    assert SaveOutcome.combine([]).nothing_to_save


# -- the real progress store ---------------------------------------------------------------------


@contextmanager
def as_a_learner() -> Iterator[None]:
    """Act as an ordinary user inside the block. Root writes into any read-only folder, so
    as root the real and effective user become ``nobody`` (the saved one stays root, to come
    back); anyone else already is a learner."""
    if os.geteuid() != 0:
        yield
        return
    os.setresuid(65534, 65534, 0)
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)


@pytest.fixture
def live_store(monkeypatch) -> Iterator[Path]:
    """The real recorder, started as in a lesson, writing to a fresh progress file in a
    folder an ordinary user may reach (``/tmp``, not root's private pytest folder), with
    the rollback journal a network home folder gets."""
    top = Path(tempfile.mkdtemp(prefix="csc-save-feedback-", dir="/tmp"))
    top.chmod(0o755)
    folder = top / "home"
    folder.mkdir(mode=0o755)
    path = folder / "progress.sqlite3"
    monkeypatch.setenv(JOURNAL_ENV_VAR, "delete")
    monkeypatch.setattr(recording, "_stores", {})
    monkeypatch.setattr(attempts, "_listeners", [])
    store = store_for(path)
    start_recording(store)
    try:
        yield path
    finally:
        store.close()
        folder.chmod(0o755)
        import shutil

        shutil.rmtree(top, ignore_errors=True)


def stored(path: Path) -> int:
    with ProgressStore(path) as s:
        return s.count()


def test_a_real_foreign_file_at_the_progress_path_is_named_every_time(driver, live_store):
    live_store.write_text("someone else's notes")
    seen = shown_lines(driver)
    with pytest.warns(RuntimeWarning):
        driver.act()
        driver.act()
    assert len(not_saved_lines(seen)) == 2
    assert t("file_problem_damaged") in driver.notice.value and str(live_store) in driver.notice.value
    assert live_store.read_text() == "someone else's notes", "the file was left untouched"


def test_a_real_folder_made_read_only_is_named_every_time_and_clears_when_fixed(driver, live_store):
    driver.act()
    assert driver.notice.value == "" and stored(live_store) >= 1
    before = stored(live_store)
    seen = shown_lines(driver)
    live_store.parent.chmod(0o555)
    try:
        with as_a_learner(), pytest.warns(RuntimeWarning):
            driver.act()
            driver.act()
    finally:
        live_store.parent.chmod(0o755)
    assert len(not_saved_lines(seen)) == 2
    assert t("file_problem_read_only") in driver.notice.value
    assert stored(live_store) == before, "nothing was kept, and nothing claimed"
    driver.act()
    assert driver.notice.value == "" and stored(live_store) > before


def test_a_real_file_damaged_after_opening_is_named_every_time(driver, live_store):
    driver.act()
    assert driver.notice.value == ""
    header = live_store.read_bytes()[:100]
    seen = shown_lines(driver)
    with live_store.open("r+b") as fh:
        fh.write(b"\0" * 100)
    with pytest.warns(RuntimeWarning):
        driver.act()
        driver.act()
    assert len(not_saved_lines(seen)) == 2
    assert t("file_problem_damaged") in driver.notice.value
    with live_store.open("r+b") as fh:
        fh.write(header)
    driver.act()
    assert driver.notice.value == ""


# -- the words: from the catalogue, in both languages ------------------------------------------


SAVING_KEYS = [*(f"not_saved_{w}" for w in ("answer", "choice", "reflection")),
               *(f"file_problem_{k}" for k in ("full", "read_only", "damaged", "busy", "newer",
                                               "other")),
               "progress_read_failed", "progress_name_not_saved", "progress_damaged"]


def test_every_saving_word_has_a_current_chinese_translation():
    stale = {p.field for p in interface_problems(LANG)}
    for key in SAVING_KEYS:
        assert key not in stale and key in strings.MESSAGES, key


@pytest.fixture(params=list(KINDS))
def chinese_driver(request, tiny) -> Driver:
    """A view built in Chinese: it answers in the language it was built in."""
    with using_language(LANG):
        made = KINDS[request.param](*tiny)
    made.kind = request.param
    return made


def test_the_not_saved_line_is_in_the_learners_language(chinese_driver):
    driver = chinese_driver
    with using_language(LANG), listening(failing(sqlite3.OperationalError(
            "attempt to write a readonly database"))), pytest.warns(RuntimeWarning):
        driver.act()
        line = driver.notice.value
        assert strings.t("file_problem_read_only") in line
        assert "未能儲存" in line and "請告訴老師" in line and NOT_SAVED not in line
        driver.act()
        assert "未能儲存" in driver.notice.value


def test_the_not_saved_line_takes_every_word_from_the_catalogue(driver):
    pseudo = {key: f"«{value}»" for key, value in strings.MESSAGES.items()}
    with strings.catalogue_override(pseudo), listening(failing(OSError(30, "Read-only"))):
        with pytest.warns(RuntimeWarning):
            driver.act()
        assert "«⚠ Not saved: «the folder for your answers cannot be written to»." in driver.notice.value


@pytest.mark.parametrize("exc, kind", [
    (OSError(28, "No space left on device"), "full"),
    (sqlite3.OperationalError("database or disk is full"), "full"),
    (OSError(30, "Read-only file system"), "read_only"),
    (PermissionError(13, "Permission denied"), "read_only"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
    (ProgressFileError("/h: cannot save answers in this folder (read-only); nothing was "
                          "changed. Set CURRICULUM_PROGRESS_DB to a file in a folder you can "
                          "write."), "read_only"),
    (ProgressFileError("/h/p: not a progress database (damaged, or another program's file); "
                          "it was left untouched."), "damaged"),
    (ProgressFileError("/h/p: damaged progress database (database disk image is malformed)"),
     "damaged"),
    (sqlite3.DatabaseError("file is not a database"), "damaged"),
    (sqlite3.OperationalError("database is locked"), "busy"),
    (ProgressFileError("/h/p: made by a newer version of the course (schema 2)"), "newer"),
    (OSError(5, "Input/output error"), "other"),
    (RuntimeError("NFS server not responding"), "other"),
])
def test_each_failure_is_given_a_plain_reason(exc, kind):
    assert saving.problem_kind(exc) == kind


# -- My progress: a file it cannot read is one line ---------------------------------------------


def one_alert(html: str) -> None:
    assert html.count("<p") == 1 and 'role="alert"' in html and "Traceback" not in html


def test_my_progress_shows_a_store_that_cannot_be_read_as_one_line(course, tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "p.db")

    def damaged(include_private=True):
        raise ProgressFileError(f"{store.path}: row 3 is damaged (answer is not JSON)")

    monkeypatch.setattr(store, "attempts", damaged)
    view = progress_view(course, store)
    assert isinstance(view, UnreadableProgress)
    line = view.children[1].value
    one_alert(line)
    assert t("progress_read_failed", reason=t("file_problem_damaged")) in line and "row 3" in line
    store.close()


def test_my_progress_shows_a_read_that_fails_later_and_clears_it(course, tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "p.db")
    view = progress_view(course, store)
    assert "<svg" in view.chart.value

    def locked(include_private=True):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store, "attempts", locked)
    view.refresh_button.click()
    one_alert(view.read_problem.value)
    assert t("file_problem_busy") in view.read_problem.value and str(store.path) in view.read_problem.value
    assert view.chart.value == "" and view.table.value == "", "no numbers from an earlier read"
    monkeypatch.undo()
    view.refresh_button.click()
    assert view.read_problem.value == "" and "<svg" in view.chart.value
    store.close()


def test_my_progress_names_real_damaged_rows_in_one_line_and_shows_the_rest(course, tmp_path):
    path = tmp_path / "p.db"
    with ProgressStore(path) as store:
        for item in ("q1", "q2", "q3"):
            store.record(Attempt("01-history", "quiz", "quiz", item, ("x",), True))
    con = sqlite3.connect(path)
    con.execute("UPDATE attempts SET answer = 'my secret words' WHERE item != 'q3'")
    con.commit()
    con.close()
    with ProgressStore(path) as store:
        view = progress_view(course, store)
        line = view.read_problem.value
        one_alert(line)
        assert tn("progress_damaged", 2) in line and "attempts row 1" in line
        assert "my secret words" not in line, "a damaged row's text is never shown"
        assert "<svg" in view.chart.value, "the sound answers are still shown"
        con = sqlite3.connect(path)
        con.execute("DELETE FROM attempts WHERE item != 'q3'")
        con.commit()
        con.close()
        view.refresh_button.click()
        assert view.read_problem.value == ""


def test_my_progress_read_failure_is_in_chinese(course, tmp_path, monkeypatch):
    bad = tmp_path / "bad.db"
    bad.write_text("not ours")
    monkeypatch.setenv(ENV_VAR, str(bad))
    monkeypatch.setattr(recording, "_stores", {})
    with using_language(LANG):
        view = progress_view(course)
        line = view.children[1].value
        one_alert(line)
        assert strings.t("progress_read_failed", reason=strings.t("file_problem_damaged")) in line
        assert "未能顯示你的進度" in line


def test_a_name_that_cannot_be_saved_says_so_and_never_saved(course, tmp_path, monkeypatch):
    with ProgressStore(tmp_path / "p.db") as store:
        view = progress_view(course, store)

        def full(name):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(store, "set_pseudonym", full)
        view.name.value = "Night Owl"
        view.save.click()
        one_alert(view.message.value)
        assert t("progress_name_not_saved", reason=t("file_problem_full")) in view.message.value
        assert "Saved." not in view.message.value


def test_a_failed_save_names_the_file_and_keeps_sqlites_reason(tmp_path, monkeypatch):
    """The live recorder names the progress file in its error, and the learner's reason
    still comes from SQLite's own code (disk full), not from guessing at the words."""
    db = tmp_path / "p" / "progress.sqlite3"
    store = ProgressStore(db)

    def full(*_a, **_k):
        err = sqlite3.OperationalError("some words that say nothing")
        err.sqlite_errorname = "SQLITE_FULL"
        raise err

    monkeypatch.setattr(store, "record", full)
    with pytest.raises(ProgressFileError) as raised:
        Recorder(store)(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
    assert str(raised.value).startswith(f"{db}: this answer was not saved")
    assert saving.problem_kind(raised.value) == "full"
