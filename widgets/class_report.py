"""Educator notebook view of the class report: choose a folder, filter by lesson.

It shows exactly the body of the page ``python -m curriculum report`` writes (both come
from ``curriculum.present.class_report.body_html``), so the notebook and the HTML file
never disagree. With no results folder yet it says so, and can make a seeded sample
class in a temporary folder to try the report on.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import ipywidgets as w
from markupsafe import Markup

from curriculum.classroom.handin import dropbox_from_env
from curriculum.course.model import Course
from curriculum.course.packaged import packaged_course
from curriculum.present.html import t_html
from curriculum.present.progress import EXPORT_COMMAND
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .style import style_tag


class ClassReportView(KeepsLanguage, w.VBox):
    def __init__(self, folder: str | Path | None = None, course: Course | None = None):
        """``folder`` defaults to the class drop-box on a hub (``CURRICULUM_DROPBOX``),
        else ``results`` beside the notebook. The course and the report are in the language
        chosen by ``use_language`` (English unless a cell chose another)."""
        self.course = course or packaged_course(self.lang)
        if folder is None:
            folder = dropbox_from_env() or "results"
        self.folder = w.Text(value=str(folder), description=t("report_folder"),
                             style={"description_width": "initial"})
        options = [(t("report_all_lessons"), "")] + [(lesson.title, lid)
                                                     for lid, lesson in self.course.lessons.items()]
        self.lesson = w.Dropdown(options=options, value="", description=t("report_lesson_filter"))
        self.load = w.Button(description=t("report_show"), button_style="primary")
        self.sample = w.Button(description=t("report_sample"), tooltip=t("report_sample_tip"))
        self.output = w.HTML()
        self.load.on_click(lambda _b: self.refresh())
        self.sample.on_click(lambda _b: self.use_sample())
        self.lesson.observe(lambda _c: self.refresh(), names="value")
        super().__init__([w.HTML(style_tag()), w.HBox([self.folder, self.load, self.sample]),
                          self.lesson, self.output])
        self.add_class("csc-card")
        self.refresh()

    @in_view_language
    def use_sample(self) -> Path:
        from curriculum.classroom.sample import write_sample

        folder = Path(tempfile.mkdtemp(prefix="csc-sample-class-"))
        write_sample(folder, self.course)
        self.folder.value = str(folder)
        self.refresh()
        return folder

    @in_view_language
    def refresh(self) -> None:
        from curriculum.classroom.report import build_report
        from curriculum.classroom.results import load_results
        from curriculum.present.class_report import body_html

        folder = Path(self.folder.value).expanduser()
        where = Markup("<code>{}</code>").format(folder)
        if not folder.is_dir():
            command = Markup("<code>{}</code>").format(EXPORT_COMMAND)
            text = t_html("report_no_folder", folder=where, command=command)
            self.output.value = Markup("<p role='status'>{}</p>").format(text)
            return
        if not os.access(folder, os.R_OK | os.X_OK):  # a student opening this on the hub
            self.output.value = Markup("<p role='status'>{}</p>").format(
                t_html("report_unreadable", folder=where))
            return
        loaded = load_results(folder)
        if not loaded.learners:
            skipped = Markup("").join(Markup("<li><code>{}</code>: {}</li>").format(s.name, s.reason)
                                      for s in loaded.skipped)
            self.output.value = Markup("<p role='status'>{}</p><ul>{}</ul>").format(
                t_html("report_no_valid", folder=where), skipped)
            return
        report = build_report(loaded, self.course, lesson=self.lesson.value or None)
        # the report's own template autoescapes its content
        self.output.value = Markup("<div class='csc-class-report'>{}</div>").format(
            Markup(body_html(report, self.lang)))
