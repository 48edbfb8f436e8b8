"""ClearWidgetState, after nbconvert's ClearOutputPreprocessor: nothing from a run reaches a
handout."""

from __future__ import annotations

import pytest
from nbconvert.preprocessors import ClearOutputPreprocessor

from curriculum.handout.preprocessors import ClearWidgetState

from .handout_support import small_notebook


@pytest.fixture
def preprocessor():
    return ClearWidgetState()


def test_strip_execution_drops_outputs_and_widget_state(preprocessor):
    nb, resources = ClearOutputPreprocessor().preprocess(small_notebook(), {})
    nb, _ = preprocessor.preprocess(nb, resources)
    assert "widgets" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_widget_state_goes_from_every_cell_and_nothing_else_does(preprocessor):
    nb = small_notebook()
    nb.cells[1].metadata.update(widgets={"state": "X"}, tags=["keep"])
    nb, _ = preprocessor.preprocess(nb, {})
    assert "widgets" not in nb.metadata and "widgets" not in nb.cells[1].metadata
    assert nb.cells[1].metadata["tags"] == ["keep"]
    assert nb.cells[1].outputs  # outputs are ClearOutputPreprocessor's job, not this one's
