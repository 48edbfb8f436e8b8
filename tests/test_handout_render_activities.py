"""RenderActivities: each code cell becomes the static HTML of what it shows."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from curriculum.course.model import ACTIVITY_KINDS
from curriculum.handout.preprocessors import CollectRefs, HandoutError, RenderActivities

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return RenderActivities()


def test_render_replaces_code_with_html_and_rejects_unknown_refs(preprocessor, small_course):
    student = {"handout": {"course": small_course, "audience": "student"}}
    nb, res = CollectRefs().preprocess(small_notebook(), student)
    nb, res = preprocessor.preprocess(nb, res)
    assert [c.cell_type for c in nb.cells].count("code") == 0
    assert sum(c.cell_type == "raw" for c in nb.cells) == len(ACTIVITY_KINDS) + 3
    bad = new_notebook(cells=[new_code_cell('show("09-test/nope")')])
    bad, _ = CollectRefs().preprocess(bad, {})
    with pytest.raises(HandoutError, match="has no activity 'nope'"):
        preprocessor.preprocess(bad, student)
