"""Validate the whole course content and report every problem as file:line: field: message.

Exits 0 when the content is valid, 1 when it is not (one line per problem).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curriculum.course.load import CONTENT_DIR, ContentError, load_course


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content_dir", nargs="?", type=Path, default=CONTENT_DIR,
                        help="content folder holding course.yaml (default: the packaged course)")


def run(args: argparse.Namespace) -> int:
    try:
        course = load_course(args.content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        n = len(exc.problems)
        print(f"{n} problem{'s' if n != 1 else ''} found in {args.content_dir}", file=sys.stderr)
        return 1
    n_act = sum(len(lesson.activities) for lesson in course.lessons.values())
    print(f"ok: {len(course.lessons)} lessons, {n_act} activities, "
          f"{len(course.sources) + sum(len(x.sources) for x in course.lessons.values())} sources "
          f"in {args.content_dir}")
    return 0
