"""One real interaction per activity kind, with the result a learner should see.

Each function gets a lesson already run in JupyterLab and one activity cell, drives the
widget with the mouse, and compares what is on screen with what the activity's own model
and fragments (the same code the kernel runs) say should be there. Button names and
labels come from the interface string table (``t``), as the views' do. ``INTERACTIONS``
maps a kind to its function; the tests are generated from the kinds the lesson
notebooks really show.

An activity is used as Run All drew it; only a second test on the same activity runs
its cell again first (``fresh``), so a lesson's kernel redraws as little as it can.
"""

from __future__ import annotations

import html
import re

from curriculum.present.strings import t

from .lab import rerun_cell


def squash(text: str) -> str:
    """Visible text without markup or whitespace, for comparing HTML with inner text."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def loose(expected_html: str) -> re.Pattern:
    """A pattern for the text of ``expected_html`` with any whitespace between characters.

    The page's inner text and the fragment's markup break lines and space cells
    differently; the characters, in order, are what a learner reads.
    """
    return re.compile(r"\s*".join(re.escape(ch) for ch in squash(expected_html)))


def assert_shows(locator, expected_html: str) -> None:
    """The element's visible text contains the text of ``expected_html``, eventually.

    ``expect`` finds the element again on every try: ipywidgets replaces an output's
    element when its value changes, so a handle taken once can go stale and the wait
    would never see the new text.
    """
    from playwright.sync_api import expect

    expect(locator).to_contain_text(loose(expected_html), use_inner_text=True)


def fresh(run, cell):
    """The activity's widget in the state Run All drew it: its cell runs again if used."""
    if cell.index in run.used:
        rerun_cell(run.page, run.panel, cell.index)
    run.used.add(cell.index)
    root = run.page.locator(f"{run.cell(cell.index)} .csc-{cell.kind}")
    root.wait_for()
    return root


def activity_of(course, cell):
    lesson_id, _, part = cell.ref.partition("/")
    return course.lessons[lesson_id], course.lessons[lesson_id].activities[part]


def quiz(run, cell, course) -> None:
    """A wrong answer, then Try again and a right one: feedback and score follow."""
    from curriculum.activities.quiz import QuizModel
    from curriculum.present.quiz import feedback_html, score_text

    lesson, activity = activity_of(course, cell)
    model = QuizModel(activity, lesson.id)
    source = course.source(lesson.id, activity.questions[0].source)
    root = fresh(run, cell)
    q = activity.questions[0]
    card = root.locator(".csc-question").first
    wrong = next(o for o in q.options if not o.correct)
    card.get_by_label(wrong.text, exact=True).check()
    card.get_by_role("button", name=t("check"), exact=True).click()
    model.select(q.id, wrong.id)
    assert_shows(card.locator(".csc-bad"), feedback_html(model.check(q.id), [source]))
    assert_shows(root.locator(".csc-score"), score_text(model))
    card.get_by_role("button", name=t("try_again"), exact=True).click()
    card.locator(".csc-bad").wait_for(state="detached")
    right = [o for o in q.options if o.correct]
    for option in right:
        card.get_by_label(option.text, exact=True).check()
    card.get_by_role("button", name=t("check"), exact=True).click()
    model.retry(q.id)
    model.select(q.id, [o.id for o in right])
    good = card.locator(".csc-good")
    assert_shows(good, feedback_html(model.check(q.id), [source]))
    assert good.locator(f'a[href="{source.url}"]').inner_text().strip() == source.title
    assert_shows(root.locator(".csc-score"), score_text(model))
    assert model.score == 1


