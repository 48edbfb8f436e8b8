"""CollectRefs: what each code cell shows, read without running it."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from curriculum.course.model import ACTIVITY_KINDS
from curriculum.handout.preprocessors import CollectRefs, HandoutError

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return CollectRefs()


def test_collect_refs_reads_show_calls_in_order(preprocessor):
    nb, _ = preprocessor.preprocess(small_notebook(), {})
    refs = [r for c in nb.cells for r in c.metadata.get("handout_refs", [])]
    assert refs == ["09-test/intro", *[f"09-test/{k}" for k in ACTIVITY_KINDS], "progress",
                    "09-test/summary"]


def test_collect_refs_names_a_broken_cell(preprocessor):
    nb = new_notebook(cells=[new_markdown_cell("x"), new_code_cell("show(")])
    with pytest.raises(HandoutError, match="cell 1"):
        preprocessor.preprocess(nb, {})
