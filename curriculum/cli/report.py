"""Write a class report (offline HTML) from a folder of exported progress files.

Bad files are listed with the reason and skipped. Exits 1 when no valid file is found,
when --lesson names no lesson of the course, or when the course content itself is
broken (each content problem printed as file:line: field: message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curriculum.course.translate import LANGS
from curriculum.present.strings import using_language


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="folder holding the handed-in .json files")
    parser.add_argument("--out", type=Path, default=None,
                        help="HTML file to write (default: FOLDER/class-report.html)")
    parser.add_argument("--lesson", default=None, help="only this lesson id")
    parser.add_argument("--lang", choices=LANGS, default="en",
                        help="the report's language (answers from either language count alike)")


def run(args: argparse.Namespace) -> int:
    from curriculum.classroom.report import UnknownLesson, build_report, check_lesson
    from curriculum.classroom.results import load_results
    from curriculum.course.load import packaged_course
    from curriculum.present.class_report import render_html

    from .common import course_or_report, plural

    course = course_or_report(lambda: packaged_course(args.lang), lambda n: (
        f"error: the course content has {plural(n, 'problem')}; no report written"))
    if course is None:
        return 1
    try:
        check_lesson(course, args.lesson)
    except UnknownLesson as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.folder.is_dir():
        print(f"error: {args.folder}: no such folder", file=sys.stderr)
        return 1
    loaded = load_results(args.folder)
    for bad in loaded.skipped:
        print(f"skipped {bad.name}: {bad.reason}", file=sys.stderr)
    if not loaded.learners:
        print(f"error: no valid progress file found in {args.folder}", file=sys.stderr)
        return 1
    report = build_report(loaded, course, lesson=args.lesson)
    out = args.out or args.folder / "class-report.html"
    with using_language(args.lang):
        page = render_html(report)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"error: {out}: cannot write ({exc.strerror})", file=sys.stderr)
        return 1
    print(f"wrote {out}: {len(loaded.learners)} learners from {loaded.files_read} files, "
          f"{len(loaded.skipped)} skipped")
    return 0
