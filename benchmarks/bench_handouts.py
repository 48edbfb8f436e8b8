"""Handout figures (issue 4): our two-audience build beside plain nbconvert, same run.

Builds every lesson for both audiences (``python -m curriculum handouts``) and runs
``jupyter nbconvert --to html --execute`` on the same notebooks, each as a fresh
process so both pay their imports. Prints both totals and the ratio, each handout's
size beside the default HTML's, and how many resources each page loads from the
network. Targets: two-audience build faster than default nbconvert on one audience;
each student handout at most half the default's size; zero requests against three.

``BENCH_TINY=1`` builds the first lesson only (tests/test_benchmarks.py runs it so, to
prove the script still runs; its numbers mean nothing).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
TINY = os.environ.get("BENCH_TINY") == "1"
REMOTE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def remote_loads(path: Path) -> int:
    """Scripts, stylesheets, images and frames the page fetches from the network."""
    return len(REMOTE.findall(path.read_text(encoding="utf-8")))


def main() -> None:
    from curriculum.course.packaged import packaged_course

    course = packaged_course()
    lessons = [(e.id, ROOT / "notebooks" / e.notebook) for e in course.meta.lessons]
    if TINY:
        lessons = lessons[:1]
    with tempfile.TemporaryDirectory() as tmp:
        # the executed notebooks show My progress: from a throwaway file, not the user's
        os.environ["CURRICULUM_PROGRESS_DB"] = str(Path(tmp) / "progress.sqlite3")
        ours_dir, base_dir = Path(tmp) / "handouts", Path(tmp) / "default"
        ours = timed([sys.executable, "-m", "curriculum", "handouts", "--audience", "both",
                      "--out", str(ours_dir), *[lesson for lesson, _nb in lessons]])
        # at the tiny size the default export is not executed (no kernel): the smoke test
        # proves this script's own steps; nbval proves the notebooks run
        execute = [] if TINY else ["--execute"]
        base = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", *execute,
                      "--output-dir", str(base_dir), *[str(nb) for _l, nb in lessons]])
        print(f"Handouts for {len(lessons)} lesson(s)")
        print(f"{'both audiences (ours)':<34} {ours:8.1f} s")
        print(f"{'nbconvert --to html --execute':<34} {base:8.1f} s   (one audience)")
        print(f"{'ratio ours / default':<34} {ours / base:8.2f}     target < 1")
        print(f"\n{'file':<34} {'size':>9} {'default':>9} {'ratio':>6} {'requests':>9} "
              f"{'default requests':>17}")
        for lesson, nb in lessons:
            default = base_dir / f"{nb.stem}.html"
            d_size, d_req = default.stat().st_size, remote_loads(default)
            for audience in ("student", "educator"):
                f = ours_dir / f"{lesson}.{audience}.html"
                size = f.stat().st_size
                print(f"{f.name:<34} {size / 1024:7.1f}KB {d_size / 1024:7.1f}KB "
                      f"{size / d_size:6.2f} {remote_loads(f):9d} {d_req:17d}")
        print("targets: student size ratio <= 0.50; requests 0 (default loads CDN scripts)")


if __name__ == "__main__":
    main()
