"""The language is one value per thread, task and view: two renders at once each keep theirs,
a view keeps the language it was built in, and a notebook's choice lasts from cell to cell."""

from __future__ import annotations

import base64
import contextvars
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as w
import pytest

from curriculum.classroom.report import build_report
from curriculum.classroom.results import load_results
from curriculum.classroom.sample import write_sample
from curriculum.course.languages import LANGS, language, use_language, using_language
from curriculum.course.packaged import packaged_course
from curriculum.handout.build import exporter_for, notebook_for, read_lesson_notebook
from curriculum.handout.exporter import HandoutExporter
from curriculum.present import class_report
from curriculum.present import timeline as timeline_words
from curriculum.present.strings import MESSAGES, t
from widgets import view_for
from widgets.class_report import ClassReportView
from widgets.registry import VIEWS

ZH = "zh-Hant-HK"


def words(keys: list[str], lang: str) -> list[str]:
    with using_language(lang):
        return [t(key) for key in keys]


def fresh(body: Callable[[], Any]) -> Any:
    """``body`` in a context of its own, so its ``use_language`` leaves no trace in others."""
    return contextvars.Context().run(body)


def at_once(monkeypatch, owner: Any, name: str, jobs: dict[str, Callable[[], str]]) -> dict[str, str]:
    """Run ``jobs`` in one thread each; every thread stops in ``owner.name`` (called once the
    render has chosen its language, before it draws the page) until all have reached it."""
    barrier = threading.Barrier(len(jobs), timeout=60)
    original = getattr(owner, name)

    def meet_then(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, meet_then)
    out: dict[str, str] = {}
    failed: list[BaseException] = []

    def run(key: str) -> None:
        try:
            out[key] = jobs[key]()
        except BaseException as exc:  # re-raised below, in the test's own thread
            failed.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(key,)) for key in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed:
        raise failed[0]
    return out


def only_own_words(pages: dict[str, str], keys: list[str]) -> None:
    expected = {lang: words(keys, lang) for lang in pages}
    assert expected["en"] != expected[ZH], "the test needs words that are translated"
    for lang, page in pages.items():
        other = next(o for o in pages if o != lang)
        for own, theirs in zip(expected[lang], expected[other], strict=True):
            assert own in page, (lang, own)
            assert theirs not in page, (lang, theirs)


def test_the_language_is_checked_and_english_by_default():
    assert fresh(language) == "en"
    with pytest.raises(ValueError, match="unknown language 'xx': use one of en, zh-Hant-HK"):
        fresh(lambda: use_language("xx"))
    with pytest.raises(ValueError, match="unknown language"), using_language("xx"):
        pass
    assert LANGS[0] == "en"


def test_using_language_restores_what_was_before_even_after_an_error():
    def body():
        use_language(ZH)
        with pytest.raises(RuntimeError), using_language("en"):
            assert language() == "en"
            raise RuntimeError
        return language()

    assert fresh(body) == ZH


