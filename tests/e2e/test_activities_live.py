"""Each kind of activity, used in the browser: with the mouse, and with the keyboard only.

The tests are generated from what the lesson notebooks show: every activity kind that a
lesson uses gets its interaction test, and a kind used in a lesson without one fails
``test_every_kind_shown_has_an_interaction``, so nothing is skipped silently.
Each activity is used as Run All drew it; a keyboard test on an activity that its mouse
test already used runs its cell again first (``interactions.fresh``). The activities are
left in their used state, which test_themes_live.py then audits in the light and the
dark theme.

What these tests prove is the wiring: a click or a key reaches the model and its verdict
reaches the page. The verdict they expect is the model's own (``QuizModel.check`` and the
like, run beside the page), so grading itself is proven by the unit tests of each kind
(tests/test_quiz.py, test_scenario.py, ...), which state the right answers outright.
"""

from __future__ import annotations

import pytest

from curriculum.course.languages import using_language
from curriculum.course.packaged import packaged_course
from curriculum.present.strings import t

from . import interactions, lab
from .conftest import LESSONS

pytestmark = pytest.mark.e2e

CASES = [(nb, cell) for nb in LESSONS for cell in nb.activities() if cell.widget]


def _first(kind: str, lang: str = "en"):
    return next(((nb, c) for nb, c in CASES if c.kind == kind and nb.lang == lang), None)


LANGS_SHOWN = sorted({nb.lang for nb in LESSONS})


def test_every_kind_shown_has_an_interaction():
    kinds = {cell.kind for _nb, cell in CASES}
    assert kinds, "no interactive activity in any lesson notebook"
    assert kinds <= set(interactions.INTERACTIONS), kinds - set(interactions.INTERACTIONS)


@pytest.mark.parametrize(("lesson_run", "cell"), CASES, indirect=["lesson_run"],
                         ids=[f"{nb.lang}:{c.ref}" for nb, c in CASES], scope="session")
def test_interaction(lesson_run, cell):
    """In the lesson's own language: its content, and every word the test expects to see."""
    # how the used activity reads in both themes is audited in test_themes_live.py
    lang = lesson_run.lesson.lang
    with using_language(lang):
        interactions.INTERACTIONS[cell.kind](lesson_run, cell, packaged_course(lang))


# the first quiz and the first scenario (or timeline) of each language, used by keyboard only
QUIZZES = [q for q in (_first("quiz", lang) for lang in LANGS_SHOWN) if q]
CHOICES = [c for c in ((_first("scenario", lang) or _first("timeline", lang))
                       for lang in LANGS_SHOWN) if c]


def test_keyboard_tests_cover_every_language():
    assert {nb.lang for nb, _c in QUIZZES} == set(LANGS_SHOWN) == {nb.lang for nb, _c in CHOICES}
    assert len(LANGS_SHOWN) >= 2


@pytest.mark.parametrize(("lesson_run", "cell"), QUIZZES, indirect=["lesson_run"],
                         ids=[f"{nb.lang}:{c.ref}" for nb, c in QUIZZES], scope="session")
def test_quiz_by_keyboard_only(lesson_run, cell):
    """From the start of the quiz: Tab to the answers, Space to tick one, Enter to check."""
    with using_language(lesson_run.lesson.lang):
        _quiz_by_keyboard(lesson_run, cell, packaged_course(lesson_run.lesson.lang))


def _quiz_by_keyboard(lesson_run, cell, course) -> None:
    from playwright.sync_api import expect

    from curriculum.activities.quiz import QuizModel
    from curriculum.present.quiz import score_text

    page = lesson_run.page
    root = interactions.fresh(lesson_run, cell)
    lesson, activity = interactions.activity_of(course, cell)
    model = QuizModel(activity, lesson.id)
    q = activity.questions[0]
    card = root.locator(".csc-question").first
    _start_at(page, root)
    lab.tab_until(page, f"{lesson_run.cell(cell.index)} .csc-question input")
    # every option is a tick box (arrows belong to JupyterLab's notebook): Space ticks
    # the focused, first one
    page.keyboard.press("Space")
    picked = {model.options(q.id)[0].id}
    # the kernel enables Check once it hears of the choice: wait for that, press nothing
    expect(card.get_by_role("button", name=t("check"), exact=True)).to_be_enabled()
    lab.tab_until(page, f"{lesson_run.cell(cell.index)} .csc-question button:not([disabled])")
    assert page.evaluate("document.activeElement.innerText.trim()") == t("check")
    page.keyboard.press("Enter")
    model.select(q.id, picked)
    result = model.check(q.id)
    verdict = card.locator(".csc-good" if result.correct else ".csc-bad")
    interactions.assert_shows(verdict, t("quiz_correct" if result.correct else "quiz_not_quite"))
    interactions.assert_shows(root.locator(".csc-score"), score_text(model))


@pytest.mark.parametrize(("lesson_run", "cell"), CHOICES, indirect=["lesson_run"],
                         ids=[f"{nb.lang}:{c.ref}" for nb, c in CHOICES], scope="session")
def test_choice_by_keyboard_only(lesson_run, cell):
    """A scenario choice taken with Tab and Enter (or, without a scenario, a timeline event)."""
    with using_language(lesson_run.lesson.lang):
        _choice_by_keyboard(lesson_run, cell, packaged_course(lesson_run.lesson.lang))


def _choice_by_keyboard(lesson_run, cell, course) -> None:
    page = lesson_run.page
    root = interactions.fresh(lesson_run, cell)
    lesson, activity = interactions.activity_of(course, cell)
    _start_at(page, root)
    here = lesson_run.cell(cell.index)
    if cell.kind == "scenario":
        from curriculum.activities.scenario import ScenarioModel
        from curriculum.present.scenario import step_html

        model = ScenarioModel(activity, lesson.id)
        lab.tab_until(page, f"{here} button.csc-choice")
        page.keyboard.press("Enter")
        step = model.choose(0)
        interactions.assert_shows(root, step_html(step))
        return
    from curriculum.activities.timeline import TimelineModel

    model = TimelineModel(activity)
    lab.tab_until(page, f"{here} .widget-select select")
    page.keyboard.press("ArrowDown")
    first = model.visible()[0]
    root.get_by_role("heading", name=f"{model.number(first.id)}. {first.title}").wait_for()


def _start_at(page, root) -> None:
    """Put the keyboard focus just before the activity, as a skip link or heading jump does."""
    root.evaluate("(el) => { el.tabIndex = -1; el.focus(); }")
