"""The nbconvert preprocessors that turn a lesson notebook into a handout, one job each.

``templates/handout/conf.json`` lists them in order, and ``HandoutExporter`` runs them as
nbconvert runs any template's preprocessors. The chain ends with a notebook holding only
Markdown narrative and raw HTML cells; the template renders nothing else, so code,
prompts, outputs and widget state cannot reach a handout.
"""

from .base import HandoutError, HandoutPreprocessor
from .clear_widget_state import ClearWidgetState
from .collect_refs import CollectRefs
from .educator_notes import InsertEducatorNotes
from .find_lesson import FindLesson
from .heading_levels import AssignHeadingLevels
from .keep_only_narrative import KeepOnlyNarrative
from .render_activities import RenderActivities
from .sources import AppendSources

__all__ = [
    "AppendSources", "AssignHeadingLevels", "ClearWidgetState", "CollectRefs", "FindLesson",
    "HandoutError", "HandoutPreprocessor", "InsertEducatorNotes", "KeepOnlyNarrative",
    "RenderActivities",
]
