"""AssignHeadingLevels: each activity's title fits the page's heading outline."""

from __future__ import annotations

import pytest

from curriculum.handout.preprocessors import AssignHeadingLevels

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return AssignHeadingLevels()


def levels(nb) -> list[int]:
    return [c.metadata["handout_level"] for c in nb.cells if c.cell_type == "code"]


def test_heading_levels_follow_the_markdown_above(preprocessor):
    nb, _ = preprocessor.preprocess(small_notebook(), {})
    found = levels(nb)
    assert found[0] == 2 and found[1] == 3 and found[-1] == 3


def test_the_deepest_level_is_configurable(preprocessor):
    preprocessor.deepest = 2
    nb, _ = preprocessor.preprocess(small_notebook(), {})
    assert set(levels(nb)) == {2}
