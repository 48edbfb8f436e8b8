"""The class report's numbers: what a class found hard, from the hand-ins it read.

Three steps, each its own module and testable alone: ``classroom.results`` reads a folder
of hand-ins, ``build_report`` here turns their tallies into numbers using the content
model (question text, option text, explanations), and ``curriculum.present.class_report``
draws them as one offline HTML page. A learner is named by the pseudonym they chose and,
where the drop-box proves it, the school account they handed in from (the teacher needs
to know who needs support; the pseudonym alone can be anyone's). Reflection text is never
shown, even when a learner chose to include it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from curriculum.course.model import Course, Quiz

from .completion import LessonProgress, lesson_units, progress_from_states
from .results import ItemKey, LearnerResult, Loaded


class UnknownLesson(ValueError):
    """A lesson id the course does not have; the message names the ones it has."""


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
        """The options' texts (an unknown id as itself); empty for an empty answer."""
        return "; ".join(self.option_text.get(a, a) for a in answer)


@dataclass
class Report:
    title: str
    lessons: list[tuple[str, str]]
    learners: list[tuple[str, list[LessonProgress]]]
    questions: list[QuestionStats]
    loaded: Loaded
    private_hidden: int = 0
    # the account each learner handed in from, as the drop-box proves it (parallel to
    # ``learners``; None where nothing could be checked: files collected by hand)
    accounts: list[str | None] = field(default_factory=list)

    @property
    def identity(self) -> str:
        """The drop-box's identity rule the hand-ins were read by (``classroom.dropbox``)."""
        return self.loaded.identity

    def lesson_completion(self) -> list[tuple[str, float, int]]:
        """(lesson title, mean completion, learners who started it) per lesson."""
        out = []
        for i, (_lid, title) in enumerate(self.lessons):
            rows = [progress[i] for _, progress in self.learners]
            mean = sum(r.completion for r in rows) / len(rows) if rows else 0.0
            out.append((title, mean, sum(1 for r in rows if r.tried)))
        return out


def check_lesson(course: Course, lesson: str | None) -> None:
    """``UnknownLesson`` unless ``lesson`` is None (every lesson) or one of the course's."""
    known = [e.id for e in course.meta.lessons]
    if lesson is not None and lesson not in known:
        raise UnknownLesson(f"unknown lesson {lesson!r} (known: {', '.join(known)})")


def _labels(course: Course) -> dict[ItemKey, QuestionStats]:
    """Known questions from the content: prompt, explanation and option texts."""
    known: dict[ItemKey, QuestionStats] = {}
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
    """The numbers for every lesson, or for ``lesson`` only (``UnknownLesson`` if it is not one)."""
    check_lesson(course, lesson)
    lesson_ids = [e.id for e in course.meta.lessons if lesson in (None, e.id)]
    wanted = set(lesson_ids)
    units = lesson_units(course)
    known = _labels(course)
    stats: dict[ItemKey, QuestionStats] = {}
    learners = []
    accounts = []
    private = 0
    for name, result in zip(_display_names(loaded.learners), loaded.learners, strict=True):
        tally = result.tally
        progress = progress_from_states(tally.states, course, units)
        learners.append((name, [p for p in progress if p.lesson in wanted]))
        accounts.append(result.account)
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
                  learners, questions, loaded, private, accounts)
