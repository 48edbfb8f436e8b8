"""The teacher's kit: drawn from the data into the educator guides and as pages of their own.

Small inline content checks what each part prints and what a student never sees; the
shipped course is then built once (both languages) and its kit pages and guides read back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from curriculum.course.languages import LANGS
from curriculum.course.model import Course, LessonMeta, Source, TeacherKit
from curriculum.handout import sections
from curriculum.handout.kit import kit_file_name, kit_page_html

from .handout_support import HandoutFiles, make_course, plain_text, run_chain, small_notebook

EDUCATOR_KIT = {
    "script": {"opening": ["OPENING-WORDS stay in the room unless someone is at risk."],
               "close": ["CLOSING-WORDS"]},
    "no_computers": ["PAPER-ROUTE"],
    "second_language": ["S1-NOTE"],
    "glossary": [{"id": "consent", "terms": {"en": "consent", "zh-Hant-HK": "同意"},
                  "meaning": "GLOSS-MEANING"}],
}

KIT = {
    "pages": [
        {"id": "card", "title": "CARD-TITLE", "intro": "CARD-INTRO", "in_guides": "all",
         "sections": [
             {"id": "who", "heading": "WHO-HEADING", "fill_in": ["CONTACT-NAME", "EXTENSION"]},
             {"id": "say", "heading": "SAY-HEADING",
              "paragraphs": [{"text": "CARD-PARAGRAPH", "source": "k1"}],
              "points": [{"text": "CARD-POINT", "source": "c1"}, {"text": "UNSOURCED-POINT"}]}]},
        {"id": "bank", "title": "BANK-TITLE", "intro": "BANK-INTRO", "in_guides": ["05-other"],
         "sections": [{"id": "qs", "heading": "QS", "questions": [
             {"id": "q", "question": "BANK-QUESTION", "answer": "BANK-ANSWER", "source": "k1"}]}]},
    ],
    "sources": [{"id": "k1", "title": "KIT-SOURCE", "url": "https://example.org/kit"}],
}


@pytest.fixture(scope="module")
def kit_course() -> Course:
    course = make_course()
    lesson = course.lessons["09-test"]
    data = lesson.meta.model_dump()
    data["educator"].update(EDUCATOR_KIT)
    lesson = lesson.model_copy(update={"meta": LessonMeta.model_validate(data)})
    return course.model_copy(update={"lessons": {"09-test": lesson},
                                     "kit": TeacherKit.model_validate(KIT)})


def test_a_kit_page_prints_every_part_with_its_sources(kit_course):
    page = kit_page_html(kit_course, kit_course.kit.page("card"))
    text = plain_text(page)
    for word in ("CARD-TITLE", "CARD-INTRO", "WHO-HEADING", "SAY-HEADING", "CARD-PARAGRAPH",
                 "CARD-POINT", "UNSOURCED-POINT", "CONTACT-NAME", "EXTENSION"):
        assert word in text, word
    # each label has a line to write on, as a table row a screen reader reads as label + cell
    assert len(re.findall(r'<th scope="row">(CONTACT-NAME|EXTENSION)</th><td class="csc-fill">'
                          r'<span class="csc-line"></span>', page)) == 2
    # sources are numbered notes: a mark after each sourced item, each link once at the end
    assert re.search(r"CARD-PARAGRAPH<sup[^>]*><a href=\"#kit-card-note-1\">1</a></sup>", page)
    assert re.search(r"CARD-POINT<sup[^>]*><a href=\"#kit-card-note-2\">2</a></sup>", page)
    assert "UNSOURCED-POINT</li>" in page
    notes = page[page.index('class="csc-kit-notes"'):]
    assert notes.index('id="kit-card-note-1"') < notes.index('href="https://example.org/kit"') \
        < notes.index('id="kit-card-note-2"') < notes.index('href="https://example.org/c"')
    assert page.count("https://example.org/kit") == 1 and "KIT-SOURCE" in text
    assert page.index('<h2 id="kit-title-card">CARD-TITLE</h2>') < page.index("<h3>WHO-HEADING")


def test_kit_text_is_escaped():
    kit = TeacherKit.model_validate({"pages": [{
        "id": "p", "title": "<script>alert(1)</script>", "intro": "a & b", "sections": [
            {"id": "s", "heading": "<b>h</b>", "fill_in": ['"><img src=x onerror=alert(1)>']}]}]})
    course = make_course().model_copy(update={"kit": kit})
    page = kit_page_html(course, kit.pages[0])
    assert "<script>" not in page and "<img" not in page and "<b>h" not in page
    assert "&lt;script&gt;" in page and "a &amp; b" in page


def test_the_educator_guide_carries_the_lessons_kit_and_lists_every_page(kit_course):
    notes = sections.educator_notes(kit_course, kit_course.lessons["09-test"], lang="en")
    text = plain_text(notes)
    for word in ("OPENING-WORDS", "CLOSING-WORDS", "PAPER-ROUTE", "S1-NOTE", "GLOSS-MEANING",
                 "CARD-TITLE", "CONTACT-NAME"):
        assert word in text, word
    # the opening is read before the prompts, the close after the notes, before safeguarding
    assert text.index("OPENING-WORDS") < text.index("DISCUSS") < text.index("CLOSING-WORDS") \
        < text.index("SAFEGUARD")
    # the bank is printed only in the guides it names, but listed in every guide
    assert "BANK-QUESTION" not in text and "BANK-TITLE" in text
    assert 'href="kit/card.html"' in notes and 'href="kit/bank.html"' in notes
    # the glossary row shows the word in both languages, each marked with its language
    assert '<td lang="en">consent</td><td lang="zh-Hant-HK">同意</td>' in notes
    zh = sections.educator_notes(kit_course, kit_course.lessons["09-test"], lang="zh-Hant-HK")
    assert '<td lang="zh-Hant-HK">同意</td><td lang="en">consent</td>' in zh
    assert 'href="kit/card.zh-Hant-HK.html"' in zh


def test_no_kit_part_reaches_a_student(kit_course):
    nb, _ = run_chain(small_notebook(), kit_course, "student")
    text = plain_text(" ".join(c.source for c in nb.cells))
    for word in ("OPENING-WORDS", "CLOSING-WORDS", "PAPER-ROUTE", "S1-NOTE", "GLOSS-MEANING",
                 "CARD-TITLE", "BANK-TITLE", "KIT-SOURCE"):
        assert word not in text, word


def test_a_kit_page_of_its_own_is_a_whole_page_with_the_kit_banner(kit_course):
    from curriculum.handout.exporter import HandoutExporter
    from curriculum.handout.kit import kit_notebook

    body, _ = HandoutExporter(audience="educator", course=kit_course).from_notebook_node(
        kit_notebook(kit_course, kit_course.kit.page("card")))
    assert "<title>CARD-TITLE: Teacher&#x27;s kit</title>" in body or \
        "<title>CARD-TITLE: Teacher's kit</title>" in body
    assert "for the teacher, not for students" in body
    assert "CONTACT-NAME" in body and "Answer key" not in body


def test_a_notebook_code_cell_cannot_smuggle_the_kit_into_a_student_sheet(kit_course):
    nb = new_notebook(cells=[new_code_cell('show("09-test/quiz")')],
                      metadata={"curriculum_kit": "card"})
    nb, resources = run_chain(nb, kit_course, "student")
    assert "CARD-TITLE" not in " ".join(c.source for c in nb.cells)


# -- the shipped kit, built once in every language --------------------------------------------

@pytest.fixture(scope="module")
def kit_files(handout_files: HandoutFiles) -> dict[tuple[str, str], Path]:
    return handout_files.kit


def test_every_kit_page_is_built_in_every_language(kit_files, course):
    assert course.kit is not None
    expected = {(p.id, lang) for p in course.kit.pages for lang in LANGS}
    assert set(kit_files) == expected


def test_each_kit_page_holds_all_its_text_in_its_language(kit_files):
    from curriculum.course.packaged import packaged_course
    from curriculum.course.translate import slots

    for (page_id, lang), path in kit_files.items():
        page = packaged_course(lang).kit.page(page_id)
        html_text = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html_text
        text = plain_text(html_text)
        for slot in slots(page):
            assert " ".join(slot.text.split()) in text, (page_id, lang, slot.key)
        # offline: nothing is loaded from anywhere
        assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=", html_text)


def test_every_guide_links_kit_pages_that_exist(handout_files):
    for (lesson, audience, lang), path in handout_files.every_language.items():
        html_text = path.read_text(encoding="utf-8")
        links = re.findall(r'href="(kit/[^"]+)"', html_text)
        if audience == "student":
            assert not links, (lesson, lang)
            continue
        assert links, (lesson, lang)
        for link in links:
            assert (path.parent / link).is_file(), (lesson, lang, link)
            assert link.endswith(kit_file_name(Path(link).name.split(".")[0], lang))


def test_the_safeguarding_card_is_in_every_guide_and_no_worksheet(handout_files):
    from curriculum.course.packaged import packaged_course

    for (lesson, audience, lang), path in handout_files.every_language.items():
        card = packaged_course(lang).kit.page("safeguarding-card")
        text = plain_text(path.read_text(encoding="utf-8"))
        heads = [" ".join(s.heading.split()) for s in card.sections]
        if audience == "educator":
            assert all(hd in text for hd in heads), (lesson, lang)
        else:
            assert not any(hd in text for hd in heads), (lesson, lang)


def test_kit_sources_are_real_links(course):
    assert all(isinstance(s, Source) and s.url.startswith("http") for s in course.kit.sources)
