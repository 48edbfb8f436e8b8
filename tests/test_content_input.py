"""Bad content never reaches the terminal as a traceback, and never opens a file outside.

Content is typed by hand and may arrive from anywhere (a pull request, a copied course
folder), so every way a YAML file, a translation file or a lesson notebook can be wrong
must end in one line ``file:line: field: message`` and exit 1: nesting deeper than
Python's stack, a number too long to convert, a value that does not fit its tag, bytes
that are not UTF-8, control characters, something that is not a regular file, the wrong
type at the top or inside. A lesson's ``notebook:`` is a relative ``*.ipynb`` path that
stays in the notebooks folder; a path or a link out of it is named with its line, and no
command opens what it points at (the file outside holds a marker that must appear in no
output, and every file opened is recorded).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from curriculum.cli import main
from curriculum.course.languages import using_language
from curriculum.course.load import CONTENT_DIR
from curriculum.course.translate import TRANSLATIONS_DIR
from tests.support import ROOT

NOTEBOOKS = ROOT / "notebooks"
LANG = "zh-Hant-HK"
MARKER = "MARKER-7c1e-outside-the-folder"
# a command's closing count ("3 problems found in ...", "1 translation problem (...)")
CLOSING = re.compile(r"^\d+ (?:problems? found in |translation problems? \()")


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def refused(argv: list[str], capsys) -> str:
    """Run a command in-process; it must exit 1 with no traceback and nothing of a file outside
    the course (``MARKER``) in what it prints. Returns what it wrote to stderr."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in err and MARKER not in out + err
    return err


def one_problem(argv: list[str], capsys) -> str:
    """Run a command in-process; it must exit 1 with one problem line and no traceback."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in err + out
    problems = [ln for ln in err.strip().splitlines()
                if ln and not CLOSING.match(ln) and not ln.startswith("\r")]
    assert len(problems) == 1, err
    return problems[0]


def check(content: Path, capsys) -> str:
    return one_problem(["check", "--lang", "en", str(content)], capsys)


def set_seed_line(quiz: Path, value: str) -> int:
    """Write ``value`` in place of the quiz's ``shuffle_seed`` value; return its line."""
    text = quiz.read_text(encoding="utf-8")
    assert "shuffle_seed: 2013" in text, "test setup: the quiz has no shuffle_seed: 2013"
    quiz.write_text(text.replace("shuffle_seed: 2013", f"shuffle_seed: {value}", 1),
                    encoding="utf-8")
    return line_of(quiz, "shuffle_seed:")


# -- YAML the loader must survive ------------------------------------------------------------

DEEP = 5000
BAD_VALUES = {
    "deep flow list": ("[" * DEEP + "]" * DEEP, "nested more than 50 levels deep"),
    "deep flow mapping": ("{a: " * DEEP + "1" + "}" * DEEP, "nested more than 50 levels deep"),
    "5000-digit number": ("9" * 5000, "a number 5000 characters long"),
    "5000-digit negative": ("-" + "9" * 5000, "a number 5001 characters long"),
    "5000-digit hex": ("0x" + "f" * 5000, "a number 5002 characters long"),
    "int tag on text": ("!!int twenty", "cannot be read as !!int"),
    "bool tag on text": ("!!bool maybe", "cannot be read as !!bool"),
    "float tag on text": ("!!float many", "cannot be read as !!float"),
    "timestamp tag on text": ("!!timestamp someday", "cannot be read as !!timestamp"),
    "escaped bell": ('"20\\a13"', "control character U+0007"),
    "escaped escape": ('"\\e[31m"', "control character U+001B"),
    "anchor for a billion laughs": ("&a [x, x, x, x, x, x, x, x, x]", "anchors and aliases"),
}


