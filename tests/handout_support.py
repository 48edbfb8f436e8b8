"""Build every lesson's handouts once per test process (the machine is slow).

Both handout test modules use ``built_handouts()``; ``functools.cache`` makes the
second call free, so the files are built once per session whatever runs first. Each
process builds into its own temporary folder: ``make test`` runs the browser tests and
the rest side by side, and two builds must not write the same files.
"""

from __future__ import annotations

import atexit
import functools
import html
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from curriculum.course.packaged import packaged_course
from tests.support import ROOT

CHECK_DIR = ROOT / "build" / "handouts-check"


def built_handouts() -> dict[tuple[str, str], Path]:
    """{(lesson, audience): path} of the English handouts, from the one build of them all."""
    return {(lesson, audience): path
            for (lesson, audience, lang), path in built_handouts_every_language().items()
            if lang == "en"}


@functools.cache
def built_handouts_every_language() -> dict[tuple[str, str, str], Path]:
    """{(lesson, audience, lang): path} for every lesson, audience and language."""
    from curriculum.course.languages import LANGS
    from curriculum.handout.build import AUDIENCES, build

    course = packaged_course()
    lessons = [e.id for e in course.meta.lessons]
    out_dir = Path(tempfile.mkdtemp(prefix="csc-handouts-"))
    atexit.register(shutil.rmtree, out_dir, ignore_errors=True)
    paths = build(course, lessons, AUDIENCES, out_dir, langs=LANGS)
    out = {}
    for p in paths:
        if p.parent != out_dir:  # the teacher's kit, in kit/ (see built_kit)
            continue
        parts = p.name.split(".")
        out[(parts[0], parts[1], parts[2] if len(parts) == 4 else "en")] = p
    assert {lang for *_x, lang in out} == set(LANGS)
    return out


def built_kit() -> dict[tuple[str, str], Path]:
    """{(page id, lang): path} of the teacher's kit pages, from the same one build."""
    first = next(iter(built_handouts_every_language().values()))
    out = {}
    for p in sorted((first.parent / "kit").glob("*.html")):
        parts = p.name.split(".")
        out[(parts[0], parts[1] if len(parts) == 3 else "en")] = p
    return out


def plain_text(markup: str) -> str:
    """All text of a page with entities decoded and whitespace collapsed, for searching."""
    return normalise(html.unescape(markup))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside elements of class ``answer``."""

    VOID = {"input", "br", "meta", "img", "hr", "link", "col", "source", "wbr", "area", "path"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.answer_text: list[str] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in self.VOID:
            self._stack.append("answer" in (a.get("class") or "").split())

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if any(self._stack):
            self.answer_text.append(data)


def parse(markup: str) -> Elements:
    p = Elements()
    p.feed(markup)
    p.close()
    return p
