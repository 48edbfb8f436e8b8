"""The checks that keep the course safe to put in front of a class (issue 18, part 4).

Each damages a private copy of the content (or of the translations) in one way and asserts
that ``python -m curriculum check`` names the file, the line and the field, or that an
allowed wording passes. Then the shipped course is held to the same rules in both
languages: every lesson opens with the limit of confidentiality, and the teacher's kit
is complete.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from curriculum.cli import main
from curriculum.course.languages import LANGS
from curriculum.course.load import load_course
from curriculum.course.rules import SECRECY, SECRECY_LIMIT, promises_secrecy
from curriculum.course.translate import TRANSLATIONS_DIR, translate_course

from .test_check_cli import line_of, replace

ZH = "zh-Hant-HK"


def check(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.strip().splitlines()


@pytest.mark.parametrize("text", [
    "What is said stays in the room.",
    "You can talk to someone today, in confidence.",
    "Anything you tell me is confidential.",
    "I will keep it a secret.",
    "課堂上說的話留在課室內。",
    "你今天就可以找人傾談，對方會為你保密。",
])
def test_secrecy_without_its_limit_is_a_promise(text):
    assert promises_secrecy(text)


@pytest.mark.parametrize("text", [
    "What is said stays in the room, unless someone may be at risk of harm.",
    "If a student discloses, listen, and do not promise secrecy.",
    "They will keep it as private as they can; if you may be at risk of harm, they must get "
    "you help.",
    "課堂上說的話會留在課室內，除非有人可能受到傷害。",
    "要聆聽、保持冷靜、不要答應保密。",
    "Tell a trusted adult today.",
])
def test_secrecy_with_its_limit_or_no_promise_passes(text):
    assert not promises_secrecy(text)


def test_a_ground_rule_that_promises_secrecy_is_refused_with_its_line(content_copy, capsys):
    course_file = content_copy / "course.yaml"
    replace(course_file, "  every_lesson:\n",
            "  every_lesson:\n    - text: What is said here stays in the room.\n")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 1
    line = f"{course_file}:{line_of(course_file, 'What is said here stays')}"
    refused = [ln for ln in lines if ln.startswith(line)]
    assert refused and "educator.every_lesson[0].text: promises secrecy" in refused[0]
    assert "risk of harm" in refused[0] and "Cap. 650" in refused[0]


def test_secrecy_is_refused_in_lesson_notes_but_a_story_may_ask_for_it(content_copy, capsys):
    lesson = content_copy / "05-what-to-do" / "lesson.yaml"
    replace(lesson, "  safeguarding:\n",
            "  safeguarding:\n    - Tell the class that everything is in confidence.\n")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 1
    assert any(ln.startswith(f"{lesson}:{line_of(lesson, 'everything is in confidence')}: "
                             "educator.safeguarding[0]: promises secrecy") for ln in lines), lines
    # A character in a story may ask for a secret: the feedback teaches why no one can
    # promise it. Activities are outside the rule.
    replace(lesson, "    - Tell the class that everything is in confidence.\n", "")
    quiz = content_copy / "05-what-to-do" / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    first = data["questions"][0]["options"][0]["text"]
    quiz.write_text(text.replace(first, "Ask her to keep it a secret", 1), encoding="utf-8")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 0, lines


def test_a_chinese_support_text_that_promises_secrecy_is_refused(tmp_path, capsys):
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, translations)
    path = translations / ZH / "course.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["course"]["support_intro"]["text"] = "你今天就可以找人傾談，對方會為你保密。"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88),
                    encoding="utf-8")
    _course, problems = translate_course(load_course(), ZH, translations)
    refused = [p for p in problems if p.field == "course.support_intro"]
    assert len(refused) == 1 and "promises secrecy" in refused[0].message
    assert refused[0].file == str(path)
    assert refused[0].line == line_of(path, "  support_intro:") + 1  # the entry's first line


def test_an_educator_only_source_is_refused_where_students_read_it(content_copy, capsys):
    course_file = content_copy / "course.yaml"
    replace(course_file, "sources:\n  - id: ",
            "sources:\n  - id: adults-only\n    title: A page for adults\n"
            "    url: https://example.org/adults\n    educator_only: true\n"
            "    note: it gives details students must not read\n  - id: ", 1)
    # cited in the educator notes: allowed
    replace(course_file, "  reporting_duty:\n",
            "  reporting_duty:\n    - text: Background for you only.\n      source: adults-only\n")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 0, lines
    # cited on the support list, which every student sees: refused, at its line
    replace(course_file, "    source: adcc\n", "    source: adults-only\n")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 1
    line = next(ln for ln in lines if "'adults-only' is for educators only" in ln)
    assert line.startswith(f"{course_file}:") and ".source:" in line
    assert "support[" in line and "it gives details students must not read" in line


def test_a_student_handout_lists_no_source_only_the_educator_notes_cite():
    from curriculum.handout import sections

    from .handout_support import make_course

    course = make_course()
    lesson = course.lessons["09-test"]
    data = lesson.meta.model_dump()
    data["educator"]["likely_questions"][0]["source"] = "adult"
    from curriculum.course.model import Lesson, LessonMeta, Source

    lesson = Lesson(meta=LessonMeta.model_validate(data),
                    sources={**lesson.sources, "adult": Source(
                        id="adult", title="ADULT-ONLY-PAGE", url="https://example.org/a",
                        educator_only=True)},
                    activities=lesson.activities)
    course = course.model_copy(update={"lessons": {"09-test": lesson}})
    assert "ADULT-ONLY-PAGE" in sections.sources(course, lesson, audience="educator")
    student = sections.sources(course, lesson, audience="student")
    assert "ADULT-ONLY-PAGE" not in student and "A source" in student


def test_the_plain_check_reports_a_stale_translation(content_copy, capsys):
    """After editing the English, the command with no options must not say all is well."""
    course_file = content_copy / "course.yaml"
    replace(course_file, 'title: "Staying safe from sextortion and sexting harm"',
            'title: "Staying safe from sextortion"')
    code, lines = check(capsys, str(content_copy))
    assert code == 1
    assert any("course.title: stale" in ln for ln in lines), lines
    assert lines[-1].endswith(f"({ZH})")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 0, lines


KIT = """\
pages:
  - id: card
    title: A card
    intro: What the card is for.
    in_guides: all
    sections:
      - id: contacts
        heading: Who to call
        fill_in:
          - Name
