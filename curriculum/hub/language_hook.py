"""Each student's lessons and JupyterLab's menus in their language, decided by JupyterHub groups.

Every hub of the course loads this one file as JupyterHub configuration: ``make hub``'s
(``jupyterhub_config.py`` beside it), The Littlest JupyterHub's (``deploy/tljh/setup.sh``
copies it into ``jupyterhub_config.d/``) and Zero to JupyterHub's (``hub.extraFiles`` in
``deploy/z2jh/values.yaml``). It imports nothing: on TLJH and z2jh the course is not
installed in the hub's environment. A member of the group ``zh-Hant-HK`` learns in
Traditional Chinese, everyone else in English.
"""

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

LESSONS = "/lab/tree/cyber-safety-curriculum"  # the lessons folder in each student's home
START = {"en": "00-start-here.ipynb", "zh-Hant-HK": "zh-Hant-HK/00-start-here.ipynb"}


def open_in_the_students_language(spawner):
    """The start-here lesson and JupyterLab's own menus (``CURRICULUM_LANGUAGE``) in the
    language of the student's group."""
    groups = {group.name for group in spawner.user.groups}
    language = next((name for name in START if name in groups), "en")
    spawner.default_url = f"{LESSONS}/{START[language]}"
    spawner.environment = {**spawner.environment, "CURRICULUM_LANGUAGE": language}


c.Spawner.pre_spawn_hook = open_in_the_students_language
