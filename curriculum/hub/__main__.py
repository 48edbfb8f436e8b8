"""``python -m curriculum.hub``: run a class hub here, or set up a school's own hub.

``demo`` (``make hub``) runs a JupyterHub for a demo class on 127.0.0.1 until Ctrl-C. It
prints the address, the accounts, the class's shared password (any student's account) and
the educator's own password (``auth``). Ctrl-C (or SIGTERM) stops the hub, which stops
every student's server and the proxy on its way out. If the hub process alone dies, it is
started again and students' servers keep running, as under a school's service manager.
The accounts and their homes stay, so a second ``make hub`` finds each student's progress
where they left it; ``--remove-accounts`` deletes them.

``publish`` and ``dropbox`` are the two steps a school's own hub needs (``deploy/``):
the lessons as a git repository its students' servers pull from, and the drop-box folder.

Every bad input is one line on stderr naming the option or the path, and exit status 1.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
from pathlib import Path

from . import accounts
from .lessons import LessonsError, publish
from .local import ClassPlan, HubError, LocalHub, claim_hub_dir
from .server_env import ROOT
from .start import DEFAULT_DIR

DEFAULT_DIR_ROOT = Path("/srv/cyber-safety-curriculum-hub")
ACCOUNT_PREFIX = re.compile(r"[a-z][a-z0-9_-]{0,19}")  # + "student200" fits useradd's 32


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line naming the option, exit 1 (the
    project's rule for bad input), not the usage block and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(1, f"{self.prog}: {message} (see --help)\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number from 1 to 65535")
    return port


def _students(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 0 < count <= 200:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number from 1 to 200")
    return count


def _prefix(text: str) -> str:
    if not ACCOUNT_PREFIX.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{text!r}: use 1 to 20 lower-case letters, digits, - or _, "
                                         "starting with a letter")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m curriculum.hub", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = sub.add_parser("demo", help="a JupyterHub for a demo class on 127.0.0.1 (make hub)")
    demo.add_argument("--students", type=_students, default=3, help="how many student accounts (default 3)")
    demo.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default 8000)")
    demo.add_argument("--language", choices=["en", "zh-Hant-HK"], default="en",
                      help="the lessons and JupyterLab menus students open in")
    demo.add_argument("--dir", type=Path, default=None,
                      help=f"the hub's folder (default {DEFAULT_DIR_ROOT} as root, else .hub)")
    demo.add_argument("--prefix", type=_prefix, default="csc-", help="account name prefix (default csc-)")
    demo.add_argument("--remove-accounts", action="store_true",
                      help="delete the demo class's Unix accounts and homes, then exit")
    pub = sub.add_parser("publish", help="commit the lessons to a git repository students pull from")
    pub.add_argument("notebooks", type=Path, help="the course's notebooks/ folder (only its *.ipynb "
                     "lessons are published)")
    pub.add_argument("repo", type=Path, help="the bare repository (made if missing or empty)")
    pub.add_argument("--message", default="Lessons", help="the commit message")
    box = sub.add_parser("dropbox", help="make the class drop-box: students may add files, not read them")
    box.add_argument("folder", type=Path, help="a new or empty folder, or the drop-box to repair")
    box.add_argument("--educator", required=True, help="the educator's Unix account, who reads the hand-ins")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "publish":
            left_out: list[str] = []
            commit = publish(args.notebooks, args.repo, args.message, left_out=left_out)
            if left_out:
                print(f"left out of the lessons (only *.ipynb files are published): {'; '.join(left_out)}",
                      file=sys.stderr)
            print(f"published {commit[:12]} to {args.repo}" if commit else
                  f"{args.repo} already has these lessons: nothing to publish")
            return 0
        if args.command == "dropbox":
            if not accounts.is_root():
                raise accounts.AccountsError("making a drop-box for another account needs root (sudo)")
            if not accounts.exists(args.educator):
                raise accounts.AccountsError(f"--educator: no Unix account named {args.educator!r}")
            folder = accounts.make_dropbox(args.folder, args.educator)
            print(f"{folder}: drop-box of {args.educator}, mode 3733 (students add, only the educator "
                  "reads; a hand-in counts for the account that owns it)")
            return 0
        return demo(args)
    except (LessonsError, accounts.AccountsError, HubError) as exc:
        print(f"python -m curriculum.hub {args.command}: {exc}", file=sys.stderr)
        return 1


def demo(args: argparse.Namespace) -> int:
    if args.remove_accounts:
        names = accounts.class_accounts(args.prefix) if accounts.is_root() else []
        for name in names:
            accounts.remove_user(name)
        print(f"removed {len(names)} account(s) starting {args.prefix!r}")
        return 0
    try:
        hub_dir = claim_hub_dir(args.dir or (DEFAULT_DIR_ROOT if accounts.is_root() else ROOT / ".hub"))
    except HubError as exc:
        print(f"make hub: --dir: {exc}", file=sys.stderr)
        return 1
    plan = ClassPlan(hub_dir, students=args.students, prefix=args.prefix, language=args.language,
                     port=args.port)
    hub = LocalHub(plan)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        print("setting up the class (accounts, lessons, the students' environment)...", flush=True)
        hub.prepare()
        hub.start()
        print(_welcome(hub), flush=True)
        hub.keep_running(stop, say=lambda line: print(line, file=sys.stderr, flush=True))
        print("\nstopping students' servers, the hub and the proxy...", flush=True)
        return 0
    except (HubError, accounts.AccountsError, LessonsError) as exc:
        print(f"make hub: {exc}", file=sys.stderr)
        return 1
    finally:
        hub.close()


def _welcome(hub: LocalHub) -> str:
    plan = hub.plan
    isolation = ("each account is a Unix user; students cannot read each other's files"
                 if plan.unix_users else
                 "not run as root: every server runs as you, so students are NOT kept apart "
                 "(fine for trying the course; run as root or on a real hub for a class)")
    return "\n".join([
        "",
        f"The class hub is at {hub.url}",
        f"  students:  {', '.join(plan.student_names)}",
        f"  password:  {hub.password}   (the class's, new at every start)",
        "             It opens ANY student's account, so a student who has it can sign in as a",
        "             classmate; it does not open the educator's account. This is a demo:",
        "             a school's hub signs each student in with its own authenticator",
        "             (the school's accounts), see deploy/README.md.",
        "",
        f"  educator:  {plan.educator}",
        f"  educator's password:  {hub.educator_password}   (opens this account only; not for students)",
        "",
        f"  lessons:   published to {hub.lessons_repo}; each student gets ~/{DEFAULT_DIR}",
        f"  drop-box:  {hub.dropbox}   (hand-ins)",
        f"  report:    python -m curriculum report {hub.dropbox}   (as the educator or root; "
        "written to ~/class-reports/, readable by that account only)",
        f"  accounts:  {isolation}",
        "Press Ctrl-C to stop the hub and everything it started.",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
