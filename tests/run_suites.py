"""``make test``: the browser tests, the hub tests, the other tests and the notebooks, side by side.

The browser tests (marker e2e: one JupyterLab, one Chromium), the hub tests (marker hub:
a real JupyterHub, its proxy and students' servers, and the hub benchmark at 3 students),
the other tests, and the notebooks (nbval, each in its own kernel) share nothing but the
machine. The first two spend much of their time waiting on servers and the last two are
one process each, so on two cores running all four together takes about the time of the
longest, not their sum. Each run's output is shown whole, one after the other, then one
closing line with the totals; the exit status is the worst of them. With arguments
(``make test PYTEST_ARGS=...``) it is one plain pytest run with those arguments.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITES = (("browser tests", ["-m", "e2e", "tests"]),
          ("the class hub", ["-m", "hub", "tests"]),
          ("all other tests", ["-m", "not e2e and not hub", "tests"]),
          ("the notebooks (nbval)", ["notebooks"]))
COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|deselected)")


def main(argv: list[str]) -> int:
    pytest = [sys.executable, "-m", "pytest"]
    if argv:
        return subprocess.call([*pytest, *argv], cwd=ROOT)
    with tempfile.TemporaryDirectory(prefix="csc-suites-") as tmp:
        runs = []
        for n, (name, args) in enumerate(SUITES):
            log = Path(tmp) / f"{n}.log"
            fh = log.open("w", encoding="utf-8")
            proc = subprocess.Popen([*pytest, *args], cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT)
            runs.append((name, proc, fh, log))
        totals: dict[str, int] = {}
        worst = 0
        for name, proc, fh, log in runs:
            code = proc.wait()
            fh.close()
            text = log.read_text(encoding="utf-8", errors="replace")
            print(f"\n===== {name} (exit {code}) =====\n{text}", flush=True)
            last = next((ln for ln in reversed(text.splitlines()) if COUNT.search(ln)), "")
            for number, word in COUNT.findall(last):
                key = "errors" if word.startswith("error") else word
                totals[key] = totals.get(key, 0) + int(number)
            worst = max(worst, code)
    extra = "".join(f", {totals[k]} {k}" for k in ("skipped", "errors") if totals.get(k))
    print(f"total: {totals.get('passed', 0)} passed, {totals.get('failed', 0)} failed{extra}")
    return worst


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
