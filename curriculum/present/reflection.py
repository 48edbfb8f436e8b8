"""How a reflection reads, on screen and on paper: prompts and where the answers stay."""

from __future__ import annotations

from markupsafe import Markup

from curriculum.activities.reflection import ReflectionModel
from curriculum.course.model import Reflection

from .html import heading, note
from .strings import t


def privacy_html(activity: Reflection) -> Markup:
    """Where the learner's words are kept, shown next to the boxes before they type."""
    return note(activity.privacy_note, t("reflection_privacy"))


def prompt_html(number: int, prompt: str, level: int = 4) -> Markup:
    return heading(level, f"{number}. {prompt}")


def saved_html() -> Markup:
    return Markup('<span role="status" class="csc-score">{}</span>').format(t("reflection_saved"))


def unsaved_html() -> Markup:
    return Markup('<span role="status">{}</span>').format(t("reflection_unsaved"))


def status_html(model: ReflectionModel) -> Markup:
    """Beside Save: "✓ Saved" only when the text shown was handed to a recorder and none
    failed; "Changes not saved yet." after a failed save or an edit since the last save;
    nothing before the first save, or when no recorder listens (nothing was kept, and
    nothing went wrong)."""
    outcome = model.last_save
    if outcome is None:
        return Markup()
    if not model.saved:
        return unsaved_html()
    return saved_html() if outcome.saved else Markup()
