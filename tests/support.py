"""What every test module may need: where the repository is, and how to say a real part
(a browser, root, a font, a hub) is missing.

A test that needs a real part skips locally with the reason and fails under ``CI=true``,
because CI's ``.ci/run`` provides every part: a skip there would hide a test that never ran.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail in CI, when something a test needs is missing."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a skip is a failure, .ci/run provides this)")
    pytest.skip(reason)
