"""JupyterHub configuration for a class on one machine (``make hub``, the hub tests, the benchmark).

``curriculum.hub.local`` writes this run's values (ports, passwords, accounts, paths) as
traits to a 0600 ``jupyterhub_config.json`` beside a one-line ``jupyterhub_config.py``
that loads this file; JupyterHub reads both. Everything listens on 127.0.0.1. JupyterHub
starts and stops the proxy and stops students' servers when it stops (its defaults). For
a school's own server see ``deploy/``.
"""

import os

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.hub_ip = "127.0.0.1"

# One shared password for the students, and the educator's own password (curriculum.hub.auth
# says why the stock SharedPasswordAuthenticator is not enough). The educator is an
# ordinary user, not a hub admin: what they can read is decided by the drop-box's Unix
# permissions.
c.JupyterHub.authenticator_class = "curriculum.hub.auth.ClassPasswordAuthenticator"

c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.log_level = "INFO"

# each student's lessons in their language, by JupyterHub group, as on a school's hub
load_subconfig(os.path.join(os.path.dirname(__file__), "language_hook.py"))  # noqa: F821
