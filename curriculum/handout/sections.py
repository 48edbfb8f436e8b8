"""The parts of a handout that are not activities: intro, summary, help, notes, sources.

Intro, summary and the support list reuse ``curriculum.present.frame``, the fragments
the live lesson shows, so the wording is the same on screen and on paper. The educator
notes (timings, read-aloud scripts, prompts, likely questions, the no-computers route,
the S1 box, safeguarding and the teacher's kit) are built only for the educator guide;
a student worksheet never calls ``educator_notes``.
"""

from __future__ import annotations

from markupsafe import Markup

from curriculum.course.citations import cited_sources
from curriculum.course.languages import LANGS
from curriculum.course.model import Course, Lesson
from curriculum.present.frame import intro_html, summary_html, support_html
from curriculum.present.html import bullet_list, heading, join_each, note, source_link, sources_line
from curriculum.present.strings import t

from .kit import kit_index_html, kit_page_html


def language_name(lang: str) -> str:
    """A course language's name in the page's language ("Chinese", 「中文」)."""
    return t(f"glossary_lang_{lang.replace('-', '_')}")


def intro(course: Course, lesson: Lesson, level: int) -> Markup:
    return intro_html(lesson, heading_level=level)


def summary(course: Course, lesson: Lesson, level: int) -> Markup:
    return summary_html(lesson, heading_level=level) + support(course, level)


def support(course: Course, level: int) -> Markup:
    return Markup('<div class="csc-major">{}</div>').format(
        support_html(course, heading_level=level))


def progress_note() -> Markup:
    """The live lesson's progress view has nothing to print: one line says so."""
    return Markup('<p class="csc-hint">{}</p>').format(t("progress_paper_note"))


def _sourced_list(course: Course, lesson: Lesson, items) -> Markup:
    return Markup("<ul>{}</ul>").format(Markup("").join(
        Markup("<li>{}{}</li>").format(
            i.text, sources_line([course.source(lesson.id, i.source)]) if i.source else "")
        for i in items))


def safeguarding(course: Course, lesson: Lesson, level: int) -> Markup:
    """The course's safeguarding steps (the same in every guide), then this lesson's own."""
    c = course.meta.educator
    parts = [heading(level, t("educator_safeguarding"))]
    for key, items in (("educator_before_course", c.before_the_course),
                       ("educator_every_lesson", c.every_lesson),
                       ("educator_image_incident", c.image_incident),
                       ("educator_reporting_duty", c.reporting_duty)):
        parts.append(heading(level + 1, t(key)) + _sourced_list(course, lesson, items))
    parts.append(heading(level + 1, t("educator_this_lesson"))
                 + bullet_list(lesson.meta.educator.safeguarding))
    return Markup("").join(parts)


def _script(items: list[str], key: str, level: int) -> Markup:
    paras = join_each("<p>{}</p>", items)
    return heading(level, t(key)) + Markup('<div class="csc-script">{}</div>').format(
        note(paras, t("educator_script_lead")))


def second_language(lesson: Lesson, level: int, lang: str) -> Markup:
    """The box for S1 and second-language classes: what to change, and the words to teach first.

    Each glossary word is shown in every course language, the guide's own first, so a
    student meets the word they will hear in the other language too.
    """
    e = lesson.meta.educator
    if not (e.second_language or e.glossary):
        return Markup()
    parts = [heading(level, t("educator_second_language")),
             bullet_list(e.second_language) if e.second_language else Markup()]
    if e.glossary:
        langs = [lang, *(x for x in LANGS if x != lang)]
        head = join_each('<th scope="col">{}</th>', (language_name(x) for x in langs))
        rows = Markup("").join(
            Markup("<tr>{}<td>{}</td></tr>").format(Markup("").join(
                Markup('<td lang="{}">{}</td>').format(x, g.terms.get(x, "")) for x in langs),
                g.meaning)
            for g in e.glossary)
        parts.append(Markup('<table class="csc-table csc-glossary"><caption>{}</caption>'
                            '<thead><tr>{}<th scope="col">{}</th></tr></thead>'
                            "<tbody>{}</tbody></table>").format(
            t("educator_glossary"), head, t("glossary_meaning"), rows))
    return Markup("").join(parts)


