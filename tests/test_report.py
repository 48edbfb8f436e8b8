"""The class report: bad files listed and skipped, latest hand-in wins, hardest first, escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom.export import EXPORT_FORMAT, EXPORT_VERSION, SCHEMA_FILE, json_schema_text
from curriculum.classroom.report import QuestionStats, Report, UnknownLesson, build_report
from curriculum.classroom.results import BadFile, Loaded, load_results, parse_export
from curriculum.classroom.sample import sample_export, write_sample
from curriculum.classroom.store import ProgressStore
from curriculum.cli import main
from curriculum.present.class_report import body_html, environment, questions_chart, render_html
from tests.support import ROOT

BAD = {
    "truncated.json": '{"format": "cyber-safety-curriculum/progress-export", "schema',
    "foreign.json": json.dumps({"name": "shopping list", "items": ["milk"]}),
    "newer.json": json.dumps({"format": EXPORT_FORMAT, "schema_version": EXPORT_VERSION + 1}),
    "older.json": json.dumps({"format": EXPORT_FORMAT, "schema_version": 0}),
    "bad-field.json": json.dumps({"format": EXPORT_FORMAT, "schema_version": 1,
                                  "exported_at": "2026-01-01T00:00:00+00:00",
                                  "learner": {"pseudonym": "x", "key": "k"},
                                  "attempts": [{"lesson": "01-history"}]}),
}
REASONS = {"truncated.json": "truncated", "foreign.json": "not a progress export",
           "newer.json": "newer version", "older.json": "older than", "bad-field.json":
           "attempts[0].activity", "binary.json": "not text", "notes.txt": "not a hand-in"}


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory, course) -> Path:
    import random

    folder = tmp_path_factory.mktemp("class")
    write_sample(folder, course, learners=6, seed=7)
    for name, text in BAD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "notes.txt").write_text("not a hand-in, not read")
    # learner 1 hands in again later, with every answer wrong: the later file must win
    again = sample_export(course, 1, random.Random(1))
    again["exported_at"] = "2026-03-01T10:00:00+00:00"
    for a in again["attempts"]:
        a["correct"] = False
    (folder / "zz-again-from-learner-1.json").write_text(json.dumps(again))
    # a learner with no answers yet, with a name that tries to inject markup
    empty = sample_export(course, 99, random.Random(2))
    empty["attempts"] = []
    empty["learner"]["pseudonym"] = "<script>alert(1)</script>"
    (folder / "empty.json").write_text(json.dumps(empty))
    return folder


@pytest.fixture(scope="module")
def loaded(class_folder):
    return load_results(class_folder)


def test_bad_files_are_listed_with_a_reason(loaded):
    skipped = {s.name: s.reason for s in loaded.skipped}
    assert set(skipped) == set(REASONS)
    for name, reason in REASONS.items():
        assert reason in skipped[name], (name, skipped[name])


def test_a_learner_counts_once_and_the_latest_wins(loaded):
    names = [r.pseudonym for r in loaded.learners]
    assert len(names) == 7 and names.count("sample-001") == 1
    first = next(r for r in loaded.learners if r.pseudonym == "sample-001")
    assert first.file == "zz-again-from-learner-1.json"
    assert loaded.replaced == ["progress-sample-00001.json"]


def test_questions_hardest_first_with_explanations(loaded, course):
    report = build_report(loaded, course)
    shares = [q.share_correct for q in report.questions]
    assert shares and shares == sorted(shares)
    assert all(q.explanation for q in report.questions if q.activity == "quiz")
    wrong = [q for q in report.questions if q.wrong]
    assert wrong
    q = wrong[0]
    ans, _n = q.wrong.most_common(1)[0]
    assert q.answer_text(ans) in {o.text for lesson in course.lessons.values()
                                  for a in lesson.activities.values() if a.kind == "quiz"
                                  for qq in a.questions for o in qq.options}
    empty = next(p for name, p in report.learners if name.startswith("<script>"))
    assert all(p.completion == 0 for p in empty)


def test_report_cli_writes_escaped_offline_html(class_folder, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(class_folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped truncated.json:" in err and "Traceback" not in err
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "sample-key" not in page, "the report must name learners only by pseudonym"
    assert "src=" not in page and "<link" not in page, "the report must be self-contained"
    for name in REASONS:
        assert name in page


def test_report_exit_codes(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing")]) == 1
    (tmp_path / "only-bad.json").write_text("{")
    assert main(["report", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "only-bad.json" in err and "no valid progress file" in err
    assert not (tmp_path / "class-report.html").exists()


GOOD_ATTEMPT = {"lesson": "01-history", "activity": "quiz", "kind": "quiz", "item": "q1",
                "answer": ["a"], "correct": True, "attempt": 1, "at": "2026-01-01T00:00:00+00:00"}


def _export(attempts: list) -> dict:
    return {"format": EXPORT_FORMAT, "schema_version": EXPORT_VERSION,
            "exported_at": "2026-01-01T00:00:00+00:00", "learner": {"pseudonym": "x", "key": "k"},
            "attempts": attempts}


@pytest.mark.parametrize(("change", "field"), [
    ({"lesson": None}, "attempts[1].lesson"),
    ({"activity": 3}, "attempts[1].activity"),
    ({"item": ["q1"]}, "attempts[1].item"),
    ({"attempt": "1"}, "attempts[1].attempt"),
    ({"attempt": True}, "attempts[1].attempt"),
    ({"at": 20260101}, "attempts[1].at"),
    ({"correct": "yes"}, "attempts[1].correct"),
    ({"kind": 7}, "attempts[1].kind"),
    ({"answer": "a"}, "attempts[1].answer"),
    ({"answer": ["a", 2]}, "attempts[1].answer"),
])
def test_a_bad_attempt_is_named_by_its_field(change, field):
    """The quick check for valid attempts must still name the exact field of a bad one."""
    assert parse_export(_export([GOOD_ATTEMPT])).tally.attempts == 1
    with pytest.raises(BadFile, match=re.escape(field)):
        parse_export(_export([GOOD_ATTEMPT, {**GOOD_ATTEMPT, **change}]))


def test_an_attempt_that_is_not_an_object_is_named():
    with pytest.raises(BadFile, match=r"attempts\[0\]: must be an object"):
        parse_export(_export([["01-history", "quiz"]]))


def _attempt(item: str, answer: str, correct: bool | None, number: int, **other) -> dict:
    return {**GOOD_ATTEMPT, "item": item, "answer": [answer], "correct": correct,
            "attempt": number, **other}


def _hand_in(folder: Path, key: str, attempts: list[dict]) -> None:
    data = _export(attempts)
    data["learner"] = {"pseudonym": key.upper(), "key": key}
    (folder / f"{key}.json").write_text(json.dumps(data), encoding="utf-8")


def _two_questions(course):
    """The 01-history quiz's first two questions, their right and wrong options, as written."""
    q1, q2 = course.lessons["01-history"].activities["quiz"].questions[:2]
    wrong1 = [o for o in q1.options if not o.correct]
    right1 = next(o for o in q1.options if o.correct)
    right2 = next(o for o in q2.options if o.correct)
    assert q1.type == "single" and q2.type != "multiple" and len(wrong1) >= 2
    return q1, q2, wrong1, right1, right2


