"""How the red-flag chat reads, on screen and on paper: messages, verdicts, reasons, key.

Feedback is given in words and symbols, never colour alone.
"""

from __future__ import annotations

from markupsafe import Markup

from curriculum.activities.redflags import RedFlagsResult
from curriculum.course.model import ChatMessage

from .strings import t


def made_up_note() -> Markup:
    return Markup("<p><em>{}</em></p>").format(t("made_up_chat"))


def message_html(number: int, message: ChatMessage) -> Markup:
    return Markup('<div class="csc-chat"><strong>{}. {}:</strong> {}</div>').format(
        number, message.sender, message.text)


def box_label(number: int) -> str:
    """The label of a message's tick box, on screen and (for screen readers) on paper."""
    return t("redflags_box", number=number)


def score_text(result: RedFlagsResult) -> str:
    flags = result.count("spotted") + result.count("missed")
    return t("redflags_score", score=result.score, total=result.total,
             spotted=result.count("spotted"), flags=flags)


def result_html(result: RedFlagsResult, number: dict[str, int]) -> Markup:
    """Per-message verdicts, each with its reason, and the score in words."""
    rows = []
    for item in result.items:
        cls = "csc-good" if item.correct else "csc-bad"
        line = t("redflags_item", symbol="✓" if item.correct else "✗",
                 number=number[item.message.id], verdict=t(f"redflags_verdict_{item.verdict}"))
        rows.append(Markup('<li class="{}"><strong>{}</strong> <em>{}</em><br>{}</li>').format(
            cls, line, item.message.text, item.message.why))
    head = t("redflags_all_right" if result.all_correct else "redflags_how_each")
    return Markup('<div role="status"><strong>{}</strong><p class="csc-score">{}</p>'
                  '<ul class="csc-plain-list">{}</ul></div>').format(
        head, score_text(result), Markup("").join(rows))


def key_html(message: ChatMessage) -> Markup:
    """Educator only: whether a message is a warning sign, and why."""
    key = ("redflags_key_own" if message.own else
           "redflags_key_flag" if message.red_flag else "redflags_key_not_flag")
    verdict = t(key)
    return Markup("<strong>{}</strong> {}").format(verdict, message.why)
