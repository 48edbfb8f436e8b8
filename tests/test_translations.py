"""Translations: text only, structure once, and every missing or stale text named.

A translation file cannot change which option is right (it holds no structure); a text
with no translation is named with the English file and line; a translation whose English
changed since is named with the translation file and line; the interface catalogue and
the translated notebooks are held the same way.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from curriculum.cli import main
from curriculum.course.languages import using_language
from curriculum.course.load import CONTENT_DIR
from curriculum.course.notebook_translations import (
    fingerprint,
    notebook_problems,
    skeleton,
    translated_path,
)
from curriculum.course.packaged import packaged_course
from curriculum.course.translate import content_files, slots, translate_course
from curriculum.present import strings

LANG = "zh-Hant-HK"


def full_translation(course, root: Path, mark: str = "譯") -> None:
    """A complete, current translation of every content text into ``root/LANG``."""
    files: dict[str, dict] = {}
    for group, stem, _rel, obj in content_files(course):
        for slot in slots(obj):
            files.setdefault(group, {}).setdefault(stem, {})[slot.key] = {
                "en": slot.text, "text": f"{mark}:{slot.text}"}
    (root / LANG).mkdir(parents=True, exist_ok=True)
    for group, data in files.items():
        (root / LANG / f"{group}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def english():
    return packaged_course()


def test_a_complete_translation_changes_text_and_nothing_else(english, tmp_path):
    full_translation(english, tmp_path)
    zh, problems = translate_course(english, LANG, tmp_path, CONTENT_DIR)
    assert problems == []
    quiz_en = english.lessons["01-history"].activities["quiz"]
    quiz_zh = zh.lessons["01-history"].activities["quiz"]
    assert quiz_zh.title == f"譯:{quiz_en.title}"
    for q_en, q_zh in zip(quiz_en.questions, quiz_zh.questions, strict=True):
        assert [(o.id, o.correct) for o in q_en.options] == [(o.id, o.correct) for o in q_zh.options]
        assert q_zh.source == q_en.source and q_zh.prompt.startswith("譯:")
    timeline = zh.lessons["01-history"].activities["timeline"]
    assert [e.date for e in timeline.events] == [
        e.date for e in english.lessons["01-history"].activities["timeline"].events]
    assert zh.sources == english.sources  # titles of documents stay as published
    assert [r.local for r in zh.meta.support] == [r.local for r in english.meta.support]


def test_a_translation_cannot_carry_structure(english, tmp_path):
    """Naming a field that is not text (which option is right) is refused as unknown."""
    full_translation(english, tmp_path)
    path = tmp_path / LANG / "01-history.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    q = english.lessons["01-history"].activities["quiz"].questions[0]
    wrong = next(o for o in q.options if not o.correct)
    data["quiz"][f"questions[{q.id}].options[{wrong.id}].correct"] = {"en": "False", "text": "True"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    zh, problems = translate_course(english, LANG, tmp_path, CONTENT_DIR)
    assert [p.message for p in problems] == [
        "no such text in the English content (removed or renamed): delete it"]
    assert problems[0].file == str(path) and problems[0].line
    zh_q = zh.lessons["01-history"].activities["quiz"].questions[0]
    assert next(o for o in zh_q.options if o.id == wrong.id).correct is False


def test_missing_texts_are_named_with_the_english_file_id_and_line(english, tmp_path):
    full_translation(english, tmp_path)
    path = tmp_path / LANG / "03-sexting.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    q = english.lessons["03-sexting"].activities["quiz"].questions[1]
    key = f"questions[{q.id}].prompt"
    del data["quiz"][key]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    zh, problems = translate_course(english, LANG, tmp_path, CONTENT_DIR)
    assert len(problems) == 1
    (p,) = problems
    english_file = CONTENT_DIR / "03-sexting" / "quiz.yaml"
    assert p.file == str(english_file) and p.field == key
    assert f"prompt: {q.prompt[:20]}" in english_file.read_text(encoding="utf-8").splitlines()[
        p.line - 1].replace('"', "").replace("'", "")
    assert zh.lessons["03-sexting"].activities["quiz"].questions[1].prompt == q.prompt  # English meanwhile


def test_a_translation_whose_english_changed_is_stale(english, tmp_path):
    full_translation(english, tmp_path)
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    lesson = content / "02-mechanics" / "lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    old = english.lessons["02-mechanics"].meta.summary[0]
    assert old in text
    lesson.write_text(text.replace(old, old + " Changed."), encoding="utf-8")
    from curriculum.course.load import load_course

    changed = load_course(content)
    _zh, problems = translate_course(changed, LANG, tmp_path, content)
    assert [(Path(p.file).name, p.field, p.message) for p in problems] == [
        ("02-mechanics.yaml", "lesson.summary[0]", "stale: the English changed after this was translated")]
    lines = (tmp_path / LANG / "02-mechanics.yaml").read_text(encoding="utf-8").splitlines()
    assert problems[0].line and "summary[0]" in "".join(lines[problems[0].line - 2:problems[0].line])


def test_a_translation_that_forgets_the_people_in_school_is_named(english, tmp_path):
    full_translation(english, tmp_path)
    path = tmp_path / LANG / "course.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["course"]["support_intro"]["text"] = "如有需要，請告訴你信任的人。"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _zh, problems = translate_course(english, LANG, tmp_path, CONTENT_DIR)
    assert [p.field for p in problems] == ["course.support_intro"]
    assert "people in school" in problems[0].message


def test_check_lang_exits_1_naming_problems_and_0_when_complete(english, tmp_path, capsys):
    empty = tmp_path / "notebooks"
    empty.mkdir()
    assert main(["check", "--lang", LANG, "--translations", str(tmp_path / "none"),
                 "--notebooks", str(empty)]) == 1
    err = capsys.readouterr().err
    assert "course.yaml:" in err and "no zh-Hant-HK translation" in err
    full_translation(english, tmp_path)
    code = main(["check", "--lang", LANG, "--translations", str(tmp_path), "--notebooks", str(empty)])
    err = capsys.readouterr().err
    interface = [ln for ln in err.splitlines() if "curriculum.po" in ln or "strings.py" in ln]
    assert code == (1 if interface else 0), err
    assert "Traceback" not in err


# -- translated notebooks ---------------------------------------------------------------------


def test_notebook_skeleton_keeps_the_cells_and_is_named_until_translated(tmp_path):
    src = Path(__file__).resolve().parents[1] / "notebooks" / "01-history.ipynb"
    en_path = tmp_path / src.name
    shutil.copy(src, en_path)
    en = json.loads(en_path.read_text(encoding="utf-8"))
    tr_path = translated_path(en_path, LANG)
    tr_path.parent.mkdir()
    tr = skeleton(en, LANG)
    tr_path.write_text(json.dumps(tr, ensure_ascii=False), encoding="utf-8")
    markdown = [i for i, c in enumerate(en["cells"]) if c["cell_type"] == "markdown"]
    found = notebook_problems(en_path, LANG)
    assert [p.field for p in found] == [f"cells[{i}]" for i in markdown]
    assert all("no zh-Hant-HK translation" in p.message for p in found)
    for i in markdown:
        tr["cells"][i]["source"] = f"譯 {i}"
    tr_path.write_text(json.dumps(tr, ensure_ascii=False), encoding="utf-8")
    assert notebook_problems(en_path, LANG) == []
    # the English changes: that cell is stale; a code change or a lost language choice is named
    en["cells"][markdown[0]]["source"] = "Changed."
    en_path.write_text(json.dumps(en), encoding="utf-8")
    code = next(i for i, c in enumerate(tr["cells"]) if c["cell_type"] == "code")
    tr["cells"][code]["source"] = "from widgets import show"
    tr["cells"][-1]["source"] = 'show("02-mechanics/quiz")' if tr["cells"][-1]["cell_type"] == "code" \
        else tr["cells"][-1]["source"]
    tr_path.write_text(json.dumps(tr, ensure_ascii=False), encoding="utf-8")
    messages = {p.field: p.message for p in notebook_problems(en_path, LANG)}
    assert messages[f"cells[{markdown[0]}]"].startswith("stale")
    assert "must choose the language" in messages[f"cells[{code}]"]
    assert fingerprint("Changed.") != fingerprint("Changed!")


def test_jupyterlab_can_show_its_menus_in_traditional_chinese():
    """Settings -> Language lists 中文 (README says to choose it), and choosing it gives
    JupyterLab's own words in Traditional Chinese, as JupyterLab's server hands them out."""
    from jupyterlab_server.translation_utils import get_language_pack, get_language_packs

    packs, _message = get_language_packs("en")
    assert "zh_TW" in packs and packs["zh_TW"]["nativeName"].startswith("中文")
    words = get_language_pack("zh_TW")[0]["jupyterlab"]
    assert words[""]["language"] == "zh-TW"
    assert words["Settings"] != ["Settings"] and "設定" in words["Settings"][0]


def test_answers_in_either_language_are_the_same_question(tmp_path, recorded_attempts):
    """Progress stores ids, not text: a class can mix languages and the report counts alike."""
    from curriculum.activities.quiz import QuizModel

    for lang in ("en", LANG):
        quiz = packaged_course(lang).lessons["01-history"].activities["quiz"]
        model = QuizModel(quiz, "01-history")
        q = quiz.questions[0]
        model.select(q.id, next(o.id for o in q.options if o.correct))
        model.check(q.id)
    en, zh = recorded_attempts
    assert (en.lesson, en.activity, en.item, en.answer, en.correct) == (
        zh.lesson, zh.activity, zh.item, zh.answer, zh.correct)
    # and the class report, reading one learner of each language, counts them as one question
    import json

    from curriculum.classroom.report import build_report
    from curriculum.classroom.results import load_results
    from curriculum.classroom.store import ProgressStore

    (tmp_path / "class").mkdir()
    for name, attempt in (("en", en), ("zh", zh)):
        with ProgressStore(tmp_path / f"{name}.sqlite3") as store:
            store.set_pseudonym(f"learner-{name}")
            store.record(attempt)
            (tmp_path / "class" / f"{name}.json").write_text(json.dumps(store.export()), encoding="utf-8")
    report = build_report(load_results(tmp_path / "class", identity="file"), packaged_course(LANG))
    key = (en.lesson, en.activity, en.item)
    asked = [s for s in report.questions if (s.lesson, s.activity, s.item) == key]
    assert len(asked) == 1 and asked[0].answered == 2 and asked[0].first_correct == 2


def test_class_report_in_chinese(tmp_path, capsys):
    from curriculum.classroom.sample import write_sample

    write_sample(tmp_path / "class", packaged_course(), learners=3)
    assert main(["report", str(tmp_path / "class"), "--lang", LANG, "--out",
                 str(tmp_path / "class-report.html")]) == 0
    page = (tmp_path / "class-report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant-HK"' in page
    with using_language(LANG):
        heading = strings.t("report_completion_heading")
    assert heading != "Completion" and f"<h2>{heading}</h2>" in page


# -- the shipped translation: complete, current, readable -------------------------------------


def test_the_shipped_translation_is_complete_and_current(capsys):
    """`check --lang all`: no missing or stale text in content, interface or notebooks."""
    code = main(["check", "--lang", "all"])
    err = capsys.readouterr().err
    assert code == 0, err[-3000:]


def test_every_lesson_notebook_has_its_chinese_twin():
    from curriculum.course.packaged import NOTEBOOKS_DIR

    english = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert len(english) >= 6
    for path in english:
        assert translated_path(path, LANG).exists(), path.name
        assert notebook_problems(path, LANG) == [], path.name


def test_chinese_student_text_is_readable_for_secondary_2():
    """Characters per sentence: the lesson's mean and its longest sentence, held to a ceiling."""
    from tests.readability import (
        NOTEBOOKS_DIR,
        ZH_MEAN_MAX,
        ZH_SENTENCE_MAX,
        lesson_zh_sentences,
        zh_length,
    )

    by_lesson = lesson_zh_sentences(packaged_course(LANG), NOTEBOOKS_DIR / LANG)
    assert set(by_lesson) == set(packaged_course().lessons)
    for lesson_id, sentences in by_lesson.items():
        lengths = [zh_length(s) for s in sentences]
        assert sentences and sum(lengths) / len(lengths) <= ZH_MEAN_MAX, lesson_id
        longest = max(sentences, key=zh_length)
        assert zh_length(longest) <= ZH_SENTENCE_MAX, (lesson_id, longest)
        english = [s for s in sentences if not any("\u4e00" <= ch <= "\u9fff" for ch in s)
                   and len(re.findall(r"[A-Za-z]+", s)) >= 4]  # names and numbers are fine
        assert not english, f"{lesson_id}: left in English: {english[:5]}"


def test_chinese_handouts_say_their_language_and_hold_no_answers(handout_files):
    from tests.handout_support import answer_key_strings, normalise, plain_text

    handouts = handout_files.every_language
    zh = packaged_course(LANG)
    with using_language(LANG):
        kinds = {"student": strings.t("handout_student"), "educator": strings.t("handout_educator")}
    assert kinds["student"] != "Student worksheet"
    for lesson_id, lesson in zh.lessons.items():
        student = handouts[(lesson_id, "student", LANG)].read_text(encoding="utf-8")
        educator = handouts[(lesson_id, "educator", LANG)].read_text(encoding="utf-8")
        assert '<html lang="zh-Hant-HK">' in student and kinds["student"] in student
        assert kinds["educator"] in educator
        text = plain_text(student)
        leaked = [a for a in answer_key_strings(lesson) if a in text]
        assert not leaked, f"{lesson_id}: {leaked[:3]}"
        assert normalise(lesson.title) in plain_text(educator)
