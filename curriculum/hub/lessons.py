"""Lessons reach students as a git repository, pulled with nbgitpuller's rules.

nbgitpuller is what schools' hubs already use for "click a link, get the lessons": the
first pull clones; later pulls merge the course's updates without overwriting what the
student changed (their edits win a conflict, a file they deleted comes back, a file they
made is kept). ``publish`` turns ``notebooks/`` into a commit of a bare repository, which
is what a hub pulls from when it has no copy of the course on GitHub (the local hub, or a
school that keeps its lessons on its own server). Every student can read that repository,
so only lesson files go in (``lesson_files``): whatever else the folder holds is named and
left out, and a folder that is not the course's notebooks is refused.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.course.files import Unread, read_regular

BRANCH = "main"
# fixed identity and dates are not needed: a commit per publish is what a teacher sees
_AUTHOR = ["-c", "user.name=cyber-safety-curriculum", "-c", "user.email=course@localhost"]


class LessonsError(Exception):
    """Publishing or pulling the lessons failed; the message says what git said."""


def _git(*args: str, env: dict | None = None, input: bytes | None = None) -> str:
    result = subprocess.run(["git", *args], env=env, capture_output=True, input=input)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
        raise LessonsError(f"git {args[0]}: {said.splitlines()[-1] if said else 'failed'}")
    return result.stdout.decode("utf-8", "replace").strip()


START_LESSON = "00-start-here.ipynb"  # the course's notebooks/ folder always has it
LESSON_SUFFIX = ".ipynb"
MAX_LESSON_BYTES = 16 * 1024 * 1024
SKIPPED_QUIETLY = {".ipynb_checkpoints"}  # JupyterLab's own autosaves


@dataclass
class LessonFiles:
    """What ``lesson_files`` found: lessons by path (relative, ``/``-separated) with their
    bytes, and every entry left out with the reason."""

    lessons: dict[str, bytes] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def lesson_files(notebooks: Path) -> LessonFiles:
    """The lessons in ``notebooks``: ``*.ipynb`` files in the folder and in its sub-folders
    one level down (``zh-Hant-HK/``, ``educator/``), read without following any link.

    The lessons repository is readable by every student, so nothing else goes in: not a
    hidden file, a link, a FIFO, a deeper folder or any other name. Each entry left out
    is named (``left_out``), except JupyterLab's ``.ipynb_checkpoints``. A folder without
    ``00-start-here.ipynb`` is not the course's notebooks folder and is refused.
    """
    notebooks = Path(notebooks)
    try:  # the folder named is the one meant, a link included; nothing inside is followed
        top = os.open(os.path.realpath(notebooks), os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        raise LessonsError(f"{notebooks}: no lessons folder to publish") from None
    except OSError as exc:
        raise LessonsError(f"{notebooks}: not a folder of lessons to publish ({exc.strerror})") from None
    found = LessonFiles()
    try:
        _read_folder(top, "", found, depth=0)
    finally:
        os.close(top)
    if START_LESSON not in found.lessons:
        raise LessonsError(f"{notebooks}: not the course's notebooks folder (no {START_LESSON}): "
                           "give the course's notebooks/ folder")
    return found


def _read_folder(fd: int, prefix: str, found: LessonFiles, depth: int) -> None:
    try:
        names = sorted(os.listdir(fd))
    except OSError as exc:
        found.left_out.append(f"{prefix or './'} (cannot be listed: {exc.strerror})")
        return
    for name in names:
        path = prefix + name
        if name in SKIPPED_QUIETLY:
            continue
        if name.startswith("."):
            found.left_out.append(f"{path} (hidden)")
            continue
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError as exc:
            found.left_out.append(f"{path} ({exc.strerror})")
            continue
        if stat.S_ISDIR(info.st_mode):
            if depth > 0:
                found.left_out.append(f"{path}/ (a folder inside a sub-folder)")
                continue
            try:
                sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                found.left_out.append(f"{path}/ ({exc.strerror})")
                continue
            try:
                _read_folder(sub, f"{path}/", found, depth + 1)
            finally:
                os.close(sub)
        elif not name.endswith(LESSON_SUFFIX):
            found.left_out.append(f"{path} (not a {LESSON_SUFFIX} lesson)")
        elif not stat.S_ISREG(info.st_mode):
            found.left_out.append(f"{path} (not a regular file: a link, a FIFO, ...)")
        else:
            data = _read_lesson(fd, name)
            if isinstance(data, str):
                found.left_out.append(f"{path} ({data})")
            else:
                found.lessons[path] = data


def _read_lesson(fd: int, name: str) -> bytes | str:
    """The file's bytes, or why it was not read (it may have changed since it was listed)."""
    try:
        return read_regular(name, MAX_LESSON_BYTES, dir_fd=fd)[0]
    except Unread as exc:
        if exc.why == "not_regular":
            return "not a regular file"
        if exc.why == "too_large":
            return f"larger than {MAX_LESSON_BYTES // (1024 * 1024)} MiB"
        return exc.error.strerror or str(exc.error)


def publish(notebooks: Path, repo: Path, message: str = "Lessons",
            left_out: list[str] | None = None) -> str | None:
    """Commit the lessons in ``notebooks`` (``lesson_files``) to branch ``main`` of the
    bare repository ``repo`` (made if missing). Return the new commit id, or None if
    nothing changed; what was left out is added to ``left_out`` when given.

    Outputs are never published: the notebooks are committed clean (a test enforces it).
    """
    found = lesson_files(notebooks)
    if left_out is not None:
        left_out.extend(found.left_out)
    repo = Path(os.path.abspath(repo))
    _bare_repository(repo)
    with tempfile.TemporaryDirectory(prefix="csc-publish-") as tmp:
        env = {**os.environ, "GIT_DIR": str(repo), "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        env.pop("GIT_WORK_TREE", None)
        entries = []
        for path, data in found.lessons.items():
            blob = _git("hash-object", "-w", "--stdin", env=env, input=data)
            entries.append(f"100644 {blob}\t{path}\0")
        _git("update-index", "--add", "-z", "--index-info", env=env, input="".join(entries).encode())
        tree = _git("write-tree", env=env)
        parent = _branch_head(repo)
        if parent and _git("rev-parse", f"{parent}^{{tree}}", env=env) == tree:
            return None
        commit = _git(*_AUTHOR, "commit-tree", tree, *(["-p", parent] if parent else []),
                      "-m", message, env=env)
        _git("update-ref", f"refs/heads/{BRANCH}", commit, env=env)
    # readable by every student's account; git keeps its own modes inside
    for path in [repo, *repo.rglob("*")]:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode):
            path.chmod(info.st_mode | (0o055 if stat.S_ISDIR(info.st_mode) else 0o044))
    return commit


def _bare_repository(repo: Path) -> None:
    """``repo`` is a bare repository, made here if the folder is missing or empty; any
    other folder is refused (a repository is made inside it, readable by every student)."""
    try:
        if repo.is_symlink() or (repo.exists() and not repo.is_dir()):
            raise LessonsError(f"{repo}: not a folder for the lessons repository")
        if repo.is_dir() and any(repo.iterdir()):
            result = subprocess.run(["git", "--git-dir", str(repo), "rev-parse", "--is-bare-repository"],
                                    capture_output=True, text=True)
            if result.stdout.strip() != "true":
                raise LessonsError(f"{repo}: already holds other files and is not a bare git "
                                   "repository: give a new or empty folder")
            return
        repo.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LessonsError(f"{repo}: cannot make the lessons repository here ({exc.strerror})") from None
    _git("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(repo))


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
