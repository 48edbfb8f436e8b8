"""The parts of a handout that are not activities: intro, summary, help, notes, sources.

Intro, summary and the support list reuse ``curriculum/html.py``, the fragments the
live lesson shows, so the wording is the same on screen and on paper. The educator
notes (timings, read-aloud scripts, prompts, likely questions, the no-computers route,
the S1 box, safeguarding and the teacher's kit) are built only for the educator guide;
a student worksheet never calls ``educator_notes``.
"""

from __future__ import annotations

from curriculum.course.citations import cited_sources
from curriculum.course.languages import LANGS
from curriculum.course.model import Course, Lesson
from curriculum.present import html as h
from curriculum.present.strings import t

from .kit import kit_index_html, kit_page_html


def language_name(lang: str) -> str:
    """A course language's name in the page's language ("Chinese", 「中文」)."""
    return t(f"glossary_lang_{lang.replace('-', '_')}")


def intro(course: Course, lesson: Lesson, level: int) -> str:
    return h.intro_html(lesson, heading_level=level)


def summary(course: Course, lesson: Lesson, level: int) -> str:
    return h.summary_html(lesson, heading_level=level) + support(course, level)


def support(course: Course, level: int) -> str:
    return f'<div class="csc-major">{h.support_html(course, heading_level=level)}</div>'


def progress_note() -> str:
    """The live lesson's progress view has nothing to print: one line says so."""
    return f'<p class="csc-hint">{h.esc(t("progress_paper_note"))}</p>'


def _sourced_list(course: Course, lesson: Lesson, items) -> str:
    return "<ul>" + "".join(
        f"<li>{h.esc(i.text)}"
        f"{h.sources_line([course.source(lesson.id, i.source)]) if i.source else ''}</li>"
        for i in items) + "</ul>"


def safeguarding(course: Course, lesson: Lesson, level: int) -> str:
    """The course's safeguarding steps (the same in every guide), then this lesson's own."""
    c = course.meta.educator
    parts = [h.heading(level, h.esc(t("educator_safeguarding")))]
    for key, items in (("educator_before_course", c.before_the_course),
                       ("educator_every_lesson", c.every_lesson),
                       ("educator_image_incident", c.image_incident),
                       ("educator_reporting_duty", c.reporting_duty)):
        parts.append(h.heading(level + 1, h.esc(t(key))) + _sourced_list(course, lesson, items))
    parts.append(h.heading(level + 1, h.esc(t("educator_this_lesson")))
                 + h.bullet_list(lesson.meta.educator.safeguarding))
    return "".join(parts)


def _script(items: list[str], key: str, level: int) -> str:
    paras = "".join(f"<p>{h.esc(p)}</p>" for p in items)
    return (h.heading(level, h.esc(t(key)))
            + f'<div class="csc-script">{h.note(paras, t("educator_script_lead"))}</div>')