def test_a_table_swapped_in_one_thread_never_reaches_another():
    """catalogue_override (a pseudo-translation in a test) is per thread like the language."""
    from curriculum.present.strings import catalogue_override

    swapped, barrier, seen = {**MESSAGES, "check": "⟦Check⟧"}, threading.Barrier(2), {}

    def in_override():
        with catalogue_override(swapped):
            barrier.wait(timeout=10)
            seen["override"] = t("check")
            barrier.wait(timeout=10)

    def plain():
        barrier.wait(timeout=10)
        seen["plain"] = t("check")
        barrier.wait(timeout=10)

    threads = [threading.Thread(target=in_override), threading.Thread(target=plain)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert seen == {"override": "⟦Check⟧", "plain": "Check"}


def test_two_class_reports_at_once_in_two_languages(tmp_path, monkeypatch):
    write_sample(tmp_path / "class", packaged_course(), learners=3)
    report = build_report(load_results(tmp_path / "class"), packaged_course())
    pages = at_once(monkeypatch, class_report, "completion_chart",
                    {lang: lambda lang=lang: class_report.render_html(report, lang) for lang in LANGS})
    assert '<html lang="en"' in pages["en"] and f'<html lang="{ZH}"' in pages[ZH]
    only_own_words(pages, ["report_completion_heading", "report_learners_caption",
                           "report_files_heading"])


def test_two_handout_exports_at_once_in_two_languages(monkeypatch):
    """As Jupyter Server runs them: each export in a worker thread of its own."""
    def export(lang: str) -> str:
        course = packaged_course(lang)
        nb = read_lesson_notebook(notebook_for(course, "01-history", lang=lang))
        return exporter_for(course, "student", lang).from_notebook_node(nb)[0]

    pages = at_once(monkeypatch, HandoutExporter, "_course",
                    {lang: lambda lang=lang: export(lang) for lang in LANGS})
    only_own_words(pages, ["handout_student"])


def test_a_view_keeps_its_language_after_another_is_chosen():
    """An earlier Chinese timeline redraws in Chinese after a later cell chose English."""
    def body():
        use_language(ZH)
        view = view_for("01-history/timeline")
        use_language("en")
        next(iter(view.boxes.values())).value = False  # a filter clicked
        return view

    view = fresh(body)
    assert view.lang == ZH
    axis, english_axis = (words(["timeline_axis_year"], lang)[0] for lang in (ZH, "en"))
    with using_language(ZH):
        count = timeline_words.count_text(view.model)
    with using_language("en"):
        assert timeline_words.count_text(view.model) != count
    assert count in view.count.value
    svg = base64.b64decode(view.chart.value.split("base64,")[1].split('"')[0]).decode("utf-8")
    assert f">{axis}<" in svg and f">{english_axis}<" not in svg


def test_a_quiz_checks_in_its_own_language_after_another_is_chosen():
    def body():
        use_language(ZH)
        quiz = view_for("01-history/quiz")
        use_language("en")
        card = quiz.cards[0]
        card.controls[0].value = True
        card.check.click()
        return card

    card = fresh(body)
    assert fresh(lambda: view_for("01-history/quiz")).cards[0].lang == "en"
    english = words(["quiz_correct", "quiz_not_quite", "quiz_why"], "en")
    chinese = words(["quiz_correct", "quiz_not_quite", "quiz_why"], ZH)
    assert any(w in card.feedback.value for w in chinese)
    assert not any(w in card.feedback.value for w in english)


def walk(widget) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def shown_text(view) -> str:
    parts = []
    for widget in walk(view):
        parts += [str(getattr(widget, name, "")) for name in ("value", "description", "tooltip")]
        parts += [str(label) for label in getattr(widget, "_options_labels", ())]
    return "\n".join(parts)


def english_only_phrases() -> set[str]:
    """The literal runs (10 characters or more) of every English interface text whose
    Chinese is different: none of them may show in a Chinese view."""
    chinese = dict(zip(MESSAGES, words(list(MESSAGES), ZH), strict=True))
    return {run.strip() for key, english in MESSAGES.items() if chinese[key] != english
            for run in re.split(r"\{[^}]*\}", english) if len(run.strip()) >= 10}


@pytest.mark.parametrize("kind", [k for k in VIEWS if k != "facts"])
def test_every_view_answers_in_its_own_language_after_another_is_chosen(kind):
    """Every box ticked, every text typed, every button pressed, after a later cell chose
    English: no English interface words appear (content, such as a source's English title,
    is there from the start)."""
    zh = packaged_course(ZH)
    ref = next(f"{lid}/{aid}" for lid, lesson in zh.lessons.items()
               for aid, activity in lesson.activities.items() if activity.kind == kind)

    def body():
        use_language(ZH)
        view = view_for(ref)
        built = shown_text(view)
        use_language("en")
        seen = []  # what it shows after each step: a later step may clear an earlier one's words
        for answer in ("我的答案", "再想一想"):
            for widget in list(walk(view)):
                if isinstance(widget, w.Checkbox):
                    widget.value = not widget.value
                elif isinstance(widget, w.Textarea | w.Text):
                    widget.value = answer
                elif isinstance(widget, w.Dropdown | w.Select) and widget.options:
                    widget.index = len(widget.options) - 1
                else:
                    continue
                seen.append(shown_text(view))
            for widget in list(walk(view)):
                if isinstance(widget, w.Button) and not widget.disabled:
                    widget.click()
                    seen.append(shown_text(view))
        return built, "\n".join(seen)

    built, used = fresh(body)
    assert used and english_only_phrases(), "nothing was used, or no English-only words to look for"
    leaked = sorted(phrase for phrase in english_only_phrases() if phrase in used and phrase not in built)
    assert not leaked, leaked


def test_the_class_report_view_is_in_the_notebooks_language(tmp_path):
    write_sample(tmp_path / "class", packaged_course(), learners=3)

    def body():
        use_language(ZH)
        view = ClassReportView(folder=tmp_path / "class")
        use_language("en")
        view.load.click()
        return view

    view = fresh(body)
    assert view.course is packaged_course(ZH)
    heading = words(["report_completion_heading"], ZH)[0]
    assert f"<h2>{heading}</h2>" in view.output.value
    assert words(["report_completion_heading"], "en")[0] not in view.output.value


def test_use_language_lasts_across_cells_and_into_a_widgets_callback():
    """In a real kernel: a later cell, and a click sent from the browser, see the choice."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        def run(code: str) -> str:
            out: list[str] = []
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda m: out.append(
                m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
            assert reply["content"]["status"] == "ok", reply["content"]
            return "".join(out).strip()

        run(f'from widgets import use_language, view_for\nuse_language("{ZH}")')
        assert run("from curriculum.course.languages import language\nprint(language())") == ZH
        button = run("import ipywidgets as w\nseen = []\nb = w.Button()\n"
                     "b.on_click(lambda _b: seen.append(language()))\nprint(b.model_id)")
        kc.shell_channel.send(kc.session.msg("comm_msg", {
            "comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}}))
        assert run("import time\nwhile not seen: time.sleep(0.05)\nprint(seen[0])") == ZH
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