def timeline(run, cell, course) -> None:
    """Untick a category: its events leave the list; pick an event: its source appears."""
    from playwright.sync_api import expect

    from curriculum.activities.timeline import TimelineModel
    from curriculum.present.timeline import category_label, count_text, option_label

    lesson, activity = activity_of(course, cell)
    model = TimelineModel(activity, lambda sid: course.source(lesson.id, sid))
    root = fresh(run, cell)
    events = root.locator(".widget-select select")  # the event list (the years are drop-downs)
    total = len(model.events)
    expect(events.locator("option")).to_have_count(total)
    category = min(model.all_categories, key=lambda c: sum(e.category == c for e in model.events))
    root.get_by_label(category_label(category), exact=True).uncheck()
    model.set_categories(set(model.all_categories) - {category})
    shown = len(model.visible())
    assert shown < total
    assert_shows(root, count_text(model))
    expect(events.locator("option")).to_have_text([option_label(model, e) for e in model.visible()])
    event = model.visible()[0]
    events.select_option(index=0)
    details = model.select(event.id)
    heading = root.get_by_role("heading", name=f"{details.number}. {event.title}")
    heading.wait_for()
    assert details.sources
    for source in details.sources:
        link = root.locator(f'a[href="{source.url}"]').first
        assert link.inner_text().strip() == source.title


def scenario(run, cell, course) -> None:
    """Take the first choice: feedback on it and the next step of the story appear."""
    from curriculum.activities.scenario import ScenarioModel
    from curriculum.present.scenario import step_html

    lesson, activity = activity_of(course, cell)
    model = ScenarioModel(activity, lesson.id)
    root = fresh(run, cell)
    first = model.choices[0]
    root.get_by_role("button", name=first.text, exact=True).click()
    step = model.choose(0)
    assert_shows(root, step_html(step))
    assert_shows(root.locator(".csc-story"), html.escape(model.current.text))


def redflags(run, cell, course) -> None:
    """Mark exactly the warning signs and check: every message is sorted correctly."""
    from curriculum.activities.redflags import RedFlagsModel
    from curriculum.present.redflags import box_label, result_html

    lesson, activity = activity_of(course, cell)
    model = RedFlagsModel(activity, lesson.id)
    root = fresh(run, cell)
    number = {}
    for n, m in enumerate(activity.messages, start=1):
        number[m.id] = n
        if m.red_flag:
            root.get_by_label(box_label(n), exact=True).check()
            model.mark(m.id, True)
    root.get_by_role("button", name=t("check"), exact=True).click()
    assert_shows(root, result_html(model.check(), number))


def ordering(run, cell, course) -> None:
    """Move the first item down, then check: the status and the verdict follow the model."""
    from curriculum.activities.ordering import OrderingModel
    from curriculum.present.ordering import moved_html, result_html

    lesson, activity = activity_of(course, cell)
    model = OrderingModel(activity, lesson.id)
    root = fresh(run, cell)
    item = model.order[0]
    root.get_by_role("button", name=t("ordering_move_down")).first.click()
    model.move_down(item.id)
    assert_shows(root, moved_html(item, 2))
    root.get_by_role("button", name=t("check"), exact=True).click()
    assert_shows(root, result_html(model.check()))


def law(run, cell, course) -> None:
    """Pick a situation: the offences that apply and their sources appear."""
    from curriculum.activities.law import LawModel
    from curriculum.present.law import situation_html

    lesson, activity = activity_of(course, cell)
    model = LawModel(activity, lesson.id)
    root = fresh(run, cell)
    situation = activity.situations[-1]
    root.locator("select").first.select_option(label=situation.situation)
    assert_shows(root, situation_html(course, lesson.id, model.select(situation.id)))


def reflection(run, cell, course) -> None:
    """Type an answer and save it: the Save button works and says so."""
    from playwright.sync_api import expect

    from curriculum.present.reflection import saved_html

    root = fresh(run, cell)
    box = root.locator("textarea").first
    box.click()
    run.page.keyboard.type("I would tell my older sister.")
    save = root.get_by_role("button", name=t("save"), exact=True)
    expect(save).to_be_enabled()
    save.click()
    assert_shows(root, saved_html())


INTERACTIONS = {"quiz": quiz, "timeline": timeline, "scenario": scenario, "redflags": redflags,
                "ordering": ordering, "law": law, "reflection": reflection}
