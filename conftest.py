"""Root conftest: make sure nbval really collected the notebooks.

A glob that matches nothing must not pass quietly: when nbval is on and the run covers
``notebooks/``, at least one notebook cell has to be collected.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).parent / "notebooks"
_PROGRESS_TMP: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Answers given during tests go to a throwaway file, never the real user data folder.

    Set in the environment before any kernel starts, so nbval's kernels inherit it too.
    """
    tmp = tempfile.mkdtemp(prefix="csc-progress-")
    _PROGRESS_TMP.append(tmp)
    os.environ["CURRICULUM_PROGRESS_DB"] = str(Path(tmp) / "progress.sqlite3")


def pytest_unconfigure(config: pytest.Config) -> None:
    for tmp in _PROGRESS_TMP:
        shutil.rmtree(tmp, ignore_errors=True)


def pytest_collection_finish(session: pytest.Session) -> None:
    if not session.config.getoption("nbval", default=False):
        return
    args = [Path(a.split("::")[0]).resolve() for a in session.config.args]
    covers_notebooks = any(NOTEBOOKS.resolve() == a or NOTEBOOKS.resolve() in a.parents
                           or a in NOTEBOOKS.resolve().parents for a in args)
    if not covers_notebooks:
        return
    nb_items = [i for i in session.items if str(i.path).endswith(".ipynb")]
    expected = sorted(NOTEBOOKS.rglob("*.ipynb"))
    expected = [p for p in expected if ".ipynb_checkpoints" not in p.parts]
    if not expected or not nb_items:
        raise pytest.UsageError(
            f"nbval collected {len(nb_items)} notebook cells from {len(expected)} notebooks "
            f"under {NOTEBOOKS}: the notebook run must not be empty")
    collected = {Path(str(i.path)).resolve() for i in nb_items}
    missing = [str(p) for p in expected if p.resolve() not in collected]
    if missing and not session.config.getoption("keyword") and not session.config.getoption(
            "markexpr"):
        raise pytest.UsageError(f"nbval did not collect: {', '.join(missing)}")
