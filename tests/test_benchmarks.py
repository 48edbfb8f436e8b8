"""Every benchmark script still runs: ``make bench`` must not rot between uses.

Each ``benchmarks/bench_*.py`` runs in a fresh interpreter at its tiny size, as ``make
bench`` would run it, and must exit 0 and print its figures. The tiny size is
``BENCH_TINY=1`` in the environment (one lesson, a few repeats), or the script's own
size options listed in ``TINY_ARGS``; a new script must offer one or the other, so this
test stays a matter of seconds. Only that a script runs is tested: the numbers are
reported by ``make bench``, never asserted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.support import ROOT

SCRIPTS = sorted((ROOT / "benchmarks").glob("bench_*.py"))
# a figure: a number with its unit, e.g. "12.3 ms", "2.99 s", "41.0KB", "88.1 MiB"
FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:ms|us|µs|s|KB|MB|MiB|kB)\b")
# scripts that take their size as options rather than from BENCH_TINY
TINY_ARGS = {"bench_progress.py": ["--files", "20", "--answers", "10", "--rounds", "1"],
             "bench_hub.py": ["--students", "3", "--timeout", "300"]}


def test_there_are_benchmarks():
    assert SCRIPTS, "no benchmarks/bench_*.py found"
    assert (ROOT / "benchmarks" / "run.py").exists()


# the hub benchmark starts a real JupyterHub: it runs with the hub tests (marker hub)
@pytest.mark.parametrize("script", [pytest.param(s, marks=pytest.mark.hub) if s.name == "bench_hub.py" else s
                                    for s in SCRIPTS], ids=lambda p: p.name)
def test_benchmark_runs_at_tiny_size(script, tmp_path):
    assert script.name in TINY_ARGS or "BENCH_TINY" in script.read_text(encoding="utf-8"), (
        f"{script.name} has no tiny size: read BENCH_TINY=1 (see bench_foundation.py) "
        "or list its size options in TINY_ARGS here")
    env = dict(os.environ, BENCH_TINY="1", MPLBACKEND="Agg",
               CURRICULUM_PROGRESS_DB=str(tmp_path / "progress.sqlite3"))
    done = subprocess.run([sys.executable, str(script), *TINY_ARGS.get(script.name, [])], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    output = f"--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
    assert done.returncode == 0, f"{script.name} exited {done.returncode}\n{output}"
    assert "Traceback" not in done.stderr, output
    figures = [line for line in done.stdout.splitlines() if FIGURE.search(line)]
    assert figures, f"{script.name} printed no figures\n{output}"
