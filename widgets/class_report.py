"""Educator notebook view of the class report: choose a folder, filter by lesson.

It shows exactly what ``python -m curriculum report`` writes (``curriculum.report``), so
the notebook and the HTML file never disagree. With no results folder yet it says so,
and can make a seeded sample class in a temporary folder to try the report on.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import ipywidgets as w

from curriculum import html as h
from curriculum.load import packaged_course
from curriculum.model import Course

from .style import style_tag

ALL = "All lessons"


class ClassReportView(w.VBox):
    def __init__(self, folder: str | Path = "results", course: Course | None = None):
        self.course = course or packaged_course()
        self.folder = w.Text(value=str(folder), description="Results folder",
                             style={"description_width": "initial"})
        options = [(ALL, "")] + [(lesson.title, lid) for lid, lesson in self.course.lessons.items()]
        self.lesson = w.Dropdown(options=options, value="", description="Lesson")
        self.load = w.Button(description="Show report", button_style="primary")
        self.sample = w.Button(description="Try with sample data",
                               tooltip="Make 30 invented learners in a temporary folder")
        self.output = w.HTML()
        self.load.on_click(lambda _b: self.refresh())
        self.sample.on_click(lambda _b: self.use_sample())
        self.lesson.observe(lambda _c: self.refresh(), names="value")
        super().__init__([w.HTML(style_tag()), w.HBox([self.folder, self.load, self.sample]),
                          self.lesson, self.output])
        self.add_class("csc-card")
        self.refresh()

    def use_sample(self) -> Path:
        from curriculum.report_sample import write_sample

        folder = Path(tempfile.mkdtemp(prefix="csc-sample-class-"))
        write_sample(folder, self.course)
        self.folder.value = str(folder)
        self.refresh()
        return folder

    def refresh(self) -> None:
        from curriculum.report import body_html, build_report, load_results

        folder = Path(self.folder.value).expanduser()
        if not folder.is_dir():
            self.output.value = (
                f"<p role='status'>No results yet: there is no folder <code>{h.esc(folder)}</code>. "
                "Put the files learners hand in (<code>python -m curriculum progress export</code>) "
                "into one folder and type its path above, or try the sample data.</p>")
            return
        loaded = load_results(folder)
        if not loaded.learners:
            skipped = "".join(f"<li><code>{h.esc(s.name)}</code>: {h.esc(s.reason)}</li>"
                              for s in loaded.skipped)
            self.output.value = (f"<p role='status'>No valid results file in <code>{h.esc(folder)}"
                                 f"</code> yet.</p><ul>{skipped}</ul>")
            return
        report = build_report(loaded, self.course, lesson=self.lesson.value or None)
        self.output.value = f"<div class='csc-class-report'>{body_html(report)}</div>"
