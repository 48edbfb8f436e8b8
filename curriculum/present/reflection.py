"""How a reflection reads, on screen and on paper: prompts and where the answers stay."""

from __future__ import annotations

from curriculum.course.model import Reflection

from .html import esc, heading, note
from .strings import t


def privacy_html(activity: Reflection) -> str:
    """Where the learner's words are kept, shown next to the boxes before they type."""
    return note(esc(activity.privacy_note), t("reflection_privacy"))


def prompt_html(number: int, prompt: str, level: int = 4) -> str:
    return heading(level, f"{number}. {esc(prompt)}")


def saved_html() -> str:
    return f'<span role="status" class="csc-score">{esc(t("reflection_saved"))}</span>'


def unsaved_html() -> str:
    return f'<span role="status">{esc(t("reflection_unsaved"))}</span>'
