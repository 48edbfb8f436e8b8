"""Your saved answers: export them to hand in, show or set your pseudonym, or reset them.

  export [--out FILE] [--include-reflections]   write a versioned JSON file to hand in
  hand-in [--dropbox DIR]                       put a copy into the class drop-box
                                                (default: $CURRICULUM_DROPBOX, set on a hub)
  name [NEW_NAME]                               show (or change) the made-up name on it
  reset [--yes]                                 delete every saved answer (asks first)
  schema [--out FILE]                           the export's JSON Schema (for tool builders)

A progress file or folder that cannot be read or written is one line naming it, exit 1.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from curriculum.classroom.store import ProgressFileError, ProgressStore, export_filename

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
            return _act(store, args)
        except (ProgressFileError, sqlite3.Error) as exc:  # e.g. disk full while saving
            print(f"error: {store.path}: {exc}", file=sys.stderr)
            return 1


def _act(store: ProgressStore, args: argparse.Namespace) -> int:
    if args.action == "export":
        data = store.export(include_reflections=args.include_reflections)
        out = args.out or Path(export_filename(store.pseudonym))
        try:
            out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"error: {out}: cannot write ({exc.strerror})", file=sys.stderr)
            return 1
        print(f"wrote {plural(len(data['attempts']), 'answer')} for {store.pseudonym} to {out}")
        return 0
    if args.action == "hand-in":
        from curriculum.classroom.handin import HandInError, hand_in

        data = store.export()
        try:
            path = hand_in(store, args.dropbox, export=data)
        except HandInError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"handed in {plural(len(data['attempts']), 'answer')} for "
              f"{store.pseudonym} as {path.name}")
        return 0
    if args.action == "name":
        if args.new_name is not None:
            try:
                store.set_pseudonym(args.new_name)
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
        print(store.pseudonym)
        return 0
    n = store.count()
    if not args.yes and not _confirm(f"Delete all {n} saved answers in {store.path}?"):
        print("nothing deleted")
        return 1
    deleted = store.reset()  # what was really deleted, answers saved while asking included
    print(f"deleted {plural(deleted, 'saved answer')}")
    return 0
