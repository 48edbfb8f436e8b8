"""Read a YAML file so that every value can be traced back to its line.

Maintainers edit content by hand, so an error must say *where*: the loader keeps the
composed node tree beside the plain data and maps a field path such as
``("questions", 3, "options")`` to the line it was written on. Two YAML habits that hide
mistakes are switched off: unquoted dates are not turned into ``datetime`` objects
(a date is checked by the content model instead), and a key written twice in one
mapping is an error rather than the last one silently winning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class AliasRefused(yaml.MarkedYAMLError):
    """An anchor (``&name``) or alias (``*name``) in a content file."""


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (dates stay text for the model to check),
    and without anchors and aliases.

    The content uses none, and an alias can make a document that refers to itself
    (``a: &x [*x]``), which no checker can walk without recursing forever. Refusing them
    while the document is composed names the line before anything else runs.
    """

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's own signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise AliasRefused(problem="anchors and aliases (&name, *name) are not allowed in "
                               "course content: write the value out in full",
                               problem_mark=event.start_mark)
        return super().compose_node(parent, index)


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


def _duplicate_keys(node: yaml.Node, path: tuple = ()) -> list[YamlProblem]:
    problems: list[YamlProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            if name in seen:
                problems.append(YamlProblem(key.start_mark.line + 1, (*path, name),
                                            "key written twice in the same mapping"))
            seen.add(name)
            problems.extend(_duplicate_keys(value, (*path, name)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems.extend(_duplicate_keys(item, (*path, i)))
    return problems


def parse_yaml(text: str) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Parse one YAML document; return it with its problems (never raises on bad YAML)."""
    if not text.strip():
        return None, [YamlProblem(None, (), "the file is empty")]
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return None, [YamlProblem(None, (), "the file holds no YAML document")]
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except AliasRefused as exc:
        return None, [YamlProblem(exc.problem_mark.line + 1, (), exc.problem)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [YamlProblem(line, (), f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [YamlProblem(None, (), f"YAML error: {exc}")]
    problems = _duplicate_keys(root)
    if problems:
        return None, problems
    return YamlDocument(data, root), []
