"""Shared fixtures: the packaged course, a small inline course, and a writable copy of the
content to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curriculum.course.load import CONTENT_DIR
from curriculum.course.packaged import packaged_course

# The one Chromium of the session, shared by the handout and the live-lesson tests.
# Registered here, at the root, and nowhere else: Playwright's sync API cannot start a
# second time while the first is open ("using Playwright Sync API inside the asyncio
# loop"), and a fixture imported into two modules is two fixtures, started twice.
from tests.browser_support import axe_source, browser  # noqa: F401
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
