"""A student's server starts here: pull the lessons, then become ``jupyterhub-singleuser``.

The hub's spawner runs ``python -m curriculum.hub.start`` as the student, with
``CURRICULUM_LESSONS_REPO`` (where the lessons are published) and
``CURRICULUM_LESSONS_DIR`` (the folder in the student's home, default
``cyber-safety-curriculum``). At the first login the lessons are cloned; at each later start
the course's updates are merged in without overwriting what the student changed (see
``lessons``). If the pull fails the server starts anyway with the lessons the student
already has: a lesson in front of a class matters more than the newest copy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ENV = "CURRICULUM_LESSONS_REPO"
DIR_ENV = "CURRICULUM_LESSONS_DIR"
DEFAULT_DIR = "cyber-safety-curriculum"


def lessons_folder() -> Path:
    return Path.home() / (os.environ.get(DIR_ENV, "").strip() or DEFAULT_DIR)


def update_lessons() -> None:
    repo = os.environ.get(REPO_ENV, "").strip()
    if not repo:
        return
    from .lessons import LessonsError, pull

    try:
        pull(repo, lessons_folder())
    except LessonsError as exc:
        print(f"[curriculum] {exc}; starting with the lessons already here", file=sys.stderr)


def main(argv: list[str]) -> None:
    update_lessons()
    os.chdir(Path.home())
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
