"""Progress figures (issue 6): recording one answer, reading them back, and a class report
on 10,000 files.

Targets: median time to record one answer < 5 ms; loading, summarising and rendering a
report from 10,000 generated results files < 5 s, with peak memory printed. Each figure
is printed beside a same-run baseline (a bare sqlite3 INSERT+COMMIT; json.loads of the
same files, taking turns with the report), so a busy machine shows in both. Reading a
learner's answers back (``attempts()`` for My progress, ``export()`` for a hand-in) is
timed beside a bare SELECT of the same rows. Reported
here, never asserted in tests. ``--files N`` (and ``--answers N``, ``--rounds N``) run it
at another size, e.g. ``--files 20 --answers 10 --rounds 1`` for a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curriculum.activities.attempts import Attempt  # noqa: E402
from curriculum.classroom.journal import JOURNAL_ENV_VAR  # noqa: E402
from curriculum.classroom.report import build_report  # noqa: E402
from curriculum.classroom.results import load_results  # noqa: E402
from curriculum.classroom.sample import sample_export  # noqa: E402
from curriculum.classroom.store import ProgressStore  # noqa: E402
from curriculum.course.packaged import packaged_course  # noqa: E402
from curriculum.present.class_report import render_html  # noqa: E402

FILES = 10_000
ROUNDS = 3
ANSWERS = 300  # answers recorded for the median


def bench_record(tmp: Path, n: int = ANSWERS, mode: str | None = None) -> tuple[float, float, str]:
    """Median seconds to record one answer, and to INSERT+COMMIT bare, in one journal mode
    (``wal``/``delete``; None: the mode the store chooses for this folder), and that mode."""
    saved = os.environ.get(JOURNAL_ENV_VAR)
    if mode is not None:
        os.environ[JOURNAL_ENV_VAR] = mode
    try:
        store = ProgressStore(tmp / f"bench-{mode}.sqlite3")
    finally:
        if saved is None:
            os.environ.pop(JOURNAL_ENV_VAR, None)
        else:
            os.environ[JOURNAL_ENV_VAR] = saved
    chosen = store.journal_mode
    times = []
    for i in range(n):
        a = Attempt("01-history", "quiz", "quiz", f"q{i % 7}", ("a",), i % 2 == 0)
        t = time.perf_counter()
        store.record(a)
        times.append(time.perf_counter() - t)
    store.close()
    con = sqlite3.connect(tmp / f"base-{mode}.sqlite3", isolation_level=None)
    con.execute(f"PRAGMA journal_mode={chosen}")
    # the same durability the store uses in that mode
    con.execute(f"PRAGMA synchronous={'NORMAL' if chosen == 'wal' else 'FULL'}")
    con.execute("CREATE TABLE t (a TEXT)")
    base = []
    for _ in range(n):
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t VALUES ('x')")
        con.execute("COMMIT")
        base.append(time.perf_counter() - t)
    con.close()
    return statistics.median(times), statistics.median(base), chosen


def bench_read(tmp: Path, n: int, rounds: int) -> tuple[float, float, float]:
    """Best seconds to read ``n`` answers back as ``attempts()`` and as ``export()``, and to
    SELECT the same rows bare (taking turns)."""
    with ProgressStore(tmp / "read.sqlite3") as store:
        for i in range(n):
            store.record(Attempt("01-history", "quiz", "quiz", f"q{i % 40}", ("a", "b"), i % 2 == 0))
        read, export, bare = [], [], []
        for _ in range(rounds):
            for runs, call in ((read, store.attempts), (export, store.export),
                               (bare, lambda: store._conn.execute("SELECT * FROM attempts").fetchall())):
                t = time.perf_counter()
                call()
                runs.append(time.perf_counter() - t)
    return min(read), min(export), min(bare)


def make_class(folder: Path, course, files: int) -> None:
    """30 learners' worth of distinct answers, scaled up to ``files`` files by renaming."""
    rng = random.Random(6)
    templates = [sample_export(course, n, rng) for n in range(1, 31)]
    for i in range(files):
        data = dict(templates[i % 30])
        data["learner"] = {"pseudonym": f"learner-{i:05d}", "key": f"key-{i:06d}"}
        (folder / f"progress-{i:05d}.json").write_text(json.dumps(data), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=FILES, help=f"results files (default {FILES:,})")
    parser.add_argument("--answers", type=int, default=ANSWERS,
                        help=f"answers recorded for the median (default {ANSWERS})")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"report rounds (default {ROUNDS})")
    args = parser.parse_args(argv)
    files, rounds = max(args.files, 1), max(args.rounds, 1)
    course = packaged_course()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        rec, base, chosen = bench_record(tmp, max(args.answers, 1))
        print(f"{'record one answer (median)':<34} {rec * 1000:8.2f} ms   bare sqlite3 insert "
              f"{base * 1000:8.2f} ms   target < 5 ms   (journal {chosen}, chosen for {tmp})")
        for mode in ("wal", "delete"):
            rec, base, _ = bench_record(tmp, max(args.answers, 1), mode)
            print(f"{f'  with journal_mode={mode}':<34} {rec * 1000:8.2f} ms   bare sqlite3 insert "
                  f"{base * 1000:8.2f} ms")
        answers = max(args.answers, 1) * 10
        read, export, bare = bench_read(tmp, answers, max(rounds, 3))
        print(f"{f'read {answers:,} answers: attempts()':<34} {read * 1000:8.2f} ms   bare SELECT "
              f"{bare * 1000:8.2f} ms   ratio {read / bare:.1f}")
        print(f"{'  export()':<34} {export * 1000:8.2f} ms   ratio {export / bare:.1f}")
        folder = tmp / "class"
        folder.mkdir()
        make_class(folder, course, files)
        # warm the chart code (matplotlib import) outside the timing, as a notebook would be
        render_html(build_report(load_results(tmp / "missing"), course))
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # This machine's speed comes and goes in bursts (CPU steal), so the baseline and the
        # report take turns, and the best of each is compared.
        base_runs, runs = [], []
        for _ in range(rounds):
            t = time.perf_counter()
            for p in sorted(folder.glob("*.json")):
                json.loads(p.read_bytes())
            base_runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            loaded = load_results(folder)
            page = render_html(build_report(loaded, course))
            runs.append(time.perf_counter() - t)
            learners = len(loaded.learners)
            del loaded
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
        took, base = min(runs), min(base_runs)
        print(f"{f'report on {files:,} files (best of {rounds})':<34} {took:8.2f} s    json.loads only "
              f"{base:8.2f} s    ratio {took / base:.2f}   target < 5 s")
        print(f"{'  every round':<34} " + ", ".join(f"{r:.1f}" for r in runs) + " s; json.loads "
              + ", ".join(f"{r:.1f}" for r in base_runs) + " s")
        print(f"{'  peak memory (max RSS)':<34} {peak / 2**20:8.1f} MiB (before the report "
              f"{rss_before / 2**10:.1f} MiB); {learners} learners, page {len(page) / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
