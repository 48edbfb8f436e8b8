"""The course on The Littlest JupyterHub (TLJH): lessons pulled at login, a class drop-box.

Installed by ``deploy/tljh/setup.sh`` to /opt/tljh/config/jupyterhub_config.d/, which TLJH
loads after its own configuration (``sudo tljh-config reload`` applies it). Every
student's server then starts with ``python -m curriculum.hub.start``: it pulls the lessons
from the repository on this server into ~/cyber-safety-curriculum with nbgitpuller's rules
(a student's changes are never overwritten) and opens the start-here lesson. Nothing here
reaches outside this server.
"""

COURSE = "/srv/cyber-safety-curriculum"  # made by setup.sh: lessons.git and dropbox/

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

LESSONS = "/lab/tree/cyber-safety-curriculum"
CHINESE = "zh-Hant-HK"  # a JupyterHub group: its members learn in Traditional Chinese
CLASS_LANGUAGE = "en"  # or CHINESE, where the whole school teaches in Chinese

c.Spawner.cmd = ["/opt/tljh/user/bin/python", "-m", "curriculum.hub.start"]
c.JupyterHub.load_groups = {CHINESE: {"users": []}}  # add students on the hub's Admin page


def open_in_the_students_language(spawner):
    """Chinese or English lessons, and JupyterLab's own menus in the same language."""
    chinese = CLASS_LANGUAGE == CHINESE or any(g.name == CHINESE for g in spawner.user.groups)
    start = f"{CHINESE}/00-start-here.ipynb" if chinese else "00-start-here.ipynb"
    spawner.default_url = f"{LESSONS}/{start}"
    spawner.environment = {**spawner.environment, "CURRICULUM_LANGUAGE": CHINESE if chinese else "en"}


c.Spawner.pre_spawn_hook = open_in_the_students_language
c.Spawner.environment.update({
    "CURRICULUM_LESSONS_REPO": f"{COURSE}/lessons.git",
    "CURRICULUM_LESSONS_DIR": "cyber-safety-curriculum",
    "CURRICULUM_DROPBOX": f"{COURSE}/dropbox",
})
