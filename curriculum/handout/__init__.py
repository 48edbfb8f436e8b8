"""Handouts: a student worksheet and an educator guide for each lesson, from one source.

The lesson notebook decides what a handout contains and in what order (its Markdown
narrative and its ``show("<ref>")`` cells); the content data decides what each
activity says. The nbconvert preprocessors in ``preprocessors/``, listed in order in
``templates/handout/conf.json``, turn the notebook into narrative plus static HTML for one
audience; ``layouts.py`` and ``sections.py`` render the parts, ``exporter.py`` is the
nbconvert exporter, and ``build.py`` builds files for the command line.
"""
