"""Every lesson in the light and the dark theme, after its activities were used.

This phase runs after test_activities_live.py, so the activities show their feedback,
scores and chosen paths, the states a learner most needs to read. In each theme the
lesson is photographed for a person to look at (``build/screenshots/``) and axe-core
audits the output of every ``show(...)`` cell in one pass: no serious or critical
violation, colour contrast included.
"""

from __future__ import annotations

import pytest

from ..browser_support import ROOT, describe, run_axe
from . import lab

pytestmark = pytest.mark.e2e

SHOTS = ROOT / "build" / "screenshots"


@pytest.mark.parametrize("theme", list(lab.THEMES))
def test_theme_screenshot_and_axe(lesson_run, theme, axe_source):
    page = lesson_run.page
    shot = SHOTS / f"{lesson_run.lesson.name}-{theme}.png"
    outputs = ", ".join(f"{lesson_run.cell(c.index)} .jp-OutputArea-output" for c in lesson_run.lesson.cells)
    assert outputs, f"{lesson_run.lesson.name} shows nothing to audit"
    lab.set_theme(page, theme)
    try:
        lab.screenshot_notebook(page, lesson_run.panel, shot)
        audited = page.locator(outputs).count()
        violations = run_axe(page, axe_source, outputs)
    finally:
        lab.set_theme(page, "light")
    assert audited >= len(lesson_run.lesson.cells), f"only {audited} outputs found to audit"
    assert not violations, f"axe ({theme}, {lesson_run.lesson.name}):\n{describe(violations)}"
    assert shot.stat().st_size > 10_000
