"""Your saved answers: export them to hand in, show or set your pseudonym, or reset them.

  export [--out FILE] [--include-reflections]   write a versioned JSON file to hand in
  hand-in [--dropbox DIR]                       put a copy into the class drop-box
                                                (default: $CURRICULUM_DROPBOX, set on a hub)
  name [NEW_NAME]                               show (or change) the made-up name on it
  reset [--yes]                                 delete every saved answer (asks first)
  schema [--out FILE]                           the export's JSON Schema (for tool builders)

A progress file or folder that cannot be read or written is one line naming it, exit 1.
A damaged row in the progress file is one warning line naming it (``attempts row 12:
answer is not a list of text; left out``) and the rest is still exported or handed in;
exit 1 only when no answer at all could be. An export holds the learner's answers, so it
is written readable by them alone (0600), never through a symbolic link.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from curriculum.classroom.private_file import PrivateFileError, write_private
from curriculum.classroom.progress_file import ProgressFileError
from curriculum.classroom.progress_rows import DamagedRow
from curriculum.classroom.store import ProgressStore, export_filename

from .common import plural


def register(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--db", type=Path, default=None,
                        help="progress file (default: $CURRICULUM_PROGRESS_DB or your data folder)")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    exp = sub.add_parser("export", help="write your results as a JSON file to hand in")
    exp.add_argument("--out", type=Path, default=None,
                     help="file to write (default: progress-<your name>.json here)")
    exp.add_argument("--include-reflections", action="store_true",
                     help="also include what you wrote in reflections (left out by default)")
    hin = sub.add_parser("hand-in", help="hand your results in to the class drop-box")
    hin.add_argument("--dropbox", type=Path, default=None,
                     help="drop-box folder (default: $CURRICULUM_DROPBOX, set by a school's hub)")
    name = sub.add_parser("name", help="show or change your made-up name")
    name.add_argument("new_name", nargs="?", default=None)
    reset = sub.add_parser("reset", help="delete every saved answer (asks first)")
    reset.add_argument("--yes", action="store_true", help="do not ask")
    schema = sub.add_parser("schema", help="print the JSON Schema of the export file")
    schema.add_argument("--out", type=Path, default=None,
                        help="write it to this file (e.g. progress-export.schema.json) instead")


def _confirm(question: str) -> bool:
    try:
        reply = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes")


def _schema(out: Path | None) -> int:
    from curriculum.classroom.export import json_schema_text

    text = json_schema_text()
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"error: {out}: cannot write ({exc.strerror})", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def _warn(damaged: Iterable[DamagedRow]) -> None:
    for row in damaged:
        print(f"warning: {row}", file=sys.stderr)


def _export(store: ProgressStore, include_reflections: bool) -> tuple[dict[str, Any] | None, int]:
    """The export with every damaged row named on stderr, and how many answers it left
    out; None (after one error line) when damage left no answer to export."""
    checked = store.export_checked(include_reflections=include_reflections)
    _warn(checked.damaged)
    if checked.answers_left_out and not checked.data["attempts"]:
        print(f"error: {store.path}: no answer could be exported ({checked.answers_left_out} "
              "damaged, listed above); nothing was written", file=sys.stderr)
        return None, checked.answers_left_out
    return checked.data, checked.answers_left_out


def _left_out(n: int) -> str:
    return f" ({plural(n, 'damaged answer')} left out, listed above)" if n else ""


def run(args: argparse.Namespace) -> int:
    if args.action == "schema":
        return _schema(args.out)
    try:
        store = ProgressStore(args.db)
    except ProgressFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with store:
        try:
            return ACTIONS[args.action](store, args)
        except ProgressFileError as exc:  # its message names the file
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except sqlite3.Error as exc:  # e.g. disk full while saving
            print(f"error: {store.path}: {exc}", file=sys.stderr)
            return 1


def _deliver(store: ProgressStore, include_reflections: bool, verb: str,
             send: Callable[[dict], str]) -> int:
    """Export the learner's answers and hand them to ``send`` (a file, or the drop-box),
    which says where they went; damaged answers are left out and said, a refusal is one line."""
    from curriculum.classroom.handin import HandInError

    data, left_out = _export(store, include_reflections)
    if data is None:
        return 1
    try:
        where = send(data)
    except (PrivateFileError, HandInError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{verb} {plural(len(data['attempts']), 'answer')} for "
          f"{data['learner']['pseudonym']} {where}{_left_out(left_out)}")
    return 0


def _export_action(store: ProgressStore, args: argparse.Namespace) -> int:
    def write(data: dict) -> str:
        out = args.out or Path(export_filename(data["learner"]["pseudonym"]))
        write_private(out, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode(),
                      private_folder=False, refuse_link=True)
        return f"to {out}"

    return _deliver(store, args.include_reflections, "wrote", write)


def _hand_in_action(store: ProgressStore, args: argparse.Namespace) -> int:
    from curriculum.classroom.handin import hand_in

    def put(data: dict) -> str:
        return f"as {hand_in(store, args.dropbox, export=data).name}"

    return _deliver(store, False, "handed in", put)


def _name_action(store: ProgressStore, args: argparse.Namespace) -> int:
    if args.new_name is not None:
        try:
            store.set_pseudonym(args.new_name)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    else:
        replaced = [row for row in store.damaged_rows() if not row.is_answer]
        _warn(replaced)
        if any(row.where == "meta pseudonym" for row in replaced):
            print("warning: choose a name with: python -m curriculum progress name NEW_NAME",
                  file=sys.stderr)
    print(store.pseudonym)
    return 0


def _reset_action(store: ProgressStore, args: argparse.Namespace) -> int:
    n = store.count()
    if not args.yes and not _confirm(f"Delete all {n} saved answers in {store.path}?"):
        print("nothing deleted")
        return 1
    deleted = store.reset()  # what was really deleted, answers saved while asking included
    print(f"deleted {plural(deleted, 'saved answer')}")
    return 0


# One function per action, so each is reached by its name and none by falling through.
ACTIONS = {"export": _export_action, "hand-in": _hand_in_action, "name": _name_action,
           "reset": _reset_action}
