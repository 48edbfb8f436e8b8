"""A tiny course built from inline data, for widget tests.

The widget views need a course (to resolve source ids) and a lesson (for its id), but
their tests must not depend on the lesson content other people are still writing, so
this builds the smallest valid course in memory: one lesson, one source.
"""

from __future__ import annotations

from curriculum.course.model import Course, CourseMeta, Lesson, LessonMeta

SOURCE_ID = "test-source"
SOURCE_URL = "https://example.org/test-source"


def tiny_course() -> tuple[Course, Lesson]:
    meta = LessonMeta.model_validate({
        "id": "99-test", "title": "Test lesson", "duration_minutes": 5, "period_minutes": 40,
        "audience": "Tests",
        "objectives": ["Test"], "content_note": "None", "summary": ["Done"],
        "educator": {"facilitation": [{"minutes": 5, "step": "Run"}],
                     "discussion_prompts": [{"prompt": "Why?", "minutes": 3}],
                     "safeguarding": ["Care"]},
    })
    lesson = Lesson(meta=meta, sources={}, activities={})
    course_meta = CourseMeta.model_validate({
        "title": "Test course", "version": "0", "lessons": [{"id": "99-test", "notebook": "x"}],
        "support_intro": "Help", "support_in_school": "Your teacher",
        "educator": {"before_the_course": [{"text": "Brief"}], "every_lesson": [{"text": "Rules"}],
                     "image_incident": [{"text": "Do not look"}],
                     "reporting_duty": [{"text": "Report"}]},
        "support": [{"name": "Line", "region": "HK", "local": True, "contact": "1",
                                              "description": "Talk", "source": SOURCE_ID}],
        "sources": [{"id": SOURCE_ID, "title": "Test <source>", "url": SOURCE_URL}],
    })
    return Course(meta=course_meta, lessons={"99-test": lesson}), lesson
