"""A student's server starts here: pull the lessons, then become ``jupyterhub-singleuser``.

The hub's spawner runs ``python -m curriculum.hub.start`` as the student, with
``CURRICULUM_LESSONS_REPO`` (where the lessons are published) and
``CURRICULUM_LESSONS_DIR`` (the folder in the student's home, default
``cyber-safety-curriculum``). At the first login the lessons are cloned; at each later start
the course's updates are merged in without overwriting what the student changed (see
``lessons``). If the pull fails the server starts anyway with the lessons the student
already has: a lesson in front of a class matters more than the newest copy.

``CURRICULUM_LANGUAGE=en|zh-Hant-HK`` (set per student by the hub) starts JupyterLab's own
menus in that language, whatever the server's locale: the course ships a Jupyter config
folder per language (``lab-languages/``) that is put first on ``JUPYTER_CONFIG_PATH``.
It only sets the default; the student can still change it under Settings > Language.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ENV = "CURRICULUM_LESSONS_REPO"
DIR_ENV = "CURRICULUM_LESSONS_DIR"
DEFAULT_DIR = "cyber-safety-curriculum"
LANGUAGE_ENV = "CURRICULUM_LANGUAGE"
LAB_LANGUAGES = Path(__file__).with_name("lab-languages")


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


def choose_lab_language() -> None:
    language = os.environ.get(LANGUAGE_ENV, "").strip()
    folder = LAB_LANGUAGES / language
    if language and (folder / "labconfig").is_dir():
        paths = [str(folder), *filter(None, os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)


def main(argv: list[str]) -> None:
    update_lessons()
    choose_lab_language()
    os.chdir(Path.home())
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
