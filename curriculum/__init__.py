"""cyber-safety-curriculum: the course as data, and the machinery around it.

Kept import-light on purpose (no matplotlib, no ipywidgets here) so that
``python -m curriculum check`` and the notebooks' first cell start fast.
"""

__version__ = "0.1.0"