"""


def test_a_kit_page_missing_in_a_language_is_named(content_copy, tmp_path, capsys):
    (content_copy / "kit.yaml").write_text(KIT, encoding="utf-8")
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, translations)
    (translations / ZH / "kit.yaml").unlink(missing_ok=True)
    course = load_course(content_copy)
    _tr, problems = translate_course(course, ZH, translations, content_copy)
    kit = [p for p in problems if p.file.endswith("kit.yaml")]
    assert {p.field for p in kit} == {"pages[card].title", "pages[card].intro",
                                      "pages[card].sections[contacts].heading",
                                      "pages[card].sections[contacts].fill_in[0]"}
    assert all(p.message == f"no {ZH} translation" and p.line for p in kit)
    (translations / ZH / "kit.yaml").write_text(yaml.safe_dump({"kit": {
        "pages[card].title": {"en": "A card", "text": "一張卡"},
        "pages[card].intro": {"en": "What the card is for.", "text": "這張卡的用途。"},
        "pages[card].sections[contacts].heading": {"en": "Who to call", "text": "找誰"},
        "pages[card].sections[contacts].fill_in[0]": {"en": "Name", "text": "姓名"},
    }}, allow_unicode=True), encoding="utf-8")
    translated, problems = translate_course(course, ZH, translations, content_copy)
    assert not [p for p in problems if p.file.endswith("kit.yaml")]
    assert translated.kit.pages[0].sections[0].fill_in == ["姓名"]


def test_a_missing_translation_is_named_at_the_english_line_the_loader_kept(content_copy,
                                                                           tmp_path):
    """The translator takes the English lines from the loaded course, not from the files."""
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, translations)
    (translations / ZH / "01-history.yaml").unlink()
    course = load_course(content_copy)
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = course.text_line("01-history/quiz.yaml", ("questions", 0, "prompt"))
    assert line and "prompt:" in quiz.read_text(encoding="utf-8").splitlines()[line - 1]
    quiz.unlink()
    _tr, problems = translate_course(course, ZH, translations, content_copy)
    assert [p.line for p in problems
            if p.file == str(quiz) and p.field.endswith(".prompt")][:1] == [line]
    assert all(p.line for p in problems if p.message == f"no {ZH} translation")


def test_a_glossary_word_needs_every_language(content_copy):
    lesson = content_copy / "02-mechanics" / "lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["educator"]["glossary"] = [{"id": "sextortion-word", "terms": {"en": "sextortion"},
                                     "meaning": "Blackmail with an intimate image."}]
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _tr, problems = translate_course(load_course(content_copy), ZH, TRANSLATIONS_DIR,
                                     content_copy)
    assert any(p.field == "educator.glossary[sextortion-word].terms"
               and p.message == f"no {ZH} term (add {ZH}: ... beside en)" for p in problems)


def test_a_kit_page_for_an_unknown_lesson_is_refused(content_copy, capsys):
    (content_copy / "kit.yaml").write_text(KIT.replace("in_guides: all", "in_guides: [07-none]"),
                                           encoding="utf-8")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 1
    kit = content_copy / "kit.yaml"
    assert any(ln.startswith(f"{kit}:{line_of(kit, 'in_guides')}: pages[0].in_guides[0]: "
                             "no lesson '07-none'") for ln in lines), lines


# -- the shipped course, in every language ---------------------------------------------------

@pytest.fixture(scope="module", params=LANGS)
def shipped(request):
    from curriculum.course.packaged import packaged_course

    return request.param, packaged_course(request.param)


def test_every_lesson_opens_with_the_limit_of_confidentiality(shipped):
    lang, course = shipped
    for lesson_id, lesson in course.lessons.items():
        e = lesson.meta.educator
        assert e.script is not None, f"{lesson_id} ({lang}) has no read-aloud script"
        said = [p for p in e.script.opening if SECRECY.search(p) and SECRECY_LIMIT.search(p)]
        assert said, f"{lesson_id} ({lang}): the opening script never says what stays private " \
                     "and where that ends"
        first = e.facilitation[0].step
        assert SECRECY.search(first) and SECRECY_LIMIT.search(first), (lesson_id, lang, first)


def test_every_lesson_has_its_kit_parts(shipped):
    lang, course = shipped
    for lesson_id, lesson in course.lessons.items():
        e = lesson.meta.educator
        assert e.script.close and e.no_computers and e.second_language, (lesson_id, lang)
        assert len(e.glossary) >= 3, (lesson_id, lang)
        assert all(set(LANGS) <= set(g.terms) for g in e.glossary), (lesson_id, lang)


def test_the_kit_has_its_pages(shipped):
    lang, course = shipped
    assert course.kit is not None
    pages = {p.id: p for p in course.kit.pages}
    assert {"safeguarding-card", "legal-summary", "question-bank", "parent-letter"} <= set(pages)
    assert pages["safeguarding-card"].in_guides == "all"
    card = pages["safeguarding-card"]
    assert any(s.fill_in for s in card.sections), "the card has nothing to fill in"
    bank = [q for s in pages["question-bank"].sections for q in s.questions]
    assert 12 <= len(bank) <= 15, len(bank)


def test_a_lesson_or_kit_source_may_not_reuse_a_course_source_id(content_copy, capsys):
    sources = content_copy / "05-what-to-do" / "sources.yaml"
    replace(sources, "sources:\n", "sources:\n  - id: adcc\n    title: Again\n"
                                   "    url: https://example.org/again\n")
    kit = content_copy / "kit.yaml"
    text = kit.read_text(encoding="utf-8")
    assert "\nsources:\n" in text, "test setup: the kit has no sources list"
    kit.write_text(text.replace("\nsources:\n", "\nsources:\n  - id: police-ereport\n"
                                "    title: Again\n    url: https://example.org/again\n", 1),
                   encoding="utf-8")
    code, lines = check(capsys, str(content_copy), "--lang", "en")
    assert code == 1
    assert any(ln.startswith(f"{sources}:{line_of(sources, '- id: adcc')}: sources[0].id: "
                             "duplicate id 'adcc': already a course source") for ln in lines), lines
    assert any(ln.startswith(f"{kit}:{line_of(kit, '- id: police-ereport')}: sources[0].id: "
                             "duplicate id 'police-ereport': already a course source")
               for ln in lines), lines


def test_every_rule_runs_on_every_content_file(content_copy, monkeypatch):
    """The loader applies the one declared list, rules.CHECKS, to each file it validates."""
    from curriculum.course import load, rules
    from curriculum.course.problems import ContentError

    seen = []

    def planted(obj, sources):
        seen.append(type(obj).__name__)
        yield ("id",) if hasattr(obj, "id") else (), "planted rule"

    monkeypatch.setattr(load, "CHECKS", [*rules.CHECKS, planted])
    with pytest.raises(ContentError) as err:
        load.load_course(content_copy)
    files = {Path(p.file).resolve() for p in err.value.problems if p.message == "planted rule"}
    assert files == {p.resolve() for p in content_copy.rglob("*.yaml")}
    assert {"CourseMeta", "LessonMeta", "LessonSources", "TeacherKit", "Quiz"} <= set(seen)
    assert all(p.line for p in err.value.problems)


def test_each_rule_is_a_check_of_an_object_and_its_sources():
    from curriculum.course.model import LawExplorer, Source
    from curriculum.course.rules import CHECKS, check_law_sources

    assert len(CHECKS) == len(set(CHECKS)) >= 7
    assert all(check.__name__.startswith("check_") and check.__doc__ for check in CHECKS)
    law = LawExplorer.model_validate({
        "kind": "law", "id": "l", "title": "T", "instructions": "I", "disclaimer": "D",
        "situations": [{"id": "s", "situation": "S", "plain_language": "P", "offences": [
            {"id": "o", "offence": "O", "ordinance": "Cap. 1", "section": "s. 1",
             "max_penalty": "Prison", "source": "news"}]}]})
    news = Source(id="news", title="News", url="https://example.org")
    found = list(check_law_sources(law, {"news": news}))
    assert [path for path, _ in found] == [("situations", 0, "offences", 0, "source")]
    assert list(check_law_sources(law, {"news": news.model_copy(update={"primary": True})})) == []