def test_report_numbers_for_a_class_worked_out_by_hand(tmp_path, course):
    """Two learners, counted by hand: first tries, every wrong answer, reflections, completion."""
    q1, q2, (w1, w2, *_), r1, r2 = _two_questions(course)
    reflection = {"lesson": "05-what-to-do", "activity": "reflection", "kind": "reflection"}
    _hand_in(tmp_path, "a", [
        _attempt(q1.id, w1.id, False, 1),
        _attempt(q1.id, r1.id, True, 2),
        _attempt(q2.id, r2.id, True, 1),
        _attempt("r", "my own words", None, 1, **reflection)])
    _hand_in(tmp_path, "b", [
        _attempt(q1.id, w2.id, False, 1),
        _attempt(q1.id, w1.id, False, 2),
        _attempt("r", "more words", None, 1, **reflection)])
    loaded = load_results(tmp_path)
    report = build_report(loaded, course)

    by_item = {q.item: q for q in report.questions}
    assert set(by_item) == {q1.id, q2.id}
    first, second = by_item[q1.id], by_item[q2.id]
    assert report.questions[0] is first, "hardest first"
    assert (first.answered, first.first_correct) == (2, 0)
    assert (second.answered, second.first_correct, second.share_correct) == (1, 1, 1.0)
    assert dict(first.wrong) == {(w1.id,): 2, (w2.id,): 1}
    assert first.answer_text((w2.id,)) == w2.text
    assert not second.wrong
    assert report.private_hidden == 2

    history_units = len(course.lessons["01-history"].activities["quiz"].questions)
    progress = {name: rows[0] for name, rows in report.learners}
    assert (progress["A"].tried, progress["A"].units, progress["A"].score) == (2, history_units, 1.0)
    assert (progress["B"].tried, progress["B"].score) == (1, 0.0)
    last = {name: rows[-1] for name, rows in report.learners}
    assert last["A"].lesson == "05-what-to-do" and last["A"].tried == 1, "a reflection counts as tried"

    only_history = build_report(loaded, course, lesson="01-history")
    assert [lid for lid, _ in only_history.lessons] == ["01-history"]
    assert {q.item for q in only_history.questions} == {q1.id, q2.id}
    assert only_history.private_hidden == 0, "the reflections belong to another lesson"
    only_law = build_report(loaded, course, lesson="04-law")
    assert only_law.questions == [] and only_law.private_hidden == 0


