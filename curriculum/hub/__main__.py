"""``make hub``: a JupyterHub for a demo class on 127.0.0.1, until Ctrl-C.

Prints the address, the accounts and the class's shared password. Ctrl-C (or SIGTERM)
stops every student's server, the hub and the proxy. The accounts and their homes stay,
so a second ``make hub`` finds each student's progress where they left it;
``--remove-accounts`` deletes them.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from . import accounts
from .local import ROOT, ClassPlan, HubError, LocalHub
from .start import DEFAULT_DIR

DEFAULT_DIR_ROOT = Path("/srv/cyber-safety-curriculum-hub")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m curriculum.hub", description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3, help="how many student accounts (default 3)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--language", choices=["en", "zh-Hant-HK"], default="en",
                        help="the lessons and JupyterLab menus students open in")
    parser.add_argument("--dir", type=Path, default=None,
                        help=f"the hub's folder (default {DEFAULT_DIR_ROOT} as root, else .hub)")
    parser.add_argument("--prefix", default="csc-", help="account name prefix (default csc-)")
    parser.add_argument("--remove-accounts", action="store_true",
                        help="delete the demo class's Unix accounts and homes, then exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.students < 1 or args.students > 200:
        print("--students: give a number from 1 to 200", file=sys.stderr)
        return 1
    hub_dir = args.dir or (DEFAULT_DIR_ROOT if accounts.is_root() else ROOT / ".hub")
    plan = ClassPlan(hub_dir, students=args.students, prefix=args.prefix, language=args.language,
                     port=args.port)
    if args.remove_accounts:
        names = accounts.users_with_prefix(args.prefix) if accounts.is_root() else []
        for name in names:
            accounts.remove_user(name)
        print(f"removed {len(names)} account(s) starting {args.prefix!r}")
        return 0
    hub = LocalHub(plan)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        print("setting up the class (accounts, lessons, the students' environment)...", flush=True)
        hub.prepare()
        hub.start()
        print(_welcome(hub), flush=True)
        while not stop.wait(1):
            if hub.hub is not None and hub.hub.poll() is not None:
                print(f"JupyterHub stopped; see {hub.data_dir / 'jupyterhub.log'}", file=sys.stderr)
                return 1
        print("\nstopping students' servers, the hub and the proxy...", flush=True)
        return 0
    except HubError as exc:
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
        f"  educator:  {plan.educator}",
        f"  students:  {', '.join(plan.student_names)}",
        f"  password:  {hub.password}   (shared by the class, new at every start)",
        f"  lessons:   published to {hub.lessons_repo}; each student gets ~/{DEFAULT_DIR}",
        f"  drop-box:  {hub.dropbox}   (hand-ins; report: python -m curriculum report {hub.dropbox})",
        f"  accounts:  {isolation}",
        "Press Ctrl-C to stop the hub and everything it started.",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
