"""Keep translations in step: list what is missing or stale, and refresh the catalogue.

  todo --lang LANG [GROUP ...]   print, as YAML to fill in, every content text of GROUP
                                 (course, kit, or a lesson id) that has no current translation
  notebook --lang LANG [NAME ...]
                                 make the translated notebook of each English notebook that
                                 has none yet (its Markdown still English, to translate);
                                 with --mark-current, record that the given notebooks'
                                 translations now match the current English
  po --lang LANG                 bring the interface catalogue up to date with the English
                                 table, as pybabel update does (new keys added empty, a
                                 changed English text marked fuzzy with its previous
                                 English, entries no longer in the table kept obsolete)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from curriculum.course.languages import LANGS, SOURCE_LANG
from curriculum.course.packaged import packaged_course
from curriculum.course.translate import (
    TRANSLATIONS_DIR,
    Translations,
    content_files,
    slots,
)
from curriculum.present import catalogue as catalogues
from curriculum.present.catalogue_check import english_template

from .common import course_or_report


def register(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    todo = sub.add_parser("todo", help="print the texts still to translate, as YAML")
    todo.add_argument("--lang", required=True, choices=[x for x in LANGS if x != SOURCE_LANG])
    todo.add_argument("groups", nargs="*", metavar="GROUP",
                      help="course, kit, or a lesson id (default: all)")
    nbp = sub.add_parser("notebook", help="make (or mark current) translated notebooks")
    nbp.add_argument("--lang", required=True, choices=[x for x in LANGS if x != SOURCE_LANG])
    nbp.add_argument("--mark-current", action="store_true",
                     help="record that these notebooks' translations match today's English")
    nbp.add_argument("names", nargs="*", metavar="NAME", help="e.g. 01-history (default: all)")
    nbp.add_argument("--notebooks", type=Path, default=None, metavar="DIR",
                     help="the English lesson notebooks (default: the notebooks/ folder of the "
                          "course's source tree)")
    po = sub.add_parser("po", help="refresh the interface catalogue (.po) from the English table")
    po.add_argument("--lang", required=True, choices=[x for x in LANGS if x != SOURCE_LANG])


def run(args: argparse.Namespace) -> int:
    if args.action == "po":
        return _po(args.lang)
    if args.action == "notebook":
        return _notebooks(args.lang, args.names, args.mark_current, args.notebooks)
    course = course_or_report(packaged_course)
    if course is None:
        return 1
    tr = Translations(args.lang, TRANSLATIONS_DIR)
    wanted = set(args.groups)
    known = {"course", *course.lessons, *(["kit"] if course.kit else [])}
    unknown = wanted - known
    if unknown:
        print(f"error: unknown group(s) {', '.join(sorted(unknown))} (known: "
              f"{', '.join(sorted(known))})", file=sys.stderr)
        return 1
    todo: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    for group, stem, _rel, obj in content_files(course):
        if wanted and group not in wanted:
            continue
        for slot in slots(obj):
            entry, _line = tr.entry(group, stem, slot.key)
            if entry is None or entry["en"] != slot.text:
                old = entry["text"] if entry else ""
                todo.setdefault(group, {}).setdefault(stem, {})[slot.key] = {
                    "en": slot.text, "text": old}
    if tr.problems:  # a damaged translation file would list its texts as never translated
        for problem in tr.problems:
            print(problem, file=sys.stderr)
        print("fix the translation files first: what they hold cannot be read",
              file=sys.stderr)
        return 1
    for group, stems in todo.items():
        print(f"# {TRANSLATIONS_DIR / args.lang / (group + '.yaml')}")
        print(yaml.safe_dump(stems, allow_unicode=True, sort_keys=False, width=88))
    return 0


def _po(lang: str) -> int:
    """Merge the English table into ``lang``'s catalogue as ``pybabel update`` does.

    Babel's ``Catalog.update``: a new text is added empty, a changed English text keeps its
    translation marked fuzzy with the previous English (``#|``), an entry no longer in the
    table is kept obsolete (``#~``), as translators' tools expect.
    """
    path = catalogues.po_file(lang)
    if path.exists():  # a catalogue that cannot be read is named and left as it is
        try:
            catalogue = catalogues.read_catalogue(lang)
        except catalogues.CatalogueProblem as exc:
            where = f"{path}:{exc.line}" if exc.line else str(path)
            print(f"error: {where}: {exc.message}; nothing was written", file=sys.stderr)
            return 1
    else:
        catalogue = Catalog(locale=catalogues.babel_locale(lang), domain=catalogues.DOMAIN,
                            fuzzy=False, project="cyber-safety-curriculum", charset="utf-8")
    template = english_template()
    catalogue.update(template, update_header_comment=False)
    partial = path.with_name(f".{path.name}.partial")
    try:  # through a new file renamed into place: a failed write leaves the old one whole
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as fh:
            write_po(fh, catalogue, width=88, include_previous=True, sort_output=False)
        os.replace(partial, path)
    except OSError as exc:
        print(f"error: cannot write {path}: {(exc.strerror or 'failed').lower()}; it is "
              "unchanged", file=sys.stderr)
        return 1
    catalogues.forget_catalogues()
    print(f"wrote {path}: {len(template)} entries")
    return 0


def _notebooks(lang: str, names: list[str], mark_current: bool,
               notebooks_dir: Path | None = None) -> int:
    import json

    from curriculum.course.notebook_translations import fingerprint, skeleton, translated_path
    from curriculum.course.packaged import NOTEBOOKS_DIR

    folder = notebooks_dir or NOTEBOOKS_DIR
    if not folder.is_dir():
        print(f"error: no notebooks folder at {folder}: pass --notebooks DIR, the course's "
              "notebooks/ folder", file=sys.stderr)
        return 1
    english = [p for p in sorted(folder.glob("*.ipynb"))
               if not names or p.stem in names]
    if not english:
        print(f"error: no English notebooks in {folder} match {names}", file=sys.stderr)
        return 1
    failed = 0
    for en_path in english:
        target = translated_path(en_path, lang)
        en = _read_or_say(en_path)
        if en is None:
            failed += 1
            continue
        if mark_current:
            if not target.exists():
                print(f"skipped {target}: no such notebook", file=sys.stderr)
                continue
            tr = _read_or_say(target)
            if tr is None:
                failed += 1
                continue
            for e, t in zip(en["cells"], tr["cells"], strict=False):
                if e["cell_type"] == t["cell_type"] == "markdown":
                    t.setdefault("metadata", {})["translation"] = {"en": fingerprint(e["source"])}
            nb, verb = tr, "marked current"
        elif target.exists():
            print(f"kept {target}: it exists")
            continue
        else:
            nb, verb = skeleton(en, lang), "made"
        try:  # through a new file renamed into place: a failed write leaves the old one whole
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")
            os.replace(partial, target)
        except OSError as exc:
            print(f"error: cannot write {target}: {(exc.strerror or 'failed').lower()}",
                  file=sys.stderr)
            return 1
        print(f"{verb} {target}")
    return 1 if failed else 0


def _read_or_say(path: Path) -> dict | None:
    """The notebook at ``path``, or None after saying, in one line, why it cannot be read."""
    from curriculum.course.notebook_refs import NotebookProblem, read_notebook

    try:
        return read_notebook(path)
    except NotebookProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        print(f"skipped {where}: {exc.message}", file=sys.stderr)
        return None
