"""One real interaction per activity kind, with the result a learner should see.

Each function gets a lesson already run in JupyterLab and one activity cell, drives the
widget with the mouse, and compares what is on screen with what the activity's own model
(the same code the kernel runs) says should be there. ``INTERACTIONS`` maps a kind to its
function; the tests are generated from the kinds the lesson notebooks really show.
"""

from __future__ import annotations

import html
import re

from .lab import POLL_MS, rerun_cell


def squash(text: str) -> str:
    """Visible text without markup or whitespace, for comparing HTML with inner text."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def assert_shows(locator, expected_html: str) -> None:
    """The element's visible text contains the text of ``expected_html``."""
    want = squash(expected_html)
    locator.page.wait_for_function(
        "([el, want]) => el.innerText.replace(/\\s+/g, '').includes(want)",
        arg=[locator.element_handle(), want], polling=POLL_MS)


def fresh(run, cell):
    """Run the activity's cell again and return its freshly drawn widget."""
    rerun_cell(run.page, run.panel, cell.index)
    root = run.page.locator(f"{run.cell(cell.index)} .csc-{cell.kind}")
    root.wait_for()
    return root


def activity_of(course, cell):
    lesson_id, _, part = cell.ref.partition("/")
    return course.lessons[lesson_id], course.lessons[lesson_id].activities[part]


def quiz(run, cell, course) -> None:
    """A wrong answer, then Try again and a right one: feedback and score follow."""
    from curriculum import html as h
    from widgets.quiz import QuizModel, feedback_html

    lesson, activity = activity_of(course, cell)
    model = QuizModel(activity, lesson.id)
    source = course.source(lesson.id, activity.questions[0].source)
    root = fresh(run, cell)
    q = activity.questions[0]
    card = root.locator(".csc-question").first
    wrong = next(o for o in q.options if not o.correct)
    card.get_by_label(wrong.text, exact=True).check()
    card.get_by_role("button", name="Check", exact=True).click()
    model.select(q.id, wrong.id)
    assert_shows(card.locator(".csc-bad"), feedback_html(model.check(q.id), h.sources_line([source])))
    assert_shows(root.locator(".csc-score"), model.score_text())
    card.get_by_role("button", name="Try again", exact=True).click()
    card.locator(".csc-bad").wait_for(state="detached")
    right = [o for o in q.options if o.correct]
    for option in right:
        card.get_by_label(option.text, exact=True).check()
    card.get_by_role("button", name="Check", exact=True).click()
    model.retry(q.id)
    model.select(q.id, [o.id for o in right])
    good = card.locator(".csc-good")
    assert_shows(good, feedback_html(model.check(q.id), h.sources_line([source])))
    assert good.locator(f'a[href="{source.url}"]').inner_text().strip() == source.title
    assert_shows(root.locator(".csc-score"), model.score_text())
    assert model.score == 1


def timeline(run, cell, course) -> None:
    """Untick a category: its events leave the list; pick an event: its source appears."""
    from playwright.sync_api import expect

    from widgets.timeline import CATEGORY_STYLE, TimelineModel

    lesson, activity = activity_of(course, cell)
    model = TimelineModel(activity, lambda sid: course.source(lesson.id, sid))
    root = fresh(run, cell)
    events = root.locator(".widget-select select")  # the event list (the years are drop-downs)
    total = len(model.events)
    expect(events.locator("option")).to_have_count(total)
    category = min(model.all_categories, key=lambda c: sum(e.category == c for e in model.events))
    root.get_by_label(CATEGORY_STYLE[category][2], exact=True).uncheck()
    model.set_categories(set(model.all_categories) - {category})
    shown = len(model.visible())
    assert shown < total
    assert_shows(root, f"{shown} of {total} events shown.")
    expect(events.locator("option")).to_have_text(
        [f"{model.number(e.id)}. {e.label}: {e.title}" for e in model.visible()])
    event = model.visible()[0]
    events.select_option(index=0)
    details = model.select(event.id)
    heading = root.get_by_role("heading", name=f"{details.number}. {event.title}")
    heading.wait_for()
    for source in details.sources:
        link = root.locator(f'a[href="{source.url}"]').first
        assert link.inner_text().strip() == source.title


def scenario(run, cell, course) -> None:
    """Take the first choice: feedback on it and the next step of the story appear."""
    from widgets.scenario import ScenarioModel, step_html

    _lesson, activity = activity_of(course, cell)
    model = ScenarioModel(activity)
    root = fresh(run, cell)
    first = model.choices[0]
    root.get_by_role("button", name=first.text, exact=True).click()
    step = model.choose(0)
    assert_shows(root, step_html(step))
    assert_shows(root.locator(".csc-story"), html.escape(model.current.text))


def redflags(run, cell, course) -> None:
    """Mark exactly the warning signs and check: every message is sorted correctly."""
    from widgets.redflags import RedFlagsModel, result_html

    _lesson, activity = activity_of(course, cell)
    model = RedFlagsModel(activity)
    root = fresh(run, cell)
    number = {}
    for n, m in enumerate(activity.messages, start=1):
        number[m.id] = n
        if m.red_flag:
            root.get_by_label(f"Message {n} is a warning sign", exact=True).check()
            model.mark(m.id, True)
    root.get_by_role("button", name="Check", exact=True).click()
    assert_shows(root, result_html(model.check(), number))


def ordering(run, cell, course) -> None:
    """Move the first item down, then check: the status and the verdict follow the model."""
    from widgets.ordering import OrderingModel, result_html

    _lesson, activity = activity_of(course, cell)
    model = OrderingModel(activity)
    root = fresh(run, cell)
    item = model.order[0]
    root.get_by_role("button", name="Move down").first.click()
    model.move_down(item.id)
    assert_shows(root, f"Moved “{html.escape(item.text)}” to place 2.")
    root.get_by_role("button", name="Check", exact=True).click()
    assert_shows(root, result_html(model.check()))


def law(run, cell, course) -> None:
    """Pick a situation: the offences that apply and their sources appear."""
    from widgets.law import LawModel, law_table_html

    lesson, activity = activity_of(course, cell)
    model = LawModel(activity)
    root = fresh(run, cell)
    situation = activity.situations[-1]
    root.locator("select").first.select_option(label=situation.situation)
    assert_shows(root, law_table_html(course, lesson.id, model.select(situation.id)))


def reflection(run, cell, course) -> None:
    """Type an answer and save it: the Save button works and says so."""
    _lesson, activity = activity_of(course, cell)
    root = fresh(run, cell)
    box = root.locator("textarea").first
    box.click()
    run.page.keyboard.type("I would tell my older sister.")
    save = root.get_by_role("button", name="Save", exact=True)
    save.wait_for()
    run.page.wait_for_function("(b) => !b.disabled", arg=save.element_handle(), polling=POLL_MS)
    save.click()
    assert_shows(root, "✓ Saved")


INTERACTIONS = {"quiz": quiz, "timeline": timeline, "scenario": scenario, "redflags": redflags,
                "ordering": ordering, "law": law, "reflection": reflection}