@pytest.mark.parametrize("value, message", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_value_is_one_located_line(content_copy, capsys, value, message):
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = set_seed_line(quiz, value)
    problem = check(content_copy, capsys)
    assert problem.startswith(f"{quiz}:{line}: ")
    assert message in problem
    assert len(problem) < 400, "a long value is not quoted whole"


def test_deep_block_nesting_is_named_at_its_line(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = set_seed_line(quiz, "\n" + "".join(" " * i + "-\n" for i in range(1, 3000)))
    problem = check(content_copy, capsys)
    assert problem.startswith(f"{quiz}:{line + 50}: ") and "nested more than 50" in problem


def test_deep_nesting_through_the_real_command(content_copy):
    """The real interpreter and recursion limit, as a maintainer runs it."""
    lesson = content_copy / "01-history" / "lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("summary:\n", "summary:\n  - " + "[" * DEEP + "]" * DEEP
                                   + "\n", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "curriculum", "check", "--lang", "en",
                             str(content_copy)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{lesson}:{line_of(lesson, '[[[')}: (file): nested more than 50" in result.stderr


@pytest.mark.parametrize("raw", ["\x07", "\x1b", "\x85", "\x00", "\x7f"],
                         ids=["bell", "escape", "next-line", "nul", "delete"])
def test_a_raw_control_character_is_named_with_line_and_column(content_copy, capsys, raw):
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = set_seed_line(quiz, "20" + raw + "13")  # "shuffle_seed: 20" is 16 characters
    problem = check(content_copy, capsys)
    assert problem == (f"{quiz}:{line}: (file): control character U+{ord(raw):04X} at column "
                       "17: delete it (an editor may not show it)")


def test_bytes_that_are_not_utf8_are_named_with_line_and_column(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = set_seed_line(quiz, "2013")
    data = quiz.read_bytes().replace(b"shuffle_seed: 2013", b"shuffle_seed: 20\xff13", 1)
    quiz.write_bytes(data)
    problem = check(content_copy, capsys)
    assert problem == (f"{quiz}:{line}: (file): not UTF-8 text: byte 0xff at column 17: "
                       "save the file as UTF-8")


def test_windows_line_ends_and_a_byte_order_mark_are_still_fine(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    quiz.write_bytes(b"\xef\xbb\xbf" + quiz.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["check", "--lang", "en", str(content_copy)]) == 0, capsys.readouterr().err


TOP_LEVEL = {
    "course.yaml": ("- a list\n", "course.yaml:1: (file): wrong type"),
    "01-history/lesson.yaml": ("just text\n", "lesson.yaml:1: (file): wrong type"),
    "01-history/quiz.yaml": ("- a\n- b\n", "quiz.yaml:1: (file): an activity file must be"),
    "01-history/sources.yaml": ("- a\n", "sources.yaml:1: sources: sources.yaml must hold"),
    "kit.yaml": ("42\n", "kit.yaml:1: (file): wrong type"),
}


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_a_file_that_is_not_a_mapping_is_named(content_copy, capsys, name):
    written, expected = TOP_LEVEL[name]
    (content_copy / name).write_text(written, encoding="utf-8")
    code = main(["check", "--lang", "en", str(content_copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert expected in err, err


@pytest.mark.parametrize("value, message", [
    ("5", "sources: wrong type"), ("some text", "sources: wrong type"),
    ("{a: 1}", "sources: wrong type"),
])
def test_sources_that_are_not_a_list_are_named(content_copy, capsys, value, message):
    sources = content_copy / "01-history" / "sources.yaml"
    sources.write_text(f"sources: {value}\n", encoding="utf-8")
    code = main(["check", "--lang", "en", str(content_copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{sources}:1: {message}" in err


def first_id_made_a_list(path: Path) -> int:
    """Write the first list item's ``id`` as a list (``[a, b]``); return its line."""
    text = path.read_text(encoding="utf-8")
    first = text.index("\n  - id: ") + 1
    end = text.index("\n", first)
    path.write_text(text[:first] + "  - id: [a, b]" + text[end:], encoding="utf-8")
    return line_of(path, "id: [a, b]")


def test_an_id_that_is_a_list_is_a_wrong_type_not_a_crash(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = first_id_made_a_list(quiz)
    problem = check(content_copy, capsys)
    assert problem.startswith(f"{quiz}:{line}: questions[0].id: ")
    assert "wrong type" in problem


def test_a_source_id_that_is_a_list_is_a_wrong_type_not_a_crash(content_copy, capsys):
    sources = content_copy / "01-history" / "sources.yaml"
    line = first_id_made_a_list(sources)
    code = main(["check", "--lang", "en", str(content_copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{sources}:{line}: sources[0].id: wrong type" in err


def test_a_folder_where_a_file_should_be_is_named(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    quiz.unlink()
    quiz.mkdir()
    problem = check(content_copy, capsys)
    assert problem == f"{quiz}: (file): not a regular file (a folder, a device or a pipe): " \
                      "give the path of a file"
    assert "Errno" not in problem


def test_a_fifo_where_a_file_should_be_does_not_hang(content_copy):
    quiz = content_copy / "01-history" / "quiz.yaml"
    quiz.unlink()
    os.mkfifo(quiz)
    result = subprocess.run([sys.executable, "-m", "curriculum", "check", "--lang", "en",
                             str(content_copy)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{quiz}: (file): not a regular file" in result.stderr


def test_a_file_too_large_to_be_content_is_refused_before_it_is_read(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    with quiz.open("a", encoding="utf-8") as fh:
        fh.write("# " + "x" * (9 * 1024 * 1024) + "\n")
    problem = check(content_copy, capsys)
    assert problem == f"{quiz}: (file): the file is larger than 8 MB: this is not a course file"


# -- a lesson's notebook stays in the notebooks folder ---------------------------------------


@pytest.fixture
def outside(tmp_path) -> Path:
    """A valid notebook outside every folder a command is given, holding ``MARKER``."""
    nb = json.loads((NOTEBOOKS / "01-history.ipynb").read_text(encoding="utf-8"))
    nb["cells"].insert(0, {"cell_type": "markdown", "id": "marker", "metadata": {},
                           "source": [f"{MARKER}\n"]})
    folder = tmp_path / "outside"
    folder.mkdir()
    path = folder / "secret.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    (folder / "passwd").write_text(f"root:{MARKER}:0:0\n", encoding="utf-8")
    return folder


@pytest.fixture
def notebooks_copy(tmp_path) -> Path:
    dest = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, dest)
    return dest


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Every path this process opens from now on (os.open, open, io.open), resolved."""
    seen: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def record(path) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            seen.append(os.path.realpath(os.fsdecode(path)))

    def os_open(path, *a, **kw):
        record(path)
        return real_os_open(path, *a, **kw)

    def py_open(file, *a, **kw):
        record(file)
        return real_open(file, *a, **kw)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", py_open)
    monkeypatch.setattr(io, "open", py_open)
    return seen


def write_notebook_path(content: Path, value: str) -> int:
    course = content / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "notebook: 01-history.ipynb" in text
    course.write_text(text.replace("notebook: 01-history.ipynb", f"notebook: {value}", 1),
                      encoding="utf-8")
    return line_of(course, f"notebook: {value}")


@pytest.mark.parametrize("value, message", [
    ("../outside/passwd", "may not contain '..'"),
    ("../../../../../../../../etc/passwd", "may not contain '..'"),
    ("'{outside}/secret.ipynb'", "not an absolute one"),
    ("01-history.txt", "must name a notebook file ending in .ipynb"),
    ("'lessons\\\\01-history.ipynb'", "separate folders with '/'"),
], ids=["dot-dot to a marker", "etc-passwd", "absolute", "not a notebook", "backslash"])
def test_a_notebook_path_out_of_the_folder_is_named_and_never_opened(
        content_copy, notebooks_copy, outside, opened, capsys, value, message):
    value = value.format(outside=outside)
    line = write_notebook_path(content_copy, value)
    course = content_copy / "course.yaml"
    problem = check(content_copy, capsys)
    assert problem.startswith(f"{course}:{line}: lessons[0].notebook: ")
    assert message in problem

    err = refused(["handouts", "--content", str(content_copy), "--notebooks", str(notebooks_copy),
                   "--out", str(content_copy.parent / "out"), "01-history"], capsys)
    assert f"{course}:{line}: lessons[0].notebook: " in err
    assert not [p for p in opened if p.startswith(str(outside)) or p.startswith("/etc/")]


@pytest.mark.parametrize("where", ["", LANG + "/"], ids=["english", "translated"])
def test_a_notebook_that_links_out_of_the_folder_is_named_and_never_read(
        notebooks_copy, outside, opened, capsys, tmp_path, where):
    link = notebooks_copy / where / "01-history.ipynb"
    link.unlink()
    link.symlink_to(outside / "secret.ipynb")
    problem = one_problem(["check", "--lang", "en", "--notebooks", str(notebooks_copy)], capsys)
    course = CONTENT_DIR / "course.yaml"
    assert problem.endswith(f"lessons[0].notebook: {link} leads outside {notebooks_copy} "
                            "(through '..', an absolute path or a symbolic link): keep it "
                            "inside that folder")
    assert f"course.yaml:{line_of(course, 'notebook: 01-history.ipynb')}:" in problem

    err = refused(["handouts", "--notebooks", str(notebooks_copy), "--lang", "all",
                   "--out", str(tmp_path / "out"), "01-history"], capsys)
    assert f"error: {link}: notebook for lesson '01-history' leads outside" in err
    assert not (tmp_path / "out").exists(), "refused before anything was written"
    assert not [p for p in opened if p.startswith(str(outside))]


def test_check_never_reads_a_translated_notebook_that_links_out(notebooks_copy, outside,
                                                                opened, capsys):
    """00-start-here is no lesson in course.yaml: the translation check alone reads it."""
    link = notebooks_copy / LANG / "00-start-here.ipynb"
    link.unlink()
    link.symlink_to(outside / "secret.ipynb")
    problem = one_problem(["check", "--lang", LANG, "--notebooks", str(notebooks_copy)], capsys)
    assert problem == (f"{link}: (file): leads outside {notebooks_copy} (through '..', an "
                       "absolute path or a symbolic link): keep it inside that folder")
    assert not [p for p in opened if p.startswith(str(outside))]


def test_a_language_folder_that_links_out_is_never_read(notebooks_copy, outside, opened,
                                                        capsys, tmp_path):
    shutil.copy(outside / "secret.ipynb", outside / "01-history.ipynb")
    shutil.rmtree(notebooks_copy / LANG)
    (notebooks_copy / LANG).symlink_to(outside)
    opened.clear()
    err = refused(["handouts", "--notebooks", str(notebooks_copy), "--lang", LANG,
                   "--audience", "student", "--out", str(tmp_path / "out"), "01-history"], capsys)
    assert "leads outside" in err
    assert not [p for p in opened if p.startswith(str(outside))]


# -- damaged notebooks inside the folder ------------------------------------------------------

DAMAGED = {
    "not json": (f"{MARKER} is not JSON\n", ":1: not valid JSON (Expecting value, column 1)"),
    "deep json": ("[" * 100_000 + "]" * 100_000, ": nested too deeply to be a notebook"),
    "not quite so deep": ("[" * 500 + "]" * 500, ": nested more than 100 levels deep"),
    "huge number": ('{"cells": [], "n": ' + "9" * 5000 + "}", ": not a notebook: a number 5000"),
    "no cells": ('{"cells": 5}', ": a notebook needs a list of cells ('cells')"),
    "a cell that is text": ('{"cells": ["x"]}', ": cells[0] is not a cell"),
    "not utf-8": ("\udcff", ":1: not UTF-8 text: byte 0xff at column 1"),
}


@pytest.mark.parametrize("written, expected", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_notebook_is_one_line_in_handouts_and_check(notebooks_copy, capsys, tmp_path,
                                                              written, expected):
    path = notebooks_copy / "01-history.ipynb"
    path.write_bytes(written.encode("utf-8", "surrogateescape"))
    err = refused(["handouts", "--notebooks", str(notebooks_copy), "--audience", "student",
                   "--out", str(tmp_path / "out"), "01-history"], capsys)
    assert f"error: {path}{expected}" in err

    problem = one_problem(["check", "--lang", LANG, "--notebooks", str(notebooks_copy)], capsys)
    assert problem.startswith(f"{path}{expected.split(': ', 1)[0]}: (file): "
                              f"{expected.split(': ', 1)[1]}")


@pytest.mark.parametrize("source, expected", [
    ("x = 1\x00", "code cell is not valid Python (source code string cannot contain null"),
    ("x = " + "-" * 100_000 + "1", "code cell is not valid Python"),
], ids=["nul byte", "deep expression"])
def test_a_code_cell_python_cannot_parse_is_named(notebooks_copy, capsys, tmp_path, source,
                                                  expected):
    path = notebooks_copy / "01-history.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")
    nb["cells"][index]["source"] = source
    path.write_text(json.dumps(nb), encoding="utf-8")
    code = main(["handouts", "--notebooks", str(notebooks_copy), "--audience", "student",
                 "--out", str(tmp_path / "out"), "01-history"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"error: {path}: cell {index}: " in err and expected in err
    assert "line None" not in err


def test_a_notebook_that_breaks_the_format_is_named(notebooks_copy, capsys, tmp_path):
    path = notebooks_copy / "01-history.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "id": "c", "source": "x"}],
                                "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    code = main(["handouts", "--notebooks", str(notebooks_copy), "--audience", "student",
                 "--out", str(tmp_path / "out"), "01-history"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"error: {path}: not a valid notebook (" in err


# -- the commands' own options ----------------------------------------------------------------


def test_check_with_a_missing_notebooks_folder_fails_naming_it(tmp_path, capsys):
    missing = tmp_path / "no-such-notebooks"
    code = main(["check", "--notebooks", str(missing)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == (f"error: no notebooks folder at {missing}: pass --notebooks DIR, "
                           "the course's notebooks/ folder")


@pytest.mark.parametrize("blocker", ["file", "file-parent"])
def test_handouts_out_that_cannot_be_a_folder_is_one_plain_line(tmp_path, capsys, blocker):
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    out = tmp_path / "taken" if blocker == "file" else tmp_path / "taken" / "handouts"
    code = main(["handouts", "--audience", "student", "--out", str(out), "01-history"])
    err = capsys.readouterr().err
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last == (f"error: cannot write the handouts into {out}: a file, not a folder, is in "
                    "the way; choose a folder you can write to with --out DIR")
    assert "Errno" not in err and "Traceback" not in err


def test_handouts_out_without_permission_is_one_plain_line(tmp_path, capsys, monkeypatch):
    """Simulated: this suite may run as root, whom no folder mode stops."""
    out = tmp_path / "locked"

    def refuse(self, *a, **kw):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    code = main(["handouts", "--audience", "student", "--out", str(out), "01-history"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines()[-1] == (
        f"error: cannot write the handouts into {out}: you may not write there; choose a "
        "folder you can write to with --out DIR")
    assert "Errno" not in err


def test_handouts_from_bad_content_is_one_located_line(content_copy, capsys, tmp_path):
    quiz = content_copy / "01-history" / "quiz.yaml"
    line = set_seed_line(quiz, "9" * 5000)
    problem = one_problem(["handouts", "--content", str(content_copy), "--out",
                           str(tmp_path / "out"), "01-history"], capsys)
    assert problem.startswith(f"{quiz}:{line}: (file): a number 5000 characters long")


# -- translation files -------------------------------------------------------------------------


@pytest.fixture
def translations_copy(tmp_path) -> Path:
    dest = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, dest)
    return dest


def first_text_line(path: Path) -> int:
    return next(n for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if ln.strip().startswith("text:"))


def damage_translation(path: Path, how: str) -> tuple[int, str]:
    """Break a translation file one way; return the line and the message expected there."""
    text = path.read_text(encoding="utf-8")
    if how == "empty text":
        line = first_text_line(path)
        lines = text.splitlines(keepends=True)
        indent = lines[line - 1][:len(lines[line - 1]) - len(lines[line - 1].lstrip())]
        lines[line - 1] = f'{indent}text: ""\n'
        path.write_text("".join(lines), encoding="utf-8")
        assert lines[line - 2].strip().startswith("en:"), "test setup: en: then text:"
        # named at the translation's own line, where its en: begins
        return line - 1, "the translation is refused: String should have at least 1 character"
    if how == "deep":
        path.write_text(text + "deep: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
        return len(text.splitlines()) + 1, "(file): nested more than 50 levels deep"
    if how == "not utf-8":
        path.write_bytes(text.encode("utf-8") + b"x: \xfe\n")
        return len(text.splitlines()) + 1, "(file): not UTF-8 text: byte 0xfe at column 4"
    if how == "block not a mapping":
        data = yaml.safe_load(text)
        stem = next(iter(data))
        data[stem] = 5
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        return line_of(path, f"{stem}: 5"), f"{stem}: the texts of {stem} are a mapping"
    if how == "number and text keys":  # keys of two types, both left over: sorted, named
        stem = text.split(":", 1)[0]
        path.write_text(text.replace(f"{stem}:\n", f"{stem}:\n  gone: x\n  7: x\n", 1),
                        encoding="utf-8")
        return line_of(path, "  7: x"), f"{stem}.7: no such text in the English content"
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["empty text", "deep", "not utf-8", "block not a mapping",
                                 "number and text keys"])
def test_a_damaged_translation_is_named_at_its_line(translations_copy, notebooks_copy, capsys,
                                                    how):
    path = translations_copy / LANG / "01-history.yaml"
    line, message = damage_translation(path, how)
    code = main(["check", "--lang", LANG, "--translations", str(translations_copy),
                 "--notebooks", str(notebooks_copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert any(ln.startswith(f"{path}:{line}: ") and message in ln
               for ln in err.splitlines()), err


def test_translations_todo_refuses_a_damaged_translation_file(translations_copy, capsys,
                                                               monkeypatch):
    import curriculum.cli.translations as cli_translations

    path = translations_copy / LANG / "01-history.yaml"
    line, message = damage_translation(path, "deep")
    monkeypatch.setattr(cli_translations, "TRANSLATIONS_DIR", translations_copy)
    code = main(["translations", "todo", "--lang", LANG, "01-history"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    assert f"{path}:{line}: {message}" in err
    assert out == "", "nothing to paste from a file that could not be read"


def test_translations_notebook_names_a_damaged_notebook(notebooks_copy, capsys):
    path = notebooks_copy / "01-history.ipynb"
    path.write_text("{ not json", encoding="utf-8")
    (notebooks_copy / LANG / "01-history.ipynb").unlink()
    code = main(["translations", "notebook", "--lang", LANG, "--notebooks", str(notebooks_copy),
                 "01-history"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.strip() == (f"skipped {path}:1: not valid JSON (Expecting property name enclosed "
                           "in double quotes, column 3)")
    assert not (notebooks_copy / LANG / "01-history.ipynb").exists()


def test_translations_po_names_a_damaged_catalogue_and_leaves_it_whole(tmp_path, capsys,
                                                                        monkeypatch):
    from curriculum.present import catalogue

    po = tmp_path / "curriculum.po"
    damaged = b'msgctxt "check"\nmsgid "Check"\nmsgstr "\xff"\n'
    po.write_bytes(damaged)
    monkeypatch.setattr(catalogue, "po_file", lambda lang: po)
    code = main(["translations", "po", "--lang", LANG])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err and "wrote" not in out
    assert err.strip() == (f"error: {po}:3: not UTF-8 text: byte 0xff at column 9: save the "
                           "file as UTF-8; nothing was written")
    assert po.read_bytes() == damaged


def test_a_catalogue_that_is_not_utf8_is_one_located_line_and_words_fall_back_to_english(
        tmp_path, monkeypatch, capsys):
    """A damaged .po must not stop a lesson (English words) nor be a traceback in check."""
    from curriculum.present import catalogue, strings
    from curriculum.present.catalogue_check import interface_problems

    po = tmp_path / "zh_Hant_HK" / "LC_MESSAGES" / "curriculum.po"
    po.parent.mkdir(parents=True)
    good = catalogue.po_file("zh-Hant-HK").read_bytes()
    po.write_bytes(good.replace(b'msgstr "', b'msgstr "\xff', 1))
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    catalogue.forget_catalogues()
    try:
        problems = interface_problems("zh-Hant-HK")
        assert len(problems) == 1 and problems[0].file == str(po) and problems[0].line
        assert "UTF-8" in problems[0].message and "cannot be read" in problems[0].message
        with using_language("zh-Hant-HK"):
            assert strings.t("save") == strings.MESSAGES["save"]
    finally:
        catalogue.forget_catalogues()
