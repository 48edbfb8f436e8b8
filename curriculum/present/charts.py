"""Every chart of the course becomes SVG text here, the same way.

Charts are drawn on a bare ``matplotlib.figure.Figure`` (never pyplot), so drawing My
progress inside a learner's kernel never switches the kernel's backend: a later
``plt.show()`` still shows its plot. Content text is never read as mathematics: the
course is full of HK$ amounts, and a label holding two ``$`` signs would otherwise be
typeset as maths, or crash the drawing when what lies between them is not valid maths.
The output is byte-stable (fixed hash salt, no date), so a chart drawn twice is the
same text, and its words stay words (``svg.fonttype: none``) for screen readers and
for search.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from markupsafe import Markup

# One salt for every chart: element ids are derived from it, never random.
HASH_SALT = "csc"

CHART_RC = {
    "svg.hashsalt": HASH_SALT,
    "svg.fonttype": "none",
    "text.parse_math": False,
    "text.usetex": False,
}


# Latin text first, then the Traditional Chinese fonts of Linux (Debian's fonts-noto-cjk),
# Windows, macOS and ChromeOS: matplotlib falls back glyph by glyph, so a Chinese label is
# measured and drawn with a font that has it, and the SVG names the same stack as the pages.
FONT_STACK = ("DejaVu Sans", "Noto Sans CJK TC", "Noto Sans CJK HK", "Microsoft JhengHei",
              "PingFang HK", "PingFang TC", "Source Han Sans TC")


@functools.cache
def font_families() -> list[str]:
    """The fonts of FONT_STACK this computer has (naming a missing one prints a warning)."""
    from matplotlib import font_manager

    present = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in FONT_STACK if name in present] or ["DejaVu Sans"]


@contextmanager
def chart_style() -> Iterator[None]:
    """Settings every chart is drawn under: create the figure's text inside this block."""
    from matplotlib import rc_context

    with rc_context({**CHART_RC, "font.family": font_families()}):
        yield


def new_figure(width: float, height: float) -> Any:
    """A bare Figure (no pyplot, no backend switch) of ``width`` x ``height`` inches."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def figure_svg(fig: Any, title: str | None = None, desc_id: str | None = None) -> Markup:
    """The figure as an inline ``<svg>`` element: no XML prologue, stable bytes.

    With ``title``, the SVG carries a ``<title>``; with ``desc_id``, it is an image
    labelled by the element of that id (the chart's text alternative on the page).
    """
    from matplotlib.text import Text

    # Text made outside chart_style() (tick labels set by hand, say) is made literal here.
    for text in fig.findobj(Text):
        text.set_parse_math(False)
    buf = io.StringIO()
    with chart_style():
        fig.savefig(buf, format="svg",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # matplotlib's SVG: it escapes the text it writes
    if title is None and desc_id is None:
        return Markup(svg)
    head_end = svg.index(">") + 1
    attrs = Markup(' role="img" focusable="false"')
    if desc_id:
        attrs += Markup(' aria-labelledby="{}"').format(desc_id)
    titled = Markup("<title>{}</title>").format(title) if title else ""
    return Markup("<svg{}{}{}{}").format(attrs, Markup(svg[len("<svg"):head_end]), titled,
                                         Markup(svg[head_end:]))
