"""Read a YAML file so that every value can be traced back to its line.

Maintainers edit content by hand, so an error must say *where*: the loader keeps the
composed node tree beside the plain data and maps a field path such as
``("questions", 3, "options")`` to the line it was written on. Two YAML habits that hide
mistakes are switched off: unquoted dates are not turned into ``datetime`` objects
(a date is checked by the content model instead), and a key written twice in one
mapping is an error rather than the last one silently winning.

Whatever the file holds, reading it ends in a document or in located problems, never in
an exception: nesting deeper than any content needs, a number too long to be one, a
value that does not fit its tag (``!!int abc``), a control character, bytes that are
not UTF-8 and a file that is not a regular file are each named with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .files import CONTROL, FileProblem, control_character, read_text

# Content nests seven levels deep at most; a hundred would still be a mistake, and a few
# thousand exhaust Python's stack in the parser and in every checker that walks the data.
MAX_DEPTH = 50
# The longest number in the content is a year or a seed; Python refuses to turn more than
# 4300 digits into an int, and no course number needs more than a few.
MAX_NUMBER_LENGTH = 100
# In a value, after escapes: a carriage return too (YAML turns written line ends into \n).
VALUE_CONTROL = re.compile(f"{CONTROL.pattern}|\r")


class Refused(yaml.MarkedYAMLError):
    """Something the course's YAML does not allow, at the place it was written."""

    def __init__(self, problem: str, mark: yaml.Mark):
        super().__init__(problem=problem, problem_mark=mark)


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (dates stay text for the model to check),
    without anchors and aliases, and with limits on nesting and numbers.

    The content uses no aliases, and an alias can make a document that refers to itself
    (``a: &x [*x]``) or one that grows a billion-fold when expanded, which no checker can
    walk. Refusing them, and nesting past ``MAX_DEPTH``, while the document is composed
    names the line before anything else runs.
    """

    def __init__(self, stream):  # noqa: ANN001 - PyYAML's own signature
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's own signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise Refused("anchors and aliases (&name, *name) are not allowed in course "
                          "content: write the value out in full", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise Refused(f"nested more than {MAX_DEPTH} levels deep: course content is "
                          "never this deep; check the brackets and the indentation",
                          event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's own signature
        """A value that does not fit its tag (``!!int abc``, ``!!bool maybe``) is named at
        its line; PyYAML's constructors raise plain Python errors for those."""
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError,
                IndexError):
            tag = node.tag.rsplit(":", 1)[-1]
            raise Refused(f"this value cannot be read as !!{tag}: fix the value or remove "
                          "the tag", node.start_mark) from None


def _bounded_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    if len(node.value) > MAX_NUMBER_LENGTH:
        raise Refused(f"a number {len(node.value)} characters long: a course number has at "
                      f"most {MAX_NUMBER_LENGTH} (quote it if it is text)", node.start_mark)
    return loader.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlProblem:
    line: int | None
    path: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    root: yaml.Node | None

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """The 1-based line of the deepest node along ``path`` that exists."""
        node = self.root
        if node is None:
            return None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None


def _node_problems(node: yaml.Node, path: tuple = ()) -> list[YamlProblem]:
    """Keys written twice in one mapping, and control characters written as escapes
    (``"\\a"``, ``"\\x07"``): the raw ones were refused before parsing."""
    problems: list[YamlProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "(key)"
            if name in seen:
                problems.append(YamlProblem(key.start_mark.line + 1, (*path, name),
                                            "key written twice in the same mapping"))
            seen.add(name)
            problems.extend(_node_problems(key, path))
            problems.extend(_node_problems(value, (*path, name)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems.extend(_node_problems(item, (*path, i)))
    elif isinstance(node, yaml.ScalarNode):
        found = VALUE_CONTROL.search(node.value)
        if found:
            problems.append(YamlProblem(node.start_mark.line + 1, path,
                                        f"control character U+{ord(found.group()):04X} in this "
                                        "text: delete it"))
    return problems


def _at(problem: FileProblem) -> YamlProblem:
    return YamlProblem(problem.line, (), problem.message)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Read and parse the YAML file at ``path`` (never raises: every failure is a problem)."""
    try:
        text = read_text(path)
    except FileProblem as exc:
        return None, [_at(exc)]
    return parse_yaml(text)


def parse_yaml(text: str) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Parse one YAML document; return it with its problems (never raises on bad YAML)."""
    if not text.strip():
        return None, [YamlProblem(None, (), "the file is empty")]
    control = control_character(text)
    if control is not None:
        return None, [_at(control)]
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return None, [YamlProblem(None, (), "the file holds no YAML document")]
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except Refused as exc:
        return None, [YamlProblem(exc.problem_mark.line + 1, (), exc.problem)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [YamlProblem(line, (), f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as exc:  # a character YAML refuses that CONTROL lets by
        line = text.count("\n", 0, exc.position) + 1
        return None, [YamlProblem(line, (), f"YAML refuses the character U+{exc.character:04X}"
                                  if isinstance(exc.character, int) else "YAML refuses a "
                                  "character here")]
    except yaml.YAMLError as exc:
        return None, [YamlProblem(None, (), f"YAML error: {exc}")]
    except (RecursionError, MemoryError):  # past every limit above; still one line
        return None, [YamlProblem(None, (), "the file is too deeply nested or too large to "
                                  "read as course content")]
    problems = _node_problems(root)
    if problems:
        return None, problems
    return YamlDocument(data, root), []
