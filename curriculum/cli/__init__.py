"""Command-line dispatcher. Each command lives in its own module with ``register``/``run``.

Errors a person can fix (bad content, bad input files) are printed as one clear line
each and give exit status 1; a traceback is never the interface.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command name -> module (relative to this package) providing register(parser) and run(args)
COMMANDS = {
    "check": ".check",
    "handouts": ".handouts",
    "progress": ".progress",
    "report": ".report",
    "translations": ".translations",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m curriculum",
        description="Tools for the cyber-safety curriculum.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        mod = importlib.import_module(module, __package__)
        p = sub.add_parser(name, help=mod.__doc__.strip().splitlines()[0],
                           description=mod.__doc__)
        mod.register(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