def kit_pages(course: Course, lesson: Lesson, level: int, lang: str) -> Markup:
    """The kit pages this guide carries in full, then the list of every kit page."""
    if course.kit is None:
        return Markup()
    pages = Markup("").join(kit_page_html(course, p, level)
                            for p in course.kit.pages_for(lesson.id))
    return pages + kit_index_html(course, lang, level)


def educator_notes(course: Course, lesson: Lesson, level: int = 2, lang: str = "en") -> Markup:
    """The guide's notes: the plan with timings, the read-aloud opening, prompts, likely
    questions, the no-computers route, the S1 box, the read-aloud close, safeguarding,
    then the kit pages this lesson carries and the list of every kit page."""
    e = lesson.meta.educator
    sub = level + 1
    core = sum(s.minutes for s in e.facilitation if not s.optional)
    extra = sum(s.minutes for s in e.facilitation if s.optional)
    steps = Markup("").join(
        Markup("<tr><td>{}</td><td>{}{}</td></tr>").format(
            t("educator_minutes", minutes=s.minutes),
            Markup("<strong>{}</strong> ").format(t("educator_extension")) if s.optional else "",
            s.step)
        for s in e.facilitation)
    prompts = Markup("<ul>{}</ul>").format(Markup("").join(
        Markup("<li>{} <em>({})</em></li>").format(
            p.prompt, t("educator_minutes", minutes=p.minutes))
        for p in e.discussion_prompts))
    questions = Markup("").join(
        Markup("<dt>{}</dt><dd>{}{}</dd>").format(
            q.question, q.answer,
            sources_line([course.source(lesson.id, q.source)]) if q.source else "")
        for q in e.likely_questions)
    likely = (heading(sub, t("educator_questions")) + Markup("<dl>{}</dl>").format(questions)
              if questions else "")
    no_computers = (heading(sub, t("educator_no_computers")) + bullet_list(e.no_computers)
                    if e.no_computers else "")
    script = e.script
    return Markup(
        '<section class="educator-notes csc-major" aria-labelledby="educator-notes-title">'
        "{title}<p>{intro}</p>{plan}<p>{extensions}</p>"
        '<table class="csc-table"><caption>{timings}</caption><thead><tr>'
        '<th scope="col">{time}</th><th scope="col">{what}</th></tr></thead>'
        "<tbody>{steps}</tbody></table>"
        "{opening}{prompts_heading}{prompts}{likely}{no_computers}{second_language}"
        "{close}{safeguarding}</section>{kit}"
    ).format(
        title=heading(level, t("educator_heading"), "educator-notes-title"),
        intro=t("educator_intro"),
        plan=heading(sub, t("educator_plan", minutes=core, period=lesson.meta.period_minutes)),
        extensions=t("educator_extensions", minutes=extra) if extra else "",
        timings=t("educator_timings"), time=t("educator_time"), what=t("educator_what"),
        steps=steps,
        opening=_script(script.opening, "educator_script_opening", sub) if script else "",
        prompts_heading=heading(sub, t("educator_prompts")), prompts=prompts,
        likely=likely, no_computers=no_computers,
        second_language=second_language(lesson, sub, lang),
        close=_script(script.close, "educator_script_close", sub) if script else "",
        safeguarding=safeguarding(course, lesson, sub),
        kit=kit_pages(course, lesson, level, lang))


def sources(course: Course, lesson: Lesson, level: int = 2, audience: str = "educator") -> Markup:
    """The sources this handout cites (its content and the support list), as title links."""
    lis = join_each("<li>{}</li>", (source_link(s)
                                     for s in cited_sources(course, lesson.id, audience)))
    return Markup('<section class="csc-sources csc-major" aria-labelledby="sources-title">'
                  "{}<ul>{}</ul></section>").format(
        heading(level, t("handout_sources"), "sources-title"), lis)
