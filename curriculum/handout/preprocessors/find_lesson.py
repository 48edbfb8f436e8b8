"""Name the lesson a notebook teaches, and the handout's title and banner."""

from __future__ import annotations

from nbformat import NotebookNode

from curriculum.course.model import Course
from curriculum.present.strings import t

from .base import HandoutError, HandoutPreprocessor


def lesson_of(nb: NotebookNode, course: Course) -> str | None:
    """The lesson a notebook belongs to: the lesson part of its ``show`` references."""
    ids = []
    for cell in nb.cells:
        for ref in cell.metadata.get("handout_refs", []):
            if "/" in ref and ref.split("/", 1)[0] not in ids:
                ids.append(ref.split("/", 1)[0])
    if len(ids) > 1:
        raise HandoutError(f"the notebook shows parts of several lessons: {', '.join(ids)}")
    if ids and ids[0] not in course.lessons:
        raise HandoutError(f"no lesson {ids[0]!r} in the course (known: {', '.join(course.lessons)})")
    return ids[0] if ids else None


class FindLesson(HandoutPreprocessor):
    """Name the notebook's lesson and the handout's title in ``resources['handout']``."""

    def preprocess(self, nb, resources):
        handout = self.handout(resources)
        course, audience = handout["course"], handout["audience"]
        lesson_id = lesson_of(nb, course)
        if lesson_id:
            title = course.lessons[lesson_id].title
        else:
            title = nb.metadata.get("title") or course.meta.title
        kind = t("handout_educator" if audience == "educator" else "handout_student")
        banner = t("handout_banner_educator", kind=kind) if audience == "educator" else kind
        if nb.metadata.get("curriculum_kit"):  # a page of the teacher's kit (handout/kit.py)
            kind = t("kit_kind")
            banner = t("kit_banner")
        handout.update(lesson=lesson_id, kind=kind,
                       title=t("handout_title", title=title, kind=kind), banner=banner)
        return nb, resources
