"""The interface words of the other languages: one gettext catalogue per language, via Babel.

In each catalogue the msgctxt is the key of ``strings.MESSAGES`` and the msgid the English
the translation was made from, so ``pgettext(key, english)`` finds nothing once the English
changes, and the English shows until a translator confirms the new text. Plurals follow the
catalogue's own ``Plural-Forms``.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from curriculum.course.files import FileProblem, control_character, read_text

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "curriculum"
# The course's English is British, as Hong Kong writes it: "8 October 2021".
BABEL_LOCALES = {"en": "en_GB"}


class CatalogueProblem(Exception):
    """A catalogue that cannot be read: where, and why, in words a translator can act on."""

    def __init__(self, line: int | None, message: str, column: int | None = None):
        super().__init__(message)
        self.line, self.message, self.column = line, message, column


def babel_locale(lang: str) -> str:
    """The Babel (CLDR) locale of a course language, for dates."""
    return BABEL_LOCALES.get(lang, lang.replace("-", "_"))


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str) -> Path:
    return po_file(lang).with_suffix(".mo")


def read_catalogue(lang: str) -> Catalog:
    """``lang``'s .po as Babel reads it; ``CatalogueProblem`` names the line that stops it."""
    path = po_file(lang)
    try:
        text = read_text(path)
        problem = control_character(text)
        if problem is not None:
            raise problem
    except FileProblem as exc:
        raise CatalogueProblem(exc.line, exc.message, exc.column) from None
    try:
        return read_po(io.StringIO(text), locale=babel_locale(lang), domain=DOMAIN)
    except ValueError as exc:
        raise CatalogueProblem(None, f"not a catalogue babel can read ({exc})") from None


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """``lang``'s interface words as one gettext object (English for ``en``, or no catalogue).

    The .mo compiled at build time (``make install``, or the wheel) when it is at least as
    new as its .po; otherwise the .po itself, compiled in memory. A translator's fresh edit
    or a source tree never built must not show a Chinese learner English, and nothing is
    written beside the package, which may be read-only. A catalogue that cannot be read
    falls back to English so the lesson goes on; ``catalogue_check`` names the line.
    """
    po, mo = po_file(lang), mo_file(lang)
    if lang == "en" or not po.exists():
        return gettext.NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fh:
            return Translations(fh, domain=DOMAIN)
    try:
        catalogue = read_catalogue(lang)
    except CatalogueProblem:
        return gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)  # a fuzzy entry is never shown
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def forget_catalogues() -> None:
    """Read the catalogues again at the next lookup (after ``translations po`` rewrote one)."""
    translations.cache_clear()