# -- right first time goes by attempt number ----------------------------------------------


def test_right_first_time_goes_by_attempt_number_not_file_order(tmp_path, course):
    """A merged or hand-edited file may list a later attempt first: the number decides."""
    _hand_in(tmp_path, "late-right-listed-first", [
        _attempt("first-webcams", "late-1990s", True, 2),
        _attempt("first-webcams", "around-2013", False, 1)])
    _hand_in(tmp_path, "early-right-listed-last", [
        _attempt("msn-end", "y2010", False, 2),
        _attempt("msn-end", "y2013", True, 1)])
    report = build_report(load_results(tmp_path), course)
    by_item = {q.item: q for q in report.questions}
    assert (by_item["first-webcams"].answered, by_item["first-webcams"].first_correct) == (1, 0)
    assert (by_item["msn-end"].answered, by_item["msn-end"].first_correct) == (1, 1)


def test_a_store_export_numbers_a_rerun_cell_so_the_report_counts_its_first_try(tmp_path, course):
    """Two views of one quiz each emit attempt 1; the store makes them 1 and 2."""
    with ProgressStore(tmp_path / "p.db") as store:
        store.record(Attempt("01-history", "quiz", "quiz", "first-webcams", ("in-2020",), False))
        store.record(Attempt("01-history", "quiz", "quiz", "first-webcams", ("late-1990s",), True))
        data = store.export()
    (tmp_path / "hand-in.json").write_text(json.dumps(data), encoding="utf-8")
    report = build_report(load_results(tmp_path), course)
    assert [a["attempt"] for a in data["attempts"]] == [1, 2]
    assert [(q.item, q.first_correct, q.answered) for q in report.questions] == [("first-webcams", 0, 1)]


# -- the CLI's errors ---------------------------------------------------------------------------


def test_an_unknown_lesson_is_an_error_naming_the_known_ones(class_folder, tmp_path, capsys, course):
    out = tmp_path / "report.html"
    assert main(["report", str(class_folder), "--out", str(out), "--lesson", "01-histry"]) == 1
    err = capsys.readouterr().err
    assert "01-histry" in err and "Traceback" not in err
    assert all(e.id in err for e in course.meta.lessons)
    assert not out.exists()
    with pytest.raises(UnknownLesson, match="01-history"):
        build_report(load_results(class_folder), course, lesson="01-histry")


