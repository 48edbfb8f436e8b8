"""The class report: what a class found hard, from the progress files learners handed in.

Three steps, each testable alone: ``load_results`` reads a folder (a bad file is listed
with its reason and skipped, never fatal; a learner who handed in twice counts once, the
latest export wins), ``build_report`` turns answers into numbers using the content model
(question text, option text, explanations), and ``render_html`` writes one offline HTML
page with inline SVG charts. A learner is only ever named by the pseudonym they chose;
reflection text is never shown, even when a learner chose to include it.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import html as h
from .completion import ItemStates, LessonProgress, UnitKey, lesson_units, progress_from_states
from .model import Course, Quiz
from .progress import EXPORT_FORMAT, EXPORT_VERSION, PRIVATE_KINDS, check_pseudonym

MAX_FILE_BYTES = 20 * 1024 * 1024
# Okabe-Ito, colour-blind safe; every bar is also labelled with its number.
BLUE, ORANGE = "#0072B2", "#E69F00"


class BadFile(ValueError):
    """A results file that cannot be used; the message is the reason shown to the educator."""


ItemKey = tuple[str, str, str]


class ClassKeys:
    """One copy of each question key, answer and first-try record for a whole class.

    Ten thousand learners answer the same few dozen questions with the same few options;
    sharing these tuples keeps each tally a table of references instead of thousands of
    equal tuples.
    """

    __slots__ = ("items", "tuples")

    def __init__(self) -> None:
        self.items: dict[ItemKey, tuple[ItemKey, UnitKey]] = {}
        self.tuples: dict[tuple, tuple] = {}

    def item(self, lesson: str, activity: str, item: str) -> tuple[ItemKey, UnitKey]:
        """The shared ``(lesson, activity, item)`` key and its ``(lesson, activity, None)``."""
        key = (lesson, activity, item)
        pair = self.items.get(key)
        if pair is None:
            pair = self.items[key] = (key, (lesson, activity, None))
        return pair

    def shared(self, value: tuple) -> tuple:
        """The class's one copy of ``value`` (equal tuples are interchangeable)."""
        return self.tuples.setdefault(value, value)


class LearnerTally:
    """What the report needs from one learner's attempts, counted as the file is read.

    The attempts themselves are dropped with the decoded file: 10,000 hand-ins hold about
    600,000 of them, and keeping them cost most of a report's time and memory. What stays
    per learner is a few dozen keys: the latest state of each item (for completion), the
    first try at each graded question, the wrong answers given, and the reflections seen.
    """

    __slots__ = ("states", "first", "wrong", "private", "attempts", "_keys")

    def __init__(self, keys: ClassKeys | None = None) -> None:
        self.states = ItemStates()
        self.first: dict[ItemKey, tuple[int, bool]] = {}  # (attempt number, right?)
        self.wrong: Counter[tuple[ItemKey, tuple[str, ...]]] = Counter()
        self.private: Counter[str] = Counter()  # reflections per lesson, never shown
        self.attempts = 0
        self._keys = ClassKeys() if keys is None else keys

    def add(self, raw: Any, i: int) -> None:
        """Check attempt ``i`` and count it. The common, valid case is one cheap expression;
        only a bad attempt takes the slow path that finds the field to name."""
        try:
            lesson, activity, item = raw["lesson"], raw["activity"], raw["item"]
            answer, correct, kind, number = raw["answer"], raw.get("correct"), raw.get("kind"), raw["attempt"]
            valid = (type(lesson) is str and type(activity) is str and type(item) is str
                     and type(number) is int and type(raw["at"]) is str
                     and (correct is None or type(correct) is bool) and (kind is None or type(kind) is str)
                     and type(answer) is list and type("".join(answer)) is str)  # join: TypeError on non-text
        except (KeyError, TypeError, AttributeError):
            valid = False
        if not valid:
            raise _attempt_problem(raw, i)
        self.attempts += 1
        key, activity_key = self._keys.item(lesson, activity, item)
        self.states.add(key, activity_key, correct)
        if kind in PRIVATE_KINDS:
            self.private[lesson] += 1
            return
        if correct is None:
            return
        first = self.first.get(key)
        if first is None or number < first[0]:
            self.first[key] = self._keys.shared((number, correct))
        if not correct:
            self.wrong[key, self._keys.shared(tuple(answer))] += 1