def second_language(lesson: Lesson, level: int, lang: str) -> str:
    """The box for S1 and second-language classes: what to change, and the words to teach first.

    Each glossary word is shown in every course language, the guide's own first, so a
    student meets the word they will hear in the other language too.
    """
    e = lesson.meta.educator
    if not (e.second_language or e.glossary):
        return ""
    parts = [h.heading(level, h.esc(t("educator_second_language"))),
             h.bullet_list(e.second_language) if e.second_language else ""]
    if e.glossary:
        langs = [lang, *(x for x in LANGS if x != lang)]
        head = "".join(f'<th scope="col">{h.esc(language_name(x))}</th>' for x in langs)
        rows = "".join(
            "<tr>" + "".join(f'<td lang="{x}">{h.esc(g.terms.get(x, ""))}</td>' for x in langs)
            + f"<td>{h.esc(g.meaning)}</td></tr>" for g in e.glossary)
        parts.append(f'<table class="csc-table csc-glossary"><caption>'
                     f'{h.esc(t("educator_glossary"))}</caption><thead><tr>{head}'
                     f'<th scope="col">{h.esc(t("glossary_meaning"))}</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
    return "".join(parts)


def kit_pages(course: Course, lesson: Lesson, level: int, lang: str) -> str:
    """The kit pages this guide carries in full, then the list of every kit page."""
    if course.kit is None:
        return ""
    pages = "".join(kit_page_html(course, p, level) for p in course.kit.pages_for(lesson.id))
    return pages + kit_index_html(course, lang, level)


def educator_notes(course: Course, lesson: Lesson, level: int = 2, lang: str = "en") -> str:
    """The guide's notes: the plan with timings, the read-aloud opening, prompts, likely
    questions, the no-computers route, the S1 box, the read-aloud close, safeguarding,
    then the kit pages this lesson carries and the list of every kit page."""
    e = lesson.meta.educator
    sub = level + 1
    core = sum(s.minutes for s in e.facilitation if not s.optional)
    extra = sum(s.minutes for s in e.facilitation if s.optional)
    steps = "".join(
        f"<tr><td>{h.esc(t('educator_minutes', minutes=s.minutes))}</td><td>"
        f"{'<strong>' + h.esc(t('educator_extension')) + '</strong> ' if s.optional else ''}"
        f"{h.esc(s.step)}</td></tr>" for s in e.facilitation)
    prompts = "<ul>" + "".join(
        f"<li>{h.esc(p.prompt)} <em>({h.esc(t('educator_minutes', minutes=p.minutes))})</em></li>"
        for p in e.discussion_prompts) + "</ul>"
    questions = "".join(
        f"<dt>{h.esc(q.question)}</dt><dd>{h.esc(q.answer)}"
        f"{h.sources_line([course.source(lesson.id, q.source)]) if q.source else ''}</dd>"
        for q in e.likely_questions)
    likely = (h.heading(sub, h.esc(t("educator_questions"))) + f"<dl>{questions}</dl>"
              if questions else "")
    no_computers = (h.heading(sub, h.esc(t("educator_no_computers")))
                    + h.bullet_list(e.no_computers) if e.no_computers else "")
    return (
        f'<section class="educator-notes csc-major" aria-labelledby="educator-notes-title">'
        f"{h.heading(level, h.esc(t('educator_heading')), 'educator-notes-title')}"
        f"<p>{h.esc(t('educator_intro'))}</p>"
        f"{h.heading(sub, h.esc(t('educator_plan', minutes=core, period=lesson.meta.period_minutes)))}"
        f"<p>{h.esc(t('educator_extensions', minutes=extra)) if extra else ''}</p>"
        f'<table class="csc-table"><caption>{h.esc(t("educator_timings"))}</caption><thead><tr>'
        f'<th scope="col">{h.esc(t("educator_time"))}</th><th scope="col">'
        f'{h.esc(t("educator_what"))}</th></tr></thead><tbody>{steps}</tbody></table>'
        f"{_script(e.script.opening, 'educator_script_opening', sub) if e.script else ''}"
        f"{h.heading(sub, h.esc(t('educator_prompts')))}{prompts}"
        f"{likely}"
        f"{no_computers}"
        f"{second_language(lesson, sub, lang)}"
        f"{_script(e.script.close, 'educator_script_close', sub) if e.script else ''}"
        f"{safeguarding(course, lesson, sub)}"
        f"</section>"
        f"{kit_pages(course, lesson, level, lang)}")


def sources(course: Course, lesson: Lesson, level: int = 2, audience: str = "educator") -> str:
    """The sources this handout cites (its content and the support list), as title links."""
    items = cited_sources(course, lesson.id, audience)
    lis = "".join(f"<li>{h.source_link(s)}</li>" for s in items)
    return (f'<section class="csc-sources csc-major" aria-labelledby="sources-title">'
            f"{h.heading(level, h.esc(t('handout_sources')), 'sources-title')}<ul>{lis}</ul></section>")
