"""AppendSources: every handout of a lesson ends with the sources of what it shows."""

from __future__ import annotations

import pytest

from curriculum.handout.preprocessors import AppendSources

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return AppendSources()


@pytest.mark.parametrize("audience", ["student", "educator"])
def test_the_sources_come_last_for_both_audiences(preprocessor, small_course, audience):
    resources = {"handout": {"course": small_course, "audience": audience, "lesson": "09-test"}}
    nb, _ = preprocessor.preprocess(small_notebook(), resources)
    last = nb.cells[-1]
    assert last.get("id") == "handout-sources" and "https://example.org/s1" in last.source


def test_a_notebook_of_no_lesson_gets_no_sources(preprocessor, small_course):
    resources = {"handout": {"course": small_course, "audience": "student", "lesson": None}}
    nb, _ = preprocessor.preprocess(small_notebook(), resources)
    assert len(nb.cells) == len(small_notebook().cells)
