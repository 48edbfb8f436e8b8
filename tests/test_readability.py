"""Every lesson's student-facing text reads at Flesch-Kincaid grade 9 or below.

The grade is measured on what a student reads (notebook Markdown, intro, summary and all
activity text), never on educator notes or source titles.
"""

from __future__ import annotations

import pytest

from curriculum.course.packaged import NOTEBOOKS_DIR
from tests.readability import lesson_grades, lesson_text_units, markdown_text

MAX_GRADE = 9.0


@pytest.fixture(scope="module")
def grades(course):
    return lesson_grades(course)


def test_every_listed_lesson_is_graded(course, grades):
    assert grades, "no lessons were graded"
    assert list(grades) == [e.id for e in course.meta.lessons]


def test_every_lesson_reads_at_grade_9_or_below(grades):
    report = ", ".join(f"{lesson}: {grade}" for lesson, grade in grades.items())
    too_hard = {lesson: g for lesson, g in grades.items() if g > MAX_GRADE}
    assert not too_hard, (
        f"Flesch-Kincaid grade above {MAX_GRADE} for {sorted(too_hard)}; all grades: {report}. "
        "Shorten sentences and use simpler words in the notebook Markdown and activity text."
    )


def test_student_text_is_what_students_see(course):
    lesson = course.lessons["01-history"]
    units = lesson_text_units(lesson, NOTEBOOKS_DIR / "01-history.ipynb")
    text = " ".join(units)
    quiz = lesson.activities["quiz"]
    option = quiz.questions[0].options[0]
    assert " ".join(option.feedback.split()) in text
    assert " ".join(option.text.split()) in text
    assert " ".join(quiz.questions[0].explanation.split()) in text
    assert "The timeline." in units  # a notebook Markdown heading, as its own sentence
    # Educator notes, source titles and source ids are not student reading.
    assert " ".join(lesson.meta.educator.facilitation[0].step.split()) not in text
    assert lesson.meta.educator.discussion_prompts[0].prompt not in text
    for source in lesson.sources.values():
        assert source.title not in text
    assert "interpol-2014" not in text and "seed-cyberdefender" not in text


def test_markdown_is_reduced_to_readable_blocks():
    md = ("# A heading\n\nSome **bold** text with [a link](01-history.ipynb)\nover two lines.\n\n"
          "- first item\n- second `code` item\n\n```python\nshow('x')\n```\n")
    assert markdown_text(md) == [
        "A heading", "Some bold text with a link over two lines.", "first item",
        "second code item",
    ]


def test_a_missing_notebook_is_an_error_not_a_partial_grade(course, tmp_path):
    with pytest.raises(FileNotFoundError, match="notebook of lesson '01-history'"):
        lesson_grades(course, notebooks_dir=tmp_path)
