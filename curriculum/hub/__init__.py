"""The course on a JupyterHub: lessons delivered to each student, a class drop-box, a local hub.

Nothing here runs inside a lesson. ``lessons`` publishes the notebooks as a git
repository and pulls them into a student's home with nbgitpuller's rules; ``start`` is the
command a student's server starts with; ``accounts`` makes the Unix users and the drop-box;
``local`` runs a real JupyterHub and proxy on 127.0.0.1 (``make hub``, the hub tests and
``benchmarks/bench_hub.py``). The hub's own configuration is ``jupyterhub_config.py``.
"""
