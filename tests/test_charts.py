"""Charts behave inside a learner's kernel: one SVG helper, literal text, no backend switch."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum.activities.timeline import TimelineModel
from curriculum.course.packaged import packaged_course
from curriculum.present import charts
from curriculum.present.timeline import chart_svg
from tests.support import ROOT


def labelled_figure(*labels: str):
    with charts.chart_style():
        fig = charts.new_figure(5, 2)
        ax = fig.add_subplot()
        ax.set_title(labels[0])
    # tick labels set outside chart_style(), as a hurried chart might
    ax.set_yticks(range(len(labels) - 1), list(labels[1:]))
    return fig


def test_dollar_signs_stay_money_not_maths():
    fig = labelled_figure("Pay HK$1,000 or HK$2,000?", "HK$500 and HK$800", "a $\\frac{$ b")
    svg = charts.figure_svg(fig)
    for text in ("Pay HK$1,000 or HK$2,000?", "HK$500 and HK$800", "a $\\frac{$ b"):
        assert text in svg  # written as text, not typeset (and the bad one did not crash)


def test_svg_is_inline_stable_and_labelled():
    first = charts.figure_svg(labelled_figure("Title", "A", "B"), title="Chart", desc_id="d1")
    second = charts.figure_svg(labelled_figure("Title", "A", "B"), title="Chart", desc_id="d1")
    assert first == second
    assert first.startswith('<svg role="img" focusable="false" aria-labelledby="d1"')
    assert "<title>Chart</title>" in first and "<?xml" not in first
    assert "matplotlib.org" not in first and "<dc:date>" not in first  # no tool or date stamp


def test_timeline_chart_is_byte_stable():
    course = packaged_course()
    timeline = course.lessons["01-history"].activities["timeline"]
    assert chart_svg(TimelineModel(timeline)) == chart_svg(TimelineModel(timeline))


def test_timeline_chart_is_the_same_bytes_in_another_process():
    """The handouts are built in fresh processes: a chart must not depend on what a process
    drew before (matplotlib's id counters) or on hash seeds, or two builds of the same
    source would differ."""
    code = ("from curriculum.activities.timeline import TimelineModel\n"
            "from curriculum.course.packaged import packaged_course\n"
            "from curriculum.present.timeline import chart_svg\n"
            "t = packaged_course().lessons['01-history'].activities['timeline']\n"
            "import sys; sys.stdout.write(chart_svg(TimelineModel(t)))\n")
    outputs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed},
                              timeout=300, check=True).stdout
               for seed in ("1", "2")]
    course = packaged_course()
    here = chart_svg(TimelineModel(course.lessons["01-history"].activities["timeline"]))
    assert outputs[0].startswith("<svg") and outputs[0] == outputs[1] == here


def matplotlib_use_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr in ("use", "switch_backend")
            and isinstance(n.func.value, ast.Name) and n.func.value.id in ("matplotlib", "plt")]


SOURCES = sorted([*(ROOT / "curriculum").rglob("*.py"), *(ROOT / "widgets").rglob("*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_backend_switch_in_the_package(path):
    assert SOURCES
    assert not matplotlib_use_calls(path), f"{path}: matplotlib.use() switches a learner's backend"


def test_drawing_every_chart_keeps_the_kernels_backend(tmp_path):
    """As in a kernel with the inline backend: draw the timeline, My progress and a report."""
    code = f"""
import matplotlib
matplotlib.use("svg")  # stands for the kernel's own backend
from curriculum.course.packaged import packaged_course
from widgets.registry import view_for
course = packaged_course()
view_for("01-history/timeline", course)
view_for("progress", course)
from curriculum.classroom.sample import write_sample
from pathlib import Path
write_sample(Path({str(tmp_path)!r}), course, learners=3)
from widgets.class_report import ClassReportView
ClassReportView({str(tmp_path)!r}, course)
print(matplotlib.get_backend())
"""
    env_db = tmp_path / "progress.sqlite3"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=300,
                            env={**__import__("os").environ, "CURRICULUM_PROGRESS_DB": str(env_db)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "svg"


def test_chinese_labels_are_drawn_with_a_font_that_has_them():
    """With Noto Sans CJK installed (CI installs fonts-noto-cjk), no glyph is missing."""
    import warnings

    from tests.support import require

    require(any("CJK" in f for f in charts.font_families()),
            "no Chinese font installed (apt-get install fonts-noto-cjk)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = charts.figure_svg(labelled_figure("時間線：2013年7月", "科技", "罪案"))
    assert not [w for w in caught if "Glyph" in str(w.message)]
    assert "時間線：2013年7月" in svg and "Noto Sans CJK" in svg
