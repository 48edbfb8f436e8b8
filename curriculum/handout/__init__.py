"""Handouts: a student worksheet and an educator guide for each lesson, from one source.

The lesson notebook decides what a handout contains and in what order (its Markdown
narrative and its ``show("<ref>")`` cells); the content data decides what each
activity says. ``preprocessors/`` turn the notebook into narrative plus static HTML for one
audience, ``activities.py`` and ``sections.py`` render the parts, ``exporter.py`` is the
nbconvert exporter, and ``build.py`` builds files for the command line.
"""
