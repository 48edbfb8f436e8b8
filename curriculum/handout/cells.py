"""The raw HTML cells that handouts are made of, in the one shape the template renders."""

from __future__ import annotations

from nbformat import NotebookNode
from nbformat.v4 import new_raw_cell

HTML_MIME = "text/html"


def html_cell(html: str, key: str, refs: list[str] | None = None) -> NotebookNode:
    """A raw HTML cell with a deterministic id (never a random one)."""
    cell = new_raw_cell(source=html, metadata={"raw_mimetype": HTML_MIME, "handout_refs": refs or []})
    cell["id"] = key
    return cell
