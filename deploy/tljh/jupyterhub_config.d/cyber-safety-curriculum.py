"""The course on The Littlest JupyterHub (TLJH): lessons pulled at login, a class drop-box.

Installed by ``deploy/tljh/setup.sh`` to /opt/tljh/config/jupyterhub_config.d/, which TLJH
loads after its own configuration (``sudo tljh-config reload`` applies it). Every
student's server then starts with ``python -m curriculum.hub.start``: it pulls the lessons
from the repository on this server into ~/cyber-safety-curriculum with nbgitpuller's rules
(a student's changes are never overwritten). Which lesson it opens, in which language, is
decided by the course's language hook (``curriculum/hub/language_hook.py``), which setup.sh
installs beside this file. Nothing here reaches outside this server.
"""

COURSE = "/srv/cyber-safety-curriculum"  # made by setup.sh: lessons.git and dropbox/

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

c.Spawner.cmd = ["/opt/tljh/user/bin/python", "-m", "curriculum.hub.start"]
# its members learn in Traditional Chinese: add students on the hub's Admin page (every
# student, where the whole school teaches in Chinese)
c.JupyterHub.load_groups = {"zh-Hant-HK": {"users": []}}
c.Spawner.environment.update({
    "CURRICULUM_LESSONS_REPO": f"{COURSE}/lessons.git",
    "CURRICULUM_LESSONS_DIR": "cyber-safety-curriculum",
    "CURRICULUM_DROPBOX": f"{COURSE}/dropbox",
})
