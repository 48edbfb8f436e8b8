"""How the red-flag chat reads, on screen and on paper: messages, verdicts, reasons, key.

Feedback is given in words and symbols, never colour alone.
"""

from __future__ import annotations

from curriculum.activities.redflags import RedFlagsResult
from curriculum.course.model import ChatMessage

from .html import esc
from .strings import t


def made_up_note() -> str:
    return f"<p><em>{esc(t('made_up_chat'))}</em></p>"


def message_html(number: int, message: ChatMessage) -> str:
    return (f'<div class="csc-chat"><strong>{number}. {esc(message.sender)}:</strong> '
            f"{esc(message.text)}</div>")


def box_label(number: int) -> str:
    """The label of a message's tick box, on screen and (for screen readers) on paper."""
    return t("redflags_box", number=number)


def score_text(result: RedFlagsResult) -> str:
    flags = result.count("spotted") + result.count("missed")
    return t("redflags_score", score=result.score, total=result.total,
             spotted=result.count("spotted"), flags=flags)


def result_html(result: RedFlagsResult, number: dict[str, int]) -> str:
    """Per-message verdicts, each with its reason, and the score in words."""
    rows = []
    for item in result.items:
        cls = "csc-good" if item.correct else "csc-bad"
        line = t("redflags_item", symbol="✓" if item.correct else "✗",
                 number=number[item.message.id], verdict=t(f"redflags_verdict_{item.verdict}"))
        rows.append(f'<li class="{cls}"><strong>{esc(line)}'
                    f"</strong> <em>{esc(item.message.text)}</em><br>{esc(item.message.why)}</li>")
    head = t("redflags_all_right" if result.all_correct else "redflags_how_each")
    return (f'<div role="status"><strong>{esc(head)}</strong>'
            f'<p class="csc-score">{esc(score_text(result))}</p>'
            f'<ul class="csc-plain-list">{"".join(rows)}</ul></div>')


def key_html(message: ChatMessage) -> str:
    """Educator only: whether a message is a warning sign, and why."""
    key = ("redflags_key_own" if message.own else
           "redflags_key_flag" if message.red_flag else "redflags_key_not_flag")
    verdict = t(key)
    return f"<strong>{esc(verdict)}</strong> {esc(message.why)}"
