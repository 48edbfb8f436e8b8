"""Validate the whole course content and report every problem as file:line: field: message.

By default it checks every language: the English content, then every text with no
translation and every translation whose English changed after it was made (content,
interface words and notebooks). A maintainer who edits the English and runs the plain
command must hear that the Chinese is now stale. ``--lang en`` checks the English only.
Exits 0 when all is well, 1 when it is not (one line per problem).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curriculum.course.languages import LANGS
from curriculum.course.load import CONTENT_DIR, load_course
from curriculum.course.notebook_translations import notebook_problems
from curriculum.course.packaged import NOTEBOOKS_DIR
from curriculum.course.translate import TRANSLATIONS_DIR, translate_course
from curriculum.present.catalogue_check import interface_problems

from .common import course_or_report, plural


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content_dir", nargs="?", type=Path, default=CONTENT_DIR,
                        help="content folder holding course.yaml (default: the packaged course)")
    parser.add_argument("--lang", choices=(*LANGS, "all"), default="all",
                        help="check the translations into this language too (default: all, "
                             "every one; en: the English content only)")
    parser.add_argument("--translations", type=Path, default=TRANSLATIONS_DIR,
                        help=argparse.SUPPRESS)
    parser.add_argument("--notebooks", type=Path, default=None, metavar="DIR",
                        help="the lesson notebooks to check with the content: each lesson's "
                             "notebook stays inside DIR, and its translations match it "
                             "(default: the notebooks/ folder of the course's source tree, "
                             "when it is there)")


def run(args: argparse.Namespace) -> int:
    notebooks = args.notebooks or NOTEBOOKS_DIR
    if not notebooks.is_dir():
        if args.notebooks is not None:  # asked for by name: a typo must not pass as "ok"
            print(f"error: no notebooks folder at {notebooks}: pass --notebooks DIR, the "
                  "course's notebooks/ folder", file=sys.stderr)
            return 1
        notebooks = None  # a plain install ships the content without the notebooks
    course = course_or_report(lambda: load_course(args.content_dir, notebooks),
                              lambda n: f"{plural(n, 'problem')} found in {args.content_dir}")
    if course is None:
        return 1
    langs = [lang for lang in LANGS if lang != "en"] if args.lang == "all" else [args.lang]
    missing = []
    for lang in (lang for lang in langs if lang != "en"):
        _, problems = translate_course(course, lang, args.translations, args.content_dir)
        missing += [str(p) for p in [*problems, *interface_problems(lang)]]
        if notebooks is not None:
            for en_path in sorted(notebooks.glob("*.ipynb")):
                missing += [str(p) for p in notebook_problems(en_path, lang)]
    if missing:
        for line in missing:
            print(line, file=sys.stderr)
        print(f"{len(missing)} translation problem{'s' if len(missing) != 1 else ''} "
              f"({', '.join(langs)})", file=sys.stderr)
        return 1
    n_act = sum(len(lesson.activities) for lesson in course.lessons.values())
    print(f"ok: {len(course.lessons)} lessons, {n_act} activities, "
          f"{len(course.sources) + sum(len(x.sources) for x in course.lessons.values())} sources "
          f"in {args.content_dir}")
    return 0
