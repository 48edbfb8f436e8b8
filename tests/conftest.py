"""Shared fixtures: the packaged course, a small inline course, and a writable copy of the
content to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curriculum.activities import attempts
from curriculum.activities.attempts import Attempt
from curriculum.course.load import CONTENT_DIR
from curriculum.course.packaged import packaged_course

# The one Chromium of the session, shared by the handout and the live-lesson tests.
# Registered here, at the root, and nowhere else: Playwright's sync API cannot start a
# second time while the first is open ("using Playwright Sync API inside the asyncio
# loop"), and a fixture imported into two modules is two fixtures, started twice.
from tests.browser_support import axe_source, browser  # noqa: F401
from tests.handout_support import HandoutFiles, build_every_handout, make_course
from tests.inline_course import tiny_course
from tests.support import ROOT

NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="session")
def course():
    return packaged_course()


@pytest.fixture(scope="module")
def tiny():
    """The small inline course of ``tests/inline_course.py``, built once per test module."""
    return tiny_course()


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the packaged content that a test may damage."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def lesson_notebooks() -> list[Path]:
    found = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    assert found, f"no lesson notebooks found under {NOTEBOOKS}"
    return found


# -- handouts: the inline course, and one build of every handout per session -----------------

@pytest.fixture(scope="module")
def small_course():
    """``handout_support.make_course()``: one lesson with an activity of every kind."""
    return make_course()


@pytest.fixture(scope="session")
def handout_files(tmp_path_factory, course) -> HandoutFiles:
    """Every handout and kit page of the packaged course, built once per session.

    Each session builds into its own folder: ``make test`` runs the browser tests beside
    the rest, and two builds must not write the same files.
    """
    return build_every_handout(course, tmp_path_factory.mktemp("handouts"))


@pytest.fixture(scope="session")
def handouts(handout_files) -> dict[tuple[str, str], Path]:
    """{(lesson, audience): path} of the English handouts."""
    return handout_files.english


# -- answers: what the activity models emit -----------------------------------------------------

@pytest.fixture
def recorded_attempts(monkeypatch) -> list[Attempt]:
    """Every ``Attempt`` emitted during the test, in order. The test starts with no other
    listener (so nothing it does reaches a progress file unless it starts recording), and
    whatever it starts listening is gone after it."""
    seen: list[Attempt] = []
    monkeypatch.setattr(attempts, "_listeners", [seen.append])
    return seen
