"""The students' environment for a hub run as root: the course installed where every class
account can run it, because this clone's ``.venv`` may sit where other users cannot reach
(``/root``)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the course's source tree (make hub runs from it)


class ServerEnvError(Exception):
    """The students' environment could not be built; the message says what to do."""


def reachable_by_all(path: Path) -> bool:
    """Every folder above ``path`` can be passed through by other users (o+x)."""
    path = path.resolve()
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in [path, *path.parents] if p.exists())


def shared_python() -> str:
    """A Python interpreter every class account can run, same version as this one."""
    here = Path(os.path.realpath(sys.executable))
    if reachable_by_all(here.parent):
        return str(here)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (Path("/usr/bin") / version, Path("/usr/local/bin") / version, Path("/usr/bin/python3")):
        if candidate.exists():
            return str(candidate)
    raise ServerEnvError(f"no Python that other users can run: {here} is not reachable by them; "
                         f"install {version} from your system's packages")


def source_fingerprint() -> str:
    """What the students' environment is built from: the project file and the packages."""
    digest = hashlib.sha256()
    files = [ROOT / "pyproject.toml", *sorted((ROOT / "curriculum").rglob("*")),
             *sorted((ROOT / "widgets").rglob("*")), *sorted((ROOT / "jupyter-settings").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build_server_env(target: Path) -> Path:
    """Install the course (not editable) and the hub's single-user parts into ``target``,
    a virtual environment every class account can run; return its python.

    Built again only when the course's files changed since (``source_fingerprint``), so
    a second ``make hub`` or test run starts at once; a lock keeps two runs that share
    ``target`` from building it at the same time.
    """
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        raise ServerEnvError("uv is not installed in this environment: run `make hub`, which installs it")
    python = target / "bin" / "python"
    target.parent.mkdir(parents=True, exist_ok=True)
    marker = target / ".curriculum-source"
    wanted = source_fingerprint()
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if python.exists() and marker.exists() and marker.read_text() == wanted:
            return python
        steps = [[uv, "venv", "--quiet", "--allow-existing", "--python", shared_python(), str(target)],
                 [uv, "pip", "install", "--quiet", "--python", str(python),
                  "--reinstall-package", "cyber-safety-curriculum", f"{ROOT}[hub]"]]
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True)
            if result.returncode != 0:
                raise ServerEnvError(f"could not build the students' environment in {target}: "
                                     f"{result.stderr.strip()[-500:]}")
        target.chmod(0o755)
        marker.write_text(wanted)
    return python
