"""The course on a JupyterHub: lessons delivered to each student, a class drop-box, a local hub.

Nothing here runs inside a lesson. ``lessons`` publishes the notebooks as a git
repository and pulls them into a student's home with nbgitpuller's rules; ``start`` is the
command a student's server starts with; ``accounts`` makes the Unix users and the drop-box;
``local`` runs a real JupyterHub on 127.0.0.1 (``make hub``), with the students'
environment from ``server_env``. The hub's own configuration is ``jupyterhub_config.py``,
and ``language_hook.py`` (each student's language, by JupyterHub group) is the one file
every hub of the course loads.
"""
