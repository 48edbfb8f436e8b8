"""One stylesheet for every activity, written with JupyterLab theme variables.

Each variable has a fallback for places without JupyterLab's theme (nbconvert, tests).
Meaning is never carried by colour alone: feedback also says "Correct" or "Not quite"
and shows a symbol.
"""

from markupsafe import Markup

CSS = """
.csc-card { border: 1px solid var(--jp-border-color1, #8a8a8a); border-radius: 6px;
  padding: 10px 14px; margin: 8px 0; color: var(--jp-content-font-color1, #1a1a1a);
  background: var(--jp-layout-color0, #ffffff); }
.csc-card h3, .csc-card h4 { margin: 4px 0 8px 0; }
.csc-note { border-left: 4px solid var(--jp-brand-color1, #1565c0); padding: 6px 10px;
  margin: 8px 0; background: var(--jp-layout-color1, #f5f5f5); }
.csc-good { border-left: 4px solid #0b7a3b; padding: 4px 10px; margin: 4px 0; }
.csc-bad { border-left: 4px solid #b3261e; padding: 4px 10px; margin: 4px 0; }
.csc-file-problem { border-left: 4px solid #b3261e; padding: 4px 10px; margin: 4px 0;
  font-weight: bold; }
.csc-file-problem .csc-detail { font-weight: normal; }
.csc-source { font-size: 0.92em; }
.csc-source a, .csc-card a { color: var(--jp-content-link-color, #0b57d0); text-decoration: underline; }
.csc-support-table { border-collapse: collapse; }
.csc-support-table th, .csc-support-table td { border: 1px solid var(--jp-border-color2, #bbb);
  padding: 4px 8px; text-align: left; vertical-align: top; }
.csc-score { font-weight: bold; }
.csc-choice.widget-button, .csc-choice.jupyter-button { white-space: normal; height: auto;
  min-height: 32px; text-align: left; padding: 4px 10px; margin: 2px 0; }
.csc-chat { padding: 4px 8px; }
.csc-plain-list { list-style: none; padding-left: 0; }
.csc-law-table caption { text-align: left; font-weight: bold; }
"""


def style_tag() -> Markup:
    return Markup("<style>{}</style>").format(Markup(CSS))
