"""Foundation figures (issue 2): import, content load, quiz check, timeline redraw.

Each figure is printed beside a baseline measured in the same run on the same machine
(the "plain tool"), so a slow or busy machine shows up in both and the ratio stays
meaningful. Targets: import < 0.5 s with matplotlib not imported, quiz check < 5 ms,
timeline redraw < 150 ms. These are reported, never asserted in tests.

``BENCH_TINY=1`` repeats each figure once or a few times instead (seconds, not minutes):
tests/test_benchmarks.py runs it so, to prove the script still runs; its numbers mean
nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TINY = os.environ.get("BENCH_TINY") == "1"


def repeats(n: int) -> int:
    return min(n, 3) if TINY else n


def median_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeats(repeat)):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def import_seconds(code: str, repeat: int = 5) -> float:
    """Median wall time of an import, measured inside a fresh interpreter."""
    prog = ("import time, sys; t = time.perf_counter(); " + code +
            "; print(time.perf_counter() - t, 'matplotlib' in sys.modules)")
    results = []
    for _ in range(1 if TINY else repeat):
        out = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
        results.append((float(out[0]), out[1] == "True"))
    if any(mpl for _, mpl in results):
        print("  WARNING: importing the packages pulled in matplotlib")
    return statistics.median(t for t, _ in results)


def row(name: str, ours: float, base: float, base_name: str, target: str) -> None:
    ratio = ours / base if base else float("nan")
    print(f"{name:<28} {ours * 1000:9.1f} ms   {base_name:<34} {base * 1000:9.1f} ms   "
          f"ratio {ratio:5.2f}   target {target}")


def main() -> None:
    # Clicking Check may record an answer: into a throwaway file, never the user's progress.
    tmp = tempfile.TemporaryDirectory(prefix="bench-progress-")
    os.environ["CURRICULUM_PROGRESS_DB"] = str(Path(tmp.name) / "progress.sqlite3")
    try:
        figures()
    finally:
        tmp.cleanup()


def figures() -> None:
    import yaml

    from curriculum.course.load import CONTENT_DIR, load_course

    print("Foundation benchmarks (median of repeated runs)")
    ours = import_seconds("import curriculum, widgets")
    base = import_seconds("import pydantic, yaml")
    row("import curriculum+widgets", ours, base, "plain: import pydantic, yaml", "< 500 ms")

    files = sorted(CONTENT_DIR.rglob("*.yaml"))
    ours = median_of(lambda: load_course(CONTENT_DIR), 5)
    base = median_of(lambda: [yaml.safe_load(f.read_text()) for f in files], 5)
    row(f"load+validate ({len(files)} files)", ours, base, "plain: yaml.safe_load same files", "-")

    import ipywidgets as w

    from widgets.quiz import QuizView

    course = load_course(CONTENT_DIR)
    lesson = course.lessons["01-history"]
    view = QuizView(course, lesson, lesson.activities["quiz"])
    card = view.cards[0]

    def check_once():
        card.retry.click()  # a clean question (the handlers run whether or not it is enabled)
        card.controls[0].value = True  # tick the first option: one tick box per option
        card.check.click()

    ours = median_of(check_once, 50)
    if not card.feedback.value:  # a figure for a click that did nothing would be no figure
        raise SystemExit("quiz check: clicking Check showed no feedback")
    plain = w.Button()
    label = w.HTML()
    plain.on_click(lambda _b: setattr(label, "value", "<p>clicked</p>"))
    base = median_of(plain.click, 50)
    row("quiz check callback", ours, base, "plain: Button.click -> HTML.value", "< 5 ms")

    from matplotlib.figure import Figure

    from widgets.timeline import TimelineView

    tl = TimelineView(course, lesson, lesson.activities["timeline"])
    ours = median_of(tl._redraw, 9)
    n = len(tl.model.events)

    def plain_svg():
        import io
        fig = Figure(figsize=(9, 3))
        ax = fig.add_subplot()
        ax.scatter(range(n), [i % 5 for i in range(n)])
        fig.savefig(io.StringIO(), format="svg")

    base = median_of(plain_svg, 9)
    row("timeline redraw (SVG)", ours, base, f"plain: matplotlib scatter of {n} to SVG",
        "< 150 ms")


if __name__ == "__main__":
    main()
