"""KeepOnlyNarrative: the last guard, so nothing but narrative and the chain's HTML is drawn."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from curriculum.handout.cells import html_cell
from curriculum.handout.preprocessors import KeepOnlyNarrative


@pytest.fixture
def preprocessor():
    return KeepOnlyNarrative()


def test_only_markdown_and_html_cells_remain_without_metadata(preprocessor):
    nb = new_notebook(
        cells=[new_markdown_cell("# Kept", metadata={"tags": ["x"]}), new_code_cell("secret()"),
               new_raw_cell("\\LaTeX", metadata={"raw_mimetype": "text/latex"}),
               html_cell("<p>Kept</p>", "handout-01", ["09-test/quiz"])],
        metadata={"widgets": {}, "title": "T", "kernelspec": {"name": "python3", "display_name": "Python 3"}})
    nb, _ = preprocessor.preprocess(nb, {})
    assert [c.cell_type for c in nb.cells] == ["markdown", "raw"]
    assert [dict(c.metadata) for c in nb.cells] == [{}, {"raw_mimetype": "text/html"}]
    assert set(nb.metadata) == {"kernelspec"}
