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
from markupsafe import Markup
from nbformat.v4 import new_notebook

from curriculum.course.languages import using_language
from curriculum.course.model import Course, KitPage, KitSection
from curriculum.present.html import heading, join_each, source_link
from curriculum.present.strings import t, tn

from .cells import html_cell

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

    def mark(self, source_id: str | None) -> Markup:
        if not source_id:
            return Markup()
        if source_id not in self.order:
            self.order.append(source_id)
        n = self.order.index(source_id) + 1
        return Markup('<sup class="csc-note-ref"><a href="#{}">{}</a></sup>').format(
            self.anchor(n), n)

    def anchor(self, n: int) -> str:
        return f"kit-{self.page_id}-note-{n}"

    def html(self) -> Markup:
        if not self.order:
            return Markup()
        items = Markup("").join(
            Markup('<li id="{}">{}</li>').format(
                self.anchor(n), source_link(self.course.kit_source(ref)))
            for n, ref in enumerate(self.order, start=1))
        return Markup('<div class="csc-kit-notes"><p><strong>{}</strong></p><ol>{}</ol></div>'
                      ).format(tn("source_label", len(self.order)), items)


def _section(notes: _Notes, section: KitSection, level: int) -> Markup:
    parts = [heading(level, section.heading)]
    parts += [Markup("<p>{}{}</p>").format(p.text, notes.mark(p.source))
              for p in section.paragraphs]
    if section.points:
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(
            Markup("<li>{}{}</li>").format(p.text, notes.mark(p.source))
            for p in section.points)))
    if section.fill_in:
        rows = join_each('<tr><th scope="row">{}</th>'
                         '<td class="csc-fill"><span class="csc-line"></span></td></tr>',
                         section.fill_in)
        parts.append(Markup('<table class="csc-fill-in"><caption class="csc-sr">{}</caption>'
                            "<tbody>{}</tbody></table>").format(section.heading, rows))
    if section.questions:
        parts.append(Markup("<dl>{}</dl>").format(Markup("").join(
            Markup("<dt>{}</dt><dd>{}{}</dd>").format(q.question, q.answer, notes.mark(q.source))
            for q in section.questions)))
    return Markup('<div class="csc-kit-section" id="kit-{}-{}">{}</div>').format(
        notes.page_id, section.id, Markup("").join(parts))


def kit_page_html(course: Course, page: KitPage, level: int = 2, own_page: bool = False) -> Markup:
    """One kit page as an HTML fragment: title, what it is for, its sections, its sources.

    Inside a guide it starts a new printed page (``csc-major``); as a page of its own it
    must not, or the banner would print alone on the first sheet.
    """
    notes = _Notes(course, page.id)
    body = Markup("").join(_section(notes, s, level + 1) for s in page.sections)
    major = "" if own_page else " csc-major"
    return Markup('<section class="csc-kit{}" id="kit-page-{}" aria-labelledby="kit-title-{}">'
                  '{}<p class="csc-instructions">{}</p>{}{}</section>').format(
        major, page.id, page.id, heading(level, page.title, f"kit-title-{page.id}"),
        page.intro, body, notes.html())


def kit_index_html(course: Course, lang: str, level: int = 2, folder: str = KIT_FOLDER) -> Markup:
    """Every kit page by title, linked to its own file, so any guide leads to the rest."""
    if course.kit is None:
        return Markup()
    items = Markup("").join(Markup('<li><a href="{}/{}">{}</a></li>').format(
        folder, kit_file_name(p.id, lang), p.title) for p in course.kit.pages)
    return Markup('<section class="csc-kit-index" aria-labelledby="kit-index-title">'
                  "{}<p>{}</p><ul>{}</ul></section>").format(
        heading(level, t("kit_heading"), "kit-index-title"), t("kit_intro"), items)


def kit_notebook(course: Course, page: KitPage) -> nbformat.NotebookNode:
    """An in-memory notebook holding one kit page, for the handout exporter to render."""
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
