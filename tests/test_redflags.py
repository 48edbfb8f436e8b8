"""Red-flag spotter: every verdict, the score, attempts, and the view's Check / Try again."""

from __future__ import annotations

import pytest

from curriculum.activities.redflags import RedFlagsModel
from curriculum.course.model import RedFlags
from widgets.redflags import RedFlagsView


def make_chat(text: str = "Hi, I saw your profile.", why: str = "A normal hello.") -> RedFlags:
    def msg(i, flag, t="...", why="Because."):
        return {"id": i, "sender": "Alex", "text": t, "red_flag": flag, "why": why}

    return RedFlags.model_validate({
        "kind": "redflags", "id": "chat", "title": "Spot the signs", "instructions": "Mark.",
        "sources": ["test-source"],
        "messages": [msg("hello", False, text, why),
                     msg("secret", True, "Don't tell anyone.", "Secrecy isolates you."),
                     msg("move-app", True, "Let's use another app.", "Moves you away from help."),
                     msg("music", False, "What music do you like?", "Ordinary small talk.")],
    })


def test_every_verdict_and_the_score():
    m = RedFlagsModel(make_chat(), "99-test")
    m.mark("secret")
    m.mark("hello")
    result = m.check()
    verdicts = {i.message.id: i.verdict for i in result.items}
    assert verdicts == {"hello": "not_a_flag", "secret": "spotted", "move-app": "missed",
                        "music": "left"}
    assert (result.score, result.total, result.all_correct) == (2, 4, False)
    assert next(i for i in result.items if i.message.id == "move-app").message.why == (
        "Moves you away from help.")


def test_unmarking_and_unknown_message():
    m = RedFlagsModel(make_chat())
    m.mark("secret")
    m.mark("move-app")
    m.mark("secret", False)
    assert m.marked == {"move-app"}
    with pytest.raises(KeyError):
        m.mark("nope")


def test_all_correct_is_emitted_once_per_check(recorded_attempts):
    m = RedFlagsModel(make_chat(), "99-test")
    m.check()
    m.retry()
    m.mark("move-app")
    m.mark("secret")
    assert m.check().all_correct
    assert [(a.item, a.answer, a.correct, a.kind) for a in recorded_attempts] == [
        ("chat", (), False, "redflags"), ("chat", ("secret", "move-app"), True, "redflags")]
    assert {(a.lesson, a.activity) for a in recorded_attempts} == {("99-test", "chat")}


def test_view_check_shows_each_verdict_and_try_again_clears(tiny):
    course, lesson = tiny
    view = RedFlagsView(course, lesson, make_chat())
    assert view.boxes["secret"].description == "Message 2 is a warning sign"
    view.boxes["secret"].value = True
    view.boxes["music"].value = True
    view.check.click()
    fb = view.feedback.value
    assert "✓ Message 2: Warning sign you spotted." in fb
    assert "✗ Message 3: Warning sign you missed." in fb
    assert "✗ Message 4: Not a warning sign." in fb
    assert "✓ Message 1: Correctly left." in fb
    assert "Secrecy isolates you." in fb and "Ordinary small talk." in fb
    assert "Score: 2 of 4 messages right" in fb and "spotted 1 of 2 warning signs" in fb
    assert all(b.disabled for b in view.boxes.values()) and view.check.disabled
    view.retry.click()
    assert view.feedback.value == "" and view.model.marked == set()
    assert not any(b.value or b.disabled for b in view.boxes.values())
    view.boxes["secret"].value = True
    view.boxes["move-app"].value = True
    view.check.click()
    assert "You sorted every message correctly" in view.feedback.value


def test_view_escapes_content(tiny):
    course, lesson = tiny
    view = RedFlagsView(course, lesson, make_chat("<script>x()</script>", "<img src=x>"))
    html = view.children[1].children[0].value
    assert "<script>" not in html and "&lt;script&gt;" in html
    view.check.click()
    assert "<img" not in view.feedback.value and "&lt;img" in view.feedback.value
    assert "<script>" not in view.feedback.value


def own_chat() -> RedFlags:
    """A chat where the learner's side (Sam) replies between the other side's messages."""
    return RedFlags.model_validate({
        "kind": "redflags", "id": "chat", "title": "Spot the signs", "instructions": "Mark.",
        "sources": ["test-source"],
        "messages": [
            {"id": "hi", "sender": "Mia", "text": "gg!", "red_flag": False, "why": "Friendly."},
            {"id": "reply", "sender": "Sam", "text": "Thanks!", "red_flag": False,
             "why": "Sam's reply.", "own": True},
            {"id": "ask", "sender": "Mia", "text": "Send a pic.", "red_flag": True,
             "why": "A request for an image."}]})


def test_the_learners_own_messages_are_never_marked_or_scored():
    m = RedFlagsModel(own_chat(), "99-test")
    assert [x.id for x in m.messages] == ["hi", "ask"]
    with pytest.raises(KeyError, match="can be marked"):
        m.mark("reply")
    m.mark("ask")
    result = m.check()
    assert [i.message.id for i in result.items] == ["hi", "ask"]
    assert (result.score, result.total, result.all_correct) == (2, 2, True)


def test_an_own_message_cannot_be_a_warning_sign():
    from pydantic import ValidationError

    data = own_chat().model_dump()
    data["messages"][1]["red_flag"] = True
    with pytest.raises(ValidationError, match="never a warning sign"):
        RedFlags.model_validate(data)


def test_the_view_and_the_worksheet_give_own_messages_no_box(tiny):
    from curriculum.handout.layouts import PaperContext, render_activity
    from curriculum.present.redflags import box_label

    course, lesson = tiny
    view = RedFlagsView(course, lesson, own_chat())
    assert set(view.boxes) == {"hi", "ask"}
    shown = [c.value for row in view.children if hasattr(row, "children")
             for c in row.children if isinstance(getattr(c, "value", None), str)]
    assert any("Thanks!" in v for v in shown)
    for audience in ("student", "educator"):
        page = render_activity(PaperContext(course, lesson, audience, 2), own_chat())
        assert "Thanks!" in page
        assert box_label(2) not in page and box_label(1) in page and box_label(3) in page
