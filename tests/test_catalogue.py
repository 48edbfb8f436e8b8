"""The interface catalogue: gettext lookups by key and English, Babel's update, the build.

msgctxt is the key and msgid the English a translation was made from, so a changed English
text is simply not found; ``translations po`` merges the table as ``pybabel update`` does
(fuzzy with the previous English, obsolete kept); the wheel carries the compiled .mo, and a
source tree whose .mo is missing or older than its .po still shows the translation.
"""

from __future__ import annotations

import os
import runpy

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations
from setuptools.dist import Distribution

from curriculum.cli import main
from curriculum.course.languages import use_language, using_language
from curriculum.present import catalogue, strings
from curriculum.present.catalogue_check import fields, interface_problems
from curriculum.present.html import date_text
from tests.support import ROOT

LANG = "zh-Hant-HK"


@pytest.fixture
def locale_dir(monkeypatch, tmp_path):
    """An empty folder of catalogues in place of the shipped one, read afresh."""
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    catalogue.forget_catalogues()
    yield tmp_path
    catalogue.forget_catalogues()


def write_catalogue(entries, fuzzy=()):
    """``LANG``'s .po holding ``{key: (english, translation)}``; keys in ``fuzzy`` marked so."""
    cat = Catalog(locale="zh_Hant_HK", domain=catalogue.DOMAIN, charset="utf-8")
    for key, (english, translated) in entries.items():
        cat.add(english, translated, context=key, flags=("fuzzy",) if key in fuzzy else ())
    po = catalogue.po_file(LANG)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fh:
        write_po(fh, cat, width=88)
    return po


def compile_to_mo(po, mtime):
    with po.open("rb") as source, catalogue.mo_file(LANG).open("wb") as target:
        write_mo(target, read_po(source))
    os.utime(catalogue.mo_file(LANG), (mtime, mtime))


def line_of(po, text):
    return po.read_text(encoding="utf-8").splitlines().index(text) + 1


# -- looking words up ---------------------------------------------------------------------------


def test_interface_words_switch_language_and_fall_back_to_english(locale_dir):
    write_catalogue({"check": ("Check", "檢查答案"), "try_again": ("Try it again", "再試")})
    with using_language(LANG):
        assert strings.t("check") == "檢查答案"
        assert strings.t("try_again") == "Try again", "a stale entry is not used"
        assert strings.t("save") == "Save", "a missing one falls back to English"
    assert strings.t("check") == "Check"
    with pytest.raises(ValueError, match="unknown language"):
        use_language("xx")


def test_a_fuzzy_entry_is_never_shown_and_is_named_stale(locale_dir):
    po = write_catalogue({"check": ("Check", "檢查答案"), "save": ("Save", "儲存")},
                         fuzzy={"check"})
    with using_language(LANG):
        assert strings.t("check") == "Check"
        assert strings.t("save") == "儲存"
    found = {p.field: p for p in interface_problems(LANG)}
    assert found["check"].message == "stale: the English changed after this was translated"
    assert found["check"].line == line_of(po, 'msgid "Check"')
    assert "save" not in found


def test_plurals_follow_the_catalogues_plural_forms(locale_dir):
    """English: one and other; Hong Kong Chinese (nplurals=1): one form for every count."""
    write_catalogue({"quiz_missed": ((strings.MESSAGES["quiz_missed"], strings.PLURALS["quiz_missed"]),
                                     ("還有{n}個正確答案未找到。",))})
    assert strings.tn("quiz_missed", 1) == "There is 1 more right answer to find."
    assert strings.tn("quiz_missed", 2) == "There are 2 more right answers to find."
    with using_language(LANG):
        assert [strings.tn("quiz_missed", n) for n in (1, 2)] == [
            "還有1個正確答案未找到。", "還有2個正確答案未找到。"]
    with pytest.raises(KeyError, match="PLURALS"):
        strings.tn("check", 2)


def test_dates_are_written_as_each_language_writes_them():
    assert [date_text(d) for d in ("2021-10-08", "2021-10", "2021", None)] == [
        "8 October 2021", "October 2021", "2021", "—"]
    with using_language(LANG):
        assert [date_text(d) for d in ("2021-10-08", "2021-10", "2021", "2013-01-31")] == [
            "2021年10月8日", "2021年10月", "2021年", "2013年1月31日"]


# -- the compiled catalogue -----------------------------------------------------------------------


def test_an_up_to_date_mo_is_read_and_an_older_one_gives_way_to_the_po(locale_dir):
    po = write_catalogue({"check": ("Check", "舊譯")})
    compile_to_mo(po, po.stat().st_mtime + 10)
    write_catalogue({"check": ("Check", "新譯")})
    os.utime(po, (po.stat().st_mtime - 5,) * 2)  # the .mo is newer than the .po: it is used
    catalogue.forget_catalogues()
    with using_language(LANG):
        assert strings.t("check") == "舊譯"
    os.utime(po, (catalogue.mo_file(LANG).stat().st_mtime + 10,) * 2)  # a translator's edit
    catalogue.forget_catalogues()
    with using_language(LANG):
        assert strings.t("check") == "新譯"
    catalogue.mo_file(LANG).unlink()  # never compiled: the .po is read
    catalogue.forget_catalogues()
    with using_language(LANG):
        assert strings.t("check") == "新譯"


