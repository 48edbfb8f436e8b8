"""HTML fragments are ``markupsafe.Markup``, so content is escaped because it is a ``str``.

Three guards: every fragment function says (and does) return Markup; a content string
holding ``<script>`` and quotes stays text through each kind's live view and paper layout;
and no module that draws HTML builds it the old way (an ``esc(`` call, or an f-string
with tags around a value), which would escape only where someone remembered to.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import ipywidgets as w
import pytest
from IPython.display import HTML
from markupsafe import Markup

from curriculum.course.model import ACTIVITY_KINDS
from curriculum.handout import kit, layouts, sections
from curriculum.handout.layouts import RENDERERS, PaperContext, render_activity
from curriculum.present import (
    charts,
    facts,
    frame,
    html,
    law,
    ordering,
    progress,
    quiz,
    redflags,
    reflection,
    saving,
    scenario,
    timeline,
)
from tests.handout_support import make_course, normalise, parse
from tests.support import ROOT
from widgets.registry import VIEWS, view_for

FRAGMENT_MODULES = [charts, facts, frame, html, law, ordering, progress, quiz, redflags,
                    reflection, saving, scenario, timeline, layouts, sections, kit]
# Where HTML is drawn: the presentation layer, the paper layouts and the live views.
DRAWING = [ROOT / "curriculum" / "present", ROOT / "curriculum" / "handout", ROOT / "widgets"]
CONTENT = ' <script>alert(1)</script>"><img src=x onerror=alert(1)> \' onmouseover=\'x & "q"'


def test_fragment_functions_are_declared_to_return_markup():
    """Each layout and each ``*_html``/``*_svg`` function says it returns Markup (the scan
    below finds a function declared to return ``str`` that holds a tag)."""
    found = {}
    for module in FRAGMENT_MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and (name.endswith(("_html", "_svg"))
                                                      or fn in RENDERERS.values()):
                found[f"{module.__name__}.{name}"] = inspect.signature(fn).return_annotation
    assert len(found) > 40
    assert {name for name, returns in found.items() if returns != "Markup"} == set()


def assert_inert(markup: str, where: str) -> None:
    doc = parse(markup)
    names = [tag for tag, _a in doc.tags]
    assert "script" not in names, where
    # the one image a view draws is its own chart, an SVG in a data: URL
    assert all(dict(a).get("src", "").startswith("data:image/svg+xml;")
               for t, a in doc.tags if t == "img"), where
    assert not any(k.startswith("on") for _t, a in doc.tags for k in a), where
    assert normalise(CONTENT) in normalise("".join(doc.text)), where


def shown_html(view) -> list[str]:
    """Every piece of HTML a live view shows: HTML widgets' values, an HTML output's data."""
    if isinstance(view, HTML):
        return [view.data]
    out = [view.value] if isinstance(view, w.HTML) else []
    for child in getattr(view, "children", ()):
        out += shown_html(child)
    return out


@pytest.mark.parametrize("kind", ACTIVITY_KINDS)
def test_content_stays_text_through_each_kinds_view_and_layout(kind):
    course = make_course(CONTENT)
    lesson = course.lessons["09-test"]
    activity = lesson.activities[kind]
    for audience in ("student", "educator"):
        page = render_activity(PaperContext(course, lesson, audience, 2), activity)
        assert isinstance(page, Markup), (kind, audience)
        assert_inert(page, f"{kind} on paper for the {audience}")
    assert_inert("".join(shown_html(view_for(f"09-test/{kind}", course))), f"{kind} live")


def test_the_lesson_frame_and_the_guide_are_markup_and_inert():
    course = make_course(CONTENT)
    lesson = course.lessons["09-test"]
    parts = [frame.intro_html(lesson), frame.summary_html(lesson), frame.support_html(course),
             frame.lessons_html(course), sections.educator_notes(course, lesson),
             sections.sources(course, lesson), sections.progress_note()]
    assert all(isinstance(part, Markup) for part in parts)
    assert_inert("".join(parts), "frame")


def test_a_plain_string_is_content_and_a_fragment_is_kept():
    """The mechanism itself: the same text is escaped as a str and kept as Markup."""
    tag = "<b>bold</b>"
    assert html.note(tag) == html.note(Markup("&lt;b&gt;bold&lt;/b&gt;"))
    assert "<b>bold</b>" in html.note(Markup(tag))
    assert html.heading(2, tag) == "<h2>&lt;b&gt;bold&lt;/b&gt;</h2>"
    assert html.t_html("source_inline", link=tag) == html.t_html(
        "source_inline", link=Markup("&lt;b&gt;bold&lt;/b&gt;"))


def test_each_kind_has_a_view_and_a_paper_layout():
    """The places a new kind must be added that a test can see are one set with the model's."""
    assert set(VIEWS) == set(RENDERERS) == set(ACTIVITY_KINDS)


# -- no HTML built the old way -----------------------------------------------------------

TAG = re.compile(r"<[a-zA-Z/!]")


def old_style_html(path: Path) -> list[str]:
    """``esc(...)`` calls, f-strings that put a value between HTML tags, and functions
    declared to return ``str`` that hold a tag."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.FunctionDef) and isinstance(node.returns, ast.Name)
                and node.returns.id == "str" and any(
                    isinstance(c, ast.Constant) and isinstance(c.value, str) and TAG.search(c.value)
                    for stmt in node.body[bool(ast.get_docstring(node)):] for c in ast.walk(stmt))):
            found.append(f"{path.name}:{node.lineno}: str with a tag")
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name == "esc":
                found.append(f"{path.name}:{node.lineno}: esc(")
        if isinstance(node, ast.FunctionDef) and node.name == "esc":
            found.append(f"{path.name}:{node.lineno}: def esc")
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if TAG.search(text) and any(isinstance(v, ast.FormattedValue) for v in node.values):
                found.append(f"{path.name}:{node.lineno}: HTML f-string")
    return found


def test_no_module_that_draws_html_escapes_by_hand():
    files = [p for folder in DRAWING for p in folder.rglob("*.py")]
    assert len(files) > 30
    assert [hit for p in files for hit in old_style_html(p)] == []


def test_the_scan_finds_each_old_way(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('def esc(x):\n    return x\n\n\ndef f(t):\n'
                       '    return f"<p>{esc(t)}</p>" + h.esc(t)\n\n\n'
                       'def g(t) -> str:\n    """A <b> in a docstring is fine."""\n'
                       '    return "<p>" + t\n', encoding="utf-8")
    assert sorted(old_style_html(planted)) == sorted([
        "planted.py:1: def esc", "planted.py:6: HTML f-string", "planted.py:6: esc(",
        "planted.py:6: esc(", "planted.py:9: str with a tag"])
