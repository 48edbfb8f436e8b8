"""What is left to do in an interface catalogue, as ``Problem``s a maintainer can act on.

The English table is the template (``english_template``, what ``translations po`` merges
into each catalogue with Babel's ``Catalog.update``); an entry is missing, untranslated,
fuzzy (its English changed since), mis-filled, or no longer in the table.
"""

from __future__ import annotations

import ast
import functools
import inspect
from string import Formatter

from babel.messages.catalog import Catalog, Message

from curriculum.course.problems import Problem

from . import catalogue as catalogues
from . import strings


def english_template() -> Catalog:
    """Every interface text as a catalogue template: msgctxt the key, msgid the English."""
    template = Catalog(domain=catalogues.DOMAIN, project="cyber-safety-curriculum", charset="utf-8")
    for key, english in strings.MESSAGES.items():
        plural = strings.PLURALS.get(key)
        template.add((english, plural) if plural else english, context=key)
    return template


def fields(texts: str | tuple[str, ...] | list[str]) -> set[str]:
    """The named fields of a text (or of all its plural forms): a translation keeps them."""
    forms = [texts] if isinstance(texts, str) else texts
    return {f for text in forms for _lit, f, _spec, _conv in Formatter().parse(text) if f}


@functools.cache
def _table_lines() -> dict[str, int]:
    """key -> line of its English in strings.py, read from the table's syntax tree."""
    tree = ast.parse(inspect.getsource(strings))
    for node in ast.walk(tree):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and node.target.id == "MESSAGES" and isinstance(node.value, ast.Dict)):
            return {k.value: k.lineno for k in node.value.keys if isinstance(k, ast.Constant)}
    return {}


def interface_problems(lang: str) -> list[Problem]:
    """Every interface word missing, untranslated, fuzzy (stale) or mis-filled in ``lang``'s
    catalogue, and every entry whose English is no longer in the table."""
    if lang == "en":
        return []
    path = catalogues.po_file(lang)
    po = str(path)
    try:
        catalogue = catalogues.read_catalogue(lang) if path.exists() else Catalog()
    except catalogues.CatalogueProblem as exc:
        where = f"column {exc.column}: " if exc.column else ""
        return [Problem(po, exc.line, "", f"{where}{exc.message}: the catalogue cannot be read")]
    entries: dict[str, Message] = {m.context: m for m in catalogue if m.id and m.context}
    out = []
    for key, english in strings.MESSAGES.items():
        plural = strings.PLURALS.get(key)
        msgid = (english, plural) if plural else english
        entry = entries.get(key)
        if entry is None:
            out.append(Problem(strings.__file__, _table_lines().get(key), key,
                               f"no {lang} translation"))
        elif not all(entry.string) if plural else not entry.string:
            out.append(Problem(po, entry.lineno, key, f"no {lang} translation"))
        elif entry.fuzzy or entry.id != msgid:
            out.append(Problem(po, entry.lineno, key,
                               "stale: the English changed after this was translated"))
        elif fields(entry.string) != fields(msgid):
            out.append(Problem(po, entry.lineno, key, "the translation must keep the fields "
                               f"{sorted(fields(msgid))}, it has {sorted(fields(entry.string))}"))
    gone = [m for m in catalogue if m.id and m.context not in strings.MESSAGES]
    for message in [*gone, *catalogue.obsolete.values()]:
        out.append(Problem(po, message.lineno, message.context or "",
                           "no such interface text any more: delete it"))
    return out
