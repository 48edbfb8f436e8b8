"""Write a class report (offline HTML) from a folder of exported progress files.

Bad files are listed with the reason and skipped. Exits 1 when no valid file is found,
when --lesson names no lesson of the course, or when the course content itself is
broken (each content problem printed as file:line: field: message).

The report is for the teacher alone: by default it goes to ``~/class-reports/`` (made
0700), never into the folder being read (a drop-box that every student can reach), and
it is written 0600 through a new file renamed into place (``classroom.private_file``),
so nothing a student put in its place is written into or followed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from curriculum.classroom.dropbox import IDENTITIES
from curriculum.course.languages import LANGS

REPORTS_DIR = Path("~/class-reports")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="folder holding the handed-in .json files")
    parser.add_argument("--out", type=Path, default=None,
                        help="HTML file to write, in a folder only you can write (default: "
                             "~/class-reports/class-report-<FOLDER's name>.html)")
    parser.add_argument("--lesson", default=None, help="only this lesson id")
    parser.add_argument("--lang", choices=LANGS, default="en",
                        help="the report's language (answers from either language count alike)")
    parser.add_argument("--identity", choices=IDENTITIES, default=None,
                        help="how a hand-in proves who made it: owner (each student a Unix "
                             "account), folder (a folder per student), file (collected by hand; "
                             "nothing checked). Default: what the drop-box records, else owner "
                             "for a shared drop-box and file for any other folder")


def default_out(folder: Path, lesson: str | None) -> Path:
    """``~/class-reports/class-report-<folder name>[-<lesson>].html``."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", folder.resolve().name).strip("-") or "class"
    return REPORTS_DIR.expanduser() / f"class-report-{name}{'-' + lesson if lesson else ''}.html"


def out_problem(out: Path, folder: Path) -> str | None:
    """Why ``out`` must not be written (it is inside the folder being read), or None."""
    where = out.expanduser().absolute().parent.resolve()
    read = folder.resolve()
    if where == read or read in where.parents:
        return (f"--out: {out} is inside the folder being read, where students could reach "
                f"it; write it into a folder only you can write (e.g. {REPORTS_DIR})")
    return None


def run(args: argparse.Namespace) -> int:
    from curriculum.classroom.dropbox import DropboxError
    from curriculum.classroom.private_file import PrivateFileError, make_private_folder, write_private
    from curriculum.classroom.report import UnknownLesson, build_report, check_lesson
    from curriculum.classroom.results import load_results
    from curriculum.course.packaged import packaged_course
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
    out = (args.out or default_out(args.folder, args.lesson)).expanduser()
    problem = out_problem(out, args.folder)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        loaded = load_results(args.folder, identity=args.identity)
    except DropboxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {args.folder}: cannot read ({(exc.strerror or str(exc)).lower()})",
              file=sys.stderr)
        return 1
    for bad in loaded.skipped:
        print(f"skipped {bad.name}: {bad.reason}", file=sys.stderr)
    if not loaded.learners:
        print(f"error: no valid progress file found in {args.folder}", file=sys.stderr)
        return 1
    report = build_report(loaded, course, lesson=args.lesson)
    page = render_html(report, args.lang)
    try:
        if args.out is None:
            make_private_folder(out.parent)
        write_private(out, page.encode("utf-8"))
    except PrivateFileError as exc:
        print(f"error: {exc}; no report written", file=sys.stderr)
        return 1
    print(f"wrote {out} (readable by you only): {len(loaded.learners)} learners from "
          f"{loaded.files_read} files, {len(loaded.skipped)} skipped; who handed in each file: "
          f"{IDENTITY_WORDS[loaded.identity]}")
    return 0


IDENTITY_WORDS = {"owner": "checked by the file's owner",
                  "folder": "checked by each student's own folder",
                  "file": "as each file says (not checked)"}