def test_the_build_step_compiles_the_shipped_catalogue_into_the_wheel(tmp_path):
    build_py = runpy.run_path(str(ROOT / "setup.py"))["BuildPyWithCatalogues"]
    command = build_py(Distribution({"name": "probe", "packages": []}))
    command.build_lib = str(tmp_path)
    command.ensure_finalized()
    command.run()
    mo = tmp_path / "curriculum" / "locale" / "zh_Hant_HK" / "LC_MESSAGES" / "curriculum.mo"
    with mo.open("rb") as fh:
        words = Translations(fh, domain=catalogue.DOMAIN)
    assert words.pgettext("check", "Check") == "檢查答案"
    assert words.pgettext("check", "Check it") == "Check it", "other English: not found"
    assert words.npgettext("quiz_missed", strings.MESSAGES["quiz_missed"],
                           strings.PLURALS["quiz_missed"], 3) == "還有{n}個正確答案未找到。"


def test_the_build_step_is_setuptools_build_py_in_setup_py():
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert 'setup(cmdclass={"build_py": BuildPyWithCatalogues})' in text
    assert '"babel' in (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project]")[0]


# -- what is left to translate --------------------------------------------------------------------


def test_interface_problems_name_missing_stale_and_bad_fields(locale_dir):
    english = dict(strings.MESSAGES)
    cat = {key: ((en, strings.PLURALS[key]) if key in strings.PLURALS else en,
                 (f"譯{strings.PLURALS[key]}",) if key in strings.PLURALS else f"譯{en}")
           for key, en in english.items()}
    cat["check"] = ("Check it", "檢查")                         # stale
    cat["quiz_question"] = ("Question {number}.", "第題")       # lost its field
    del cat["save"]                                               # missing
    cat["yes"] = ("Yes", "")                                      # untranslated
    cat["gone"] = ("Gone", "沒有")                                # no such key
    po = write_catalogue(cat)
    found = {p.field: (p.line, p.message) for p in interface_problems(LANG)}
    assert found["check"] == (line_of(po, 'msgid "Check it"'),
                              "stale: the English changed after this was translated")
    assert "must keep the fields ['number']" in found["quiz_question"][1]
    assert found["save"][1] == "no zh-Hant-HK translation" and found["save"][0]
    assert found["yes"] == (line_of(po, 'msgid "Yes"'), "no zh-Hant-HK translation")
    assert found["gone"] == (line_of(po, 'msgid "Gone"'), "no such interface text any more: delete it")
    assert len(found) == 5, found


def test_a_missing_word_is_named_at_its_english_line_in_the_table(locale_dir):
    write_catalogue({"check": ("Check", "檢查答案")})
    problem = next(p for p in interface_problems(LANG) if p.field == "save")
    assert problem.file == strings.__file__
    lines = (ROOT / "curriculum" / "present" / "strings.py").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == '"save": "Save",'


def test_the_shipped_catalogue_keeps_every_field():
    cat = [m for m in catalogue.read_catalogue(LANG) if m.id and m.context]
    assert cat, "no zh-Hant-HK catalogue shipped"
    for message in cat:
        if message.string:
            assert fields(message.string) == fields(message.id), message.context


def test_translations_po_marks_changed_english_fuzzy_and_keeps_the_obsolete(
        locale_dir, monkeypatch, capsys):
    write_catalogue({"check": ("Check", "檢查答案"), "save": ("Save", "儲存"),
                     "retired": ("A sentence about zebras the course no longer says.", "斑馬")})
    monkeypatch.setitem(strings.MESSAGES, "check", "Check it")
    assert main(["translations", "po", "--lang", LANG]) == 0
    assert "wrote" in capsys.readouterr().out
    with catalogue.po_file(LANG).open("rb") as fh:
        cat = read_po(fh)
    check = cat.get("Check it", context="check")
    assert check.fuzzy and check.string == "檢查答案"
    assert cat.get("Save", context="save").string == "儲存"
    assert cat.get("Yes", context="yes").string == "", "a new text is added empty"
    assert [m.context for m in cat.obsolete.values()] == ["retired"]
    missed = cat.get(strings.MESSAGES["quiz_missed"], context="quiz_missed")
    assert missed.id == (strings.MESSAGES["quiz_missed"], strings.PLURALS["quiz_missed"])
    text = catalogue.po_file(LANG).read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "Check"\nmsgctxt "check"\nmsgid "Check it"\n' in text
    assert '#~ msgctxt "retired"' in text
    found = {p.field: p.message for p in interface_problems(LANG)}
    assert found["check"] == "stale: the English changed after this was translated"
    assert found["retired"] == "no such interface text any more: delete it"
    with using_language(LANG):
        assert strings.t("check") == "Check it" and strings.t("save") == "儲存"
