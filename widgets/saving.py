"""The line under an activity that says its answer was not kept, shown on every failed save.

One small view shared by every activity, so each says it the same way and in the same
place: under its feedback, read out (role=alert) each time a save fails, cleared by the
next save that works.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.activities.attempts import SaveOutcome
from curriculum.present import saving


class SaveNotice(w.HTML):
    """Empty while saves work; the not-saved line after each one that fails."""

    def __init__(self, what: saving.What = "answer"):
        super().__init__("")
        self.what = what
        self.add_class("csc-save-notice")

    def show(self, outcome: SaveOutcome | None) -> None:
        """Show what became of the latest save. Emptied first, so a second failure in a row
        is drawn (and read out) again instead of being the same value left in place."""
        self.value = ""
        self.value = saving.notice_html(outcome, self.what)
