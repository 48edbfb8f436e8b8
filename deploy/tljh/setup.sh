#!/usr/bin/env bash
# Put the course on a server running The Littlest JupyterHub (TLJH). Run as root from a
# clone of the course, after the educator has logged in to the hub once (TLJH makes the
# Unix account jupyter-<name> at first login):
#
#   sudo deploy/tljh/setup.sh <educator's hub user name> [memory limit per user, e.g. 1G]
#
# Run it again after `git pull` to deliver lesson updates: students get them at their
# next login, and what they changed in their copy is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" -ne 0 ] || [ $# -lt 1 ]; then
  echo "usage: sudo $0 <educator's hub user name> [memory limit per user, e.g. 1G]" >&2
  exit 1
fi
EDUCATOR="jupyter-$1"
MEMORY="${2:-1G}"
COURSE=/srv/cyber-safety-curriculum
USER_ENV=/opt/tljh/user
if ! id "$EDUCATOR" >/dev/null 2>&1; then
  echo "no account $EDUCATOR: log in to the hub once as $1, then run this again" >&2
  exit 1
fi

# The course into the students' environment (from PyPI at install time only).
"$USER_ENV/bin/pip" install --quiet ".[hub]"
install -d -m 0755 "$COURSE"
"$USER_ENV/bin/python" -m curriculum.hub publish notebooks "$COURSE/lessons.git" \
  --message "Lessons from $(git rev-parse --short HEAD 2>/dev/null || echo this copy)"
"$USER_ENV/bin/python" -m curriculum.hub dropbox "$COURSE/dropbox" --educator "$EDUCATOR"
install -m 0644 deploy/tljh/jupyterhub_config.d/cyber-safety-curriculum.py \
  /opt/tljh/config/jupyterhub_config.d/cyber-safety-curriculum.py
# each student's lessons and menus in their language, by JupyterHub group: the same hook
# file every hub of the course loads
install -m 0644 curriculum/hub/language_hook.py \
  /opt/tljh/config/jupyterhub_config.d/cyber-safety-curriculum-language.py

# Per-student limits and the idle culler (see deploy/README.md for the sizing).
tljh-config set limits.memory "$MEMORY"
tljh-config set limits.cpu 1
tljh-config set services.cull.timeout 1800
tljh-config reload
echo "done: students get the lessons at their next login; hand-ins arrive in $COURSE/dropbox"
