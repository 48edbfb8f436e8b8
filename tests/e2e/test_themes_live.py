"""Every lesson in the light and the dark theme, after its activities were used.

This phase runs after test_activities_live.py, so the activities show their feedback,
scores and chosen paths, the states a learner most needs to read; nothing is run again
for it, only the theme changes. In each theme axe-core audits the output of every
``show(...)`` cell in one pass: no serious or critical violation, colour contrast
included. The lesson is photographed for a person to look at (``build/screenshots/``)
when ``E2E_ARTIFACTS=1`` or when the audit fails.
"""

from __future__ import annotations

import pytest

from ..browser_support import artifacts_wanted, describe, run_axe
from ..support import ROOT
from . import lab

pytestmark = pytest.mark.e2e

SHOTS = ROOT / "build" / "screenshots"


@pytest.mark.parametrize("theme", list(lab.THEMES))
def test_theme_axe_audit(lesson_run, theme, axe_source):
    page = lesson_run.page
    shot = SHOTS / f"{lesson_run.lesson.name}-{theme}.png"
    outputs = ", ".join(f"{lesson_run.cell(c.index)} .jp-OutputArea-output" for c in lesson_run.lesson.cells)
    assert outputs, f"{lesson_run.lesson.name} shows nothing to audit"
    shot.unlink(missing_ok=True)  # never leave an old run's picture beside this run's verdict
    lab.set_theme(page, theme)
    try:
        audited = page.locator(outputs).count()
        violations = run_axe(page, axe_source, outputs)
        if artifacts_wanted():
            lab.screenshot_notebook(page, lesson_run.panel, shot)
        elif audited < len(lesson_run.lesson.cells) or violations:
            try:  # the picture helps a person read the failure; the verdict comes below
                lab.screenshot_notebook(page, lesson_run.panel, shot)
            except Exception:  # noqa: BLE001
                pass
    finally:
        lab.set_theme(page, "light")
    assert audited >= len(lesson_run.lesson.cells), f"only {audited} outputs found to audit"
    assert not violations, f"axe ({theme}, {lesson_run.lesson.name}):\n{describe(violations)}"
    if artifacts_wanted():
        assert shot.stat().st_size > 10_000
