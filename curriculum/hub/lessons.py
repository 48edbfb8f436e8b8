"""Lessons reach students as a git repository, pulled with nbgitpuller's rules.

nbgitpuller is what schools' hubs already use for "click a link, get the lessons": the
first pull clones; later pulls merge the course's updates without overwriting what the
student changed (their edits win a conflict, a file they deleted comes back, a file they
made is kept). ``publish`` turns ``notebooks/`` into a commit of a bare repository, which
is what a hub pulls from when it has no copy of the course on GitHub (the local hub, or a
school that keeps its lessons on its own server).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BRANCH = "main"
# fixed identity and dates are not needed: a commit per publish is what a teacher sees
_AUTHOR = ["-c", "user.name=cyber-safety-curriculum", "-c", "user.email=course@localhost"]


class LessonsError(Exception):
    """Publishing or pulling the lessons failed; the message says what git said."""


def _git(*args: str, cwd: Path | None = None, env: dict | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise LessonsError(f"git {args[0]}: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def publish(notebooks: Path, repo: Path, message: str = "Lessons") -> str | None:
    """Commit the tree under ``notebooks`` to branch ``main`` of the bare repository
    ``repo`` (made if missing). Return the new commit id, or None if nothing changed.

    Outputs are never published: the notebooks are committed clean (a test enforces it).
    Hidden files and ``.ipynb_checkpoints`` stay behind.
    """
    notebooks, repo = Path(notebooks).resolve(), Path(repo)
    if not notebooks.is_dir():
        raise LessonsError(f"{notebooks}: no lessons folder to publish")
    if not (repo / "HEAD").exists():
        repo.mkdir(parents=True, exist_ok=True)
        _git("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(repo))
    with tempfile.TemporaryDirectory(prefix="csc-publish-") as tmp:
        env = {**os.environ, "GIT_DIR": str(repo), "GIT_WORK_TREE": str(notebooks),
               "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _git("add", "--all", "--", ".", ":(exclude).*", ":(exclude)**/.ipynb_checkpoints",
             cwd=notebooks, env=env)
        tree = _git("write-tree", env=env)
        parent = _branch_head(repo)
        if parent and _git("rev-parse", f"{parent}^{{tree}}", env=env) == tree:
            return None
        commit = _git(*_AUTHOR, "commit-tree", tree, *(["-p", parent] if parent else []),
                      "-m", message, env=env)
        _git("update-ref", f"refs/heads/{BRANCH}", commit, env=env)
    # readable by every student's account; git keeps its own modes inside
    for path in [repo, *repo.rglob("*")]:
        path.chmod(path.stat().st_mode | (0o055 if path.is_dir() else 0o044))
    return commit


def _branch_head(repo: Path) -> str:
    """The commit ``main`` points at, or "" in a repository with no commit yet."""
    result = subprocess.run(["git", "--git-dir", str(repo), "rev-parse", "--verify", "--quiet",
                             f"refs/heads/{BRANCH}"], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""


@contextmanager
def _trusting(repo_url: str) -> Iterator[None]:
    """Let this process's git read a repository on this machine owned by another user.

    Git refuses such a repository ("dubious ownership") unless the *global* config trusts
    it; a ``-c`` option or ``GIT_CONFIG_*`` is dropped on the way to ``git upload-pack``.
    So for the pull only, git reads a global config that trusts just this folder.
    """
    if "://" in repo_url and not repo_url.startswith("file://"):
        yield
        return
    path = repo_url.removeprefix("file://")
    saved = os.environ.get("GIT_CONFIG_GLOBAL")
    with tempfile.TemporaryDirectory(prefix="csc-git-") as tmp:
        config = Path(tmp) / "gitconfig"
        lines = ["[safe]", f"\tdirectory = {path}"]
        if saved is None and (Path.home() / ".gitconfig").exists():
            lines = [f"[include]\n\tpath = {Path.home() / '.gitconfig'}", *lines]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.environ["GIT_CONFIG_GLOBAL"] = str(config)
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop("GIT_CONFIG_GLOBAL", None)
            else:
                os.environ["GIT_CONFIG_GLOBAL"] = saved


def pull(repo_url: str, target: Path, branch: str = BRANCH) -> list[str]:
    """Clone or update ``target`` from ``repo_url`` exactly as an nbgitpuller link would;
    return git's output lines."""
    from nbgitpuller.pull import GitPuller

    with _trusting(repo_url):
        try:
            return [str(line).rstrip() for line in
                    GitPuller(repo_url, str(target), branch=branch, depth=0).pull()]
        except Exception as exc:  # nbgitpuller raises plain exceptions with git's message
            raise LessonsError(f"could not pull the lessons from {repo_url}: {exc}") from None


def nbgitpuller_link(hub_url: str, repo_url: str, folder: str, open_path: str,
                     branch: str = BRANCH) -> str:
    """The link a teacher shares: log in, pull the lessons into ``folder``, open one."""
    from urllib.parse import urlencode

    query = urlencode({"repo": repo_url, "branch": branch,
                       "urlpath": f"lab/tree/{folder}/{open_path}", "targetpath": folder})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"
