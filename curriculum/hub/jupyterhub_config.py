"""JupyterHub configuration for a class on one machine (``make hub``, the hub tests, the benchmark).

``curriculum.hub.local`` writes a settings file and starts ``jupyterhub -f`` on this file
with ``CURRICULUM_HUB_SETTINGS`` pointing at it. Everything listens on 127.0.0.1. The
proxy is started separately (so the hub can restart while students keep working), and
the hub leaves students' servers running when it stops (``cleanup_servers``): stopping
them is the launcher's job. For a school's own server see ``deploy/``.
"""

import json
import os

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

s = json.load(open(os.environ["CURRICULUM_HUB_SETTINGS"], encoding="utf-8"))

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = s["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s["hub_port"]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(s["data_dir"], "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(s["data_dir"], "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s['proxy_api_port']}"
c.ConfigurableHTTPProxy.auth_token = s["proxy_token"]

# One shared password for the students, and the educator's own password (curriculum.hub.auth
# says why the stock SharedPasswordAuthenticator is not enough). The educator is an
# ordinary user, not a hub admin: what they can read is decided by the drop-box's Unix
# permissions.
c.JupyterHub.authenticator_class = "curriculum.hub.auth.ClassPasswordAuthenticator"
c.ClassPasswordAuthenticator.user_password = s["password"]
c.ClassPasswordAuthenticator.own_passwords = {s["educator"]: s["educator_password"]}
c.Authenticator.allowed_users = set(s["students"]) | {s["educator"]}

# The launcher (and the tests acting as students) talk to the hub with a service token.
c.JupyterHub.services = [{"name": "curriculum-launcher", "api_token": s["service_token"]}]
c.JupyterHub.load_roles = [{
    "name": "curriculum-launcher",
    "scopes": ["list:users", "read:users", "admin:servers", "access:servers"],
    "services": ["curriculum-launcher"],
}]

if s["unix_users"]:
    # each student's server runs as that student's Unix account
    c.JupyterHub.spawner_class = "localprocess"
else:
    # no root: every server runs as the hub's user, homes under the hub's folder
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(s["homes_dir"], "{username}")

c.Spawner.cmd = [s["server_python"], "-m", "curriculum.hub.start"]
c.Spawner.environment = s["server_environment"]


def open_in_the_students_language(spawner):
    """The student's lessons (English or Chinese) and JupyterLab's menus in their language."""
    language = s["languages"].get(spawner.user.name, s["language"])
    spawner.default_url = s["default_urls"][language]
    spawner.environment = {**spawner.environment, "CURRICULUM_LANGUAGE": language}


c.Spawner.pre_spawn_hook = open_in_the_students_language
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.log_level = "INFO"
if not s["unix_users"] and os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]  # only when a root user asks for one shared account
