"""Build print-ready HTML handouts: a student worksheet and an educator guide per lesson.

Files are written as OUT/<lesson>.<audience>.html, or OUT/<lesson>.<audience>.<lang>.html
for a language other than English. Each is one self-contained file that
makes no network requests. The student worksheet holds no answers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curriculum.course.languages import LANGS
from curriculum.course.load import load_course
from curriculum.course.packaged import packaged_course

from .common import course_or_report


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--audience", choices=("student", "educator", "both"), default="both",
                        help="which handouts to build (default: both)")
    parser.add_argument("--out", type=Path, default=Path("build/handouts"),
                        help="folder for the files (default: build/handouts/)")
    parser.add_argument("--lang", choices=(*LANGS, "all"), default="en",
                        help="the handouts' language (all: every language; default: en)")
    parser.add_argument("--content", type=Path, default=None, metavar="DIR",
                        help="content folder holding course.yaml (default: the packaged "
                             "course)")
    parser.add_argument("--notebooks", type=Path, default=None, metavar="DIR",
                        help="folder holding the lesson notebooks (default: the notebooks/ "
                             "folder of the course's source tree, when it is there)")
    parser.add_argument("lessons", nargs="*", metavar="LESSON",
                        help="lesson ids, e.g. 01-history (default: every lesson)")


def _progress(n: int, total: int, name: str) -> None:
    """A plain-text progress bar on stderr: enough for a handful of files, no dependency."""
    width = 20
    filled = width * n // total
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {n}/{total} {name:<40}",
          end="" if n < total else "\n", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from curriculum.course.packaged import NOTEBOOKS_DIR
    from curriculum.handout.build import AUDIENCES, BuildError, build

    notebooks = args.notebooks or NOTEBOOKS_DIR
    if not notebooks.is_dir():
        where = ("" if args.notebooks else
                 " (a plain `pip install` ships the content but not the notebooks)")
        print(f"error: no notebooks folder at {notebooks}{where}: pass --notebooks DIR, the "
              "course's notebooks/ folder", file=sys.stderr)
        return 1
    load = packaged_course if args.content is None else lambda: load_course(args.content,
                                                                            notebooks)
    course = course_or_report(load)
    if course is None:
        return 1
    known = [e.id for e in course.meta.lessons]
    unknown = [lesson for lesson in args.lessons if lesson not in known]
    if unknown:
        print(f"error: unknown lesson(s): {', '.join(unknown)} (known: {', '.join(known)})",
              file=sys.stderr)
        return 1
    audiences = AUDIENCES if args.audience == "both" else (args.audience,)
    try:
        langs = LANGS if args.lang == "all" else (args.lang,)
        written = build(course, args.lessons or known, audiences, args.out, notebooks,
                        progress=_progress, langs=langs)
    except BuildError as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file of the package itself (a template) that cannot be read
        print(f"\nerror: cannot read {exc.filename}: {(exc.strerror or 'failed').lower()}",
              file=sys.stderr)
        return 1
    print(f"{len(written)} handout(s) in {args.out}/:")
    for path in written:
        print(f"  {path}")
    return 0
