"""InsertEducatorNotes: the lesson plan and notes, in the educator guide only."""

from __future__ import annotations

import pytest

from curriculum.handout.preprocessors import CollectRefs, InsertEducatorNotes

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return InsertEducatorNotes()


@pytest.mark.parametrize("audience", ["student", "educator"])
def test_the_notes_follow_the_intro_in_the_educator_guide_only(preprocessor, small_course,
                                                              audience):
    resources = {"handout": {"course": small_course, "audience": audience, "lesson": "09-test"}}
    nb, _ = CollectRefs().preprocess(small_notebook(), {})
    before = len(nb.cells)
    nb, _ = preprocessor.preprocess(nb, resources)
    notes = [i for i, c in enumerate(nb.cells) if c.get("id") == "handout-notes"]
    if audience == "educator":
        assert notes == [2] and "FACILITATE" in nb.cells[2].source  # cell 1 shows the intro
    else:
        assert not notes and len(nb.cells) == before
