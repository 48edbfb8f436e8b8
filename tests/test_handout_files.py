"""The real lessons' handouts, built once per session (the ``handouts`` fixture): two files
per lesson, no answers for students, every answer for educators, self-contained pages,
exactly the sources cited, the same bytes when built again."""

from __future__ import annotations

import html
import re

import nbformat

from .handout_support import (
    answer_key_strings,
    educator_note_strings,
    normalise,
    parse,
    plain_text,
)


def test_two_files_per_lesson(handouts, course):
    lessons = {entry.id for entry in course.meta.lessons}  # every lesson of the course, not what was built
    assert "01-history" in lessons
    assert set(handouts) == {(lesson, a) for lesson in lessons for a in ("student", "educator")}


def test_student_handouts_hold_no_answers_anywhere(handouts, course):
    for lesson_id in sorted({lesson for lesson, _a in handouts}):
        lesson = course.lessons[lesson_id]
        forbidden = answer_key_strings(lesson) | educator_note_strings(lesson)
        assert forbidden, f"{lesson_id}: no answer text found to check against"
        raw = handouts[(lesson_id, "student")].read_text(encoding="utf-8")
        text = plain_text(raw)
        leaked = sorted(s for s in forbidden if s in text or s in raw)
        assert not leaked, f"{lesson_id} student handout leaks: {leaked[:3]}"
        doc = parse(raw)
        for tag, attrs in doc.tags:
            for name, value in attrs.items():
                assert not re.search(r"answer|correct|best|feedback", f"{name}={value or ''}"
                                     if name in ("class", "id") or name.startswith("data-")
                                     else ""), (tag, name, value)


def test_educator_guides_hold_every_answer_inside_answer_elements(handouts, course):
    for lesson_id in sorted({lesson for lesson, _a in handouts}):
        lesson = course.lessons[lesson_id]
        raw = handouts[(lesson_id, "educator")].read_text(encoding="utf-8")
        answer_text = normalise(" ".join(parse(raw).answer_text))
        keys = answer_key_strings(lesson)
        assert keys, f"{lesson_id}: no answer key"
        missing = sorted(s for s in keys if s not in answer_text)
        assert not missing, f"{lesson_id}: not inside .answer: {missing[:3]}"
        text = plain_text(raw)
        notes_missing = sorted(s for s in educator_note_strings(lesson) if s not in text)
        assert not notes_missing, notes_missing[:3]


def test_handouts_are_self_contained_pages(handouts, course):
    for (lesson_id, audience), path in handouts.items():
        raw = path.read_text(encoding="utf-8")
        doc = parse(raw)
        metas = [a for t, a in doc.tags if t == "meta" and a.get("name") == "curriculum-audience"]
        assert [m.get("content") for m in metas] == [audience]
        assert '<html lang="en">' in raw
        assert f"<title>{course.lessons[lesson_id].title}" in raw.replace("&#x27;", "'")
        names = [t for t, _a in doc.tags]
        assert "script" not in names and "link" not in names and "iframe" not in names
        for tag, attrs in doc.tags:
            if tag != "a":
                for name in ("src", "href", "srcset", "data"):
                    assert not str(attrs.get(name) or "").startswith(("http", "//")), (tag, attrs)
        assert "@import" not in raw and "url(http" not in raw
        assert "<pre" not in raw and "jp-InputPrompt" not in raw  # no code, no prompts
        levels = [int(t[1]) for t in names if re.fullmatch(r"h[1-6]", t)]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_sources_section_lists_exactly_what_the_lesson_cites(handouts, course):
    """A source list padded with other lessons' sources would send readers the wrong way."""
    from curriculum.course.citations import cited_sources

    every_url = {s.url for lid in course.lessons for s in cited_sources(course, lid)}
    for (lesson_id, audience), path in handouts.items():
        raw = path.read_text(encoding="utf-8")
        section = re.search(r'<section[^>]*class="csc-sources.*?</section>', raw, re.S)
        assert section, f"{lesson_id} {audience}: no sources section"
        listed = {html.unescape(u) for u in re.findall(r'href="([^"]+)"', section.group(0))}
        cited = {s.url for s in cited_sources(course, lesson_id, audience)}
        assert cited and listed == cited, (lesson_id, audience, sorted(listed ^ cited)[:3])
        assert every_url - cited, "every lesson cites everything: the check above proves nothing"
        if audience == "student":  # nothing only the educator notes cite, above all an
            # educator-only page (one gives the method of a suicide)
            educator_only = {s.url for s in cited_sources(course, lesson_id, "educator")
                             if s.educator_only}
            assert not listed & educator_only, (lesson_id, sorted(listed & educator_only))


def test_handouts_are_deterministic(handouts, course):
    from curriculum.handout.build import exporter_for, notebook_for

    lesson_id = course.meta.lessons[0].id
    nb = nbformat.read(notebook_for(course, lesson_id), as_version=4)
    again, _ = exporter_for(course, "student").from_notebook_node(nb)
    assert again == handouts[(lesson_id, "student")].read_text(encoding="utf-8")
