"""Each kind of activity, used in the browser: mouse, keyboard only, and dark theme.

The tests are generated from what the lesson notebooks show: every activity kind that a
lesson uses gets its interaction test, and a kind used in a lesson without one fails
``test_every_kind_shown_has_an_interaction``, so nothing is skipped silently.
"""

from __future__ import annotations

import pytest

from curriculum.load import packaged_course

from ..browser_support import describe, run_axe
from . import interactions, lab
from .conftest import LESSONS

pytestmark = pytest.mark.e2e

COURSE = packaged_course()
CASES = [(nb, cell) for nb in LESSONS for cell in nb.activities() if cell.widget]


def _first(kind: str):
    return next(((nb, c) for nb, c in CASES if c.kind == kind), None)


def test_every_kind_shown_has_an_interaction():
    kinds = {cell.kind for _nb, cell in CASES}
    assert kinds, "no interactive activity in any lesson notebook"
    assert kinds <= set(interactions.INTERACTIONS), kinds - set(interactions.INTERACTIONS)


@pytest.mark.parametrize(("lesson_run", "cell"), CASES, indirect=["lesson_run"],
                         ids=[c.ref for _nb, c in CASES], scope="session")
def test_interaction(lesson_run, cell, axe_source):
    interactions.INTERACTIONS[cell.kind](lesson_run, cell, COURSE)
    # the activity after use (feedback shown) must stay readable in both themes
    page = lesson_run.page
    selector = f"{lesson_run.cell(cell.index)} .csc-{cell.kind}"
    try:
        for theme in lab.THEMES:
            lab.set_theme(page, theme)
            violations = run_axe(page, axe_source, selector)
            assert not violations, f"{cell.ref} after use, {theme}:\n{describe(violations)}"
    finally:
        lab.set_theme(page, "light")


QUIZ = _first("quiz")
CHOICE = _first("scenario") or _first("timeline")


@pytest.mark.skipif(QUIZ is None, reason="no lesson shows a quiz")
@pytest.mark.parametrize(("lesson_run", "cell"), [QUIZ] if QUIZ else [], indirect=["lesson_run"],
                         ids=lambda v: getattr(v, "ref", ""), scope="session")
def test_quiz_by_keyboard_only(lesson_run, cell):
    """From the start of the quiz: Tab to the answers, arrows to choose, Enter to check."""
    from playwright.sync_api import expect

    from widgets.quiz import QuizModel

    page = lesson_run.page
    root = interactions.fresh(lesson_run, cell)
    _lesson, activity = interactions.activity_of(COURSE, cell)
    model = QuizModel(activity)
    q = activity.questions[0]
    card = root.locator(".csc-question").first
    _start_at(page, root)
    lab.tab_until(page, f"{lesson_run.cell(cell.index)} .csc-question input")
    shown = model.options(q.id)
    if q.type == "multiple":
        page.keyboard.press("Space")  # tick the focused (first) box
        picked = {shown[0].id}
    else:
        page.keyboard.press("ArrowDown")  # moves to, and chooses, the second option
        picked = {page.evaluate("document.activeElement.closest('label').innerText.trim()")}
        picked = {o.id for o in shown if o.text in picked}
        assert len(picked) == 1
    # the kernel enables Check once it hears of the choice: wait for that, press nothing
    expect(card.get_by_role("button", name="Check", exact=True)).to_be_enabled()
    lab.tab_until(page, f"{lesson_run.cell(cell.index)} .csc-question button:not([disabled])")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Check"
    page.keyboard.press("Enter")
    model.select(q.id, picked)
    result = model.check(q.id)
    verdict = card.locator(".csc-good" if result.correct else ".csc-bad")
    interactions.assert_shows(verdict, "✓ Correct." if result.correct else "✗ Not quite.")
    interactions.assert_shows(root.locator(".csc-score"), model.score_text())


@pytest.mark.skipif(CHOICE is None, reason="no lesson shows a scenario or a timeline")
@pytest.mark.parametrize(("lesson_run", "cell"), [CHOICE] if CHOICE else [], indirect=["lesson_run"],
                         ids=lambda v: getattr(v, "ref", ""), scope="session")
def test_choice_by_keyboard_only(lesson_run, cell):
    """A scenario choice taken with Tab and Enter (or, without a scenario, a timeline event)."""
    page = lesson_run.page
    root = interactions.fresh(lesson_run, cell)
    _lesson, activity = interactions.activity_of(COURSE, cell)
    _start_at(page, root)
    here = lesson_run.cell(cell.index)
    if cell.kind == "scenario":
        from widgets.scenario import ScenarioModel, step_html

        model = ScenarioModel(activity)
        lab.tab_until(page, f"{here} button.csc-choice")
        page.keyboard.press("Enter")
        step = model.choose(0)
        interactions.assert_shows(root, step_html(step))
        return
    from widgets.timeline import TimelineModel

    model = TimelineModel(activity)
    lab.tab_until(page, f"{here} select")
    page.keyboard.press("ArrowDown")
    first = model.visible()[0]
    root.get_by_role("heading", name=f"{model.number(first.id)}. {first.title}").wait_for()


def _start_at(page, root) -> None:
    """Put the keyboard focus just before the activity, as a skip link or heading jump does."""
    root.evaluate("(el) => { el.tabIndex = -1; el.focus(); }")
