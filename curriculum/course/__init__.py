"""The course as data: the content model, the loader with its safety rules, the translations
and the sources each lesson cites.

It is the bottom layer because everything else (grading, the classroom's records, the
pages, the handouts, the command line) reads the course, and the course reads none of them:
so the content can be checked, translated and loaded without a kernel, a widget or a hub.
"""