def test_broken_packaged_content_is_listed_not_a_traceback(content_copy, tmp_path, capsys, monkeypatch):
    from curriculum.course import packaged

    quiz = content_copy / "01-history" / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("questions:", "questionz:", 1),
                    encoding="utf-8")
    _hand_in(tmp_path, "a", [_attempt("msn-end", "y2013", True, 1)])
    monkeypatch.setattr(packaged, "CONTENT_DIR", content_copy)
    packaged.packaged_course.cache_clear()
    try:
        code = main(["report", str(tmp_path)])
    finally:
        monkeypatch.undo()
        packaged.packaged_course.cache_clear()
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert re.search(r"quiz\.yaml:\d+: questionz: ", err), err
    assert not (tmp_path / "class-report.html").exists()


# -- one schema for the export --------------------------------------------------------------


def test_the_published_schema_is_the_models():
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == json_schema_text(), (
        f"{SCHEMA_FILE} is out of date: run python -m curriculum progress schema --out {SCHEMA_FILE}")


def test_what_the_store_writes_fits_the_published_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    with ProgressStore(tmp_path / "p.db") as store:
        store.record(Attempt("01-history", "quiz", "quiz", "q1", ("a", "b"), False))
        store.record(Attempt("05-what-to-do", "reflection", "reflection", "p1", ("my words",), None))
        data = store.export(include_reflections=True)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert parse_export(data).tally.attempts == 2, "the report reads what the store writes"
    bad = {**data, "attempts": [{**data["attempts"][0], "attempt": "1"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)
    with pytest.raises(BadFile, match=re.escape("attempts[0].attempt: must be a whole number")):
        parse_export(bad)


@pytest.mark.parametrize(("data", "message"), [
    ({**_export([GOOD_ATTEMPT]), "comment": "hi"}, "comment: unknown field"),
    (_export([{**GOOD_ATTEMPT, "score": 1}]), "attempts[0].score: unknown field"),
    (_export([GOOD_ATTEMPT, GOOD_ATTEMPT, GOOD_ATTEMPT, {**GOOD_ATTEMPT, "answer": ["a", 2]}]),
     "attempts[3].answer[1]: must be a list of text"),
    (_export([{**GOOD_ATTEMPT, "attempt": 0}]), "attempts[0].attempt: "),
    ({**_export([]), "exported_at": "yesterday"}, "exported_at: not a date and time"),
    ({**_export([]), "learner": {"pseudonym": "", "key": "k"}}, "learner.pseudonym: "),
    ({**_export([]), "learner": {"pseudonym": "x"}}, "learner.key: missing"),
])
def test_the_export_model_is_strict_and_names_the_field(data, message):
    with pytest.raises(BadFile, match=re.escape(message)):
        parse_export(data)


def test_a_bad_file_on_disk_is_named_by_its_field_too(tmp_path):
    """The fast path reads bytes; its error must be as precise as the decoded path's."""
    (tmp_path / "a.json").write_text(json.dumps(_export([GOOD_ATTEMPT, {**GOOD_ATTEMPT, "kind": 7}])))
    loaded = load_results(tmp_path)
    reasons = [(s.name, s.reason) for s in loaded.skipped]
    assert reasons == [("a.json", "attempts[1].kind: must be text or null")]


# -- the page: one template, one chart helper, words from the table ---------------------------


def _one_question_report(label: str) -> Report:
    q = QuestionStats("01-history", "quiz", "q1", label, "Because.", answered=2, first_correct=1)
    q.wrong[("a",)] = 1
    return Report("Course", [("01-history", "History")], [], [q], Loaded(files_read=0))


def test_a_label_with_dollar_signs_is_drawn_as_written():
    page = render_html(_one_question_report("Pay HK$1 or HK$2?"))
    svg = questions_chart(_one_question_report("Pay HK$1 or HK$2?"))
    assert "HK$1 or HK$2" in svg
    assert "HK$1 or HK$2" in page
    render_html(_one_question_report(r"Broken $\frac{$ maths"))  # invalid maths: no crash


def test_drawing_the_report_keeps_the_kernels_backend(monkeypatch):
    import matplotlib

    monkeypatch.setitem(matplotlib.rcParams, "backend", "module://matplotlib_inline.backend_inline")
    render_html(_one_question_report("q"))
    assert matplotlib.rcParams["backend"] == "module://matplotlib_inline.backend_inline"


def test_the_page_comes_from_an_autoescaping_template(loaded, course):
    env = environment()
    assert env.autoescape is True
    page = render_html(build_report(loaded, course))
    body = body_html(build_report(loaded, course))
    assert body in page, "the page is the body in a frame"
    assert "<script" not in page and "&lt;script&gt;" in page


def test_every_report_word_comes_from_the_strings_table(loaded, course):
    from curriculum.present.strings import MESSAGES, catalogue_override

    pseudo = {key: f"«{value}»" for key, value in MESSAGES.items()}
    with catalogue_override(pseudo):
        page = render_html(build_report(loaded, course))
    text = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    for word in ("Completion", "Questions", "Wrong answers to go over", "Files", "Files skipped",
                 "Learner (pseudonym)", "Right first time", "Explanation"):
        assert f"«{word}»" in text, word
    assert "«Average completion per lesson»" in page  # in the chart too


def test_the_notebook_shows_exactly_the_cli_body(class_folder, course, tmp_path):
    from widgets.class_report import ClassReportView

    view = ClassReportView(folder=class_folder, course=course)
    body = body_html(build_report(load_results(class_folder), course))
    assert body in view.output.value
    out = tmp_path / "report.html"
    assert main(["report", str(class_folder), "--out", str(out)]) == 0
    assert body in out.read_text(encoding="utf-8")
    view.lesson.value = "01-history"
    history = build_report(load_results(class_folder), course, lesson="01-history")
    assert body_html(history) in view.output.value


def test_a_drop_box_with_a_folder_per_student_is_read_one_level_down(tmp_path, course):
    """Zero to JupyterHub's layout (deploy/z2jh): each student hands in to their own folder."""
    import random

    for number, student in ((1, "alex"), (2, "sam")):
        (tmp_path / student).mkdir()
        export = sample_export(course, number, random.Random(number))
        (tmp_path / student / f"{student}-20260105T090000Z.json").write_text(json.dumps(export))
    (tmp_path / "sam" / ".sam-20260105T090500Z-77.part").write_text("half a file")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.json").write_text("{}")
    (tmp_path / "alex" / "deeper").mkdir()
    (tmp_path / "alex" / "deeper" / "y.json").write_text("{}")
    loaded = load_results(tmp_path)
    assert sorted(r.pseudonym for r in loaded.learners) == ["sample-001", "sample-002"]
    assert sorted(r.file for r in loaded.learners) == ["alex/alex-20260105T090000Z.json",
                                                      "sam/sam-20260105T090000Z.json"]
    assert loaded.files_read == 2 and loaded.identity == "file"  # a plain folder: nothing proves who
    assert {s.name: s.reason for s in loaded.skipped} == {
        ".hidden/": "a hidden folder: not read",
        "alex/deeper/": "a folder inside a folder: not read",
        "sam/.sam-20260105T090500Z-77.part": "a hand-in still being written (or one that failed): not read"}
    assert [r.account for r in loaded.learners] == [None, None]
    # read by the folder rule (deploy/z2jh): each hand-in counts for the folder that holds it
    (tmp_path / "loose.json").write_text("{}")
    by_folder = load_results(tmp_path, identity="folder")
    assert sorted(r.account for r in by_folder.learners) == ["alex", "sam"]
    assert {s.name: s.reason for s in by_folder.skipped}["loose.json"] == (
        "not in a student's own folder: not counted")
