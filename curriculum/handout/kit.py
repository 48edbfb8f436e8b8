"""The teacher's kit: pages a teacher who never taught this prints and keeps at hand.

Each page (safeguarding card, legal summary, question bank, letter to parents) is course
data (``kit.yaml``), drawn here once and used twice: inside the educator guides that name
it (``in_guides``) and as a page of its own (``kit/<page>.html``), through the same
exporter and template as every handout, so a kit page is as self-contained, offline and
printable as a guide.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_notebook

from curriculum.course.languages import using_language
from curriculum.course.model import Course, KitPage, KitSection
from curriculum.present import html as h
from curriculum.present.strings import t, tn

KIT_FOLDER = "kit"


def kit_file_name(page_id: str, lang: str = "en") -> str:
    """``kit/<page>.html``, or ``kit/<page>.<lang>.html`` beside it for another language."""
    return f"{page_id}.html" if lang == "en" else f"{page_id}.{lang}.html"


class _Notes:
    """A page's sources as numbered notes: a mark after each item, the links once at the end.

    A printed card must fit its page; a "Source:" line under every point would double it.
    """

    def __init__(self, course: Course, page_id: str):
        self.course, self.page_id, self.order = course, page_id, []

    def mark(self, source_id: str | None) -> str:
        if not source_id:
            return ""
        if source_id not in self.order:
            self.order.append(source_id)
        n = self.order.index(source_id) + 1
        return f'<sup class="csc-note-ref"><a href="#{self.anchor(n)}">{n}</a></sup>'

    def anchor(self, n: int) -> str:
        return f"kit-{self.page_id}-note-{n}"

    def html(self) -> str:
        if not self.order:
            return ""
        items = "".join(f'<li id="{self.anchor(n)}">{h.source_link(self.course.kit_source(ref))}</li>'
                        for n, ref in enumerate(self.order, start=1))
        return (f'<div class="csc-kit-notes"><p><strong>{h.esc(tn("source_label", len(self.order)))}'
                f"</strong></p><ol>{items}</ol></div>")


def _section(notes: _Notes, section: KitSection, level: int) -> str:
    parts = [h.heading(level, h.esc(section.heading))]
    parts += [f"<p>{h.esc(p.text)}{notes.mark(p.source)}</p>" for p in section.paragraphs]
    if section.points:
        parts.append("<ul>" + "".join(f"<li>{h.esc(p.text)}{notes.mark(p.source)}</li>"
                                      for p in section.points) + "</ul>")
    if section.fill_in:
        rows = "".join(f'<tr><th scope="row">{h.esc(label)}</th>'
                       f'<td class="csc-fill"><span class="csc-line"></span></td></tr>'
                       for label in section.fill_in)
        parts.append(f'<table class="csc-fill-in"><caption class="csc-sr">'
                     f'{h.esc(section.heading)}</caption><tbody>{rows}</tbody></table>')
    if section.questions:
        parts.append("<dl>" + "".join(
            f"<dt>{h.esc(q.question)}</dt><dd>{h.esc(q.answer)}{notes.mark(q.source)}</dd>"
            for q in section.questions) + "</dl>")
    return (f'<div class="csc-kit-section" id="kit-{h.esc(notes.page_id)}-{h.esc(section.id)}">'
            f'{"".join(parts)}</div>')


def kit_page_html(course: Course, page: KitPage, level: int = 2, own_page: bool = False) -> str:
    """One kit page as an HTML fragment: title, what it is for, its sections, its sources.

    Inside a guide it starts a new printed page (``csc-major``); as a page of its own it
    must not, or the banner would print alone on the first sheet.
    """
    notes = _Notes(course, page.id)
    body = "".join(_section(notes, s, level + 1) for s in page.sections)
    major = "" if own_page else " csc-major"
    return (f'<section class="csc-kit{major}" id="kit-page-{h.esc(page.id)}" '
            f'aria-labelledby="kit-title-{h.esc(page.id)}">'
            f"{h.heading(level, h.esc(page.title), f'kit-title-{page.id}')}"
            f'<p class="csc-instructions">{h.esc(page.intro)}</p>{body}'
            f"{notes.html()}</section>")


def kit_index_html(course: Course, lang: str, level: int = 2, folder: str = KIT_FOLDER) -> str:
    """Every kit page by title, linked to its own file, so any guide leads to the rest."""
    if course.kit is None:
        return ""
    items = "".join(f'<li><a href="{h.esc(folder)}/{h.esc(kit_file_name(p.id, lang))}">'
                    f"{h.esc(p.title)}</a></li>" for p in course.kit.pages)
    return (f'<section class="csc-kit-index" aria-labelledby="kit-index-title">'
            f"{h.heading(level, h.esc(t('kit_heading')), 'kit-index-title')}"
            f"<p>{h.esc(t('kit_intro'))}</p><ul>{items}</ul></section>")


def kit_notebook(course: Course, page: KitPage) -> nbformat.NotebookNode:
    """An in-memory notebook holding one kit page, for the handout exporter to render."""
    from .steps import html_cell

    nb = new_notebook(metadata={"title": page.title, "curriculum_kit": page.id})
    nb.cells.append(html_cell(kit_page_html(course, page, level=1, own_page=True),
                              f"kit-{page.id}"))
    return nb


def build_kit(courses: dict[str, Course], out_dir: Path) -> list[Path]:
    """Write every kit page in every language of ``courses`` (lang -> translated course)."""
    from .exporter import HandoutExporter

    folder = Path(out_dir) / KIT_FOLDER
    written = []
    for lang, course in courses.items():
        if course.kit is None:
            continue
        exporter = HandoutExporter(audience="educator", course=course, lang=lang)
        folder.mkdir(parents=True, exist_ok=True)
        for page in course.kit.pages:
            with using_language(lang):  # the page's own words ("Sources") in its language
                nb = kit_notebook(course, page)
            body, _ = exporter.from_notebook_node(nb)
            target = folder / kit_file_name(page.id, lang)
            target.write_text(body, encoding="utf-8")
            written.append(target)
    return written
