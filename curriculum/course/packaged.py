"""The course shipped with the package, in each language, loaded once per process.

Here rather than in ``load`` or ``translate`` because it needs both: the loader reads the
English, the translator lays a language over it, and neither should import the other.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .load import CONTENT_DIR, load_course
from .model import Course
from .translate import translate_course

# The lesson notebooks, beside the package in a checkout and in the installed data.
NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"


@functools.lru_cache(maxsize=4)
def packaged_course(lang: str = "en") -> Course:
    """The packaged course in ``lang``.

    A text with no translation yet shows in English; ``python -m curriculum check --lang``
    names every one of them.
    """
    if lang == "en":
        return load_course(CONTENT_DIR)
    return translate_course(packaged_course("en"), lang)[0]