@dataclass
class LearnerResult:
    key: str
    pseudonym: str
    exported_at: datetime
    file: str
    tally: LearnerTally


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class Loaded:
    learners: list[LearnerResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # older hand-ins superseded by a later one
    files_read: int = 0


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------

_TYPES = {"lesson": str, "activity": str, "item": str, "attempt": int, "at": str}


def _attempt_problem(raw: Any, i: int) -> BadFile:
    """What is wrong with an attempt that failed the quick check, naming the field."""
    where = f"attempts[{i}]"
    if not isinstance(raw, dict):
        return BadFile(f"{where}: must be an object")
    for name, typ in _TYPES.items():
        value = raw.get(name)
        if not isinstance(value, typ) or isinstance(value, bool):
            return BadFile(f"{where}.{name}: missing or not {'text' if typ is str else 'a number'}")
    correct = raw.get("correct")
    if correct is not None and not isinstance(correct, bool):
        return BadFile(f"{where}.correct: must be true, false or null")
    kind = raw.get("kind")
    if kind is not None and not isinstance(kind, str):
        return BadFile(f"{where}.kind: must be text or null")
    return BadFile(f"{where}.answer: must be a list of text")


def parse_export(data: Any, keys: ClassKeys | None = None) -> LearnerResult:
    """Check one decoded export and return it; ``BadFile`` says what is wrong and where."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise BadFile("not a progress export from this course (format field missing or different)")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadFile("schema_version: missing or not a number")
    if version > EXPORT_VERSION:
        raise BadFile(f"made by a newer version of the course (schema {version}; this report "
                      f"reads up to {EXPORT_VERSION}): update the course and run it again")
    if version < 1:
        raise BadFile(f"schema {version} is older than this report can read (1 to "
                      f"{EXPORT_VERSION}): ask the learner to export again")
    learner = data.get("learner")
    if not isinstance(learner, dict):
        raise BadFile("learner: missing")
    try:
        pseudonym = check_pseudonym(learner.get("pseudonym") or "")
    except ValueError as exc:
        raise BadFile(f"learner.pseudonym: {exc}") from None
    key = learner.get("key")
    if not isinstance(key, str) or not key:
        raise BadFile("learner.key: missing")
    try:
        exported = datetime.fromisoformat(str(data.get("exported_at")))
    except ValueError:
        raise BadFile("exported_at: missing or not a date and time") from None
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise BadFile("attempts: missing or not a list")
    tally = LearnerTally(keys)
    for i, a in enumerate(attempts):
        tally.add(a, i)
    return LearnerResult(key, pseudonym, exported, "", tally)


def read_export(path: Path, keys: ClassKeys | None = None) -> LearnerResult:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not a progress export")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadFile(f"cannot read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadFile("not text (UTF-8): not a progress export") from None
    except json.JSONDecodeError as exc:
        raise BadFile(f"not valid JSON, truncated or damaged (line {exc.lineno}, column "
                      f"{exc.colno})") from None
    result = parse_export(data, keys)
    result.file = path.name
    return result


def load_results(folder: Path) -> Loaded:
    """Every ``*.json`` in ``folder``: valid ones by learner (latest export wins), bad ones listed."""
    out = Loaded()
    latest: dict[str, LearnerResult] = {}
    keys = ClassKeys()
    for path in sorted(Path(folder).glob("*.json")):
        out.files_read += 1
        try:
            result = read_export(path, keys)
        except BadFile as exc:
            out.skipped.append(Skipped(path.name, str(exc)))
            continue
        old = latest.get(result.key)
        if old is None:
            latest[result.key] = result
        elif (_stamp(result), result.file) > (_stamp(old), old.file):
            out.replaced.append(old.file)
            latest[result.key] = result
        else:
            out.replaced.append(result.file)
    out.learners = sorted(latest.values(), key=lambda r: (r.pseudonym.casefold(), r.key))
    return out


def _stamp(r: LearnerResult) -> float:
    return r.exported_at.timestamp()


# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------


@dataclass
class QuestionStats:
    lesson: str
    activity: str
    item: str
    label: str
    explanation: str | None
    answered: int = 0
    first_correct: int = 0
    wrong: Counter = field(default_factory=Counter)
    option_text: dict[str, str] = field(default_factory=dict)

    @property
    def share_correct(self) -> float:
        return self.first_correct / self.answered if self.answered else 0.0

    def answer_text(self, answer: tuple[str, ...]) -> str:
        return "; ".join(self.option_text.get(a, a) for a in answer) or "(no answer)"


@dataclass
class Report:
    title: str
    lessons: list[tuple[str, str]]
    learners: list[tuple[str, list[LessonProgress]]]
    questions: list[QuestionStats]
    loaded: Loaded
    private_hidden: int = 0

    def lesson_completion(self) -> list[tuple[str, float, int]]:
        """(lesson title, mean completion, learners who started it) per lesson."""
        out = []
        for i, (_lid, title) in enumerate(self.lessons):
            rows = [progress[i] for _, progress in self.learners]
            mean = sum(r.completion for r in rows) / len(rows) if rows else 0.0
            out.append((title, mean, sum(1 for r in rows if r.tried)))
        return out


def _labels(course: Course) -> dict[tuple[str, str, str], QuestionStats]:
    """Known questions from the content: prompt, explanation and option texts."""
    known: dict[tuple[str, str, str], QuestionStats] = {}
    for lid, lesson in course.lessons.items():
        for act in lesson.activities.values():
            if isinstance(act, Quiz):
                for q in act.questions:
                    known[(lid, act.id, q.id)] = QuestionStats(
                        lid, act.id, q.id, q.prompt, q.explanation,
                        option_text={o.id: o.text for o in q.options})
    return known


def _display_names(learners: list[LearnerResult]) -> list[str]:
    """Pseudonyms as chosen; two different learners with one name get (2), (3)..."""
    seen: Counter = Counter()
    names = []
    for r in learners:
        seen[r.pseudonym] += 1
        names.append(r.pseudonym if seen[r.pseudonym] == 1 else f"{r.pseudonym} ({seen[r.pseudonym]})")
    return names


def _new_question(key: ItemKey, known: dict[ItemKey, QuestionStats], course: Course) -> QuestionStats:
    """Empty counts for one question, labelled from the content (or by its ids if unknown)."""
    lesson, activity, item = key
    st = known.get(key)
    if st is not None:
        return QuestionStats(lesson, activity, item, st.label, st.explanation,
                             option_text=st.option_text)
    act = course.lessons[lesson].activities.get(activity) if lesson in course.lessons else None
    label = f"{act.title}: {item}" if act else f"{lesson}/{activity}: {item}"
    return QuestionStats(lesson, activity, item, label, None)


def build_report(loaded: Loaded, course: Course, lesson: str | None = None) -> Report:
    lesson_ids = [e.id for e in course.meta.lessons if lesson in (None, e.id)]
    wanted = set(lesson_ids)
    units = lesson_units(course)
    known = _labels(course)
    stats: dict[ItemKey, QuestionStats] = {}
    learners = []
    private = 0
    for name, result in zip(_display_names(loaded.learners), loaded.learners, strict=True):
        tally = result.tally
        progress = progress_from_states(tally.states, course, units)
        learners.append((name, [p for p in progress if p.lesson in wanted]))
        private += sum(n for lid, n in tally.private.items() if lid in wanted)
        for key, (_number, right) in tally.first.items():
            if key[0] in wanted:
                st = stats.get(key)
                if st is None:
                    st = stats[key] = _new_question(key, known, course)
                st.answered += 1
                st.first_correct += right
        for (key, given), n in tally.wrong.items():
            if key[0] in wanted:
                stats[key].wrong[given] += n
    questions = sorted(stats.values(), key=lambda s: (s.share_correct, -s.answered, s.lesson,
                                                      s.activity, s.item))
    return Report(course.meta.title, [(lid, course.lessons[lid].title) for lid in lesson_ids],
                  learners, questions, loaded, private)


# ---------------------------------------------------------------------------------------
# Charts and HTML
# ---------------------------------------------------------------------------------------


def _svg(fig: Any) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "csc", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart_svg(labels: list[str], values: list[float], title: str, xlabel: str,
                  colour: str = BLUE) -> str:
    """Horizontal bars with their value written beside each (so colour is never needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    height = 0.9 + 0.42 * max(len(labels), 1)
    width = 8.4
    fig = Figure(figsize=(width, height))
    # Fixed margins in inches, sized for the 48-character labels at 8 pt: tight_layout would
    # measure every label first and took as long as drawing the chart.
    fig.subplots_adjust(left=3.45 / width, right=1 - 0.25 / width, top=1 - 0.35 / height,
                        bottom=0.5 / height)
    ax = fig.subplots()
    ys = list(range(len(labels)))
    pcts = [v * 100 for v in values]
    ax.barh(ys, pcts, height=0.6, color=colour, edgecolor="black", linewidth=0.5)
    for y, v in zip(ys, pcts, strict=True):
        ax.text(min(v, 90) + 1, y, f"{v:.0f}%", va="center", fontsize=8)
    ax.set_yticks(ys, [_short(lbl) for lbl in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return _svg(fig)


def completion_chart(report: Report) -> str:
    rows = report.lesson_completion()
    return bar_chart_svg([t for t, _, _ in rows], [m for _, m, _ in rows],
                         "Average completion per lesson", "Percent of the lesson tried", BLUE)


def questions_chart(report: Report, limit: int = 20) -> str:
    qs = report.questions[:limit]
    return bar_chart_svg([q.label for q in qs], [q.share_correct for q in qs],
                         f"Share right first time (hardest {len(qs)} first)",
                         "Percent of learners right at the first try", ORANGE)


CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem;
  color: #1a1a1a; background: #fff; line-height: 1.45; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #999; padding: 3px 8px; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; }
.chart svg { max-width: 100%; height: auto; }
.note { border-left: 4px solid #0072B2; padding: 4px 10px; background: #f3f3f3; }
"""


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{round(v * 100)}%"


def learners_table(report: Report) -> str:
    head = "".join(f"<th scope='col'>{h.esc(t)}</th>" for _, t in report.lessons)
    rows = "".join(
        f"<tr><th scope='row'>{h.esc(name)}</th>"
        + "".join(f"<td>{_pct(p.completion)} tried, {_pct(p.score)} right</td>" for p in progress)
        + "</tr>" for name, progress in report.learners)
    return (f"<table><caption>Learners and completion per lesson</caption><thead><tr>"
            f"<th scope='col'>Learner (pseudonym)</th>{head}</tr></thead><tbody>{rows}</tbody></table>")


def questions_table(report: Report) -> str:
    rows = "".join(
        f"<tr><td>{h.esc(q.label)}</td><td>{h.esc(q.lesson)}</td><td>{q.answered}</td>"
        f"<td>{_pct(q.share_correct)}</td></tr>" for q in report.questions)
    return ("<table><caption>Questions, hardest first</caption><thead><tr><th scope='col'>Question"
            "</th><th scope='col'>Lesson</th><th scope='col'>Learners who answered</th>"
            "<th scope='col'>Right first time</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def wrong_answers_html(report: Report, per_question: int = 3) -> str:
    parts = []
    for q in report.questions:
        if not q.wrong:
            continue
        items = "".join(f"<li>{h.esc(q.answer_text(ans))} — {n} time{'s' if n != 1 else ''}</li>"
                        for ans, n in q.wrong.most_common(per_question))
        why = h.esc(q.explanation) if q.explanation else "(no explanation in the course content)"
        parts.append(f"<tr><td>{h.esc(q.label)}</td><td><ul>{items}</ul></td><td>{why}</td></tr>")
    if not parts:
        return "<p>No wrong answers were handed in.</p>"
    return ("<table><caption>Most common wrong answers, with the explanation to go over</caption>"
            "<thead><tr><th scope='col'>Question</th><th scope='col'>Wrong answers given</th>"
            f"<th scope='col'>Explanation</th></tr></thead><tbody>{''.join(parts)}</tbody></table>")


def files_html(loaded: Loaded) -> str:
    out = [f"<p>{loaded.files_read} file(s) read, {len(loaded.learners)} learner(s) counted.</p>"]
    if loaded.skipped:
        items = "".join(f"<li><code>{h.esc(s.name)}</code>: {h.esc(s.reason)}</li>"
                        for s in loaded.skipped)
        out.append(f"<h3>Files skipped</h3><ul>{items}</ul>")
    if loaded.replaced:
        items = "".join(f"<li><code>{h.esc(n)}</code></li>" for n in sorted(loaded.replaced))
        out.append(f"<h3>Older hand-ins replaced by a later one from the same learner</h3><ul>{items}</ul>")
    return "".join(out)


def body_html(report: Report) -> str:
    """The report without the page frame (also shown inside the educator notebook)."""
    private = (f"<p class='note'>{report.private_hidden} reflection answer(s) were included by "
               "learners; reflections are never shown in this report.</p>" if report.private_hidden else "")
    return (
        f"<h2>Completion</h2><div class='chart' role='img' aria-label='Average completion per lesson'>"
        f"{completion_chart(report)}</div>{learners_table(report)}"
        f"<h2>Questions</h2><div class='chart' role='img' aria-label='Share right per question'>"
        f"{questions_chart(report)}</div>{questions_table(report)}"
        f"<h2>Wrong answers to go over</h2>{wrong_answers_html(report)}{private}"
        f"<h2>Files</h2>{files_html(report.loaded)}")


def render_html(report: Report) -> str:
    """One self-contained page: inline CSS and SVG, no scripts, nothing fetched."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Class report: {h.esc(report.title)}</title><style>{CSS}</style></head><body>"
        f"<h1>Class report: {h.esc(report.title)}</h1>"
        "<p class='note'>Learners are shown only by the made-up names they chose. "
        "“Right first time” counts each learner's first answer to a question.</p>"
        f"{body_html(report)}</body></html>\n")
