"""The build step pyproject.toml cannot declare: compile each interface catalogue for the wheel.

gettext reads a compiled .mo. Compiled here, an installed course reads it as it is; only
a source tree nobody built (no .mo, or one older than its .po) has the package compile the
.po in memory at its first lookup (``curriculum.present.catalogue.translations``). The .mo
is a build product, not in git: ``build_py`` writes it beside its .po in the wheel, and
``make install`` compiles it in the source tree for the editable install.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "curriculum" / "locale"


class BuildPyWithCatalogues(build_py):
    """setuptools' ``build_py``, then every ``locale/*/LC_MESSAGES/*.po`` compiled to .mo
    (fuzzy entries left out: their English changed, so they are never shown)."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the source tree: make compiles there
            return
        for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            mo = Path(self.build_lib, "curriculum", "locale", po.relative_to(LOCALE)).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, mo.open("wb") as compiled:
                write_mo(compiled, read_po(source), use_fuzzy=False)


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildPyWithCatalogues})
