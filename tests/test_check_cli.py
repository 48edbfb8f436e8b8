"""``python -m curriculum check``: exit 0 on the course, one clear line per problem else.

Each malformed case damages a private copy of the real content in one way and asserts
the exit status, the file, the field, the line (for YAML) and the wording, and that no
traceback reaches the person at the terminal.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum.cli import main


def run_check(content: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "curriculum", "check"]
    if content is not None:
        cmd.append(str(content))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def minutes(lesson: Path) -> str:
    """The lesson's duration_minutes as written (content authors change it)."""
    return re.search(r"^duration_minutes: (\d+)$", lesson.read_text(), flags=re.M).group(1)


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def test_packaged_course_is_valid():
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert "lessons" in result.stdout


def check_fails(content: Path, capsys) -> list[str]:
    """Run the command in-process (fast) and return its problem lines."""
    code = main(["check", str(content)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1].endswith(f"found in {content}")
    return lines[:-1]


def only(lines: list[str]) -> str:
    assert len(lines) == 1, lines
    return lines[0]


def test_yaml_syntax_error_names_file_and_line(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    replace(quiz, "shuffle_seed: 2013", "shuffle_seed: [2013")
    line = only(check_fails(content_copy, capsys))
    assert str(quiz) in line
    assert "YAML syntax error" in line
    assert f"{quiz}:" in line and line.split(":")[1].isdigit()


@pytest.mark.parametrize("written", [
    "title: &t Check your understanding\ninstructions: *t\n",   # an alias of an anchor
    "title: x\ninstructions: &loop [*loop]\n",                   # refers to itself
])
def test_anchors_and_aliases_are_refused_with_file_and_line(content_copy, capsys, written):
    quiz = content_copy / "01-history" / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    head, _, rest = text.partition("title:")
    rest = rest.split("\nshuffle_seed:", 1)[1]
    quiz.write_text(head + written + "shuffle_seed:" + rest, encoding="utf-8")
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{quiz}:")
    assert int(line.split(":")[1]) in (line_of(quiz, "&"), line_of(quiz, "*"))
    assert "anchors and aliases" in line


def test_missing_required_field(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    replace(quiz, "    explanation: >-\n      The FBI", "    explaination_gone: >-\n      The FBI")
    lines = check_fails(content_copy, capsys)
    assert any(f"{quiz}:" in ln and "questions[0].explanation: required field is missing" in ln
               for ln in lines), lines


def test_wrong_type_names_the_field_and_line(content_copy, capsys):
    lesson = content_copy / "01-history" / "lesson.yaml"
    replace(lesson, f"duration_minutes: {minutes(lesson)}", "duration_minutes: forty-five")
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{lesson}:{line_of(lesson, 'duration_minutes')}: duration_minutes:")
    assert "wrong type" in line and "got text" in line


def test_unknown_key_is_an_error(content_copy, capsys):
    timeline = content_copy / "01-history" / "timeline.yaml"
    replace(timeline, "    category: technology\n", "    catgory: technology\n")
    lines = check_fails(content_copy, capsys)
    assert any("events[0].catgory: unknown key" in ln for ln in lines), lines
    assert any("events[0].category: required field is missing" in ln for ln in lines), lines


def test_duplicate_ids(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    first, second_id = re.findall(r"^  - id: (\S+)$", quiz.read_text(), flags=re.M)[:2]
    replace(quiz, f"  - id: {second_id}\n", f"  - id: {first}\n")
    line = only(check_fails(content_copy, capsys))
    second = [n for n, text in enumerate(quiz.read_text().splitlines(), start=1)
              if text == f"  - id: {first}"][1]
    assert line == f"{quiz}:{second}: questions[1].id: duplicate id '{first}'"


def test_duplicate_key_in_one_mapping(content_copy, capsys):
    lesson = content_copy / "01-history" / "lesson.yaml"
    n = minutes(lesson)
    replace(lesson, f"duration_minutes: {n}\n", f"duration_minutes: {n}\nduration_minutes: 50\n")
    line = only(check_fails(content_copy, capsys))
    assert f"{lesson}:{line_of(lesson, 'duration_minutes: 50')}: duration_minutes:" in line
    assert "written twice" in line


@pytest.mark.parametrize("correct_count", [0, 2])
def test_single_choice_needs_exactly_one_correct(content_copy, capsys, correct_count):
    quiz = content_copy / "01-history" / "quiz.yaml"
    if correct_count == 0:
        replace(quiz, "        correct: true\n        feedback: >-\n          Right. Blackmailers",
                "        correct: false\n        feedback: >-\n          Right. Blackmailers")
    else:
        replace(quiz, "        correct: false\n        feedback: >-\n          Not a good idea. Paying shows",
                "        correct: true\n        feedback: >-\n          Not a good idea. Paying shows")
    line = only(check_fails(content_copy, capsys))
    assert f"{quiz}:" in line and "questions[0]:" in line
    assert f"needs exactly one correct option, found {correct_count}" in line


def test_unparseable_date(content_copy, capsys):
    timeline = content_copy / "01-history" / "timeline.yaml"
    replace(timeline, "date: 2014-04-30", "date: 2014-04-45")
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{timeline}:{line_of(timeline, '2014-04-45')}: events[")
    assert ".date:" in line and "not a real date" in line


def test_garbage_date(content_copy, capsys):
    timeline = content_copy / "01-history" / "timeline.yaml"
    replace(timeline, "date: 2014-04-30", "date: mid-summer")
    line = only(check_fails(content_copy, capsys))
    assert "cannot read 'mid-summer' as a date" in line


def test_reference_to_missing_source(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    replace(quiz, "source: interpol-2014", "source: interpol-2041")
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{quiz}:{line_of(quiz, 'interpol-2041')}: questions[")
    assert "source 'interpol-2041' does not exist" in line


def test_empty_file(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    quiz.write_text("   \n", encoding="utf-8")
    line = only(check_fails(content_copy, capsys))
    assert line == f"{quiz}: (file): the file is empty"


def test_many_problems_are_all_reported(content_copy, capsys):
    quiz = content_copy / "01-history" / "quiz.yaml"
    lesson = content_copy / "01-history" / "lesson.yaml"
    replace(quiz, "source: interpol-2014", "source: nowhere")
    replace(lesson, f"duration_minutes: {minutes(lesson)}", "duration_minutes: lots")
    lines = check_fails(content_copy, capsys)
    assert len(lines) == 2
    assert {Path(ln.split(":")[0]).name for ln in lines} == {"quiz.yaml", "lesson.yaml"}


def test_missing_content_folder(tmp_path):
    result = run_check(tmp_path / "nope")
    assert result.returncode == 1
    assert "content folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_unlisted_lesson_folder(content_copy, capsys):
    (content_copy / "09-extra").mkdir()
    line = only(check_fails(content_copy, capsys))
    assert "'09-extra' holds a lesson that course.yaml does not list" in line


def test_subprocess_exit_code_and_no_traceback(content_copy):
    (content_copy / "01-history" / "quiz.yaml").write_text("", encoding="utf-8")
    result = run_check(content_copy)
    assert result.returncode == 1
    assert "the file is empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_hong_kong_support_comes_first(content_copy, capsys):
    course = content_copy / "course.yaml"
    replace(course, 'region: Hong Kong\n    local: true\n    contact: "999"',
            'region: Macau\n    contact: "999"')
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{course}:")
    assert "support[1].local: Hong Kong services (local: true) come first" in line
    assert int(line.split(":")[1]) == [n for n, text in enumerate(
        course.read_text().splitlines(), start=1) if text.strip() == "local: true"][0]


def test_lesson_core_must_fit_its_period(content_copy, capsys):
    lesson = content_copy / "02-mechanics" / "lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    period = re.search(r"^period_minutes: (\d+)$", text, flags=re.M).group(1)
    replace(lesson, f"period_minutes: {period}", "period_minutes: 10")
    line = only(check_fails(content_copy, capsys))
    assert f"{lesson}:" in line and "educator.facilitation: the core steps take" in line
    assert "more than the 10-minute period" in line


def test_duration_must_be_the_core_plan(content_copy, capsys):
    lesson = content_copy / "02-mechanics" / "lesson.yaml"
    n = minutes(lesson)
    replace(lesson, f"duration_minutes: {n}", f"duration_minutes: {int(n) - 1}")
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{lesson}:{line_of(lesson, 'duration_minutes')}: duration_minutes:")
    assert f"add up to {n} minutes" in line


def test_seed_page_is_refused_in_student_text_not_in_educator_notes(content_copy, capsys):
    lesson = content_copy / "02-mechanics" / "lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("summary:\n", "summary:\n  - The seed page got a date wrong.\n", 1)
    text = text.replace("  safeguarding:\n", "  safeguarding:\n    - The seed page is our word "
                                              "for the police awareness page.\n", 1)
    lesson.write_text(text, encoding="utf-8")
    line = only(check_fails(content_copy, capsys))
    assert line.startswith(f"{lesson}:{line_of(lesson, 'The seed page got')}: summary[0]:")
    assert "student text says 'seed page'" in line


def test_a_secondary_source_with_its_primary_in_the_data_is_refused(content_copy, capsys):
    """Mark a cited secondary course source as having a primary one: each citation is named."""
    from curriculum.course.citations import source_refs
    from curriculum.course.load import load_course

    course = load_course(content_copy)
    cited = {ref for lesson in course.lessons.values()
             for obj in (lesson.meta, *lesson.activities.values()) for _p, ref in source_refs(obj)}
    secondary = sorted(s.id for s in course.meta.sources if not s.primary and s.id in cited)
    assert secondary, "no cited secondary course source to test with"
    target = secondary[0]
    path = content_copy / "course.yaml"
    replace(path, f"  - id: {target}\n", f"  - id: {target}\n    primary_source: adcc\n")
    replace(path, "  - id: adcc\n", "  - id: adcc\n    primary_source: police-ereport\n")
    lines = check_fails(content_copy, capsys)
    refused = [ln for ln in lines if f"{target!r} is a secondary source" in ln]
    assert refused and all("cite that instead" in ln and ".yaml:" in ln for ln in refused)
    # a primary source cannot itself point elsewhere... but a link to a non-primary source is named
    replace(path, "    primary_source: police-ereport\n", f"    primary_source: {target}\n")
    lines = check_fails(content_copy, capsys)
    assert any(ln.startswith(f"{path}:") and f"{target!r} is not a source marked primary" in ln
               for ln in lines), lines
