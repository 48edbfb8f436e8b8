"""The one walk over a validated content object's text fields.

The checker's text rules, the translation slots, the source references and the
readability measure all read the same tree, so they read it through this walk and only
differ in which fields they skip and which strings they keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .model import NOT_TEXT


def walk(obj: Any, skip: frozenset[str] = NOT_TEXT,
         path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, string) for every string in ``obj``'s fields and lists, in field order.

    A field named in ``skip`` is not entered; ``path`` is the place in the YAML the
    string came from, e.g. ``("questions", 2, "prompt")``.
    """
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name not in skip:
                yield from walk(getattr(obj, name), skip, (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from walk(item, skip, (*path, i))
    elif isinstance(obj, str):
        yield path, obj
