"""A class on a real JupyterHub, measured: spawn, kernels, memory, hand-in, report.

    python benchmarks/bench_hub.py --students 10

Starts a hub on 127.0.0.1 (``curriculum.hub.local``, as ``make hub`` does), logs N
students in at once, and in each student's own kernel works through a lesson's quiz
through ``QuizModel`` (answers right and wrong, saved by the widgets' recorder), then
hands in. The class report over the drop-box must count N learners with exactly the
answers given, or the script exits 1. As root the students are real Unix users (removed
afterwards); otherwise every server runs as you. Loopback only; every wait is bounded
and the hub stops by itself, whatever happens.

Prints: spawn time (median, p95), time to a working kernel (median, p95), memory per
active student (PSS of their server and kernel, from the OS), hub and proxy memory, and
the report's time beside reading the same files with ``json.loads`` alone.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curriculum.hub.local import ClassPlan  # noqa: E402
from tests.hub_support import SHARED_ENV, HubDriver  # noqa: E402
from tests.simulated_student import answers_for, expected_report, in_kernel  # noqa: E402

MiB = 1024 * 1024


def _memory(procs, measure) -> int:
    total = 0
    for proc in procs:
        try:
            total += measure(proc)
        except Exception:  # noqa: BLE001 - a process that just ended
            pass
    return total


def pss(procs) -> int:
    """Proportional set size in bytes: shared pages split between the processes sharing them."""
    return _memory(procs, lambda p: p.memory_full_info().pss)


def rss(procs) -> int:
    """Resident set size in bytes: shared pages counted in full, as a per-user memory limit may."""
    return _memory(procs, lambda p: p.memory_info().rss)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def one_student(hub: HubDriver, name: str, number: int) -> dict:
    spawn = hub.spawn(name)
    started = time.perf_counter()
    kernel = hub.kernel(name).start()
    kernel.execute(in_kernel("from curriculum.classroom.handin import hand_in"))
    ready = time.perf_counter() - started
    saved = int(kernel.execute(f"print(work_through({number}))").stdout)
    handed = kernel.execute("print(hand_in(store_for()).name)").stdout.strip()
    return {"name": name, "number": number, "spawn": spawn, "kernel": ready, "saved": saved,
            "handed_in": handed, "kernel_client": kernel}


def check_report(hub: HubDriver, numbers: list[int]) -> tuple[float, float, list[str]]:
    """Time the report over the drop-box and compare it with the answers given."""
    from curriculum.classroom.report import build_report
    from curriculum.classroom.results import load_results
    from curriculum.course.packaged import packaged_course

    course = packaged_course()
    started = time.perf_counter()
    report = build_report(load_results(hub.dropbox), course)
    report_time = time.perf_counter() - started
    started = time.perf_counter()
    for path in sorted(hub.dropbox.glob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    plain_time = time.perf_counter() - started
    problems = []
    if len(report.learners) != len(numbers):
        problems.append(f"the report counts {len(report.learners)} learners, not {len(numbers)}")
    got = {(q.activity, q.item): (q.answered, q.first_correct) for q in report.questions}
    for key, want in expected_report(numbers).items():
        if got.get(key) != want:
            problems.append(f"{key}: report {got.get(key)} (answered, right first), expected {want}")
    return report_time, plain_time, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=900, help="stop waiting after this many seconds")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 100:
        print("--students: 1 to 100", file=sys.stderr)
        return 1
    hub_dir = Path(tempfile.mkdtemp(prefix="csc-bench-hub-", dir="/tmp"))
    hub_dir.chmod(0o755)
    hub = HubDriver(ClassPlan(hub_dir / "class", students=args.students, prefix="cscbench-",
                             server_env=SHARED_ENV))
    names = hub.plan.student_names
    results: list[dict] = []
    try:
        began = time.perf_counter()
        hub.prepare()
        hub.start()
        setup = time.perf_counter() - began
        hub_idle = pss([p for p in (_proc(hub.hub), *hub.proxy_processes()) if p])
        with ThreadPoolExecutor(max_workers=args.students) as pool:
            futures = [pool.submit(one_student, hub, name, n) for n, name in enumerate(names, 1)]
            results = [f.result(timeout=args.timeout) for f in futures]
        per_student, servers, kernels_mem, resident = [], [], [], []
        for r in results:
            procs = hub.processes(r["name"])
            kernel_procs = [p for p in procs if _is_kernel(p)]
            per_student.append(pss(procs) / MiB)
            resident.append(rss(procs) / MiB)
            kernels_mem.append(pss(kernel_procs) / MiB)
            servers.append(pss([p for p in procs if p not in kernel_procs]) / MiB)
        hub_mem = pss([p for p in (_proc(hub.hub), *hub.proxy_processes()) if p]) / MiB
        proxy_mem = pss(hub.proxy_processes()) / MiB
        report_time, plain_time, problems = check_report(hub, list(range(1, args.students + 1)))
        for r in results:
            if r["saved"] != answers_for(r["number"]):
                want = answers_for(r["number"])
                problems.append(f"{r['name']} saved {r['saved']} answers, expected {want}")
        spawns = [r["spawn"] for r in results]
        kernels = [r["kernel"] for r in results]
        mode = "Unix users" if hub.plan.unix_users else "one user (not root)"
        print(f"class of {args.students} on JupyterHub ({mode}); set-up {setup:.1f} s")
        print(f"spawn (all at once): median {statistics.median(spawns):.2f} s, "
              f"p95 {percentile(spawns, 0.95):.2f} s, slowest {max(spawns):.2f} s")
        print(f"working kernel (start + course imports): median {statistics.median(kernels):.2f} s, "
              f"p95 {percentile(kernels, 0.95):.2f} s")
        print(f"memory per active student (server + kernel, PSS): median "
              f"{statistics.median(per_student):.1f} MiB, max {max(per_student):.1f} MiB; "
              f"whole class {sum(per_student):.1f} MiB")
        print(f"  of which the server {statistics.median(servers):.1f} MiB and the kernel "
              f"{statistics.median(kernels_mem):.1f} MiB (median; each more open lesson adds a kernel); "
              f"RSS, shared pages counted in full: {statistics.median(resident):.1f} MiB")
        print(f"hub + proxy: {hub_mem:.1f} MiB (proxy {proxy_mem:.1f} MiB; "
              f"{hub_idle / MiB:.1f} MiB before logins)")
        print(f"report over {args.students} hand-ins: {report_time * 1000:.1f} ms "
              f"(json.loads alone {plain_time * 1000:.1f} ms)")
        for problem in problems:
            print(f"MISMATCH: {problem}", file=sys.stderr)
        return 1 if problems else 0
    finally:
        for r in results:
            r["kernel_client"].close()
        hub.close(remove_accounts=True)
        shutil.rmtree(hub_dir, ignore_errors=True)


def _is_kernel(proc) -> bool:
    try:
        return any("ipykernel" in part for part in proc.cmdline())
    except Exception:  # noqa: BLE001 - a process that just ended
        return False


def _proc(popen):
    import psutil

    try:
        return psutil.Process(popen.pid) if popen is not None else None
    except psutil.Error:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
