"""``python -m curriculum``: the maintainer's and educator's command line."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
