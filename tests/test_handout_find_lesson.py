"""FindLesson: the lesson a notebook teaches names the handout, for its audience."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from curriculum.handout.preprocessors import CollectRefs, FindLesson, HandoutError

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return FindLesson()


def with_refs(nb):
    return CollectRefs().preprocess(nb, {})[0]


@pytest.mark.parametrize("audience", ["student", "educator"])
def test_the_lesson_and_its_title_go_into_the_resources(preprocessor, small_course, audience):
    resources = {"handout": {"course": small_course, "audience": audience}}
    _, resources = preprocessor.preprocess(with_refs(small_notebook()), resources)
    handout = resources["handout"]
    assert handout["lesson"] == "09-test" and handout["title"].startswith("Lesson")
    assert (handout["banner"] != handout["kind"]) is (audience == "educator")


def test_a_notebook_showing_two_lessons_is_refused(preprocessor, small_course):
    nb = with_refs(new_notebook(cells=[new_code_cell('show("09-test/quiz")\nshow("01-x/quiz")')]))
    with pytest.raises(HandoutError, match="several lessons: 09-test, 01-x"):
        preprocessor.preprocess(nb, {"handout": {"course": small_course, "audience": "student"}})
